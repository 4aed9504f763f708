"""Extraction on text with no line breaks (and no sentence ends): time, memory, quote size.

    python bench/long_lines.py [PATH] [--sizes 1,5,10,20,50] [--shapes line,nosentence]

Shapes: `line` is real text with every line break replaced by a space (one huge line);
`nosentence` also drops every ". ! ?" (one giant sentence). The text is made by repeating
the .txt files under PATH (default ../shared/data/bbc) or, when PATH is missing, a few
sentences written here. Each size runs in a fresh process so its peak memory is its own.
Extraction must stay linear: MB/s roughly constant as the size grows, and the quotes
bounded (total quote characters a small multiple of the text, never its square).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
DEFAULT_PATH = os.path.join(REPO, "..", "shared", "data", "bbc")
_OWN_TEXT = (
    "The council said 1,380 homes were flooded and between 2,115 and 2,904 people moved out. "
    "Shares rose 4.2% to 231p on Tuesday, while about a quarter of a million visitors came. "
    "Temperatures fell to -7 C overnight; some 40 roads were shut for 3 days in March 2019. "
)


def _base(path: str) -> str:
    if not os.path.isdir(path):
        return _OWN_TEXT * 200
    parts = []
    for name in sorted(os.listdir(path)):
        if name.endswith(".txt") and name != "README.TXT":
            with open(os.path.join(path, name), encoding="utf-8", errors="replace") as fh:
                parts.append(fh.read())
    return " ".join(parts) or _OWN_TEXT * 200


def _text(path: str, megabytes: float, shape: str) -> str:
    base = _base(path).replace("\r", " ").replace("\n", " ")
    if shape == "nosentence":
        base = base.translate(str.maketrans(".!?", "   "))
    size = int(megabytes * 1e6)
    return (base * (size // len(base) + 1))[:size]


def _one(path: str, megabytes: float, shape: str) -> None:
    from checker.extract import extract_text

    text = _text(path, megabytes, shape)
    t0 = time.perf_counter()
    claims = extract_text(text)
    seconds = time.perf_counter() - t0
    quotes = sum(len(c.quote) for c in claims)
    longest = max((len(c.quote) for c in claims), default=0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{shape:11} {megabytes:6.1f} MB  {seconds:7.2f} s  {megabytes / seconds:6.2f} MB/s  "
          f"peak {peak:5.0f} MB  claims {len(claims):7}  quote chars {quotes:12,}  "
          f"longest quote {longest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH)
    parser.add_argument("--sizes", default="1,5,10,20,50", help="megabytes, comma-separated")
    parser.add_argument("--shapes", default="line,nosentence")
    parser.add_argument("--one", nargs=2, metavar=("MB", "SHAPE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.path, float(args.one[0]), args.one[1])
        return
    for shape in args.shapes.split(","):
        for size in args.sizes.split(","):
            subprocess.run([sys.executable, __file__, args.path, "--one", size, shape],
                           check=True)


if __name__ == "__main__":
    main()
