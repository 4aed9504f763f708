"""Markdown for a pull-request comment: the verdict, counts, then each new finding's excerpts.

Document text is untrusted: every character Markdown or HTML could act on is escaped, so a
scraped page cannot inject HTML, links or formatting, nor @-mention people or cross-reference
issues from the comment. Findings an editor has decided on or that are in the baseline are
only counted. The comment is capped (findings and characters) to stay well inside GitHub's
65,536-character limit for a comment.
"""

from __future__ import annotations

import re
from typing import Any

from checker.model import SEVERITIES

MARKER = "<!-- checker-report -->"  # lets a CI bot find and update its previous comment
MAX_FINDINGS = 50
MAX_CHARS = 60_000  # budget for the findings section; GitHub rejects comments over 65,536
MAX_EXCERPTS = 3  # flagged and reference excerpts shown per finding, each
QUOTE_CHARS = 320  # an excerpt longer than this is cut around its figure

_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>|#+!~&=-])")
_WORD_AFTER_AT = re.compile(r"([@#])(?=\w)")
_LIST_NUMBER = re.compile(r"^(\d+)\.")  # "1. " at the start of a line is an ordered list


def render(report: dict[str, Any]) -> str:
    """The comment body: marker, verdict heading, counts table, findings by rule, footer."""
    summary = report.get("summary", {})
    findings = report.get("findings", [])
    new = [f for f in findings if f.get("status", "new") == "new"]
    out = [MARKER, _verdict(new, summary), ""]
    if new:
        out += _counts_table(new) + [""]
        out += _findings_section(new)
    out += _footer(report, findings)
    return "\n".join(out).rstrip("\n") + "\n"


def _verdict(new: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    if not new:
        return "## ✅ No contradictions"
    n = len(new)
    noun = "contradiction" if n == 1 else "contradictions"
    if summary.get("failed", True):
        return f"## ❌ {n} {noun} found"
    fail_on = summary.get("fail_on", "warning")
    why = "failing is turned off" if fail_on == "never" else f"below the fail-on level: {fail_on}"
    return f"## ⚠️ {n} possible {noun} ({why})"


def _counts_table(new: list[dict[str, Any]]) -> list[str]:
    """Checks down, severities across, totals in the last column."""
    checks = sorted({f["check"] for f in new})
    rows = ["| Check | " + " | ".join(SEVERITIES) + " | Total |",
            "|---|" + "---:|" * (len(SEVERITIES) + 1)]
    for check in checks:
        counts = [sum(1 for f in new if f["check"] == check and f["severity"] == s)
                  for s in SEVERITIES]
        rows.append(f"| {escape(check)} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    totals = [sum(1 for f in new if f["severity"] == s) for s in SEVERITIES]
    rows.append("| **Total** | " + " | ".join(map(str, totals)) + f" | **{len(new)}** |")
    return rows


def _findings_section(new: list[dict[str, Any]]) -> list[str]:
    """Findings grouped by rule (in report order), until a cap is reached."""
    out: list[str] = []
    used = shown = 0
    rule = None
    for finding in sorted(new, key=lambda f: f["rule"]):  # stable: report order within a rule
        block = _finding_block(finding)
        if finding["rule"] != rule:
            block = [f"### {escape(finding['rule'])}", ""] + block
        size = sum(len(line) + 1 for line in block)
        if shown >= MAX_FINDINGS or used + size > MAX_CHARS:
            break
        out += block
        used += size
        shown += 1
        rule = finding["rule"]
    if shown < len(new):
        out += [f"… and {len(new) - shown} more not shown here; see the full report.", ""]
    return out


def _finding_block(finding: dict[str, Any]) -> list[str]:
    claims = finding.get("claims", [])
    flagged = [c for c in claims if c.get("role") == "flagged"] or claims[:1]
    flagged_ids = {id(c) for c in flagged}
    references = [c for c in claims if id(c) not in flagged_ids]
    out = [f"**{finding['severity']}** · {escape(finding['check'])} · "
           f"{escape(one_line(finding['message']))}", ""]
    out += _excerpts("Flagged", flagged)
    out += _excerpts("Reference", references)
    return out


def _excerpts(label: str, claims: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for claim in claims[:MAX_EXCERPTS]:
        where = f"{claim['doc']}:{claim['line']}" if claim.get("line") else claim["doc"]
        out += [f"{label} — {escape(where)}", _blockquote(excerpt(claim)), ""]
    if len(claims) > MAX_EXCERPTS:
        out += [f"_… and {len(claims) - MAX_EXCERPTS} more {label.lower()} places._", ""]
    return out


def _blockquote(markdown_text: str) -> str:
    """A one-line blockquote whose text cannot start an ordered list ("1. ...")."""
    return "> " + _LIST_NUMBER.sub(r"\1\\.", markdown_text)


def excerpt(claim: dict[str, Any]) -> str:
    """The claim's sentence, escaped, with its figure in bold (cut around it when long)."""
    from checker.report import split_at_figure

    raw_text = claim.get("text") or ""
    text = one_line(raw_text)
    quote = one_line(claim.get("quote") or "") or text
    parts = split_at_figure(claim.get("quote") or "", raw_text,
                            claim.get("quote_offset", -1), ignore_case=True)
    if parts is None:
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS] + "…"
        return escape(quote) + (f" (**{escape(text)}**)" if text else "")
    before, figure, after = parts
    room = max(0, QUOTE_CHARS - len(figure)) // 2
    if len(before) > room:
        before = "…" + before[len(before) - room:]
    if len(after) > room:
        after = after[:room] + "…"
    return f"{escape(before)}**{escape(figure)}**{escape(after)}"


def _footer(report: dict[str, Any], findings: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    decided = [f.get("status", "new") for f in findings if f.get("status", "new") != "new"]
    if decided:
        parts = [f"{decided.count(s)} {s}" for s in ("accepted", "dismissed", "baseline")
                 if decided.count(s)]
        out.append(f"Not counted above (already reviewed or in the baseline): {', '.join(parts)}.")
        out.append("")
    summary = report.get("summary", {})
    tool = report.get("tool", {})
    out.append(
        f"<sub>{tool.get('name', 'checker')} {tool.get('version', '')} · "
        f"{_count(summary.get('documents', 0), 'document')} · "
        f"{_count(summary.get('claims', 0), 'claim')} · "
        f"fail on: {escape(str(summary.get('fail_on', 'warning')))}</sub>"
    )
    return out


def one_line(text: str) -> str:
    """Collapse line breaks and runs of whitespace: a newline in text must not end a block."""
    return " ".join(str(text).split())


def escape(text: str) -> str:
    """Text as literal Markdown: punctuation backslash-escaped, no mentions or issue links.

    A zero-width space after `@` or `#` stops GitHub turning "@name" into a mention and
    "#12" into a link to issue 12.
    """
    return _WORD_AFTER_AT.sub("\\1\u200b", _SPECIAL.sub(r"\\\1", text))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
