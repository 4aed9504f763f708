"""Comparison time for one rule group of 10k, 100k and 1M claims.

    python bench/compare_group.py [--sizes 10000,100000,1000000] [--seed 7]

The claims are what a big corpus gives a rule about one figure: most say it ("463",
"over 460", "about 460"), across many documents, and a few per thousand drift (462,
436, 4630). Prints, per size: seconds for `compare_group` (the sweep, the consensus
and every conflict finding with its references), findings, and the consensus count.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from checker.compare.groups import compare_group  # noqa: E402
from checker.model import Claim  # noqa: E402
from checker.rules.rule import Rule  # noqa: E402

_WRITTEN = [("463", "exact", 463, 463), ("over 460", "over", 460, 920),
            ("about 460", "about", 414, 506), ("463", "exact", 463, 463)]
_DRIFTED = [("462", 462), ("436", 436), ("4630", 4630), ("46", 46)]


def claims(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        doc = f"doc{i // 20:07d}.txt"
        start = (i % 20) * 300
        if rng.random() < 0.002:
            text, value = rng.choice(_DRIFTED)
            qualifier, low, high = "exact", value, value
        else:
            text, qualifier, low, high = rng.choice(_WRITTEN)
            value = low if qualifier == "exact" else int(text.split()[-1])
        text = f"{text} signatories"
        out.append(Claim(doc=doc, start=start, end=start + len(text), line=1 + i % 20,
                         column=1, text=text, quote=f"A letter with {text}.", kind="count",
                         value=value, qualifier=qualifier, low=low, high=high,
                         unit="signatories", rule="signatories", group="signatories"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rule = Rule(id="signatories", units=("signatories",))
    print(f"{'claims':>9} {'seconds':>8} {'findings':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        group = claims(size, args.seed)
        started = time.perf_counter()
        findings = compare_group(rule, group)
        seconds = time.perf_counter() - started
        print(f"{size:>9,} {seconds:>8.2f} {len(findings):>9,}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
