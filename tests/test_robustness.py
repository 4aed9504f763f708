"""A run that is killed, over-asked or broken leaves nothing behind and says one line:
workers die with the scan, temporary reports go, --jobs is capped, a bug exits 3, and
spreadsheet formulas in document text stay text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.run import engine
from checker.util.fileio import atomic_write_text

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "The council counted {n} signatories and 1,{n:03d} homes in 19{m:02d}. "


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(p) for p in text.split()]
    return found


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next((line.split()[1] for line in status.splitlines()
                  if line.startswith("State:")), "X")
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_die_when_the_scan_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"d{i:03d}.txt").write_text(
            "".join(SENTENCE.format(n=(i * 7 + j) % 900 + 100, m=j % 100) for j in range(400)),
            encoding="utf-8")
    scan = subprocess.Popen(
        [sys.executable, "-m", "checker", "scan", str(corpus), "--no-cache", "--no-rules",
         "--jobs", "2", "-f", f"json:{tmp_path / 'r.json'}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO), "CHECKER_NO_PROGRESS": "1"})
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and scan.poll() is None:
        workers = _children(scan.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the scan never started its workers"
    time.sleep(0.3)  # let them get to work
    os.kill(scan.pid, signal.SIGKILL)
    scan.wait(10)
    deadline = time.monotonic() + 10
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for w in alive:  # do not leave them behind whatever the outcome
        os.kill(w, signal.SIGKILL)
    assert alive == []


def test_a_killed_run_s_temporary_report_goes_on_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".report.json.{dead.pid}.x1y2.tmp"
    left.write_text("half a report", encoding="utf-8")
    live = tmp_path / f".report.json.{os.getpid()}.abcd.tmp"  # a writer still at work
    live.write_text("being written", encoding="utf-8")
    other = tmp_path / ".other.json.1.abcd.tmp"
    other.write_text("not ours", encoding="utf-8")
    atomic_write_text(tmp_path / "report.json", "{}\n")
    assert not left.exists() and live.exists() and other.exists()
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}\n"


def test_jobs_beyond_the_cores_are_capped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The letter had 463 signatories.\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["scan", str(tmp_path), "--no-cache", "--no-config",
                                    "--jobs", "1000"])
    assert done.exit_code == 0, done.output
    cores = engine.default_jobs()
    assert f"--jobs 1000 is more than the {cores} cores here; using {cores}" in done.stderr
    assert engine.usable_jobs(0, print) == 0 and engine.usable_jobs(cores, print) == cores


def test_a_bug_is_one_line_and_exit_3_and_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.commands.settings as settings

    def broken(*args, **kwargs):
        raise KeyError("stage")

    monkeypatch.setattr(settings, "run_scan", broken)
    (tmp_path / "a.txt").write_text("463 signatories.\n", encoding="utf-8")
    runner = CliRunner()
    import checker.commands.scan_cmd as scan_cmd

    monkeypatch.setattr(scan_cmd, "run_scan", broken)
    done = runner.invoke(cli, ["scan", str(tmp_path), "--no-config"])
    assert done.exit_code == 3
    assert done.stderr.count("\n") == 1 and "internal error: KeyError" in done.stderr
    assert "Traceback" not in done.stderr and "please report" in done.stderr
    debug = runner.invoke(cli, ["--debug", "scan", str(tmp_path), "--no-config"])
    assert debug.exit_code == 3 and "Traceback" in debug.stderr


@pytest.mark.parametrize("opening", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path: Path,
                                                           opening: str) -> None:
    quote = f"{opening}HYPERLINK(\"http://x\") said 463 signatories, then 462 signatories."
    doc = tmp_path / "docs"
    doc.mkdir()
    (doc / "a.txt").write_text(
        f"The letter had 463 signatories.\n{quote}\nThe 463 signatories met.\n"
        "Again 463 signatories.\n", encoding="utf-8")
    out = tmp_path / "audit.csv"
    done = CliRunner().invoke(cli, ["scan", str(doc), "--no-cache", "--no-config",
                                    "--no-rules", "-f", f"csv:{out}"])
    assert done.exit_code in (0, 1)
    import csv

    for path in (out, tmp_path / "audit.claims.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path, cell)
                    assert not cell.startswith("-") or cell.lstrip("-").replace(
                        ".", "").isdigit(), (path, cell)
    claims = (tmp_path / "audit.claims.csv").read_text(encoding="utf-8")
    if opening.strip():  # a sentence never starts with white space: see `inert` below
        assert f"'{opening}HYPERLINK" in claims
    from checker.report.csv import inert

    assert inert(f"{opening}SUM(A1)") == f"'{opening}SUM(A1)" and inert(-3) == -3


def test_the_engine_never_starts_more_processes_than_cores(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import concurrent.futures

    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers=None, *args, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(engine, "default_jobs", lambda: 2)
    out = list(engine.map_ordered(abs, list(range(-40, 0)), jobs=1000, show=False))
    assert out == list(range(40, 0, -1)) and started == [2]
