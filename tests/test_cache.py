"""The incremental cache: hits after no change, one re-read after one change, and
recovery from a damaged or foreign cache file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.run.cache import Cache, clear
from checker.run.pipeline import ScanSettings, scan

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


# -- bulk reads, chunk boundaries, damage found late, lazy imports ------------------------
def many_files(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"f{i:03d}.txt").write_text(
            f"date: 2022-02-{1 + i % 28:02d}\n\nCouncil {i} counted {400 + i} signatories on "
            f"Monday. Mr Alan Price{i % 3} said {i * 7} buses ran in {1990 + i % 30}.\n"
            + "Filler sentence about roads. " * (i % 40),
            "utf-8",
        )
    return root


def report_of(result) -> str:
    from checker.report import build_report
    from checker.report import json as json_format

    return json_format.render(build_report(result.documents, result.claims, result.findings))


def uncached(corpus: Path) -> str:
    return report_of(scan([str(corpus)], ScanSettings(), jobs=1))


def statements(cache: Cache) -> list[str]:
    seen: list[str] = []
    assert cache.db is not None
    cache.db.set_trace_callback(seen.append)
    return seen


@pytest.mark.parametrize("count", [10, 60])
def test_a_warm_run_reads_the_cache_in_a_few_statements(tmp_path: Path, count: int) -> None:
    corpus = many_files(tmp_path / "docs", count)
    run(corpus, Cache(tmp_path / "c")).close()
    cache = Cache(tmp_path / "c")
    seen = statements(cache)
    run(corpus, cache)
    assert (cache.hits, cache.misses) == (count, 0)
    # digests, key index, payloads, used stamps: one each per chunk of files, however many;
    # and the memos of the two corpus checks, each read once and not written (no
    # spelling and no document's facts are new)
    assert len(seen) == 6, seen
    assert all("FROM memos" in s for s in seen[-2:])
    assert not any("INTO memos" in s for s in seen)


def test_results_unused_for_a_month_are_pruned_and_used_ones_kept(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.put_many([("old", 1), ("read", 2), ("new", 3)])
    assert cache.db is not None
    month_ago = __import__("time").time() - 40 * 86400
    cache.db.execute("UPDATE results SET used=? WHERE key IN ('old', 'read')", (month_ago,))
    assert cache.get("read") == 2  # reading an entry stamps it as used again
    assert cache.prune() == 1
    assert cache.get("old") is None and cache.get("new") == 3 and cache.get("read") == 2
    cache.close()


def test_a_scan_prunes_the_cache(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    docs = many_files(tmp_path / "docs", 3)
    cache = Cache(tmp_path / "c")
    cache.put_many([("stale", 1)])
    assert cache.db is not None
    cache.db.execute("UPDATE results SET used=0")
    cache.close()
    result = CliRunner().invoke(cli, ["scan", str(docs), "--no-rules", "--no-config",
                                      "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code in (0, 1), result.output
    cache = Cache(tmp_path / "c")
    assert cache.get("stale") is None and cache.contains(["stale"]) == [False]
    cache.close()


def test_cached_results_across_chunk_boundaries_equal_a_fresh_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.run.cache.CHUNK_KEYS", 4)
    monkeypatch.setattr("checker.run.pipeline.CHUNK_KEYS", 4)
    corpus = many_files(tmp_path / "docs", 15)
    cache = Cache(tmp_path / "c")
    assert report_of(run(corpus, cache)) == uncached(corpus)
    cache.close()
    for changed in ("f000.txt", "f004.txt", "f014.txt"):  # first, at a boundary, last
        (corpus / changed).write_text("date: 2022-03-01\n\nNow 999 signatories.\n", "utf-8")
    warm = Cache(tmp_path / "c")
    assert report_of(run(corpus, warm)) == uncached(corpus)
    assert (warm.hits, warm.misses) == (12, 3)


def test_a_damaged_entry_is_re_read_with_a_warning(tmp_path: Path) -> None:
    corpus = many_files(tmp_path / "docs", 8)
    run(corpus, Cache(tmp_path / "c")).close()
    con = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    con.execute("UPDATE results SET payload = x'00ff00ff' WHERE rowid IN "
                "(SELECT rowid FROM results ORDER BY key LIMIT 2)")
    con.commit()
    con.close()
    warnings: list[str] = []
    cache = Cache(tmp_path / "c", warnings.append)
    assert report_of(run(corpus, cache)) == uncached(corpus)
    assert len(warnings) == 1 and "damaged cache entries" in warnings[0]  # one, not one each
    assert (cache.hits, cache.misses) == (6, 2)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.85])
def test_a_truncated_cache_found_while_reading_gives_the_same_report(
    tmp_path: Path, keep: float
) -> None:
    corpus = many_files(tmp_path / "docs", 120)
    first = Cache(tmp_path / "c")
    run(corpus, first)
    first.close()
    db = tmp_path / "c" / "cache.sqlite"
    data = db.read_bytes()
    db.write_bytes(data[: int(len(data) * keep)])
    warnings: list[str] = []
    cache = Cache(tmp_path / "c", warnings.append)
    assert report_of(run(corpus, cache)) == uncached(corpus)
    assert warnings and "rebuilding" in warnings[0]
    cache.close()
    again = Cache(tmp_path / "c")
    assert report_of(run(corpus, again)) == uncached(corpus)
    assert again.misses == 0


HEAVY = ("numpy", "rapidfuzz", "pandas", "jinja2", "ftfy", "bs4", "checker.extract.claims",
         "checker.checks.drift", "checker.rules.select", "checker.report.junit")

WARM_IMPORTS = """
import sys
from checker.cli import cli
try:
    cli(sys.argv[1:], prog_name="checker")
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "rapidfuzz",
      "pandas", "jinja2", "ftfy", "bs4") or m.startswith("checker."))))
