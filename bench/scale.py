"""Scan time, throughput and peak memory for corpora of growing size.

    python bench/generate_corpus.py corpora/100MB --size 100MB --source ../shared/data/bbc
    (same for 300MB and 1GB)
    python bench/scale.py corpora/100MB corpora/300MB corpora/1GB [--jobs 0]
        [--format text] [--scheduler tcp://HOST:PORT] [-- extra scan options]

Each corpus is scanned by `checker scan` in its own subprocess with the shipped rules
and no cache (a cold CI run). Prints per corpus: MB, seconds, MB/s, the scan's peak RSS
(the largest of its processes, from getrusage(RUSAGE_CHILDREN) in a fresh helper
process), documents, claims and findings; then the time ratio of the largest corpus to
the smallest against their size ratio (linear growth: the two agree).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SUMMARY = re.compile(r"(no findings|(\d+) findings?).* in (\d+) documents, (\d+) claims")


def corpus_bytes(path: str) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total


def measure_one(path: str, args: list[str]) -> dict:
    """Run one scan as a child of this process; its wall time, peak RSS and summary."""
    command = [sys.executable, "-m", "checker", "scan", path, "--no-cache", *args]
    env = {**os.environ, "CHECKER_NO_PROGRESS": "1"}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"scan failed ({done.returncode}): {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    match = _SUMMARY.search(done.stdout)
    findings = int(match.group(2) or 0) if match else -1
    return {
        "seconds": seconds, "peak_rss": peak, "findings": findings,
        "documents": int(match.group(3)) if match else -1,
        "claims": int(match.group(4)) if match else -1,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", help="corpus folders, smallest first")
    parser.add_argument("--jobs", default="0")
    parser.add_argument("--format", default="text", help="report format (to stdout)")
    parser.add_argument("--scheduler", help="scan on this Dask scheduler")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args, extra = parser.parse_known_args(argv)
    scan_args = ["--jobs", args.jobs, "--format", args.format, "--rules", "rules", *extra]
    if args.scheduler:
        scan_args += ["--scheduler", args.scheduler]
    if args.one:  # helper mode: a fresh process, so RUSAGE_CHILDREN is this scan's alone
        print(json.dumps(measure_one(args.corpora[0], scan_args)))
        return 0
    print(f"{'corpus':<24} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>11} "
          f"{'documents':>9} {'claims':>9} {'findings':>8}", flush=True)
    rows = []
    for path in args.corpora:
        helper = [sys.executable, os.path.abspath(__file__), path, "--one", "--jobs",
                  args.jobs, "--format", args.format, *extra]
        if args.scheduler:
            helper += ["--scheduler", args.scheduler]
        out = subprocess.run(helper, capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["mb"] = corpus_bytes(path) / 1e6
        rows.append(row)
        print(f"{os.path.basename(path.rstrip('/')):<24} {row['mb']:>7.0f} "
              f"{row['seconds']:>8.1f} {row['mb'] / row['seconds']:>6.2f} "
              f"{row['peak_rss'] / 1e6:>11.0f} {row['documents']:>9,} {row['claims']:>9,} "
              f"{row['findings']:>8,}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"time ratio {last['seconds'] / first['seconds']:.2f} for size ratio "
              f"{last['mb'] / first['mb']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
