"""GitHub Actions workflow commands: one annotation per flagged claim of each new finding.

Printed to stdout inside a workflow step, each line becomes an annotation on the pull
request's diff (`::error file=...,line=...::message`). Findings an editor has decided on, or
that are in the baseline, are left out: they are not news to the author of the pull request.
"""

from __future__ import annotations

from typing import Any

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_REFERENCES = 5  # places cited under an annotation; the rest are counted


def render(report: dict[str, Any]) -> str:
    """Workflow command lines, one per flagged claim, in report order; "" when none."""
    paths = {d["id"]: d.get("path") or d["id"] for d in report.get("documents", [])}
    lines: list[str] = []
    for finding in report.get("findings", []):
        if finding.get("status", "new") != "new":
            continue
        claims = finding.get("claims", [])
        flagged = [c for c in claims if c.get("role") == "flagged"] or claims[:1]
        flagged_ids = {id(c) for c in flagged}
        references = [c for c in claims if id(c) not in flagged_ids]
        message = _message(finding, references, paths)
        title = f"{finding['rule']} ({finding['check']})"
        command = COMMANDS.get(finding["severity"], "warning")
        for claim in flagged:
            props = _properties(claim, paths) + [("title", title)]
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
            lines.append(f"::{command} {joined}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def _properties(claim: dict[str, Any], paths: dict[str, str]) -> list[tuple[str, Any]]:
    """file, line, col and the end of the span (endColumn on one line, endLine across lines)."""
    props: list[tuple[str, Any]] = [("file", repo_path(paths.get(claim["doc"]) or claim["doc"]))]
    line, column, text = claim.get("line"), claim.get("column"), claim.get("text") or ""
    if line:
        props.append(("line", line))
        if column:
            props.append(("col", column))
            breaks = text.count("\n")
            if breaks:
                props.append(("endLine", line + breaks))
            elif text:
                props.append(("endColumn", column + len(text)))
    return props


def _message(
    finding: dict[str, Any], references: list[dict[str, Any]], paths: dict[str, str]
) -> str:
    """The finding's sentence, then where the figures it was measured against are."""
    out = [finding["message"]]
    for claim in references[:MAX_REFERENCES]:
        where = repo_path(paths.get(claim["doc"]) or claim["doc"])
        if claim.get("line"):
            where += f":{claim['line']}"
        quote = " ".join((claim.get("quote") or claim.get("text") or "").split())
        out.append(f"reference {where}: {quote}")
    if len(references) > MAX_REFERENCES:
        out.append(f"... and {len(references) - MAX_REFERENCES} more references")
    return "\n".join(out)


def repo_path(path: str) -> str:
    """The path as GitHub expects it: forward slashes, no leading `./`, no `#record` suffix."""
    path = path.replace("\\", "/").split("#", 1)[0]
    while path.startswith("./"):
        path = path[2:]
    return path


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the `:` and `,` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
