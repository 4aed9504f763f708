"""Every decision and baseline write reads back as written, or is refused with nothing
written; no OS-only module is needed to start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import UserError
from checker.review.baseline import load_baseline, write_baseline
from checker.review.decisions import load_decisions, record_decision
from tests.test_review import fake_scan as _fake_scan
from tests.test_review import invoke, make_finding


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_reason_is_read_back_equal_or_refused_with_nothing_written(
    tmp_path: Path, reason: str
) -> None:
    path = tmp_path / "d.yaml"
    path.unlink(missing_ok=True)
    record_decision(path, "abcd1234", "accepted", "first", by="A")
    before = path.read_bytes()
    try:
        record_decision(path, "abcd1234", "dismissed", reason, by="A")
    except UserError:
        assert any(0xD800 <= ord(ch) <= 0xDFFF for ch in reason)
        assert path.read_bytes() == before
        return
    assert load_decisions(path)["abcd1234"].reason == reason


@pytest.mark.parametrize("awkward", ["x\x80y", "a\x85b", "line\u2028sep", "\ufffe!", "\x9f"])
def test_characters_yaml_cannot_hold_literally_come_back_as_written(
    tmp_path: Path, awkward: str
) -> None:
    path = tmp_path / "d.yaml"
    record_decision(path, "abcd1234", "dismissed", awkward, by=awkward)
    decision = load_decisions(path)["abcd1234"]
    assert (decision.reason, decision.by) == (awkward, awkward)


fake_scan = _fake_scan  # the fixture, shared with test_review


def test_a_c1_reason_on_the_command_line_keeps_the_file_readable(
    tmp_path: Path, fake_scan
) -> None:
    decisions = str(tmp_path / "d.yaml")
    one = make_finding("The 462")
    done = invoke("review", "dismiss", one.id[:8], "--reason", "x\x80y", "--decisions",
                  decisions)
    assert done.exit_code == 0, done.output
    listing = invoke("review", "--decisions", decisions)
    assert listing.exit_code == 0 and "dismissed" in listing.output


def test_bytes_that_are_not_utf8_are_refused_with_exit_2(tmp_path: Path, fake_scan) -> None:
    decisions = tmp_path / "d.yaml"
    one = make_finding("The 462")
    reason = b"x\xffy".decode("utf-8", "surrogateescape")  # how Python hands over argv
    done = invoke("review", "dismiss", one.id[:8], "--reason", reason, "--decisions",
                  str(decisions))
    assert done.exit_code == 2
    assert "not UTF-8" in done.output and "Traceback" not in done.output
    assert not decisions.exists()


def test_a_baseline_with_awkward_messages_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    findings = [make_finding("The 462"), make_finding("The 464", "o.txt")]
    findings[0].message = "Odd\x85figure\u2028here"
    write_baseline(path, findings)
    assert load_baseline(path)[findings[0].id].message == findings[0].message


def test_checker_starts_where_fcntl_does_not_exist(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "from checker.cli import cli\n"
            "import checker.review.decisions, checker.commands.review_cmd, checker.review.app\n"
            "try:\n    cli(['review', '--help'], prog_name='checker')\n"
            "except SystemExit as e:\n    print('exit', e.code)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert "exit 0" in done.stdout, done.stderr
