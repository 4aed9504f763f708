"""The baseline: writing it safely, applying it, and adopting checker on an old corpus."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner

from checker.cli import CheckerGroup
from checker.commands import review_cmd
from checker.errors import UserError
from checker.model import Claim, Finding, FindingClaim, finding_id
from checker.report import failing
from checker.review.baseline import (
    BASELINE_HEADER,
    BaselineEntry,
    apply_baseline,
    baseline_summary,
    dump_baseline,
    load_baseline,
    write_baseline,
)
from checker.review.decisions import record_decision
from checker.review.stage import apply_review_files


def make_finding(flagged: str = "The 462", doc: str = "letter.txt") -> Finding:
    """A drift finding like the built-in check makes: `flagged` against three 463s."""
    claims = [
        FindingClaim(Claim(doc, 90, 90 + len(flagged), 5, 1, flagged, f"{flagged} met.",
                           "count", int(flagged[-3:])), "flagged"),
        FindingClaim(Claim(doc, 10, 13, 1, 1, "463", "A letter with 463 signatories.",
                           "count", 463), "reference"),
    ]
    f = Finding("drift", "drift", "warning", f"{flagged[-3:]} here; 463 in 3 other places.",
                claims)
    f.id = finding_id(f.rule, f.check, f.claims)
    return f


@click.group(cls=CheckerGroup)
def cli() -> None:
    """The real CLI's error handling, with this stage's commands (registered or not)."""


cli.add_command(review_cmd.baseline)


def test_write_then_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "checker-baseline.yaml"
    findings = [make_finding("The 464"), make_finding("The 462")]
    change = write_baseline(path, findings)
    assert change.written and change.entries == 2 and change.removed == ()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(BASELINE_HEADER) and "version: 1\n" in text
    loaded = load_baseline(path)
    assert list(loaded) == sorted(f.id for f in findings)
    assert loaded[findings[0].id] == BaselineEntry(findings[0].id, "drift", findings[0].message)
    assert dump_baseline(loaded) == text


def test_an_existing_baseline_is_not_replaced_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    old, fixed, new = make_finding("The 462"), make_finding("The 464"), make_finding("The 465")
    write_baseline(path, [old, fixed])
    before = path.read_text(encoding="utf-8")
    change = write_baseline(path, [old, new])
    assert not change.written and path.read_text(encoding="utf-8") == before
    assert (change.added, change.removed) == ((new.id,), (fixed.id,))
    pruned = write_baseline(path, [old, new], mode="prune")
    assert pruned.written and pruned.added == () and pruned.removed == (fixed.id,)
    assert list(load_baseline(path)) == [old.id]  # the new finding was not absorbed
    updated = write_baseline(path, [old, new], mode="update")
    assert updated.added == (new.id,) and set(load_baseline(path)) == {old.id, new.id}


def test_apply_marks_baseline_findings_and_reports_the_gone(tmp_path: Path) -> None:
    old, fixed, decided = make_finding("The 462"), make_finding("The 464"), \
        make_finding("The 466")
    baseline = {f.id: BaselineEntry(f.id) for f in (old, fixed, decided)}
    decided.status = "dismissed"
    fresh = make_finding("The 465")
    findings = [old, decided, fresh]
    gone = apply_baseline(findings, baseline)
    assert [f.status for f in findings] == ["baseline", "dismissed", "new"]
    assert gone == [fixed.id]
    assert failing(findings, "info") == [fresh]
    assert baseline_summary("b.yaml", baseline, gone) == {
        "path": "b.yaml", "entries": 3, "matched": 2, "gone": 1, "gone_ids": [fixed.id]}


@pytest.mark.parametrize("content, where", [
    ("version: 1\nfindings:\n  abcd1234: {rule: [x\n", ":4:1"),
    ("version: 1\nfindings:\n  not-an-id: {}\n", ":3:3"),
    ("version: 1\nfindings:\n  abcd1234:\n    rul: drift\n", ":4:5"),
])
def test_a_malformed_baseline_names_the_place(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_baseline(path)
    assert str(caught.value).startswith(f"{path}{where}")
    with pytest.raises(UserError):
        write_baseline(path, [make_finding()], mode="update")
    assert path.read_text(encoding="utf-8") == content


def test_a_missing_baseline_that_was_asked_for_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="baseline file not found"):
        apply_review_files([make_finding()], None, str(tmp_path / "nope.yaml"))


def test_review_stage_in_one_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old, gone, decided = make_finding("The 462"), make_finding("The 464"), \
        make_finding("The 466")
    write_baseline("checker-baseline.yaml", [old, gone])  # the default file, found in cwd
    record_decision("checker-decisions.yaml", decided.id, "accepted", None, by="A",
                    context=decided)
    record_decision("checker-decisions.yaml", "abcdef0123456789", "accepted", None, by="A")
    warnings: list[str] = []
    findings = [make_finding("The 462"), make_finding("The 466"), make_finding("The 467")]
    extra = apply_review_files(findings, "checker-decisions.yaml", on_warning=warnings.append)
    assert [f.status for f in findings] == ["baseline", "accepted", "new"]
    assert extra["baseline"]["gone"] == 1 and extra["baseline"]["path"] == "checker-baseline.yaml"
    assert [d["id"] for d in extra["stale_decisions"]] == ["abcdef0123456789"]
    assert len(warnings) == 1 and "abcdef01" in warnings[0]
    plain = [make_finding("The 462")]
    apply_review_files(plain, None, no_baseline=True)
    assert plain[0].status == "new"


def test_cli_baseline_refuses_then_updates(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    found = [("The 462", "letter.txt")]
    monkeypatch.setattr(review_cmd, "run_scan", lambda *a, **k: SimpleNamespace(
        findings=[make_finding(t, d) for t, d in found]))
    out = str(tmp_path / "b.yaml")
    runner = CliRunner()
    first = runner.invoke(cli, ["baseline", "-o", out], catch_exceptions=False)
    assert first.exit_code == 0 and "Wrote" in first.output and "(added 1, removed 0)" in \
        first.output
    found[:] = [("The 465", "letter.txt")]
    again = runner.invoke(cli, ["baseline", "-o", out], catch_exceptions=False)
    assert again.exit_code == 2
    assert "would add 1 and remove 1" in again.output and "--update" in again.output
    updated = runner.invoke(cli, ["baseline", "-o", out, "--update"], catch_exceptions=False)
    assert updated.exit_code == 0 and "(added 1, removed 1)" in updated.output
    same = runner.invoke(cli, ["baseline", "-o", out], catch_exceptions=False)
    assert same.exit_code == 0 and "up to date: 1 finding" in same.output
    assert list(load_baseline(out)) == [make_finding("The 465").id]


# -- end to end, with the real scan pipeline -------------------------------------------------

OLD_LETTER = """date: 2022-01-27

