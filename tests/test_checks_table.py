"""`checker checks --markdown`: the README's table of built-in checks, made from the
checks' docstrings; the README must hold exactly that table."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.commands.checks_table import checks_markdown, section

README = Path(__file__).resolve().parent.parent / "README.md"


def generated_table() -> str:
    result = CliRunner().invoke(cli, ["checks", "--markdown"])
    assert result.exit_code == 0, result.output
    return result.output


def readme_table() -> str:
    """The table under "## Built-in checks": its lines from `| id | finds |` on."""
    text = README.read_text("utf-8")
    lines = text[text.index("## Built-in checks"):].splitlines()
    start = lines.index("| id | finds |")
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[start:end]) + "\n"


def test_readme_table_is_the_generated_one() -> None:
    assert readme_table() == generated_table(), (
        "README.md's table of built-in checks differs from the checks' docstrings: run "
        "`checker checks --markdown` and paste its output over the table under "
        "'## Built-in checks'")


def test_the_table_has_a_row_per_check_in_listing_order() -> None:
    table = generated_table().splitlines()
    listed = [line.split()[0] for line in CliRunner().invoke(cli, ["checks"]).output.splitlines()]
    assert table[:2] == ["| id | finds |", "|---|---|"]
    assert [row.split("`")[1] for row in table[2:]] == listed


def test_plain_listing_is_unchanged_by_the_option() -> None:
    output = CliRunner().invoke(cli, ["checks"]).output
    assert output.startswith("weekday ") and "| id |" not in output


DOC = """drift: a figure that differs.

## What it finds
A figure that differs | from
its copies.

More detail, not in the table.

## Why it matters
Typos.
"""


def test_section_reads_the_first_paragraph_under_a_heading() -> None:
    assert section(DOC, "What it finds") == "A figure that differs | from its copies."
    assert section(DOC, "Why it matters") == "Typos."
    assert section(DOC, "Example") == ""


def test_pipes_are_escaped_and_a_check_without_the_section_is_an_error() -> None:
    assert checks_markdown([("drift", DOC)]).splitlines()[2] == (
        "| `drift` | A figure that differs \\| from its copies. |")
    with pytest.raises(ValueError, match="no '## What it finds' section"):
        checks_markdown([("drift", "drift: no sections.")])
