"""Extraction speed, end to end from files to claims.

    python bench/extract_speed.py [PATH] [--jobs N] [--repeat R] [--against CHECKOUT]

PATH defaults to ../shared/data/bbc relative to the repository root. Prints MB read,
seconds, MB/s per core and claims/s for one process; with --jobs N > 1 also the total
MB/s of N worker processes. Reading goes through `checker.read.sources` when it is available.

Then the whole command as a user runs it, `checker extract PATH --jobs 1 -f jsonl -o FILE`
in a subprocess (start-up, reading, extraction, encoding, writing), best of R. With
--against CHECKOUT (another checkout of the project with its own .venv), its command runs
too, interleaved with this one, so both figures come from the same minutes of a shared
machine, and the two outputs are compared byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from checker.extract import extract  # noqa: E402
from checker.model import Document  # noqa: E402

DEFAULT_PATH = os.path.join(REPO, "..", "shared", "data", "bbc")


def _files(root: str) -> list[str]:
    if os.path.isfile(root):
        return [root]
    out = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames.sort()
        out += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".txt")]
    return out


def _read(path: str, root: str) -> Document:
    try:
        from checker.read import sources as corpus

        source = corpus.Source(path=path, doc_id=os.path.relpath(path, root), format="txt")
        docs = list(corpus.read_source(source, corpus.ReadOptions(), lambda _msg: None))
        if docs:
            return docs[0]
    except (ImportError, AttributeError, TypeError):
        pass
    with open(path, encoding="utf-8", errors="replace") as fh:
        return Document(id=os.path.relpath(path, root), text=fh.read())


def _run(paths: list[str], root: str) -> tuple[int, int]:
    """Read and extract every file; (bytes of text, claims)."""
    size = claims = 0
    for path in paths:
        doc = _read(path, root)
        size += len(doc.text.encode("utf-8"))
        claims += len(extract(doc))
    return size, claims


def _chunk(args: tuple[list[str], str]) -> tuple[int, int]:
    return _run(*args)


def _command(checkout: str, path: str, out: str) -> float:
    """Seconds of one `checker extract` run of `checkout` (its .venv, else this Python)."""
    python = os.path.join(checkout, ".venv", "bin", "python")
    if not os.path.exists(python):
        python = sys.executable
    cmd = [python, "-m", "checker", "extract", os.path.abspath(path), "--jobs", "1",
           "-f", "jsonl", "-o", out, "--exclude", "README.TXT", "--exclude", "SOURCE.md"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=checkout, env={**os.environ, "CHECKER_NO_PROGRESS": "1"})
    return time.perf_counter() - start


def _whole_command(path: str, mb: float, repeat: int, against: str | None) -> None:
    checkouts = [("this checkout", REPO)]
    if against:
        checkouts.append((f"--against {against}", os.path.abspath(against)))
    best = {name: float("inf") for name, _ in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        outs = {name: os.path.join(tmp, f"{i}.jsonl") for i, (name, _) in enumerate(checkouts)}
        for _ in range(max(1, repeat)):
            for name, checkout in checkouts:  # interleaved: same load for both
                best[name] = min(best[name], _command(checkout, path, outs[name]))
        for name, _ in checkouts:
            print(f"command `checker extract --jobs 1 -f jsonl` ({name}): {best[name]:.3f} s  "
                  f"{mb / best[name]:.2f} MB/s")
        if against:
            this, other = (outs[name] for name, _ in checkouts)
            same = filecmp.cmp(this, other, shallow=False)
            print(f"speed-up {best[checkouts[1][0]] / best[checkouts[0][0]]:.2f}x; outputs "
                  + ("byte-identical" if same else "DIFFER"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="best of R single-core runs")
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="also time this other checkout's command, interleaved")
    parser.add_argument("--no-command", action="store_true",
                        help="time extraction in this process only")
    args = parser.parse_args()
    if not os.path.exists(args.path):
        sys.exit(f"no such path: {args.path}")
    root = args.path if os.path.isdir(args.path) else os.path.dirname(args.path)
    paths = _files(args.path)
    best = float("inf")
    size = claims = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        size, claims = _run(paths, root)
        best = min(best, time.perf_counter() - t0)
    mb = size / 1e6
    print(f"files {len(paths)}  MB {mb:.2f}  claims {claims}")
    print(f"single core: {best:.3f} s  {mb / best:.2f} MB/s per core  "
          f"{claims / best:,.0f} claims/s")
    if not args.no_command:
        _whole_command(args.path, mb, args.repeat, args.against)
    if args.jobs > 1:
        chunks = [(paths[i::args.jobs], root) for i in range(args.jobs)]
        t0 = time.perf_counter()
        with Pool(args.jobs) as pool:
            results = pool.map(_chunk, chunks)
        wall = time.perf_counter() - t0
        total = sum(r[0] for r in results) / 1e6
        print(f"{args.jobs} jobs: {wall:.3f} s  {total / wall:.2f} MB/s total  "
              f"{total / wall / args.jobs:.2f} MB/s per core (incl. process start)")


if __name__ == "__main__":
    main()
