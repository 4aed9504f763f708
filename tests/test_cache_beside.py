"""A warm re-scan with a core to spare processes its few changed files in a forked
process while the cached ones are copied: the same report as a scan without the cache,
whatever changed, including a cached row found damaged on the way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.run import engine, pipeline
from checker.run.cache import Cache
from tests.scanning import beside_starts, cached_report, json_report

pytestmark = pytest.mark.skipif(not engine.forks_beside(2), reason="needs two cores and fork")

_TEXT = ("Harbour master Ilse Varga counted {n} trawlers in Port Quellin on Tuesday; the "
         "Dornach fleet had {m} in 2019.\n")


def _corpus(root: Path, count: int = 8) -> Path:
    root.mkdir()
    for i in range(count):
        (root / f"p{i}.txt").write_text(_TEXT.format(n=40 + i, m=400 + i), "utf-8")
    return root



def test_changed_files_are_processed_beside_the_copy(tmp_path: Path, monkeypatch) -> None:
    corpus = _corpus(tmp_path / "docs")
    cached_report(corpus, tmp_path / "c", jobs=2)
    (corpus / "p3.txt").write_text(_TEXT.format(n=41, m=4100), "utf-8")
    (corpus / "p6.txt").write_text(_TEXT.format(n=60, m=600) * 2, "utf-8")
    started = beside_starts(monkeypatch)
    assert cached_report(corpus, tmp_path / "c", jobs=2) == json_report(corpus, jobs=1)
    assert pipeline._process_beside in started


def test_a_damaged_row_and_a_changed_file_together(tmp_path: Path, monkeypatch) -> None:
    corpus = _corpus(tmp_path / "docs")
    cached_report(corpus, tmp_path / "c", jobs=2)
    (corpus / "p5.txt").write_text(_TEXT.format(n=45, m=4500), "utf-8")
    con = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    con.execute("UPDATE documents SET report = '{\"doc\": ' WHERE rowid = 2")
    con.commit()
    con.close()
    started = beside_starts(monkeypatch)
    assert cached_report(corpus, tmp_path / "c", jobs=2) == json_report(corpus, jobs=1)
    assert pipeline._process_beside in started


def test_an_error_before_the_results_are_taken_ends_the_process(tmp_path: Path,
                                                                 monkeypatch) -> None:
    corpus = _corpus(tmp_path / "docs")
    cached_report(corpus, tmp_path / "c", jobs=2)
    (corpus / "p1.txt").write_text(_TEXT.format(n=1, m=2), "utf-8")
    cancelled: list[int] = []
    real = engine.Beside.cancel

    def cancel(self) -> None:
        cancelled.append(self._pid)
        real(self)

    def broken(*_args) -> None:
        raise sqlite3.DatabaseError("the disk is gone")

    monkeypatch.setattr(engine.Beside, "cancel", cancel)
    monkeypatch.setattr(Cache, "copy_documents", broken)
    with pytest.raises(sqlite3.DatabaseError):
        cached_report(corpus, tmp_path / "c", jobs=2)
    assert cancelled
