"""Which claims each rule is about: kind, document globs, units (fuzzy, `~` for none
written, `units_none`), words in the document, words around the figure (`context`), and
words in the figure's own clause or N words of it (`near`). Selected claims come back as
copies tagged with their rule and group.

Every test says why it fails (`CompiledRules.exclusion`): selection takes the claims for
which no test does, and `checker rules explain` prints the first failing test of the
others. One code path for both, so what explain says is what the scan does.

Rules are compiled once (`compile_rules`) and reused for every document: terms become
regexes, rule units are normalised and indexed by head word, and each distinct claim unit
is matched against the rules only once (per process, bounded); within a document each
(kind, unit) pair resolves to its candidate rules once, and frames (clauses) are read only
for claims a rule with `near` still wants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from checker.extract.textspans import TextSpans
from checker.model import Claim, Document
from checker.rules.rule import Rule
from checker.rules.schema import glob_to_regex
from checker.rules.terms import Terms, near_terms_of, terms_of
from checker.rules.units import UnitIndex, unit_phrase

if TYPE_CHECKING:
    from checker.extract.frame import FrameReader

__all__ = ["CompiledRules", "Terms", "compile_rules", "select_claims", "terms_of",
           "window_span"]

_WORDS = re.compile(r"[^\W_][\w'’-]*")
# Words that state what a bare figure counts without a noun ("30 dead", "12 injured"):
# for `units`, the word is the figure's unit.
_STATE_UNIT = re.compile(
    r"[ \t\u00a0]+(dead|injured|wounded|missing|hurt|homeless|displaced|killed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    kinds: frozenset[str]
    docs: tuple[re.Pattern[str], ...]
    context_all: tuple[Terms, ...]
    context_any: Terms | None
    context_none: Terms | None
    document_all: tuple[Terms, ...]
    document_any: Terms | None
    document_none: Terms | None
    near: dict[str, object]               # near terms, compiled on first use (below)

    @property
    def has_context(self) -> bool:
        return bool(self.context_all or self.context_any or self.context_none)

    @property
    def has_near(self) -> bool:
        return bool(self.rule.near_all or self.rule.near_any or self.rule.near_none)

    def near_terms(self) -> tuple[tuple[Terms, ...], Terms | None, Terms | None]:
        """(all, any, none) near terms with every form of each word. Compiled on first use:
        the word forms come from lemminflect's tables, which a worker loads only when a
        claim reaches a near test (most documents of a big corpus never do)."""
        if "terms" not in self.near:
            rule = self.rule
            self.near["terms"] = (
                tuple(t for t in (near_terms_of([t]) for t in rule.near_all) if t),
                near_terms_of(rule.near_any), near_terms_of(rule.near_none))
        return self.near["terms"]  # type: ignore[return-value]  # the tuple set above

    def path_ok(self, doc_id: str) -> bool:
        if not self.docs:
            return True
        path = doc_id.split("#", 1)[0]
        return any(p.match(doc_id) or p.match(path) for p in self.docs)

    def document_exclusion(self, text: str, lowered: str) -> str | None:
        """Why the document's words rule it out, or None."""
        for terms, word in zip(self.document_all, self.rule.document_all, strict=True):
            if not terms.found(text, lowered=lowered):
                return f"the document lacks '{word}' (document.all)"
        if self.document_any is not None and not self.document_any.found(text, lowered=lowered):
            return "no word of document.any in the document"
        if self.document_none is not None:
            found = self.document_none.first(text, lowered=lowered)
            if found is not None:
                return f"the document has '{found}' (document.none)"
        return None

    def context_exclusion(self, text: str, span: tuple[int, int]) -> str | None:
        where = "in " + _window_name(self.rule.window)
        return _terms_exclusion(text, span, where, "context", self.rule.context_all,
                                self.context_all, self.context_any, self.context_none)

    def near_exclusion(self, text: str, span: tuple[int, int]) -> str | None:
        within = self.rule.near_within
        where = "in its clause" if within == "clause" else f"within {within} words of it"
        return _terms_exclusion(text, span, where, "near", self.rule.near_all,
                                *self.near_terms())

    def group_of(self, doc_id: str) -> str:
        return self.rule.id if self.rule.across == "corpus" else f"{self.rule.id}@{doc_id}"


def _terms_exclusion(text: str, span: tuple[int, int], where: str, key: str,
                     words_all: Sequence[str], all_: Sequence[Terms], any_: Terms | None,
                     none: Terms | None) -> str | None:
    start, end = span
    if none is not None:
        found = none.first(text, start, end)
        if found is not None:
            return f"'{found}' is {where} ({key}.none)"
    for terms, word in zip(all_, words_all, strict=True):
        if not terms.found(text, start, end):
            return f"'{word}' is not {where} ({key}.all)"
    if any_ is not None and not any_.found(text, start, end):
        return f"no word of {key}.any {where}"
    return None


