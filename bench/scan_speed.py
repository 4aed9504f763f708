"""Whole-scan speed: `checker scan` as a user runs it, timed end to end.

    python bench/scan_speed.py [PATH] [--repeat N] [--against CHECKOUT] [-- extra scan options]

PATH defaults to ../shared/data/bbc relative to the repository root (its README.TXT and
SOURCE.md are excluded). Runs `checker scan PATH --no-rules --no-cache --format json` in a
subprocess (start-up, reading, extraction, checks, report) and prints seconds (best of N),
MB/s, peak RSS of the scan process, documents, claims and findings.

--against CHECKOUT (another checkout of the project with its own .venv): its scan runs too,
interleaved with this one's, so both figures come from the same minutes of a shared machine,
and the two reports are compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "data" / "bbc"


def corpus_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def python_of(checkout: Path) -> str:
    """The checkout's own interpreter (its .venv), or this one for this checkout."""
    venv = checkout / ".venv" / "bin" / "python"
    return str(venv) if checkout != REPO and venv.exists() else sys.executable


def run_once(path: Path, extra: list[str], checkout: Path = REPO) -> tuple[float, int, dict, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [python_of(checkout), "-m", "checker", "scan", str(path), "--no-rules", "--no-cache",
               "--exclude", "README.TXT", "--exclude", "SOURCE.md", "--fail-on", "never",
               "--format", "json", "-o", str(out), *extra]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=checkout)
        seconds = time.perf_counter() - start
        peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
        data = out.read_bytes()
        return seconds, peak_kb, json.loads(data)["summary"], data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="also time this other checkout's scan, interleaved")
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]
    path = Path(args.path)
    if not path.exists():
        sys.exit(f"no such corpus: {path}")
    size = corpus_bytes(path)
    other = Path(args.against).resolve() if args.against else None
    runs, other_runs = [], []
    for _ in range(args.repeat):  # interleaved: the same load for both checkouts
        runs.append(run_once(path, extra))
        if other is not None:
            other_runs.append(run_once(path, extra, other))
    best = min(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    summary = runs[0][2]
    print(f"corpus      {path}  ({size / 1e6:.2f} MB, {os.cpu_count()} cores)")
    print(f"seconds     {best:.2f} (best of {args.repeat}: "
          f"{', '.join(f'{r[0]:.2f}' for r in runs)})")
    print(f"throughput  {size / 1e6 / best:.2f} MB/s")
    print(f"peak RSS    {peak / 1024:.0f} MB (largest process)")
    print(f"documents   {summary['documents']}  claims {summary['claims']}  "
          f"findings {summary['findings']} {summary['by_check']}")
    if other_runs:
        other_best = min(r[0] for r in other_runs)
        same = runs[0][3] == other_runs[0][3]
        print(f"against     {other}: {other_best:.2f} s (best of {args.repeat}: "
              f"{', '.join(f'{r[0]:.2f}' for r in other_runs)})")
        print(f"change      {100 * (best / other_best - 1):+.1f} % seconds; reports "
              + ("byte-identical" if same else "DIFFER"))


if __name__ == "__main__":
    main()
