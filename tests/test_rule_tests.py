"""`checker test`: rule tests beside rule files pass, and fail naming file:line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import REPO

RULES = """\
rules:
  - id: barge-deaths
    match:
      units: [passengers, ~]
      near: {any: [drowned, died], none: [survived]}
      document: {all: [barge]}
"""


def run(tmp_path: Path, test_text: str):
    (tmp_path / "barge.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "barge.test.txt").write_text(test_text, encoding="utf-8")
    return CliRunner().invoke(cli, ["test", str(tmp_path)])


def test_a_passing_rule_test(tmp_path: Path) -> None:
    result = run(tmp_path, "# ruleid: barge-deaths 1,388\n# ok: barge-deaths 2,140 615\n"
                           "The barge carried 2,140 passengers; 615 survived and 1,388 drowned.\n")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 rule file tested, 2 markers, 0 failures\n")


def test_a_missed_figure_and_an_unmarked_one_fail_with_file_and_line(tmp_path: Path) -> None:
    text = ("The barge sank in the night.\n"
            "# ruleid: barge-deaths 615\n"
            "The barge carried 2,140 passengers; 615 survived and 1,388 drowned.\n")
    result = run(tmp_path, text)
    assert result.exit_code == 1
    where = f"{tmp_path / 'barge.test.txt'}:3"
    assert f"  {where}: barge-deaths misses 615 (marked ruleid)\n" in result.output
    assert f"  {where}:54: barge-deaths takes '1,388', which no ruleid marks\n" in result.output
    assert result.output.endswith("1 rule file tested, 1 markers, 2 failures\n")


def test_ok_markers_fail_when_the_rule_takes_the_figure(tmp_path: Path) -> None:
    result = run(tmp_path, "# ok: barge-deaths\nOn the barge 1,388 passengers drowned.\n")
    assert result.exit_code == 1
    assert "barge.test.txt:2:14: barge-deaths takes '1,388 passengers' (marked ok)" \
        in result.output


def test_markers_are_not_part_of_the_text_and_bad_ones_are_reported(tmp_path: Path) -> None:
    result = run(tmp_path, "# ruleid: barge-death 12\nOn the barge 12 passengers drowned.\n")
    assert result.exit_code == 1
    assert "barge.test.txt:1: unknown rule id 'barge-death'" in result.output
    result = run(tmp_path, "On the barge 12 passengers drowned.\n# ruleid: barge-deaths\n")
    assert result.exit_code == 2
    assert "barge.test.txt:2:1: marker on the last line marks nothing" in result.output


def test_the_shipped_rules_pass_their_tests() -> None:
    result = CliRunner().invoke(cli, ["test", str(REPO / "rules")])
    assert result.exit_code == 0, result.output
    assert "0 failures" in result.output
