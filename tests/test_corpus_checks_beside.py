"""The corpus checks run side by side on a machine with cores to spare (one in the scan's
process, the others in a forked one): the same findings, in the same order, as one after
the other, and a damaged row read over there is still one warning here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.run import engine, pipeline
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan
from tests.scanning import beside_starts

_REPORT = ("{name}, the retired chair of the Varnholt inquiry into the Kestrava pit "
           "collapse, told reporters in Ormsby that {figure} miners were evacuated in 1988. "
           "Brannoch Feyle and Ilse Marrow also gave evidence.\n")
DOCS = {
    "a.txt": _REPORT.format(name="Orlaith Tallinder", figure="over 30,000"),
    "b.txt": "Monday.\n" + _REPORT.format(name="Orlaith Tallinder", figure="over 30,000"),
    "c.txt": "Tuesday.\n\n" + _REPORT.format(name="Orlaith Talinder", figure="over 300"),
}

forks = pytest.mark.skipif(not engine.forks_beside(2), reason="needs two cores and fork")


def _corpus(root: Path) -> Path:
    root.mkdir()
    for name, text in DOCS.items():
        (root / name).write_text(text, "utf-8")
    return root


def _findings(corpus: Path, jobs: int, cache: Cache | None = None) -> list[dict]:
    result = scan([str(corpus)], ScanSettings(), jobs=jobs, cache=cache)
    try:
        return [f.to_dict() for f in result.findings]
    finally:
        result.close()


@forks
def test_side_by_side_gives_the_findings_of_one_after_the_other(tmp_path: Path,
                                                                 monkeypatch) -> None:
    corpus = _corpus(tmp_path / "docs")
    alone = _findings(corpus, jobs=1)
    assert {"event_conflict", "name_variant"} <= {f["check"] for f in alone}
    started = beside_starts(monkeypatch)
    assert _findings(corpus, jobs=2) == alone
    assert len(started) == 1


@forks
def test_a_damaged_row_read_beside_is_one_warning_and_read_again(tmp_path: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_FRESH_APART", 0)  # apart even on a warm re-scan
    corpus = _corpus(tmp_path / "docs")
    fresh = _findings(corpus, jobs=1)
    first = Cache(tmp_path / "c")
    _findings(corpus, jobs=2, cache=first)
    first.close()
    con = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    con.execute("UPDATE facts SET payload = '[[1, 2]]' WHERE check_id = 'event_conflict'")
    con.commit()
    con.close()
    warnings: list[str] = []
    cache = Cache(tmp_path / "c", warnings.append)
    result = scan([str(corpus)], ScanSettings(), jobs=2, cache=cache, warn=warnings.append)
    try:
        assert [f.check for f in result.findings] == [
            f["check"] for f in fresh if f["check"] != "event_conflict"]
    finally:
        result.close()
        cache.close()
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert _findings(corpus, jobs=2, cache=Cache(tmp_path / "c")) == fresh
