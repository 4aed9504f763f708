"""Cache rows are data, never code: a crafted or damaged row runs nothing, crashes nothing,
and costs one warning for the whole cache; its file is read again."""

from __future__ import annotations

import os
import pickle
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import build_report
from checker.report import json as json_format
from checker.rules.rule import Rule
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan

LETTER = ("date: 2022-01-27\n\nThe letter had 463 signatories. Mr Tahar Boumedra said the "
          "463 signatories met. Later the 462 signatories wrote again; Taher Boumedra agreed.\n")
RULES = (Rule(id="letter", units=("signatories",)),)


class _Shell:
    """Unpickling this runs a shell command (what a crafted cache row would do)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def _corpus(root: Path, count: int = 6) -> Path:
    root.mkdir(parents=True)
    for i in range(count):
        (root / f"d{i}.txt").write_text(LETTER.replace("letter", f"letter {i}"), "utf-8")
    return root


def _report(corpus: Path, cache: Cache | None = None) -> str:
    result = scan([str(corpus)], ScanSettings(rules=RULES), jobs=1, cache=cache)
    text = json_format.render(build_report(result.documents, result.claims, result.findings))
    result.close()
    return text


def _poison(db_path: Path, table: str, column: str, value: object, rows: int = 2) -> None:
    con = sqlite3.connect(db_path)
    con.execute(f"UPDATE {table} SET {column} = ? WHERE rowid IN "
                f"(SELECT rowid FROM {table} ORDER BY rowid LIMIT {rows})", (value,))
    con.commit()
    con.close()


@pytest.mark.parametrize("table, column", [
    ("results", "payload"), ("documents", "document"), ("documents", "claims"),
    ("facts", "payload"), ("documents", "report"), ("members", "payload"),
    ("memos", "payload"),
])
def test_a_crafted_pickle_in_a_cache_row_runs_nothing(
    tmp_path: Path, table: str, column: str
) -> None:
    corpus = _corpus(tmp_path / "docs")
    fresh = _report(corpus)
    first = Cache(tmp_path / "c")
    assert _report(corpus, first) == fresh
    first.close()
    marker = tmp_path / "ran"
    _poison(tmp_path / "c" / "cache.sqlite", table, column,
            pickle.dumps(_Shell(f"touch {marker}")))
    warnings: list[str] = []
    cache = Cache(tmp_path / "c", warnings.append)
    assert _report(corpus, cache) == fresh
    cache.close()
    assert not marker.exists()
    assert len(warnings) <= 1 and all("damaged" in w for w in warnings)
    again: list[str] = []
    assert _report(corpus, Cache(tmp_path / "c", again.append)) == fresh
    assert again == []  # the damaged entries were replaced


@pytest.mark.parametrize("table, column, value", [
    ("results", "payload", '{"warnings": 5, "counts": [], "findings": []}'),
    ("documents", "document", '["d0.txt", 7]'),
    ("documents", "claims", '[["d0.txt", "start", 3]]'),
    ("documents", "claims", '[' + ', '.join(['"x"'] * 18) + ']'),
    ("documents", "claims", '[[0], []]'),   # the claims' rest: offsets and masks unpaired
    ("documents", "claims", '[["0"], [0]]'),
    ("facts", "payload", "[1, 2, 3]"),
    ("documents", "report", '{"doc": "d0.txt"}'),   # fewer items than claims
    ("documents", "report", '{"doc": '),            # not JSON
    ("documents", "report", 42),
    ("members", "payload", '[[null]]'),
    ("members", "grp", "no-such-rule"),
    ("memos", "payload", '{"seen": 3}'),
])
def test_a_row_of_the_wrong_shape_is_dropped_with_one_warning_then_re_read(
    tmp_path: Path, table: str, column: str, value: str
) -> None:
    corpus = _corpus(tmp_path / "docs")
    fresh = _report(corpus)
    first = Cache(tmp_path / "c")
    _report(corpus, first)
    first.close()
    _poison(tmp_path / "c" / "cache.sqlite", table, column, value, rows=3)
    warnings: list[str] = []
    cache = Cache(tmp_path / "c", warnings.append)
    _report(corpus, cache)  # no exception, whatever the row holds
    cache.close()
    assert len(warnings) <= 1, warnings
    again: list[str] = []
    assert _report(corpus, Cache(tmp_path / "c", again.append)) == fresh
    assert again == []


def test_report_text_of_as_many_items_as_claims_but_not_claims_is_damage(
    tmp_path: Path
) -> None:
    """A document's cached report text is written into reports as is only when it holds
    one JSON object per claim."""
    corpus = _corpus(tmp_path / "docs")
    fresh = _report(corpus)
    first = Cache(tmp_path / "c")
    _report(corpus, first)
    first.close()
    con = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    con.execute("UPDATE documents SET report = rtrim(replace(hex(zeroblob("
                "json_array_length(claims, '$[1]'))), '00', '7,'), ',')")
    con.commit()
    assert "7,7" in con.execute("SELECT report FROM documents").fetchone()[0]
    con.close()
    warnings: list[str] = []
    assert _report(corpus, Cache(tmp_path / "c", warnings.append)) == fresh
    assert len(warnings) == 1 and "damaged" in warnings[0]


def test_a_wrong_row_through_the_command_line_is_one_warning_and_no_traceback(
    tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "docs")
    args = ["scan", str(corpus), "--no-rules", "--no-config", "--cache-dir",
            str(tmp_path / "c"), "--format", "json", "-o", str(tmp_path / "r.json")]
    runner = CliRunner()
    assert runner.invoke(cli, args).exit_code == 1
    reference = (tmp_path / "r.json").read_text("utf-8")
    _poison(tmp_path / "c" / "cache.sqlite", "documents", "claims", "[[1, 2, 3]]", rows=6)
    damaged = runner.invoke(cli, args)
    assert damaged.exit_code == 1, damaged.output
    assert damaged.exception is None or isinstance(damaged.exception, SystemExit)
    assert damaged.stderr.count("warning") == 1 and "Traceback" not in damaged.stderr
    healed = runner.invoke(cli, args)
    assert healed.exit_code == 1 and healed.stderr == ""
    assert (tmp_path / "r.json").read_text("utf-8") == reference


def test_no_module_of_the_store_or_the_cache_imports_pickle() -> None:
    import subprocess

    code = ("import sys; import checker.run.cache, checker.run.store, checker.run.pipeline, "
            "checker.checks.name_variant.facts, checker.checks.name_variant; "
            "print('pickle' in sys.modules and any(getattr(m, 'pickle', None) is not None "
            "for n, m in sys.modules.items() if n.startswith('checker')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
