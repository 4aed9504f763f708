"""`checker rules explain`: what one rule takes from a corpus, and why it leaves the rest.

For a rule, every claim it selects (with its interval, noun, verb and clause) and, for
each claim of the right kind that it leaves although the claim's sentence holds one of
the rule's words, the first test that failed. The reasons come from the selection code
itself (`DocumentJudge.exclusion`), so they are what a scan does. Plain text: a user
debugging a rule never reads JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.extract.frame import Frame, FrameReader
from checker.extract.intervals import written_interval
from checker.model import Claim, Document
from checker.rules.rule import Rule
from checker.rules.select import DocumentJudge, compile_rules
from checker.rules.terms import Terms, near_terms_of, terms_of

QUOTE_WIDTH = 110


@dataclass(frozen=True, slots=True)
class Judged:
    """One claim as explain shows it: the claim, its frame and clause, and why the rule
    left it (None: selected)."""

    claim: Claim
    frame: Frame
    clause: str
    why: str | None = None


@dataclass
class Explanation:
    """What one rule took from the documents and what it left, with why."""
    rule: Rule
    selected: list[Judged] = field(default_factory=list)
    left: list[Judged] = field(default_factory=list)
    left_documents: list[tuple[str, str, int]] = field(default_factory=list)  # doc, why, n
    documents: int = 0


def explain(rule: Rule, documents: Iterable[Document]) -> Explanation:
    """Judge every claim of every document for `rule`."""
    from checker.extract import extract

    compiled = compile_rules([rule])
    plain, near = _rule_words(rule)
    out = Explanation(rule)
    for doc in documents:
        out.documents += 1
        claims = extract(doc)
        judge = DocumentJudge(doc, claims, compiled)
        frames = FrameReader(doc.text, claims, judge.spans)

        kind_ok = [i for i, c in enumerate(claims) if c.kind in rule.kinds]
        reasons = {i: judge.exclusion(0, i) for i in kind_ok}
        shown = [i for i in kind_ok if reasons[i] is None
                 or any(t is not None and t.found(claims[i].quote) for t in (plain, near))
                 or (rule.units and compiled.unit_exclusion(0, *judge.unit(i)) is None)]
        document_wide = _document_reason([reasons[i] for i in shown])
        if document_wide is not None:
            out.left_documents.append((doc.id, document_wide, len(shown)))
            continue
        for i in shown:
            frame = frames.frame(i)
            judged = Judged(claims[i], frame, doc.text[frame.clause[0]:frame.clause[1]],
                            reasons[i])
            (out.selected if reasons[i] is None else out.left).append(judged)
    return out


def _rule_words(rule: Rule) -> tuple[Terms | None, Terms | None]:
    """The words of a rule (context terms and unit words; near terms in every form): a
    left claim whose sentence holds one is worth showing."""
    plain = [*rule.context_all, *rule.context_any]
    plain += [w for unit in rule.units for w in unit.split() if len(w) > 2]
    return terms_of(plain), near_terms_of([*rule.near_all, *rule.near_any])


def _document_reason(reasons: list[str | None]) -> str | None:
    """The reason every shown claim shares when it is about the document (its path or its
    words): said once for the document, not once per claim."""
    found = set(reasons)
    if len(found) == 1:
        (reason,) = found
        if reason is not None and (reason.startswith("the document")
                                   or "no word of document" in reason):
            return reason
    return None


def render(ex: Explanation, findings: list | None = None) -> str:
    """The explanation as plain text."""
    rule = ex.rule
    lines = [f"rule {rule.id}" + (f" — {rule.title}" if rule.title else "")]
    if rule.source:
        lines.append(f"  defined at {rule.source}")
    lines.append("")
    lines.append(f"Selected: {_count(len(ex.selected))} in {ex.documents} "
                 f"document{'' if ex.documents == 1 else 's'}")
    for judged in ex.selected:
        lines += _claim_lines(judged)
    if not ex.selected:
        lines.append("  (none)")
    lines.append("")
    lines.append(f"Left out: {_count(len(ex.left))} of kind {' or '.join(rule.kinds)} "
                 "near the rule's words")
    for judged in ex.left:
        lines += _claim_lines(judged)
    for doc, why, count in ex.left_documents:
        lines.append(f"  {doc}: {_count(count)} left: {why}")
    if not ex.left and not ex.left_documents:
        lines.append("  (none)")
    if findings is not None:
        lines += ["", f"Findings of this rule: {len(findings)}"]
        lines += [f"  {f.severity} {f.check}: {f.message}" for f in findings]
    return "\n".join(lines) + "\n"


def _count(n: int) -> str:
    return f"{n} claim{'' if n == 1 else 's'}"


def _claim_lines(judged: Judged) -> list[str]:
    claim, frame = judged.claim, judged.frame
    head = f"  {claim.doc}:{claim.line}:{claim.column}  {' '.join(claim.text.split())}"
    interval = written_interval(claim.low, claim.high)
    if interval:
        head += f"  [{interval}]"
    out = [head]
    if judged.why is not None:
        out.append(f"      left: {judged.why}")
    about = []
    if frame.noun:
        about.append(f"noun {frame.noun}" + ("" if frame.noun_stated else " (inferred)"))
    if frame.verb:
        about.append(f"verb {frame.verb}")
    clause = " ".join(judged.clause.split())
    if len(clause) > QUOTE_WIDTH:
        clause = clause[:QUOTE_WIDTH - 1] + "…"
    about.append(f'clause "{clause}"')
    out.append("      " + "; ".join(about))
    return out