def _window_name(window: str | int) -> str:
    if window in ("sentence", "paragraph", "document"):
        return f"its {window}" if window != "document" else "the document"
    return f"its sentence and {window} either side"


class CompiledRules:
    """Rules ready for selection; build once with `compile_rules`, reuse per document."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(_compile(r) for r in rules)
        named = [tuple(p for p in map(unit_phrase, r.units) if p) for r in rules]
        self._units = UnitIndex(named)
        self._units_none = UnitIndex([tuple(p for p in map(unit_phrase, r.units_none) if p)
                                      for r in rules])
        self._named = [bool(n) for n in named]
        self._any_globs = any(r.docs for r in self.rules)
        self._all_documents = self._by_kind("")

    def __len__(self) -> int:
        return len(self.rules)

    def unit_ok(self, index: int, unit: str | None) -> bool:
        """Does rule `index` take claims with this unit written?"""
        return self.unit_exclusion(index, unit, False) is None

    def rules_for_unit(self, unit: str | None) -> frozenset[int]:
        """Indices of the rules that take claims with this unit written."""
        return frozenset(i for i in range(len(self.rules)) if self.unit_ok(i, unit))

    def unit_exclusion(self, index: int, unit: str | None, inferred: bool) -> str | None:
        """Why rule `index` leaves a claim with this unit (written, or inferred from the
        sentences before: "The 462"), or None. Named units take a written or inferred unit
        they match; `~` takes a figure with no unit written; `units_none` wins over both.
        With `inferred: false` an inferred unit is not read: the figure is a bare one."""
        rule = self.rules[index].rule
        if inferred and not rule.units_inferred:
            # The unit is not read: a bare figure, which `~` or a rule of any unit takes.
            if rule.units_bare or not self._named[index]:
                return None
            return f"unit '{unit}' is only inferred (inferred: false)"
        if unit is not None and index in self._units_none.matching(unit):
            return f"unit '{unit}' is in units_none"
        if not self._named[index]:
            if rule.units_bare and unit is not None and not inferred:
                return f"unit '{unit}' is written and units takes only ~"
            return None
        if unit is not None and index in self._units.matching(unit):
            return None
        if rule.units_bare and (unit is None or inferred):
            return None
        if unit is None:
            return "no unit is written (add ~ to units to take such figures)"
        return f"unit '{unit}'{' (inferred)' if inferred else ''} is not in units"

    def for_document(self, doc_id: str) -> dict[str, list[int]]:
        """Kind -> indices of the rules whose globs take this document, in rule order."""
        return self._by_kind(doc_id) if self._any_globs else self._all_documents

    def _by_kind(self, doc_id: str) -> dict[str, list[int]]:
        by_kind: dict[str, list[int]] = {}
        for i, compiled in enumerate(self.rules):
            if compiled.path_ok(doc_id):
                for kind in compiled.kinds:
                    by_kind.setdefault(kind, []).append(i)
        return by_kind


def compile_rules(rules: Sequence[Rule]) -> CompiledRules:
    """The rules compiled once for selecting claims in every document."""
    return CompiledRules(rules)


def _compile(rule: Rule) -> CompiledRule:
    return CompiledRule(
        rule=rule,
        kinds=frozenset(rule.kinds),
        docs=tuple(glob_to_regex(g) for g in rule.docs),
        context_all=tuple(t for t in (terms_of([t]) for t in rule.context_all) if t),
        context_any=terms_of(rule.context_any),
        context_none=terms_of(rule.context_none),
        document_all=tuple(t for t in (terms_of([t]) for t in rule.document_all) if t),
        document_any=terms_of(rule.document_any),
        document_none=terms_of(rule.document_none),
        near={},
    )


def window_span(spans: TextSpans, offset: int, window: str | int) -> tuple[int, int]:
    """The stretch of text a rule's context terms are looked for in."""
    if window == "paragraph":
        return spans.paragraph_at(offset)
    if window == "document":
        return (0, len(spans.text))
    if isinstance(window, int):
        return spans.window(offset, window)
    return spans.sentence_at(offset)


def words_around(spans: TextSpans, claim: Claim, words: int) -> tuple[int, int]:
    """The claim and `words` words either side of it, within its sentence."""
    text = spans.text
    s, e = spans.sentence_at(claim.start)
    before = list(_WORDS.finditer(text, s, claim.start))
    start = before[-words].start() if 0 < words <= len(before) else (s if words else claim.start)
    end = claim.end
    for n, m in enumerate(_WORDS.finditer(text, claim.end, e)):
        if n >= words:
            break
        end = m.end()
    return (start, end)