An open letter with 463 signatories went to the council on Thursday.
Its 463 signatories asked for an inquiry into the killings.
Officials said the 462 signatories came from 40 countries.
A spokesman thanked all 463 signatories for their courage.
"""

NEW_REPORT = """date: 2022-02-03

The 347 refugees reached the camp on Monday.
Aid workers counted the 347 refugees again at noon.
By evening all 347 refugees had tents.
The 374 refugees were fed before dark.
"""


def test_adopting_on_an_old_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.commands.settings import run_scan

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(OLD_LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    opts = {"include": (), "exclude": (), "id_field": "id", "text_field": "text",
            "date_field": "date", "doc_date": None, "jobs": 1}

    def scan_and_review():
        result = run_scan(("corpus",), (), True, (), False, opts)
        extra = apply_review_files(result.findings, None)
        return result.findings, extra

    findings, _ = scan_and_review()
    assert failing(findings, "info"), "the 462 should be flagged before the baseline"
    made = CliRunner().invoke(cli, ["baseline", "corpus", "--no-rules", "-j", "1"],
                              catch_exceptions=False)
    assert made.exit_code == 0, made.output
    findings, extra = scan_and_review()
    assert not failing(findings, "info") and {f.status for f in findings} == {"baseline"}
    (corpus / "report.txt").write_text(NEW_REPORT, encoding="utf-8")
    findings, extra = scan_and_review()
    assert [f.claims[0].claim.doc for f in failing(findings, "info")] == ["report.txt"]
    (corpus / "letter.txt").write_text(OLD_LETTER.replace("462", "463"), encoding="utf-8")
    findings, extra = scan_and_review()
    assert extra["baseline"]["gone"] >= 1 and extra["baseline"]["matched"] == 0


def test_scan_command_honours_the_baseline(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit codes through `checker scan` once the lead has wired the review stage in."""
    from checker.cli import cli as real_cli

    scan = real_cli.get_command(click.Context(real_cli), "scan")
    assert scan is not None and any("--baseline" in p.opts for p in scan.params)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(OLD_LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(real_cli, ["scan", "corpus", "--no-rules"]).exit_code == 1
    assert runner.invoke(real_cli, ["baseline", "corpus", "--no-rules"]).exit_code == 0
    assert runner.invoke(real_cli, ["scan", "corpus", "--no-rules"]).exit_code == 0
    (corpus / "report.txt").write_text(NEW_REPORT, encoding="utf-8")
    assert runner.invoke(real_cli, ["scan", "corpus", "--no-rules"]).exit_code == 1
