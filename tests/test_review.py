"""Editors' decisions: the file format, concurrent writes, applying them, `checker review`."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner

from checker.cli import CheckerGroup
from checker.commands import review_cmd
from checker.errors import UserError
from checker.model import Claim, Finding, FindingClaim, finding_id
from checker.review.decisions import (
    DECISIONS_HEADER,
    Decision,
    apply_decisions,
    dump_decisions,
    load_decisions,
    record_decision,
    resolve_id,
    stale_records,
    stale_warning,
)

NOON = dt.datetime(2026, 11, 23, 10, 15, tzinfo=dt.UTC)


def claim(doc: str, text: str, quote: str, start: int = 0, line: int = 1) -> Claim:
    return Claim(doc=doc, start=start, end=start + len(text), line=line, column=1, text=text,
                 quote=quote, kind="count", value=int(text.split()[-1]))


def make_finding(flagged: str = "The 462", doc: str = "letter.txt",
                 rule: str = "drift") -> Finding:
    claims = [
        FindingClaim(claim(doc, flagged, f"{flagged} signatories met again.", 90, 5),
                     "flagged"),
        FindingClaim(claim(doc, "463", "A letter with 463 signatories.", 10, 1), "reference"),
    ]
    f = Finding(rule=rule, check="drift", severity="warning",
                message=f"{flagged[-3:]} here; 463 in 3 other places (off by one).",
                claims=claims)
    f.id = finding_id(f.rule, f.check, f.claims)
    return f


def test_record_then_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "checker-decisions.yaml"
    one, two = make_finding("The 462"), make_finding("The 464")
    record_decision(path, one.id, "dismissed", "Counted before the last one signed: 462.",
                    by="Jane Editor", context=one, now=NOON)
    record_decision(path, two.id, "accepted", None, by="Sam", context=two, now=NOON)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(DECISIONS_HEADER)
    assert "version: 1\n" in text
    assert text.index(min(one.id, two.id)) < text.index(max(one.id, two.id))  # sorted by id
    decisions = load_decisions(path)
    assert decisions[one.id] == Decision(
        id=one.id, status="dismissed", reason="Counted before the last one signed: 462.",
        by="Jane Editor", at="2026-11-23T10:15:00Z", rule="drift", message=one.message,
        doc="letter.txt")
    assert decisions[two.id].status == "accepted" and decisions[two.id].note is None
    assert dump_decisions(decisions) == text  # loading and writing again changes nothing


@pytest.mark.parametrize("awkward", [
    'He said: "462" # not a comment', "yes", "null", "  leading space", "Żółć – naïve",
    "two\nlines", "123", "- dash", "tab\there", "back\\slash",
])
def test_awkward_text_survives_the_file(tmp_path: Path, awkward: str) -> None:
    path = tmp_path / "d.yaml"
    record_decision(path, "0123456789012345", "dismissed", awkward, by=awkward, now=NOON)
    d = load_decisions(path)["0123456789012345"]  # an all-digit id stays a string
    assert (d.reason, d.by) == (awkward, awkward)


def test_reset_removes_the_decision(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    f = make_finding()
    record_decision(path, f.id, "accepted", "fix it", by="A", context=f)
    removed = record_decision(path, f.id, "reset")
    assert removed is not None and removed.note == "fix it"
    assert load_decisions(path) == {}
    assert record_decision(path, f.id, "reset") is None


def test_a_dismissal_needs_a_reason(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="reason"):
        record_decision(tmp_path / "d.yaml", "abcd1234", "dismissed", "  ", by="A")
    assert not (tmp_path / "d.yaml").exists()


@pytest.mark.parametrize("content, where", [
    ("version: 1\ndecisions:\n  abcd: [unclosed\n", ":4:1"),
    ("version: 1\ndecisions:\n  abcd1234:\n    status: maybe\n", ":3"),
    ("version: 1\ndecisions:\n  abcd1234:\n    status: dismissed\n", ":3"),
    ("version: 1\ndecisions:\n  abcd1234:\n    stauts: accepted\n", ":4:5"),
    ("version: 2\ndecisions: {}\n", ":1:10"),
    ("- just a list\n", ":1:1"),
])
def test_a_malformed_file_is_never_overwritten(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        record_decision(path, "abcd1234", "accepted", None, by="A")
    assert str(caught.value).startswith(f"{path}{where}")
    assert path.read_text(encoding="utf-8") == content
    assert not Path(f"{path}.lock").exists()


def test_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("version: 1\ndecisions:\n  abcd1234:\n    stauts: accepted\n")
    with pytest.raises(UserError, match="did you mean 'status'"):
        load_decisions(path)


def _record_one(path: str, index: int, barrier) -> None:
    barrier.wait()
    record_decision(path, f"{index:04d}abcdef{index:06d}", "dismissed", f"reason {index}",
                    by=f"editor {index}")


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "checker-decisions.yaml")
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(8)
    workers = [ctx.Process(target=_record_one, args=(path, i, barrier)) for i in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0] * 8
    decisions = load_decisions(path)
    assert sorted(d.reason for d in decisions.values()) == [f"reason {i}" for i in range(8)]
    assert not Path(f"{path}.lock").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_apply_marks_findings_and_reports_stale(tmp_path: Path) -> None:
    kept, fixed = make_finding("The 462"), make_finding("The 464")
    path = tmp_path / "d.yaml"
    record_decision(path, kept.id, "dismissed", "not the same letter", by="Jane", context=kept,
                    now=NOON)
    record_decision(path, fixed.id, "accepted", None, by="Sam", context=fixed, now=NOON)
    findings = [make_finding("The 462"), make_finding("The 465")]
    stale = apply_decisions(findings, load_decisions(path))
    assert [f.status for f in findings] == ["dismissed", "new"]
    assert findings[0].details["decision"] == {
        "status": "dismissed", "reason": "not the same letter", "by": "Jane",
        "at": "2026-11-23T10:15:00Z"}
    assert [d.id for d in stale] == [fixed.id]
    line = stale_warning("checker-decisions.yaml", stale[0])
    assert line == (f"checker-decisions.yaml: decision for {fixed.id[:8]} (drift) matches no "
                    "finding; the text may have been fixed — remove it with "
                    f"`checker review reset {fixed.id[:8]}`")
    assert stale_records(stale) == [{
        "id": fixed.id, "status": "accepted", "by": "Sam", "at": "2026-11-23T10:15:00Z",
        "rule": "drift", "message": fixed.message, "doc": "letter.txt"}]


IDS = ["3f2a9c0d1e2b4a5c", "3f2a9c0dffff0000", "77aa000000000000"]


@pytest.mark.parametrize("prefix, expected", [
    ("77aa", "77aa000000000000"), ("3f2a9c0d1", "3f2a9c0d1e2b4a5c"),
    ("3F2A9C0DF", "3f2a9c0dffff0000"), ("77aa0000…", "77aa000000000000"),
    ("77aa0000...", "77aa000000000000"),
])
def test_id_prefix_resolves(prefix: str, expected: str) -> None:
    assert resolve_id(prefix, IDS) == expected


@pytest.mark.parametrize("prefix, message", [
    ("3f2a", "ambiguous: 3f2a9c0d1, 3f2a9c0df; give more digits"),
    ("9999", "no finding with id 9999"),
    ("77a", "too short"),
    ("zz12", "not a finding id"),
])
def test_bad_id_prefix_is_a_user_error(prefix: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        resolve_id(prefix, IDS)


# -- the command line, against a stand-in scan (the pipeline has its own tests) -------------


@pytest.fixture
def fake_scan(monkeypatch: pytest.MonkeyPatch):
    current = {"findings": [("The 462", "letter.txt"), ("The 464", "other.txt")]}

    def run_scan(*args, **kwargs):
        return SimpleNamespace(findings=[make_finding(t, d) for t, d in current["findings"]])

    monkeypatch.setattr(review_cmd, "run_scan", run_scan)
    return current


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The real CLI's error handling, with this stage's commands (registered or not)."""


