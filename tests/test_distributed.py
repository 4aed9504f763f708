"""The scan on a real Dask cluster (a scheduler and two workers as separate processes on
127.0.0.1) gives byte for byte the local report, even when a worker dies mid-scan."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.errors import UserError
from checker.report import build_report
from checker.report import json as json_format
from checker.run.distributed import partition
from checker.run.pipeline import ScanSettings, scan

REPO = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).parent / "dask"
HAVE_DASK = importlib.util.find_spec("distributed") is not None and DASK.exists()
if os.environ.get("CI") and not HAVE_DASK:  # CI installs .[test], which brings Dask
    raise RuntimeError("dask[distributed] is missing in CI: pip install -e '.[test]'")
needs_dask = pytest.mark.skipif(
    not HAVE_DASK, reason="dask[distributed] not installed (pip install 'checker[dask]')",
)


@pytest.mark.parametrize("sizes, parts, expected", [
    ([], 4, []),
    ([10], 4, [range(0, 1)]),
    ([5, 5, 5, 5], 2, [range(0, 2), range(2, 4)]),
    ([100, 1, 1, 1], 2, [range(0, 1), range(1, 4)]),
    ([1] * 10, 3, [range(0, 4), range(4, 8), range(8, 10)]),
])
def test_partitions_cover_every_source_once_in_order(sizes, parts, expected) -> None:
    assert partition(sizes, parts) == expected


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CHECKER_NO_PROGRESS": "1"}
    return subprocess.Popen([str(DASK), *args], stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, env=env, cwd=log.parent)


def _wait_for(log: Path, pattern: str, seconds: float = 30) -> re.Match:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(errors="replace"))
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {pattern!r} in {log}:\n{log.read_text()}")


class Cluster:
    def __init__(self, folder: Path, workers: int = 2, worker_options: tuple[str, ...] = (
            "--nthreads", "1", "--no-nanny")) -> None:
        self.folder = folder
        self.worker_options = worker_options
        log = folder / "scheduler.log"
        self.scheduler = _start(["scheduler", "--host", "127.0.0.1", "--port", "0",
                                 "--dashboard-address", "127.0.0.1:0"], log)
        self.address = _wait_for(log, r"Scheduler at:\s+(tcp://127\.0\.0\.1:\d+)").group(1)
        self.workers = [self.start_worker(i) for i in range(workers)]

    def start_worker(self, n: int) -> subprocess.Popen:
        log = self.folder / f"worker{n}.log"
        worker = _start(["worker", self.address, *self.worker_options,
                         "--no-dashboard", "--name", f"w{n}"], log)
        _wait_for(log, r"Registered to")
        return worker

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    running = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few MB of generated news, from the shipped corpus (bench/generate_corpus.py)."""
    spec = importlib.util.spec_from_file_location("generate_corpus",
                                                  REPO / "bench" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("generated")
    module.ARTICLES_PER_FILE = 40
    module.generate(out, 3 << 20, [REPO / "corpus"], "jsonl", seed=3)
    return out


def _settings() -> ScanSettings:
    from checker.rules.load import load_rules

    return ScanSettings(rules=tuple(load_rules([str(REPO / "rules")])))


_LOCAL: dict[tuple[str, ...], str] = {}


def _report(paths: list[str], scheduler: str | None = None) -> str:
    """The JSON report of a scan (local reports computed once per corpus)."""
    key = (os.getcwd(), *paths)
    if scheduler is None and key in _LOCAL:
        return _LOCAL[key]
    result = scan(paths, _settings(), jobs=2, scheduler=scheduler)
    report = build_report(result.documents, result.claims, result.findings)
    text = json_format.render(report)
    if scheduler is None:
        _LOCAL[key] = text
    return text


@needs_dask
@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_dask_report_is_the_local_report(cluster: Cluster, generated: Path, which: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # relative paths, as a user gives them
    paths = ["corpus"] if which == "shipped" else [str(generated)]
    assert _report(paths, cluster.address) == _report(paths)


@needs_dask
def test_a_worker_killed_mid_scan_changes_nothing(cluster: Cluster, generated: Path) -> None:
    from distributed import Client

    local = _report([str(generated)])
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["report"] = _report([str(generated)], cluster.address)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            out["error"] = exc

    with Client(cluster.address, timeout="5s") as watcher:
        scanning = threading.Thread(target=run)
        scanning.start()
        deadline = time.monotonic() + 30
        while not any(watcher.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.05)
        victim = cluster.workers[0]
        victim.kill()
        victim.wait(10)
        scanning.join(120)
    cluster.workers[0] = cluster.start_worker(2)  # leave two for other tests
    assert "error" not in out, out.get("error")
    assert out["report"] == local


@needs_dask
def test_the_first_scan_with_rules_on_a_fresh_cluster_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker as `dask worker` starts it by default (a nanny, a thread per core): its
    threads all start on the scan's first tasks at once."""
    fresh = Cluster(tmp_path, workers=1, worker_options=("--nthreads", "4"))
    try:
        monkeypatch.chdir(REPO)
        assert _report(["corpus"], fresh.address) == _report(["corpus"])
    finally:
        fresh.stop()


def _listen(kind: str) -> tuple[str, Iterator[None]]:
    """The address of a local server that is not a Dask scheduler, and its stopper."""
    import http.server
    import socket

    if kind == "http":
        server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"tcp://127.0.0.1:{server.server_address[1]}", server.shutdown
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts (the kernel does), never says a word
    return f"tcp://127.0.0.1:{silent.getsockname()[1]}", silent.close


@needs_dask
@pytest.mark.parametrize("kind", ["silent", "http"])
def test_a_listener_that_is_not_a_scheduler_fails_within_seconds(tmp_path: Path,
                                                                 kind: str) -> None:
    (tmp_path / "a.txt").write_text("The letter had 463 signatories.\n", "utf-8")
    address, stop = _listen(kind)
    try:
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "checker", "scan", str(tmp_path),
                              "--no-cache", "--scheduler", address], capture_output=True,
                             text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                             timeout=60)
        assert time.monotonic() - started < 10
    finally:
        stop()
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "not as a Dask scheduler" in run.stderr


@needs_dask
def test_an_unreachable_scheduler_is_a_quick_user_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The letter had 463 signatories.\n", "utf-8")
    started = time.monotonic()
    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        scan([str(tmp_path)], ScanSettings(), scheduler="tcp://127.0.0.1:9")
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("address, message", [
    ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
    ("nonsense", "'nonsense' is not a scheduler address"),
    ("http://127.0.0.1:8786", "is not a scheduler address"),
])
def test_the_command_line_says_so_in_one_line(tmp_path: Path, address: str,
                                              message: str) -> None:
    (tmp_path / "a.txt").write_text("The letter had 463 signatories.\n", "utf-8")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "checker", "scan", str(tmp_path), "--no-cache",
                          "--scheduler", address], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert time.monotonic() - started < 15
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and message in run.stderr, run.stderr


@needs_dask
def test_the_scheduler_can_come_from_the_config_file(cluster: Cluster, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The letter had 463 signatories.\n", "utf-8")
    (tmp_path / "checker.yaml").write_text(f"paths: [docs]\nscheduler: {cluster.address}\n",
                                           "utf-8")
    run = subprocess.run([sys.executable, "-m", "checker", "config"], capture_output=True,
                         text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert cluster.address in run.stdout
    run = subprocess.run([sys.executable, "-m", "checker", "scan", "--no-cache", "--format",
                          "json"], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stderr  # one claim: nothing to find
    assert "Traceback" not in run.stderr
    assert "Dask dashboard" in run.stderr
    assert '"documents": 1' in run.stdout
