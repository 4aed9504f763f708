"""The README's table of built-in checks, made from the checks' own docstrings, so the
table and the code cannot tell two stories (`checker checks --markdown`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HEADING = re.compile(r"^##\s+(.+?)\s*$")


def section(description: str, title: str) -> str:
    """The first paragraph under `## <title>` in a check's docstring, on one line ("" when
    the docstring has no such section)."""
    lines: list[str] = []
    inside = False
    for line in description.splitlines():
        heading = _HEADING.match(line)
        if heading:
            if inside:
                break
            inside = heading.group(1).lower() == title.lower()
        elif inside:
            if not line.strip() and lines:
                break
            lines.append(line.strip())
    return " ".join(" ".join(lines).split())


def checks_markdown(checks: Iterable[tuple[str, str]]) -> str:
    """A Markdown table, one row per (check id, docstring): the id and what it finds."""
    rows = ["| id | finds |", "|---|---|"]
    for check_id, description in checks:
        finds = section(description, "What it finds").replace("|", "\\|")
        if not finds:
            raise ValueError(f"the check {check_id} has no '## What it finds' section")
        rows.append(f"| `{check_id}` | {finds} |")
    return "\n".join(rows) + "\n"
