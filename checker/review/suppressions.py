"""Inline suppressions applied: the findings that `checker: ignore[...]` directives
(`checker.read.directives`, read with each document) cover are set aside, and the
directives that suppressed nothing are named, so stale ones get cleaned up (sqlfluff's
unused `noqa`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker.model import Document, Finding
from checker.read.directives import WHOLE_DOCUMENT, describe, directive_lines


@dataclass(frozen=True, slots=True)
class UnusedSuppression:
    """A directive that suppressed no finding."""

    doc: str
    path: str
    line: int                  # where the directive is written (when known), else covers
    ids: tuple[str, ...]
    whole_file: bool = False

    def message(self) -> str:
        where = f"{self.path or self.doc}:{self.line}" if self.line else (self.path or self.doc)
        return f"{where}: unused suppression {describe(self.ids, self.whole_file)}"


def apply_suppressions(
    findings: Iterable[Finding], documents: Iterable[Document]
) -> tuple[list[Finding], list[Finding], list[UnusedSuppression]]:
    """(kept, suppressed, unused directives). A finding is suppressed when each of its
    flagged claims (all its claims if none is flagged) sits on a line a directive of its
    document covers for the finding's rule or check id (or for every rule)."""
    docs = {d.id: d for d in documents}
    used: set[tuple[str, int, int]] = set()  # (doc, index into suppressions) as used
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        claims = finding.flagged() or [fc.claim for fc in finding.claims]
        hits: list[tuple[str, int, int]] = []
        for claim in claims:
            doc = docs.get(claim.doc)
            hit = _covering(doc, claim.line, finding) if doc is not None else None
            if hit is None:
                break
            hits.append((claim.doc, *hit))
        else:
            if hits:
                used.update(hits)
                suppressed.append(finding)
                continue
        kept.append(finding)
    unused: list[UnusedSuppression] = []
    for doc in sorted(docs.values(), key=lambda d: d.id):
        idle = [(entry[0], entry[1]) for index, entry in enumerate(doc.suppressions)
                if (doc.id, index, entry[0]) not in used]
        if idle:
            written = _written_lines(doc)
            unused.extend(UnusedSuppression(doc.id, doc.path, written.get((line, ids), line),
                                            ids, line == WHOLE_DOCUMENT)
                          for line, ids in idle)
    return kept, suppressed, unused


def _covering(doc: Document, line: int, finding: Finding) -> tuple[int, int] | None:
    """(index, line) of the first directive of `doc` that covers `line` for the finding
    (an entry is (line, ids), or (first line, ids, last line) for a span of lines)."""
    for index, entry in enumerate(doc.suppressions):
        covered, ids = entry[0], entry[1]
        last = entry[2] if len(entry) > 2 else covered
        if covered != WHOLE_DOCUMENT and not covered <= line <= last:
            continue
        if not ids or finding.rule in ids or finding.check in ids:
            return index, covered
    return None


def _written_lines(doc: Document) -> dict[tuple[int, tuple[str, ...]], int]:
    """Re-read a .txt/.md file to point unused directives at their own line (the scan
    keeps only the line each covers). Best effort: {} when the file cannot be read."""
    if doc.format not in ("txt", "md") or not doc.path:
        return {}
    try:
        with open(doc.path, encoding="utf-8-sig", errors="replace") as fh:
            return directive_lines(fh.read(), doc.format)
    except OSError:
        return {}


