"""`checker extract`: claims streamed from extraction, in the order and bytes a scan gives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.run.extraction import ExtractSettings, claims_in_report_order
from checker.run.pipeline import ScanSettings, scan

ARTICLE = "The appeal was signed by 318 doctors in 2019. In May 2020, 4,070 nurses joined.\n"


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def _mixed_corpus(root: Path) -> Path:
    """Files given out of id order, a record file with unsorted ids."""
    (root / "b").mkdir(parents=True)
    (root / "b" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.txt").write_text("Some 12 ships and 1,380 sailors left in 1914.\n",
                                encoding="utf-8")
    records = [("r2", "Nearly 900 homes were lost."), ("r1", "It cost $2.5 million in 2011."),
               ("r10", "A further 41 homes and 900 barns were lost in 1998.")]
    (root / "cases.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8")
    return root


def _scan_lines(paths: list[str]) -> str:
    """What `checker extract -f jsonl` printed when it went through the scan's store."""
    result = scan(paths, ScanSettings(builtins=False), jobs=1)
    claims = sorted(result.claims, key=lambda c: (c.doc, c.start, c.end, c.kind))
    text = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)
    result.close()
    return text


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_is_the_scan_s_claims_byte_for_byte(tmp_path: Path, jobs: str) -> None:
    root = _mixed_corpus(tmp_path / "c")
    paths = [str(root / "b"), str(root / "cases.jsonl"), str(root / "a.txt")]
    out = tmp_path / "claims.jsonl"
    done = run("extract", *paths, "-f", "jsonl", "-o", str(out), "--jobs", jobs)
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") == _scan_lines(paths)
    docs = [json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert docs == sorted(docs) and "cases.jsonl#r2" in docs


def test_json_is_the_indented_array_of_the_same_records(tmp_path: Path) -> None:
    root = _mixed_corpus(tmp_path / "c")
    lines = run("extract", str(root), "-f", "jsonl").stdout.splitlines()
    printed = run("extract", str(root), "-f", "json").stdout
    records = [json.loads(line) for line in lines]
    assert printed == json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def test_json_of_no_claims_is_an_empty_array(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Nothing to count here.\n", encoding="utf-8")
    assert run("extract", str(tmp_path), "-f", "json").stdout == "[]\n"


def test_a_file_whose_id_falls_among_a_record_file_s_ids_still_sorts(tmp_path: Path) -> None:
    root = _mixed_corpus(tmp_path / "c")
    (root / "cases.jsonl#r15.txt").write_text("About 70 people came.\n", encoding="utf-8")
    pieces = list(claims_in_report_order([str(root)], ExtractSettings(encoding="jsonl"), jobs=1))
    docs = [json.loads(p)["doc"] for p in pieces]
    assert docs == sorted(docs)
    assert "".join(pieces) == _scan_lines([str(root)])


def test_kind_filter_and_table_years_without_thousands_commas(tmp_path: Path) -> None:
    root = _mixed_corpus(tmp_path / "c")
    years = run("extract", str(root / "a.txt"), "--kind", "year", "-f", "jsonl").stdout
    assert {json.loads(line)["kind"] for line in years.splitlines()} == {"year"}
    table = run("extract", str(root / "b")).stdout
    assert "2019" in table and "2,019" not in table
    assert "4,070" in table  # counts keep their separators


def test_no_path_reads_corpus_like_scan(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    done = run("extract", "-f", "jsonl", cwd=tmp_path)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout.splitlines()[0])["doc"] == "one.txt"
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    missing = run("extract", cwd=empty)
    assert missing.exit_code == 2 and "no corpus/ folder" in missing.stderr
