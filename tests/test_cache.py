"""The incremental cache: hits after no change, one re-read after one change, and
recovery from a damaged or foreign cache file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.cache import Cache, clear
from checker.pipeline import ScanSettings, scan

TEXT = "date: 2022-01-27\n\nThe letter had 463 signatories. Later, 463 signatories met.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for i in range(5):
        (root / f"d{i}.txt").write_text(TEXT.replace("letter", f"letter {i}"), "utf-8")
    return root


def run(corpus: Path, cache: Cache):
    return scan([str(corpus)], ScanSettings(), jobs=1, cache=cache)


def test_second_run_hits_and_one_change_rereads_one_file(corpus: Path, tmp_path: Path) -> None:
    first = Cache(tmp_path / "c")
    cold = run(corpus, first)
    assert (first.hits, first.misses) == (0, 5)
    first.close()

    warm_cache = Cache(tmp_path / "c")
    warm = run(corpus, warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (5, 0)
    assert [c.to_dict() for c in warm.claims] == [c.to_dict() for c in cold.claims]
    warm_cache.close()

    (corpus / "d3.txt").write_text(TEXT + "Another 462 signatories.\n", "utf-8")
    again = Cache(tmp_path / "c")
    run(corpus, again)
    assert (again.hits, again.misses) == (4, 1)


def test_changed_settings_miss(corpus: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    run(corpus, cache)
    scan([str(corpus)], ScanSettings(disabled_checks=frozenset({"drift"})), jobs=1, cache=cache)
    assert cache.misses == 10


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_damaged_cache_is_rebuilt_with_a_warning(
    corpus: Path, tmp_path: Path, damage: str
) -> None:
    folder = tmp_path / "c"
    cache = Cache(folder)
    run(corpus, cache)
    cache.close()
    db = folder / "cache.sqlite"
    if damage == "truncate":
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        db.write_bytes(b"this is not a database at all" * 100)
    else:
        db.unlink()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE something (x)")
        con.commit()
        con.close()
    warnings: list[str] = []
    rebuilt = Cache(folder, warnings.append)
    result = run(corpus, rebuilt)
    assert result.documents and warnings and "rebuilding" in warnings[0]
    rebuilt.close()
    assert clear(folder)