cli.add_command(review_cmd.review)
cli.add_command(review_cmd.baseline)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_dismiss_accept_list_reset(tmp_path: Path, fake_scan) -> None:
    decisions = str(tmp_path / "d.yaml")
    one, two = make_finding("The 462"), make_finding("The 464", "other.txt")
    result = invoke("review", "dismiss", one.id[:6], "--reason", "different letter",
                    "--by", "Jane", "--decisions", decisions)
    assert result.exit_code == 0, result.output
    assert f"Dismissed {one.id[:8]} (drift) by Jane: different letter" in result.output
    assert invoke("review", "accept", two.id[:8], "--note", "fix", "--decisions",
                  decisions).exit_code == 0
    listing = invoke("review", "--decisions", decisions, "--no-baseline")
    assert listing.exit_code == 0
    assert f"{one.id[:8]}  dismissed  warning  drift  letter.txt:5:1 'The 462'" in listing.output
    assert "dismissed by Jane at " in listing.output
    assert listing.output.rstrip().endswith("2 findings: 1 accepted, 1 dismissed")
    only_new = invoke("review", "list", "--status", "new", "--decisions", decisions)
    assert one.id[:8] not in only_new.output and "(0 shown)" in only_new.output
    fake_scan["findings"] = [("The 462", "letter.txt")]  # the other one was fixed
    stale = invoke("review", "--decisions", decisions)
    assert f"stale     {decisions}: decision for {two.id[:8]} (drift)" in stale.output
    assert "1 stale decision" in stale.output
    reset = invoke("review", "reset", two.id[:5], "--decisions", decisions)
    assert reset.exit_code == 0 and "Removed the accepted decision" in reset.output
    assert list(load_decisions(decisions)) == [one.id]


