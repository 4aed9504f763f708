"""Findings -> the one report dict (the JSON contract: `report/json.py`) and the formats.

Every format is a pure function `render(report: dict) -> str` of the dict that
`build_report` makes, so adding a format touches one module and the registry below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from checker import __version__
from checker.model import SEVERITIES, SEVERITY_RANK, STATUSES, Claim, Document, Finding

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


def split_at_figure(quote: str, text: str, offset: int = -1, ignore_case: bool = False
                    ) -> tuple[str, str, str] | None:
    """(before, figure, after) of a claim's sentence, white space collapsed to single
    spaces. The figure is the one at the claim's own `offset` in its quote (a figure
    written twice in a sentence is marked where this claim is); without a usable offset,
    its first occurrence; None when it is not in the quote at all."""
    if offset >= 0 and quote[offset:offset + len(text)] == text and text:
        before, figure, after = quote[:offset], text, quote[offset + len(text):]
        left = " ".join(before.split())
        if left and before[-1:].isspace():
            left += " "
        right = " ".join(after.split())
        if right and after[:1].isspace():
            right = " " + right
        return left, " ".join(figure.split()), right
    line, figure = " ".join(quote.split()), " ".join(text.split())
    if not figure:
        return None
    at = (line.lower().find(figure.lower()) if ignore_case else line.find(figure))
    if at < 0:
        return None
    return line[:at], line[at:at + len(figure)], line[at + len(figure):]


def finding_sort_key(f: Finding) -> tuple:
    """Report order: by rule, check, the first flagged claim's document and offset, id."""
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


class Records(Sequence):
    """Report records read lazily from a sequence of model objects (`to_dict` of each, on
    each pass): a scan's claims stay on disk until a format writes them. Indexing reads
    them all into memory once."""

    def __init__(self, items: Sequence[Any], convert: Callable[[Any], dict[str, Any]]) -> None:
        self._items = items
        self._convert = convert
        self._cached: list[dict[str, Any]] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._cached is not None:
            return iter(self._cached)
        return map(self._convert, self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return len(self._items) > 0

    def __getitem__(self, index: Any) -> Any:
        if self._cached is None:
            self._cached = list(self)
        return self._cached[index]

    @property
    def report_pieces(self) -> Callable[[], Iterator[tuple[str, Callable[[], list[Any]]]]] | None:
        """The items' own per-document report text, when they offer it (a scan's stored
        claims: `StoredClaims.report_pieces`) and the records are not held in memory."""
        if self._cached is not None:
            return None
        return getattr(self._items, "report_pieces", None)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal by value, so unhashable


def _in_report_order(items: Sequence[Any]) -> bool:
    """Claims from the scan's store come sorted already (`report_ordered`)."""
    return bool(getattr(items, "report_ordered", False))


def build_report(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    findings: list[Finding],
    fail_on: str = "warning",
    extra_summary: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON contract: version, tool, summary, documents, findings, claims.

    `documents` and `claims` may be the scan's stored sequences (sorted already): then the
    report's "documents" and "claims" are lazy `Records` that formats stream."""
    findings = sorted(findings, key=finding_sort_key)
    if _in_report_order(claims):
        claim_count = claims.distinct_count  # type: ignore[attr-defined]  # stored claims
        claim_records: Sequence[Any] = Records(claims, Claim.to_dict)
    else:
        claims = sorted(claims, key=lambda c: (c.doc, c.start, c.end, c.kind, c.rule or ""))
        claim_count = len({(c.doc, c.start, c.end, c.kind) for c in claims})
        claim_records = [c.to_dict() for c in claims]
    if _in_report_order(documents):
        doc_records: Sequence[Any] = Records(documents, Document.to_dict)
    else:
        doc_records = [d.to_dict() for d in sorted(documents, key=lambda d: d.id)]
    by_severity = Counter(f.severity for f in findings)
    by_check = Counter(f.check for f in findings)
    by_status = Counter(f.status for f in findings)
    summary: dict[str, Any] = {
        "documents": len(doc_records),
        "claims": claim_count,
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
        "documents": doc_records,
        "findings": [f.to_dict() for f in findings],
        "claims": claim_records,
    }
