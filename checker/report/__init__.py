"""Findings -> the one report dict (the JSON contract of DESIGN.md) and the formats.

Every format is a pure function `render(report: dict) -> str` of the dict that
`build_report` makes, so adding a format touches one module and the registry below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from checker import __version__
from checker.model import SEVERITIES, SEVERITY_RANK, Claim, Document, Finding

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
STATUSES = ("new", "accepted", "dismissed", "baseline")


def finding_sort_key(f: Finding) -> tuple:
    first = min(
        (fc.claim for fc in f.claims if fc.role == "flagged"),
        key=lambda c: (c.doc, c.start),
        default=None,
    )
    where = (first.doc, first.start) if first else ("", 0)
    return (f.rule, f.check, where, f.id)


def failing(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    """The findings that make the run fail: status new, severity at or above fail_on."""
    if fail_on == "never":
        return []
    threshold = SEVERITY_RANK[fail_on]
    return [
        f for f in findings if f.status == "new" and SEVERITY_RANK[f.severity] >= threshold
    ]


def build_report(
    documents: list[Document],
    claims: list[Claim],
    findings: list[Finding],
    fail_on: str = "warning",
    extra_summary: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON contract: version, tool, summary, documents, findings, claims."""
    findings = sorted(findings, key=finding_sort_key)
    docs = sorted(documents, key=lambda d: d.id)
    claims = sorted(claims, key=lambda c: (c.doc, c.start, c.end, c.kind, c.rule or ""))
    by_severity = Counter(f.severity for f in findings)
    by_check = Counter(f.check for f in findings)
    by_status = Counter(f.status for f in findings)
    summary: dict[str, Any] = {
        "documents": len(docs),
        "claims": len({(c.doc, c.start, c.end, c.kind) for c in claims}),
        "findings": len(findings),
        "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
        "by_check": dict(sorted(by_check.items())),
        "by_status": {s: by_status.get(s, 0) for s in STATUSES},
        "fail_on": fail_on,
        "failed": bool(failing(findings, fail_on)),
    }
    if extra_summary:
        summary.update(extra_summary)
    return {
        "version": 1,
        "tool": {"name": "checker", "version": __version__},
        "summary": summary,
        "documents": [d.to_dict() for d in docs],
        "findings": [f.to_dict() for f in findings],
        "claims": [c.to_dict() for c in claims],
    }