class DocumentJudge:
    """Runs every test of the rules on the claims of one document, sharing what the tests
    of several claims and rules read (document words, windows, frames)."""

    def __init__(self, doc: Document, claims: Sequence[Claim], compiled: CompiledRules,
                 spans: TextSpans | None = None) -> None:
        self.doc, self.claims, self.compiled = doc, claims, compiled
        self.by_kind = compiled.for_document(doc.id)
        self._spans = spans
        self._lowered: str | None = None
        self._document: dict[int, str | None] = {}
        self._units: dict[int, tuple[str | None, bool]] = {}
        self._frames: FrameReader | None = None

    @property
    def spans(self) -> TextSpans:
        if self._spans is None:
            self._spans = TextSpans(self.doc.text)
        return self._spans

    @property
    def frames(self):
        """The document's FrameReader (clauses and nouns of its claims, read on demand)."""
        if self._frames is None:
            from checker.extract.frame import FrameReader

            self._frames = FrameReader(self.doc.text, self.claims, self.spans)
        return self._frames

    def frame(self, index: int):
        return self.frames.frame(index)

    def clause(self, index: int) -> tuple[int, int]:
        return self.frames.clause(index)

    def unit(self, index: int) -> tuple[str | None, bool]:
        """(unit, inferred) of `claims[index]` as rules match it: `unit_of`, and for a bare
        figure the word its noun is read from ("12 of the signatories": written; "carried
        1,130 people; only 410 survived": people, inferred). Memoised per claim."""
        found = self._units.get(index)
        if found is None:
            unit, inferred = unit_of(self.claims[index], self.doc.text)
            if unit is None:
                word, stated = self.frames.noun_word(index)
                if word is not None:
                    unit, inferred = word.lower(), not stated
            found = self._units[index] = (unit, inferred)
        return found

    def exclusion(self, i: int, index: int, windows: dict | None = None) -> str | None:
        """Why rule `i` leaves `claims[index]`, or None when it takes it. Tests run from
        the cheapest: kind, path, document words (once per document), unit, context,
        near."""
        compiled = self.compiled.rules[i]
        rule, claim, text = compiled.rule, self.claims[index], self.doc.text
        if claim.kind not in compiled.kinds:
            return f"kind '{claim.kind}' is not {' or '.join(rule.kinds)}"
        if not compiled.path_ok(self.doc.id):
            return "the document's path matches no glob of docs"
        if i not in self._document:
            if self._lowered is None:
                self._lowered = text.lower()
            self._document[i] = compiled.document_exclusion(text, self._lowered)
        if self._document[i] is not None:
            return self._document[i]
        reason = self.compiled.unit_exclusion(i, *self.unit(index))
        if reason is not None:
            return reason
        windows = {} if windows is None else windows
        if compiled.has_context:
            key = rule.window
            if key not in windows:
                windows[key] = window_span(self.spans, claim.start, key)
            reason = compiled.context_exclusion(text, windows[key])
            if reason is not None:
                return reason
        if compiled.has_near:
            near = ("near", rule.near_within)
            if near not in windows:
                within = rule.near_within
                windows[near] = (self.clause(index) if within == "clause"
                                 else words_around(self.spans, claim, int(within)))
            return compiled.near_exclusion(text, windows[near])
        return None


def unit_of(claim: Claim, text: str) -> tuple[str | None, bool]:
    """(unit, inferred) as rules match it: the claim's unit, or for a bare figure a word
    after it that says what it counts ("1,388 dead")."""
    if claim.unit is None:
        m = _STATE_UNIT.match(text, claim.end)
        if m is not None:
            return m.group(1).lower(), False
    return claim.unit, claim.unit_inferred


def select_claims(
    doc: Document,
    claims: list[Claim],
    rules: CompiledRules | Sequence[Rule],
    spans: TextSpans | None = None,
) -> list[Claim]:
    """Copies of the claims each rule is about, tagged with `rule` and `group`, in claim
    order then rule order. A claim matching several rules is copied once per rule."""
    compiled = rules if isinstance(rules, CompiledRules) else compile_rules(rules)
    judge = DocumentJudge(doc, claims, compiled, spans)
    by_kind = judge.by_kind
    if not by_kind:
        return []
    # (kind, unit, inferred) -> the rules whose kind, path and unit tests pass
    candidates: dict[tuple[str, str | None, bool], list[int]] = {}
    out: list[Claim] = []
    for index, claim in enumerate(claims):
        if claim.kind not in by_kind:
            continue
        unit, inferred = judge.unit(index)
        key = (claim.kind, unit, inferred)
        indices = candidates.get(key)
        if indices is None:
            indices = candidates[key] = [
                i for i in by_kind[claim.kind]
                if compiled.unit_exclusion(i, unit, inferred) is None
            ]
        if not indices:
            continue
        windows: dict = {}
        for i in indices:
            if judge.exclusion(i, index, windows) is None:
                rule = compiled.rules[i]
                out.append(replace(claim, rule=rule.rule.id, group=rule.group_of(doc.id),
                                   attrs=dict(claim.attrs)))
    return out
