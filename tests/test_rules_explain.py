"""`checker rules explain`: every claim a rule selects, and why it leaves the others."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli

RULE = """\
id: barge-deaths
title: Passengers who drowned when the barge sank
match:
  units: [passengers, dead, ~]
  near: {any: [drowned, died, dead], none: [survived]}
  document: {all: [barge]}
"""
TEXT = """\
The barge carried 2,140 passengers; only 615 survived and 1,388 drowned.
A week later the toll stood at 1,388 dead.
"""


def explain(tmp_path: Path, *extra: str):
    (tmp_path / "rules.yaml").write_text(RULE, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "barge.txt").write_text(TEXT, encoding="utf-8")
    (docs / "other.txt").write_text("The ferry carried 300 passengers.\n", encoding="utf-8")
    return CliRunner().invoke(cli, ["rules", "explain", *extra, "--rules",
                                    str(tmp_path / "rules.yaml"), str(docs)])


def test_explain_lists_selected_and_left_claims_with_reasons(tmp_path: Path) -> None:
    result = explain(tmp_path, "barge-deaths")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("rule barge-deaths — Passengers who drowned when the barge sank\n")
    selected, left = out.split("Left out:")
    assert "Selected: 2 claims in 2 documents" in selected
    assert "barge.txt:1:59  1,388  [1,388]" in selected
    assert 'noun passenger (inferred); verb drown; clause "1,388 drowned"' in selected
    assert "barge.txt:2:32  1,388  [1,388]" in selected
    assert "barge.txt:1:19  2,140 passengers  [2,135-2,145]\n" \
           "      left: no word of near.any in its clause\n" in left
    assert "barge.txt:1:42  615  [615]\n      left: 'survived' is in its clause (near.none)" \
        in left
    assert "other.txt: 1 claim left: the document lacks 'barge' (document.all)" in left
    assert out.endswith("Findings of this rule: 0\n")


def test_explain_an_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    result = explain(tmp_path, "barge-death")
    assert result.exit_code == 2
    assert "no rule 'barge-death'" in result.output
    assert "did you mean 'barge-deaths'?" in result.output
