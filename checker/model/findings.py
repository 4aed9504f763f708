"""Findings as every check builds them: claims cited in document order, references capped,
a stable id; repeats merged; and the claim's figure as a message quotes it.

Here, in the model, so a built-in check imports the records it makes, not the rule
comparer (checker.compare) that also uses them.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from typing import Any

from checker.model import Claim, Finding, FindingClaim, Severity, finding_id, normalize_quote

# The most reference claims any finding cites; details["references"] counts them all.
MAX_CITED_REFERENCES = 20

_LEADING_DETERMINER = re.compile(r"^(?:the|these|those|all|of)\s+", re.IGNORECASE)


def figure_of(claim: Claim) -> str:
    """The figure as written, without its unit or a leading article: "over 30,000"."""
    text = written(claim)
    if claim.unit and not claim.unit_inferred:
        at = text.lower().rfind(claim.unit.lower())
        if at > 0:
            text = text[:at].rstrip(" ,;:-")
    return text


def written(claim: Claim) -> str:
    """The claim's text as an editor would quote it: "over 300 political prisoners"."""
    return _LEADING_DETERMINER.sub("", " ".join(claim.text.split())) or claim.text



def make_finding(
    rule_id: str,
    check: str,
    severity: Severity,
    message: str,
    flagged: Iterable[Claim],
    references: Iterable[Claim] = (),
    details: dict[str, Any] | None = None,
) -> Finding:
    """A finding with its claims in document order and its stable id (also used by the
    built-in checks, so every finding is cited and fingerprinted the same way).

    A finding cites every flagged claim but at most MAX_CITED_REFERENCES references (the
    first in document order), so a figure repeated ten thousand times cannot make each
    finding, and the report, ten thousand claims long; `details["references"]` then says
    how many there are and how many are cited."""
    details = dict(details or {})
    refs = list(references)
    if len(refs) > MAX_CITED_REFERENCES:
        details["references"] = {"total": len(refs), "cited": MAX_CITED_REFERENCES}
        refs = heapq.nsmallest(MAX_CITED_REFERENCES, refs, key=claim_order)
    cited = [FindingClaim(c, "flagged") for c in flagged]
    cited += [FindingClaim(c, "reference") for c in refs]
    cited.sort(key=lambda fc: (claim_order(fc.claim), fc.role))
    finding = Finding(rule_id, check, severity, message, cited, details=details)
    finding.id = finding_id(rule_id, check, cited)
    return finding


def merge_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per distinct disagreement, not one per copy: findings of the same rule
    and check saying the same thing about the same figure in the same document ("462
    here; 463 in 3 other places" for each of two 462s) become one that flags every copy
    (and cites the references of all, capped as in `make_finding`). Order is kept."""
    by_key: dict[tuple, list[Finding]] = {}
    for f in findings:
        flagged = f.flagged()
        docs = {c.doc for c in flagged}
        if len(docs) != 1:
            by_key[(id(f),)] = [f]
            continue
        texts = tuple(sorted({normalize_quote(c.text) for c in flagged}))
        by_key.setdefault((f.rule, f.check, f.severity, f.message, docs.pop(), texts),
                          []).append(f)
    if len(by_key) == len(findings):
        return findings
    merged: list[Finding] = []
    for group in by_key.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        first = group[0]
        disputed = {id(c): c for f in group for c in f.flagged()}
        refs = {id(c): c for f in group for fc in f.claims if fc.role == "reference"
                for c in (fc.claim,) if id(c) not in disputed}
        details = {k: v for k, v in first.details.items() if k != "references"}
        details["copies"] = len(group)
        one = make_finding(first.rule, first.check, first.severity, first.message,
                           disputed.values(), refs.values(), details)
        totals = [f.details.get("references", {}).get("total", 0) for f in group]
        cited = sum(1 for fc in one.claims if fc.role == "reference")
        if max(totals) > cited:  # each copy cited some of the same many references
            one.details["references"] = {"total": max(totals), "cited": cited}
        merged.append(one)
    merged.sort(key=finding_order)
    return merged



def claim_order(c: Claim) -> tuple:
    """Document order: the order claims are cited and findings listed in."""
    return (c.doc, c.start, c.end, c.kind, c.text)


def finding_order(f: Finding) -> tuple:
    """Findings sort by their first flagged claim, then check and id."""
    first = min(claim_order(fc.claim) for fc in f.claims if fc.role == "flagged")
    return (first, f.check, f.id)
