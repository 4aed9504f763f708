"""The command line: exit codes, one-line errors, formats, determinism."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker.cli import cli

LETTER = """date: 2022-01-27

An open letter signed by 463 former UN officials was published on Thursday, January 27, 2022.
The signatories called on the Human Rights Council to act.
The 462 called on the United Nations to open an inquiry.
"It matters," said one of the 463 officials who signed it.
Organisers said the 463 signatories came from 40 countries.
"""

CLEAN = """date: 2022-02-01

The letter was signed by 463 former officials, its organisers said on Tuesday.
"""

RULE = """rules:
  - id: letter-signatories
    title: Signatories of the open letter
    match:
      units: [signatories, officials]
    severity: error
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "letter.txt").write_text(LETTER, encoding="utf-8")
    (root / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return root


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_scan_finds_the_off_by_one_and_exits_1(corpus: Path) -> None:
    result = run("scan", str(corpus), "--no-rules", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert set(report) >= {"version", "summary", "documents", "findings", "claims"}
    flagged = [c for f in report["findings"] for c in f["claims"] if c["role"] == "flagged"]
    assert any("462" in c["text"] for c in flagged)
    assert not any("463" in c["text"] for c in flagged)


def test_scan_with_a_rule_file(corpus: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULE, encoding="utf-8")
    result = run("scan", str(corpus), "--rules", str(rules), "--format", "json",
                 "--disable", "drift")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    conflicts = [f for f in report["findings"] if f["rule"] == "letter-signatories"]
    assert conflicts, report["findings"]
    assert "463" in conflicts[0]["message"]


def test_fail_on_never_exits_0(corpus: Path) -> None:
    result = run("scan", str(corpus), "--no-rules", "--fail-on", "never")
    assert result.exit_code == 0
    assert "462" in result.stdout


def test_clean_corpus_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = run("scan", str(tmp_path), "--no-rules")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("scan", "does-not-exist"), "does-not-exist"),
        (("scan", "{empty}"), "no documents"),
        (("scan", "{corpus}", "--format", "pdf"), "unknown format"),
        (("scan", "{corpus}", "--disable", "wekday"), "unknown check"),
        (("scan", "{corpus}", "--rules", "{badrules}"), "badrules.yaml:3:5"),
        (("scan", "{corpus}", "--date", "27/01/2022"), "--date"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(
    corpus: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = tmp_path / "badrules.yaml"
    bad.write_text("rules:\n  - id: x\n    severty: error\n    match: {units: [a]}\n")
    fill = {"empty": str(empty), "corpus": str(corpus), "badrules": str(bad)}
    result = run(*(a.format(**fill) for a in args), cwd=tmp_path)
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert "Traceback" not in result.output
    assert len(err.splitlines()) == 1, err
    assert message in err


def test_scan_without_path_uses_corpus_and_rules_folders(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "letter.yaml").write_text(RULE, encoding="utf-8")
    result = run("scan", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["documents"] == 2
    assert any(f["rule"] == "letter-signatories" for f in report["findings"])


def test_output_is_deterministic_across_job_counts(corpus: Path, tmp_path: Path) -> None:
    for i in range(20):  # enough files for the process pool to be used
        (corpus / f"copy{i:02}.txt").write_text(LETTER, encoding="utf-8")
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    run("scan", str(corpus), "--no-rules", "-f", "json", "-o", str(one), "--jobs", "1")
    run("scan", str(corpus), "--no-rules", "-f", "json", "-o", str(two), "--jobs", "2")
    assert one.read_bytes() == two.read_bytes()


def test_several_formats_in_one_run(corpus: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "r.json"
    out_csv = tmp_path / "r.csv"
    result = run("scan", str(corpus), "--no-rules", "-f", "text",
                 "-f", f"json:{out_json}", "-f", f"csv:{out_csv}")
    assert result.exit_code == 1
    assert "462" in result.stdout
    assert json.loads(out_json.read_text())["findings"]
    assert out_csv.read_text().startswith("finding_id,")
    assert (tmp_path / "r.claims.csv").read_text().startswith("id,")


@pytest.mark.parametrize("fmt", ["table", "jsonl", "json", "csv"])
def test_extract_formats(corpus: Path, fmt: str) -> None:
    result = run("extract", str(corpus), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "462" in result.stdout


def test_extract_reads_a_jsonl_of_cases(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "c1", "text": "More than 8,000 men and boys were killed."}) + "\n"
        + json.dumps({"id": "c2", "text": "Nearly 1 million people died."}) + "\n",
        encoding="utf-8",
    )
    result = run("extract", str(cases), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_doc = {r["doc"].split("#")[-1]: r for r in rows if r["kind"] == "count"}
    assert by_doc["c1"]["value"] == 8000 and by_doc["c1"]["qualifier"] == "over"
    assert by_doc["c2"]["value"] == 1_000_000 and by_doc["c2"]["qualifier"] == "nearly"


def test_rules_check_reports_ok_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(RULE, encoding="utf-8")
    ok = run("rules", "check", str(good))
    assert ok.exit_code == 0 and "1 rule OK" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: [unclosed\n")
    err = run("rules", "check", str(bad))
    assert err.exit_code == 2
    assert "bad.yaml:" in err.stderr


def test_every_command_has_help_with_an_example() -> None:
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"scan", "extract", "review", "baseline", "config", "cache"} <= set(names)
    for name in names:
        command = cli.get_command(ctx, name)
        result = run(name, "--help")
        assert result.exit_code == 0, name
        if hasattr(command, "commands"):
            for sub in command.commands:
                text = run(name, sub, "--help").stdout
                assert "Example" in text, f"{name} {sub}"
        else:
            assert "Example" in result.stdout, name
