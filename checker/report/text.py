"""Text for a terminal: findings grouped by rule, each with its excerpts, figures marked."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

EXCERPT_WIDTH = 160


def excerpt(quote: str, figure: str, width: int = EXCERPT_WIDTH, offset: int = -1) -> str:
    """The sentence around a figure, the figure (the one at `offset` in the quote, when
    known) marked with **, trimmed to `width`."""
    from checker.report import split_at_figure

    parts = split_at_figure(quote, figure, offset)
    if parts is None:
        return _trim(" ".join(quote.split()), 0, width)
    before, figure, after = parts
    return _trim(f"{before}**{figure}**{after}", len(before), width)


def _trim(text: str, focus: int, width: int) -> str:
    if len(text) <= width:
        return text
    start = max(0, min(focus - width // 3, len(text) - width))
    out = text[start:start + width]
    return ("…" if start > 0 else "") + out + ("…" if start + width < len(text) else "")


def render(report: dict[str, Any]) -> str:
    """The report as plain text: findings by rule, then the summary line."""
    lines: list[str] = []
    titles = {r["id"]: r.get("title") or "" for r in report.get("rules", [])}
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in report["findings"]:
        by_rule[f["rule"]].append(f)
    for rule in sorted(by_rule):
        found = by_rule[rule]
        title = f" — {titles[rule]}" if titles.get(rule) else ""
        plural = "s" if len(found) != 1 else ""
        lines.append(f"{rule}{title} ({len(found)} finding{plural})")
        for f in found:
            status = "" if f["status"] == "new" else f"  [{f['status']}]"
            lines.append(f"  {f['severity']}  {f['check']}  {f['id']}{status}")
            lines.append(f"  {f['message']}")
            for c in f["claims"]:
                where = f"{c['doc']}:{c['line']}:{c['column']}"
                lines.append(f"    {c['role']:<9} {where}")
                lines.append("              "
                             + excerpt(c["quote"], c["text"], offset=c.get("quote_offset", -1)))
            lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: dict[str, Any]) -> str:
    """One line: findings (by severity) in so many documents and claims; failing or not."""
    s = report["summary"]
    sev = ", ".join(f"{n} {k}" for k, n in s["by_severity"].items() if n)
    counts = f" ({sev})" if sev else ""
    n = s["findings"]
    verdict = "no findings" if n == 0 else f"{n} finding{'s' if n != 1 else ''}{counts}"
    line = f"{verdict} in {_count(s['documents'], 'document')}, {_count(s['claims'], 'claim')}"
    if s.get("failed"):
        line += f"; failing (--fail-on {s['fail_on']})"
    return line + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
