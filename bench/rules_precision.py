"""Precision of the shipped rules on the documents whose sentences carry several figures.

    python bench/rules_precision.py [--corpus corpus] [--rules rules]
                                    [--expected tests/fixtures/corpus-expected.yaml]

Scans the corpus with the rules (`checker scan --format json`), then holds the report
against the expectation entries that name an `event:` (the Sewol and Rana Plaza
documents, listed in docs/corpus.md): prints the recall on the planted contradictions
(`must_find`), the traps a finding trips (`must_not_find`), and every other finding on
those documents (a false alarm no trap foresaw). The goal is 100 % and 0.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.expectations import _assignments, broken_by, found  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(REPO / "corpus"))
    parser.add_argument("--rules", default=str(REPO / "rules"))
    parser.add_argument("--expected", default=str(REPO / "tests/fixtures/corpus-expected.yaml"))
    args = parser.parse_args()
    expected = yaml.safe_load(Path(args.expected).read_text(encoding="utf-8"))
    finds = [e for e in expected.get("must_find", []) if e.get("event")]
    traps = [e for e in expected.get("must_not_find", []) if e.get("event")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker", "scan", args.corpus, "--rules",
                        args.rules, "--no-cache", "--fail-on", "never", "--format", "json",
                        "-o", str(out)], check=True, cwd=REPO)
        seconds = time.perf_counter() - start
        report = json.loads(out.read_text(encoding="utf-8"))
    findings = report["findings"]
    events = sorted({e["event"] for e in finds + traps})
    docs = _event_documents(finds + traps, report)
    print(f"rules_precision: {args.corpus} with {args.rules}; events {', '.join(events)}; "
          f"{len(docs)} documents; scan {seconds:.2f} s")
    hits = [e for e in finds if found(e, findings)]
    print(f"contradictions found   {len(hits)}/{len(finds)}  "
          f"recall {100 * len(hits) / max(1, len(finds)):.1f} %")
    for e in finds:
        print(f"  {'ok  ' if e in hits else 'MISS'} {e['why']}")
    tripped = [(e, f) for e in traps for f in broken_by(e, findings)]
    explained = {f["id"] for e in finds for f in findings
                 if any(True for _ in _assignments(e["claims"], f["claims"]))}
    other = [f for f in findings if f["id"] not in explained
             and any(c["doc"] in docs for c in f["claims"] if c["role"] == "flagged")]
    print(f"traps tripped          {len(tripped)}/{len(traps)}")
    for e, f in tripped:
        print(f"  FALSE {e['why']} <- {f['message']}")
    print(f"other findings on these documents: {len(other)}")
    for f in other:
        print(f"  FALSE {f['rule']}: {f['message']}")
    false_alarms = len({f["id"] for _, f in tripped} | {f["id"] for f in other})
    print(f"false alarms           {false_alarms}")
    return 0 if len(hits) == len(finds) and not false_alarms else 1


def _event_documents(entries: list[dict], report: dict) -> set[str]:
    """The documents of the report that an event entry names by a specific pattern."""
    patterns = [re.compile(item["doc"]) for e in entries for item in e["claims"]
                if item.get("doc") and item["doc"] != ".*"]
    return {d["id"] for d in report["documents"] if any(p.fullmatch(d["id"]) for p in patterns)}


if __name__ == "__main__":
    sys.exit(main())
