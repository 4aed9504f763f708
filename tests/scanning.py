"""Helpers for tests of the scan pipeline with and without its cache: the JSON report of a
scan, the same through a cache, and a count of the processes started beside the scan."""

from __future__ import annotations

from pathlib import Path

from checker.report import build_report
from checker.report import json as json_format
from checker.run import engine
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan


def json_report(corpus: Path, cache: Cache | None = None, jobs: int = 1) -> str:
    """The JSON report of a built-in scan of `corpus`, as `checker scan -f json` writes it."""
    result = scan([str(corpus)], ScanSettings(), jobs=jobs, cache=cache)
    try:
        return json_format.render(build_report(result.documents, result.claims,
                                               result.findings))
    finally:
        result.close()


def cached_report(corpus: Path, folder: Path, jobs: int = 1) -> str:
    """`json_report` through the cache in `folder` (made on first use)."""
    cache = Cache(folder)
    try:
        return json_report(corpus, cache, jobs)
    finally:
        cache.close()


def beside_starts(monkeypatch) -> list[object]:
    """The functions each process started beside the scan runs, in order (`engine.Beside`)."""
    started: list[object] = []
    real = engine.Beside.__init__

    def counting(self, func, *args):
        started.append(func)
        real(self, func, *args)

    monkeypatch.setattr(engine.Beside, "__init__", counting)
    return started
