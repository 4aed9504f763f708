"""Cold scan vs warm re-scan after a one-file change: what the incremental cache buys.

    python bench/cache_speed.py [PATH] [--format FORMAT] [--jobs N] [--repeat R]
                                [--disable CHECK] [--live] [--no-bytecode]
                                [--against CHECKOUT]

PATH (default ../shared/data/bbc relative to the repository root) is copied to a
temporary folder; `checker scan` runs there as a subprocess, built-in checks only, its
report thrown away: once with an empty cache (cold), then, R times, after appending a
sentence to one file (warm). Prints both times and the ratio; the target is >= 10.
--disable CHECK (repeatable) turns a built-in check off in every run.

The `checker` package is copied too and run from the copy, so edits to the working tree
during the bench (which change the cache's code version) cannot turn warm runs cold;
--live runs this working tree's package instead (put first on PYTHONPATH either way).

Python's compiled bytecode is kept in a temporary folder (PYTHONPYCACHEPREFIX, even when
PYTHONDONTWRITEBYTECODE is set) and filled by an untimed scan of a few files first, so
the cold and the warm runs both start like an installed package does; --no-bytecode
writes no bytecode (PYTHONDONTWRITEBYTECODE=1): the package's modules are compiled in
every run, as in an environment that sets it.

--against CHECKOUT (another checkout of the project, with its own .venv): its package is
snapshotted too and run on its own copy of the corpus and its own cache, each of its runs
right after this checkout's, so both figures come from the same minutes of a shared
machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO.parent / "shared" / "data" / "bbc"
TARGET_RATIO = 10.0


def scan_env(code: Path, pycache: Path | None) -> dict[str, str]:
    """The subprocess environment: `code` first on the import path; bytecode in `pycache`."""
    env = {**os.environ, "CHECKER_NO_PROGRESS": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_scan(root: Path, corpus: str, fmt: str, jobs: int, env: dict[str, str],
             extra: list[str], python: str = sys.executable) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers) for one `checker scan`
    subprocess (exit 0 or 1 expected). CPU time does not grow when the machine is busy."""
    argv = [python, "-m", "checker", "scan", corpus, "--no-rules", "--format", fmt,
            "--cache-dir", ".bench-cache", "--jobs", str(jobs), "--no-config", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=root, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        sys.exit(f"checker scan failed ({done.returncode}):\n{done.stderr}")
    return elapsed, cpu


def warm_bytecode(root: Path, corpus: Path, fmt: str, env: dict[str, str],
                  extra: list[str], python: str = sys.executable) -> None:
    """An untimed scan of a few files, without the cache: compiles what a scan imports."""
    sample = root / "sample"
    sample.mkdir()
    for path in sorted(p for p in corpus.rglob("*.txt") if p.name[:1].islower())[:20]:
        shutil.copy(path, sample / path.name)
    run_scan(root, "sample", fmt, 1, env, [*extra, "--no-cache"], python)


class Side:
    """One checkout under test: its package snapshot, corpus copy, cache and runs."""

    def __init__(self, name: str, checkout: Path, root: Path, source: Path, args) -> None:
        self.name, self.root = name, root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, root / "corpus")
        venv = checkout / ".venv" / "bin" / "python"
        self.python = str(venv) if checkout != REPO and venv.exists() else sys.executable
        code = checkout
        if not args.live or checkout != REPO:
            code = root / "code"
            shutil.copytree(checkout / "checker", code / "checker",
                            ignore=shutil.ignore_patterns("__pycache__"))
        self.env = scan_env(code, None if args.no_bytecode else root / "pycache")
        self.cold: tuple[float, float] = (0.0, 0.0)
        self.warm: list[tuple[float, float]] = []

    def scan(self, fmt: str, jobs: int, extra: list[str]) -> tuple[float, float]:
        return run_scan(self.root, "corpus", fmt, jobs, self.env, extra, self.python)


def touch_one_file(corpus: Path, n: int) -> Path:
    """Change the first document: a new sentence, so its content hash changes."""
    first = min(p for p in corpus.rglob("*.txt") if p.name[0] != "." and p.name[:1].islower())
    with first.open("a", encoding="utf-8") as fh:
        fh.write(f"\nEdited for the benchmark, run {n}.\n")
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--format", default="text", help="report format (default: text)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0 = all)")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs (median)")
    parser.add_argument("--live", action="store_true",
                        help="run this working tree's package, not a snapshot of it")
    parser.add_argument("--disable", action="append", default=[], metavar="CHECK",
                        help="turn off a built-in check in every run (repeatable)")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="write no bytecode: compile the package's modules in every run")
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="also run another checkout's package, interleaved")
    args = parser.parse_args()
    extra = [arg for check in args.disable for arg in ("--disable", check)]
    source = Path(args.path)
    if not source.is_dir():
        sys.exit(f"no such folder: {source}")
    with tempfile.TemporaryDirectory(prefix="checker-cache-bench-") as tmp:
        sides = [Side("this checkout", REPO, Path(tmp) / "this", source, args)]
        if args.against:
            other = Path(args.against).resolve()
            sides.append(Side(f"--against {other}", other, Path(tmp) / "against", source,
                              args))
        files = sum(1 for p in (sides[0].root / "corpus").rglob("*") if p.is_file())
        if not args.no_bytecode:
            for side in sides:
                warm_bytecode(side.root, side.root / "corpus", args.format, side.env, extra,
                              side.python)
        for side in sides:
            side.cold = side.scan(args.format, args.jobs, extra)
        for n in range(args.repeat):
            for side in sides:  # interleaved: the same load for both checkouts
                touch_one_file(side.root / "corpus", n)
                side.warm.append(side.scan(args.format, args.jobs, extra))
    print(f"corpus: {source} ({files} files), format {args.format}, jobs {args.jobs or 'all'}"
          f", code {'working tree' if args.live else 'snapshot'}"
          f"{', bytecode cached' if not args.no_bytecode else ', no bytecode cache'}"
          + "".join(f", --disable {c}" for c in args.disable))
    for side in sides:
        _print_side(side, len(sides) > 1)


def _print_side(side: Side, named: bool) -> None:
    cold = side.cold
    warm = statistics.median(w for w, _ in side.warm)
    warm_cpu = statistics.median(c for _, c in side.warm)
    best = min(w for w, _ in side.warm)
    ratio = cold[0] / warm if warm else float("inf")
    cpu_ratio = cold[1] / warm_cpu if warm_cpu else float("inf")
    if named:
        print(f"{side.name}:")
    print(f"cold scan (empty cache):          wall {cold[0]:7.2f} s   cpu {cold[1]:7.2f} s")
    print(f"warm re-scan (one file changed):  wall {warm:7.2f} s   cpu {warm_cpu:7.2f} s  "
          f"(median of {len(side.warm)}; best {best:.2f} s)")
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    print(f"ratio cold/warm:                  wall {ratio:7.1f}x   cpu {cpu_ratio:6.1f}x  "
          f"(wall {verdict} the {TARGET_RATIO:.0f}x target)")


if __name__ == "__main__":
    main()