def test_cli_dismiss_without_reason_is_a_usage_error(tmp_path: Path, fake_scan) -> None:
    result = invoke("review", "dismiss", make_finding().id, "--decisions",
                    str(tmp_path / "d.yaml"))
    assert result.exit_code == 2
    assert "Missing option '--reason'" in result.output


@pytest.mark.parametrize("prefix, message", [
    ("ffff", "no finding with id ffff"),
    ("0000000000", "no finding"),
])
def test_cli_unknown_id_exits_2(tmp_path: Path, fake_scan, prefix: str, message: str) -> None:
    result = invoke("review", "accept", prefix, "--decisions", str(tmp_path / "d.yaml"))
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "d.yaml").exists()


def test_cli_reset_of_unknown_decision_exits_2(tmp_path: Path) -> None:
    result = invoke("review", "reset", "abcd", "--decisions", str(tmp_path / "d.yaml"))
    assert result.exit_code == 2 and "no decision with id abcd" in result.output


def _all_commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = [("review", review_cmd.review),
                                            ("baseline", review_cmd.baseline)]
    out += [(f"review {n}", c) for n, c in sorted(review_cmd.review.commands.items())]
    return out


@pytest.mark.parametrize("name, command", _all_commands(), ids=lambda v: str(v))
def test_every_command_has_an_example(name: str, command: click.Command) -> None:
    assert "Example" in (command.help or ""), name
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0 and "Example" in result.output


# -- end to end, with the real scan pipeline -------------------------------------------------

LETTER = """date: 2022-01-27

An open letter with 463 signatories went to the council on Thursday.
Its 463 signatories asked for an inquiry into the killings.
Officials said the 462 signatories came from 40 countries.
A spokesman thanked all 463 signatories for their courage.
"""


def test_review_a_real_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listing = invoke("review", "--no-rules", "-j", "1")  # no PATH: corpus/, like scan
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    assert lines[-1] == "1 finding: 1 new"
    short = lines[0].split()[0]
    assert "letter.txt:5:" in lines[0] and "462" in lines[0]
    dismissed = invoke("review", "dismiss", short[:6], "--no-rules", "-j", "1",
                       "--reason", "the 462 had signed before the last official", "--by", "Ed")
    assert dismissed.exit_code == 0, dismissed.output
    decisions = load_decisions("checker-decisions.yaml")
    assert [d.id[:len(short)] for d in decisions.values()] == [short]
    assert invoke("review", "--no-rules", "-j", "1").output.splitlines()[-1] == \
        "1 finding: 1 dismissed"
    (corpus / "letter.txt").write_text(LETTER.replace("462", "463"), encoding="utf-8")
    after_fix = invoke("review", "--no-rules", "-j", "1")
    assert after_fix.output.splitlines()[-1] == "0 findings; 1 stale decision"
    assert f"remove it with `checker review reset {short}`" in after_fix.output


def test_accept_and_dismiss_take_no_baseline_option(tmp_path: Path, fake_scan) -> None:
    """Recording a decision does not depend on the baseline (a baselined finding keeps its
    id), so the two commands offer no --baseline/--no-baseline to be silently ignored."""
    decisions = str(tmp_path / "d.yaml")
    finding = make_finding("The 462")
    for command, text in (("accept", "--note"), ("dismiss", "--reason")):
        result = invoke("review", command, finding.id[:8], text, "x", "--decisions",
                        decisions, "--no-baseline")
        assert result.exit_code == 2
        assert "No such option '--no-baseline'" in result.output
