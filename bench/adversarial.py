"""Hostile shapes of input: time, peak memory and report size of `checker scan` on each.

    python bench/adversarial.py [--text PATH] [--shapes NAME,...] [--against CHECKOUT]
                                [--timeout S] [--memory-limit MB]

Builds each shape itself in a temporary folder, then runs `checker scan FILE --no-rules
--no-cache -f text:... -f json:...` in a subprocess and prints one row per shape: wall
seconds, peak RSS of the scan, and the size of the text and JSON reports. The shapes:

  line-10mb, line-20mb, line-50mb   real text (--text: a folder of .txt articles, default
                                    ../shared/data/bbc; generated sentences without it)
                                    joined into one line of that size
  repeats-200kb, repeats-1mb        short sentences repeating "463 signatories", one in
                                    97 saying 462: thousands of copies of one figure
  sentence-1mb                      one sentence of 1 MB: clauses joined by commas and
                                    "and", a figure in each, no full stop

The bars (issue 17): 50 MB on one line in under 30 s with under 500 MB; the 1 MB repeat
file in under 5 s with a report under 5 MB. With --against CHECKOUT (another checkout
with its own .venv) every shape runs there too, interleaved, for a before/after table. A
run that passes --timeout is killed; --memory-limit caps its address space, so a
runaway scan fails instead of taking the machine down.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = REPO.parent / "shared" / "data" / "bbc"
SHAPES = ("line-10mb", "line-20mb", "line-50mb", "repeats-200kb", "repeats-1mb",
          "sentence-1mb")
MB = 1_000_000


def real_text(folder: Path, size: int) -> str:
    """`size` characters of article text on one line (articles repeated if need be)."""
    parts: list[str] = []
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    files = [f for f in files if f.name.upper() != "README.TXT"]
    total = 0
    while total < size:
        if files:
            for path in files:
                piece = " ".join(path.read_text("utf-8", errors="replace").split()) + " "
                parts.append(piece)
                total += len(piece)
                if total >= size:
                    break
        else:
            piece = (f"In {1990 + total % 30} the council counted {total % 9000 + 100} "
                     "homes and spent $2.5 million on 14 new schools. ")
            parts.append(piece)
            total += len(piece)
    return "".join(parts)[:size]


def repeats(size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        figure = "462" if i % 97 == 5 else "463"
        piece = f"The open letter had {figure} signatories. "
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)


def giant_sentence(size: int) -> str:
    out, total, i = ["The survey found"], 0, 0
    while total < size:
        piece = f" {100 + i % 900} families in district {i % 50}, and"
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out) + " more besides."


def build(shape: str, folder: Path, text_source: Path) -> Path:
    path = folder / f"{shape}.txt"
    if shape.startswith("line-"):
        content = real_text(text_source, int(shape[5:-2]) * MB)
    elif shape.startswith("repeats-"):
        size = shape[8:]
        content = repeats(int(size[:-2]) * (MB if size.endswith("mb") else 1000))
    else:
        content = giant_sentence(int(shape[9:-2]) * MB)
    path.write_text(content + "\n", encoding="utf-8")
    return path


def run(checkout: Path, path: Path, out: Path, timeout: float, limit_mb: int) -> dict:
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    text_out, json_out = out / "report.txt", out / "report.json"
    for f in (text_out, json_out):
        f.unlink(missing_ok=True)
    cmd = [str(python), "-m", "checker", "scan", str(path), "--no-rules", "--no-cache",
           "--no-config", "--fail-on", "never", "-f", f"text:{text_out}",
           "-f", f"json:{json_out}"]

    def limit() -> None:
        if limit_mb:
            cap = limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        os.setsid()

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=checkout, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, preexec_fn=limit,
                            env={**os.environ, "CHECKER_NO_PROGRESS": "1"})
    status, usage, killed = None, None, False
    while status is None:
        pid, status_code, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, usage = status_code, rusage
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    return {
        "seconds": seconds, "rss_mb": usage.ru_maxrss / 1024 if usage else 0,
        "text_kb": text_out.stat().st_size / 1000 if text_out.exists() else None,
        "json_mb": json_out.stat().st_size / MB if json_out.exists() else None,
        "outcome": "killed (timeout)" if killed else (
            "ok" if code == 0 else f"exit {code}: {_last_line(stderr)}"),
    }


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:60] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", default=str(DEFAULT_TEXT),
                        help="folder of .txt articles for the one-line shapes")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="also run another checkout (with its own .venv), interleaved")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--memory-limit", type=int, default=6000, metavar="MB",
                        help="address-space cap of each scan (0: none)")
    args = parser.parse_args()
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        sys.exit(f"unknown shapes: {', '.join(unknown)}; choose from {', '.join(SHAPES)}")
    checkouts = [("this", REPO)]
    if args.against:
        checkouts.append(("against", Path(args.against).resolve()))
    print(f"{'shape':<14} {'input MB':>8}  {'checkout':<8} {'seconds':>8} {'peak MB':>8} "
          f"{'text KB':>8} {'JSON MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for shape in shapes:
            path = build(shape, folder, Path(args.text))
            size = path.stat().st_size / MB
            for name, checkout in checkouts:
                r = run(checkout, path, folder, args.timeout, args.memory_limit)
                text = "-" if r["text_kb"] is None else f"{r['text_kb']:.1f}"
                json_mb = "-" if r["json_mb"] is None else f"{r['json_mb']:.2f}"
                print(f"{shape:<14} {size:>8.2f}  {name:<8} {r['seconds']:>8.2f} "
                      f"{r['rss_mb']:>8.0f} {text:>8} {json_mb:>8}  {r['outcome']}",
                      flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
