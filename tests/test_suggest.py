"""Suggested rules: groups found in a corpus, written as a rule file the loader accepts, and
`scan --auto-rules`. The documents are written for these tests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.commands.suggest_cmd import suggest_rules
from checker.errors import UserError
from checker.extract import extract_text
from checker.rules.load import load_rules
from checker.suggest import confident_rules, suggest, suggestions_yaml

DOCS = {
    "a.txt": "date: 2016-11-26\n\nSpeakers recalled the summer of 1988, when more than "
             "30,000 political prisoners were put to death after a religious decree.\n",
    "b.txt": "date: 2023-07-05\n\nThe summit remembered the 1988 massacre of over 30,000 "
             "political prisoners in Iran.\n",
    "c.txt": "date: 2022-01-27\n\nThe letter speaks of the massacre of over 300 political "
             "prisoners in 1988. Separately, 463 experts signed the letter. In all, 463 "
             "experts signed it.\n",
    "d.txt": "date: 2024-03-01\n\nThe club sold 12 season tickets and 40 scarves.\n",
}


def _claims() -> list:
    out = []
    for doc_id, text in DOCS.items():
        out += extract_text(text, doc_id)
    return out


def _write(folder: Path) -> Path:
    for name, text in DOCS.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_a_recurring_group_becomes_a_confident_rule() -> None:
    [first, *rest] = suggest(_claims())
    assert first.confident and first.head == "prisoner"
    assert first.terms[0] == "1988"
    assert first.units[0] == "political prisoners"
    assert sorted(c.doc for c in first.claims) == ["a.txt", "b.txt", "c.txt"]
    assert first.findings == 1  # over 300 against over 30,000: they already disagree
    assert all(not s.confident for s in rest)


def test_a_group_in_one_document_is_uncertain() -> None:
    uncertain = [s for s in suggest(_claims()) if not s.confident]
    assert [s.head for s in uncertain] == ["expert"]
    assert uncertain[0].documents == 1


def test_thresholds_are_options() -> None:
    strict = suggest(_claims(), min_claims=4)
    assert not any(s.confident for s in strict)
    loose = suggest(_claims(), min_documents=1, min_claims=2)
    assert {s.head for s in loose if s.confident} == {"prisoner", "expert"}


def test_written_file_loads_and_means_the_same_rules(tmp_path: Path) -> None:
    suggestions = suggest(_claims())
    text = suggestions_yaml(suggestions, len(DOCS))
    path = tmp_path / "suggested.yaml"
    path.write_text(text, "utf-8")
    loaded = load_rules([str(path)])
    expected = confident_rules(suggestions)
    assert [dataclasses.replace(r, source="") for r in loaded] == [
        dataclasses.replace(r, source="") for r in expected]
    assert "# uncertain: 2 claims in 1 document" in text
    assert "#   - id: experts-" in text or "# - id: experts-" in text
    assert "they already disagree (1 finding)" in text


def test_nothing_to_suggest_is_said_plainly() -> None:
    assert "nothing to suggest" in suggestions_yaml([], 1)
    assert suggest([]) == []


def test_output_is_deterministic() -> None:
    claims = _claims()
    first = suggestions_yaml(suggest(claims), 4)
    assert suggestions_yaml(suggest(list(reversed(claims))), 4) == first


def test_command_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    corpus = _write(tmp_path / "corpus")
    out = tmp_path / "rules" / "suggested.yaml"
    args = [str(corpus), "-o", str(out), "--jobs", "1"]
    result = CliRunner().invoke(suggest_rules, args)
    assert result.exit_code == 0, result.output
    assert load_rules([str(out)])[0].id == "political-prisoners-1988"
    again = CliRunner().invoke(suggest_rules, args)
    assert isinstance(again.exception, UserError)
    assert "--force" in str(again.exception)
    assert CliRunner().invoke(suggest_rules, [*args, "--force"]).exit_code == 0


def test_command_help_has_an_example() -> None:
    result = CliRunner().invoke(suggest_rules, ["--help"])
    assert "Example" in result.output and "suggest-rules" in result.output


def test_scan_with_auto_rules_finds_the_cross_document_conflict(tmp_path: Path) -> None:
    corpus = _write(tmp_path)
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--format", "json",
                                      "--no-cache", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    conflicts = [f for f in report["findings"] if f["rule"] == "political-prisoners-1988"]
    assert len(conflicts) == 1
    flagged = [c["text"] for c in conflicts[0]["claims"] if c["role"] == "flagged"]
    assert flagged == ["over 300 political prisoners"]


def test_auto_rules_and_no_rules_contradict(tmp_path: Path) -> None:
    corpus = _write(tmp_path)
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--no-rules"])
    assert result.exit_code == 2
    assert "--auto-rules" in result.output


@pytest.mark.skipif(not Path(__file__).resolve().parents[1].joinpath("../shared/seeds").is_dir(),
                    reason="the seeds are not here")
def test_suggestions_from_the_seeds_load() -> None:
    from checker.pipeline import ScanSettings, scan

    seeds = str(Path(__file__).resolve().parents[1] / "../shared/seeds")
    result = scan([seeds], ScanSettings(builtins=False), jobs=1)
    rules = confident_rules(suggest(result.claims))
    assert any(r.context_any[0] == "1988" for r in rules)
