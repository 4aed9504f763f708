"""What a newcomer trips over first: each one fixed and kept fixed."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.config import KEYS
from checker.review.decisions import load_decisions, record_decision
from tests.test_review import make_finding

REPO = Path(__file__).resolve().parent.parent
LETTER = ("The letter had 463 signatories. All 463 signatories met. The 463 signatories "
          "wrote again. The 462 signatories asked for an inquiry.\n")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_an_empty_rule_list_is_a_file_with_no_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "none.yaml").write_text("rules: []\n", encoding="utf-8")
    assert run("rules", "check", str(rules)).exit_code == 0
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    done = run("scan", str(tmp_path / "a.txt"), "--rules", str(rules), "--no-cache",
               "--no-config")
    assert done.exit_code == 1, done.output  # the built-in drift check still runs
    assert "1 finding (1 warning) in 1 document, 4 claims" in done.stdout


def test_the_html_report_says_where_it_went(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    out = tmp_path / "out" / "page.html"
    done = run("scan", str(tmp_path / "a.txt"), "--no-cache", "--no-config", "--no-rules",
               "-f", f"html:{out}")
    assert out.exists() and f"wrote the HTML report to {out}" in done.stderr


def test_the_readme_names_config_keys_that_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    bullet = readme[readme.index("- **Config**"):readme.index("- **Formats for CI**")]
    named = set(re.findall(r"`([a-z_]+)`", bullet)) - {"checker"}
    assert named and named <= set(KEYS), named - set(KEYS)


def test_stale_decisions_only_for_the_documents_scanned(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(LETTER, encoding="utf-8")
    decisions = tmp_path / "d.yaml"
    gone = make_finding("The 464", "b.txt")
    record_decision(decisions, gone.id, "accepted", None, by="A", context=gone)
    assert load_decisions(decisions)[gone.id].doc == "b.txt"
    args = ["scan", "--no-cache", "--no-config", "--no-rules", "--decisions", str(decisions)]
    only_a = run(*args, str(tmp_path / "a.txt"))
    assert "matches no finding" not in only_a.stderr
    both = run(*args, str(tmp_path))
    assert "matches no finding" in both.stderr