"""


def _scan_imports(tmp_path: Path, *options: str) -> Callable[[], set[str]]:
    """A scan of five files with one cache, run in a fresh interpreter; each call returns
    the modules that run loaded (checker's own and the heavy libraries)."""
    import os
    import subprocess
    import sys

    corpus = many_files(tmp_path / "docs", 5)
    argv = [sys.executable, "-c", WARM_IMPORTS, "scan", str(corpus), "--no-rules",
            "--no-config", *options, "--cache-dir", str(tmp_path / "c"),
            "--format", "json", "-o", str(tmp_path / "r.json")]
    env = {**os.environ, "CHECKER_NO_PROGRESS": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

    def loaded() -> set[str]:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        return set(done.stdout.split())

    return loaded


def test_a_warm_run_with_every_file_cached_imports_no_processing_code(tmp_path: Path) -> None:
    loaded = _scan_imports(tmp_path, "--disable", "name_variant", "--disable", "event_conflict")
    cold = loaded()
    assert {"checker.extract.claims", "checker.checks.drift"} <= cold
    warm = loaded()
    assert "checker.run.pipeline" in warm
    assert not warm & set(HEAVY), sorted(warm & set(HEAVY))


PROCESSING_IMPORTS = """
import sys
from checker.checks import BUILTIN_CHECKS, CORPUS_CHECKS
from checker.run.worker import ScanSettings, process_single
from checker.rules.select import compile_rules
print(" ".join(sorted(m for m in sys.modules if m.startswith("checker."))))
"""


def test_every_module_that_processing_a_file_imports_is_in_the_code_version() -> None:
    """An edit to any of them must turn cached results stale (name_variant/names.py decides the
    name_variant facts a cached result holds, compare/groups.py its findings' wording)."""
    import os
    import subprocess
    import sys

    from checker.run.cache import _CODE_PARTS

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-c", PROCESSING_IMPORTS], capture_output=True,
                          text=True, check=True, env=env)
    not_results = {"checker.run.cache", "checker.run.engine"}  # how results are kept, not what
    for module in set(done.stdout.split()) - not_results:
        parts = module.split(".")[1:]
        paths = {"/".join(parts[:i]) for i in range(1, len(parts) + 1)}  # folders
        paths |= {f"{path}.py" for path in paths} | {"/".join(parts) + "/__init__.py"}
        assert paths & set(_CODE_PARTS), module


def test_a_cache_of_another_version_is_rebuilt_with_a_plain_message(tmp_path: Path) -> None:
    Cache(tmp_path / "c").close()
    con = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    con.execute("PRAGMA user_version=1")
    con.close()
    warnings: list[str] = []
    Cache(tmp_path / "c", warnings.append).close()
    assert len(warnings) == 1 and "from another version of checker" in warnings[0]


LETTER = ("date: 2022-02-01\n\n{name}, the former head of the UN human rights office in "
          "Baghdad, presented the letter on the 1988 massacre of political prisoners at "
          "Church House in London. Struan Stevenson and Maryam Rajavi also spoke.\n")


def test_a_name_variant_added_between_runs_is_found_as_by_a_fresh_scan(tmp_path: Path) -> None:
    """The name check's memo (pairs of spellings compared on earlier runs) and the
    documents copied from the cache give the report a scan without the cache gives."""
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"a{i}.txt").write_text(LETTER.format(name="Tahar Boumedra") + f"Part {i}.\n",
                                          "utf-8")
    cache = Cache(tmp_path / "c")
    first = run(corpus, cache)
    assert not [f for f in first.findings if f.check == "name_variant"]
    first.close()
    (corpus / "z.txt").write_text(LETTER.format(name="Taher Bomedia"), "utf-8")
    warm = run(corpus, cache)
    assert [f.check for f in warm.findings] == ["name_variant"]
    assert report_of(warm) == uncached(corpus)
    assert (cache.hits, cache.misses) == (4, 5)  # 4 files, then 4 hits and z.txt


@pytest.mark.parametrize("mark", ["", "  # checker: ignore[drift]"])
def test_directives_of_cached_documents_still_apply(tmp_path: Path, mark: str) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "date: 2022-02-01\n\nThe letter was signed by 463 officials.\n\nThe 463 signatories "
        f"wrote it.\n\nIn the end, the 462 signatories asked for action.{mark}\n", "utf-8")
    (docs / "b.md").write_text("<!-- checker: ignore[weekday] -->\nNothing.\n", "utf-8")
    argv = ["scan", str(docs), "--no-rules", "--no-config", "--report-unused-suppressions",
            "--cache-dir", str(tmp_path / "c")]
    cold, warm = (CliRunner().invoke(cli, argv) for _ in range(2))
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output)
    assert warm.exit_code == (0 if mark else 1)
    assert "b.md:1: unused suppression" in warm.stderr


def test_a_warm_run_with_the_corpus_checks_on_loads_no_finder(tmp_path: Path) -> None:
    """name_variant and event_conflict run on every scan, over facts the cache kept: they
    need light helpers of `checker.extract` (rarity, words), never its finders, whose
    patterns take a tenth of a second to compile."""
    loaded = _scan_imports(tmp_path)
    loaded()
    warm = loaded()
    assert "checker.checks.name_variant" in warm
    finders = {"checker.extract.claims", "checker.extract.numbers", "checker.extract.temporal"}
    assert not warm & finders, sorted(warm & finders)
