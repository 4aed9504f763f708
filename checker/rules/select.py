"""Which claims each rule is about: kind, unit (fuzzy), context words near the number, and
document globs. Selected claims come back as copies tagged with their rule and group.

Rules are compiled once (`compile_rules`) and reused for every document: context terms
become regexes, rule units are normalised and indexed by head word, and each distinct claim
unit is matched against the rules only once (per process, bounded); within a document each
(kind, unit) pair resolves to its candidate rules once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker.model import Claim, Document
from checker.rules.rule import Rule
from checker.rules.schema import glob_to_regex
from checker.rules.units import UnitPhrase, phrase_matches, same_word, unit_phrase
from checker.textspans import TextSpans

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile("['’]")
_UNIT_CACHE_LIMIT = 100_000  # distinct claim units whose rule matches are kept


@dataclass(frozen=True, slots=True)
class Terms:
    """Context terms as one case-insensitive whole-word regex (multi-word terms allowed;
    straight and curly apostrophes are the same), with a cheap pre-test: the longest word
    of each term, looked up as a substring of the lower-cased text before any regex runs."""

    pattern: re.Pattern[str]
    needles: tuple[str, ...]

    def found(self, text: str, start: int = 0, end: int | None = None,
              lowered: str | None = None) -> bool:
        if lowered is not None and not any(n in lowered for n in self.needles):
            return False
        return self.pattern.search(text, start, len(text) if end is None else end) is not None


def terms_of(terms: Sequence[str]) -> Terms | None:
    """Compile context terms; None when there are none."""
    if not terms:
        return None
    parts, needles = [], []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        words = [_APOSTROPHE.sub("['’]", re.escape(w)) for w in term.split()]
        parts.append(r"\s+".join(words))
        needles.append(max(_WORD.findall(term.lower()), key=len, default=""))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return Terms(pattern, tuple(dict.fromkeys(needles)))


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    kinds: frozenset[str]
    units: tuple[UnitPhrase, ...]         # empty: any unit, including none
    context_all: tuple[Terms, ...]
    context_any: Terms | None
    context_none: Terms | None
    docs: tuple[re.Pattern[str], ...]
    document_all: tuple[Terms, ...]
    document_any: Terms | None
    document_none: Terms | None

    @property
    def has_context(self) -> bool:
        return bool(self.context_all or self.context_any or self.context_none)

    def path_ok(self, doc_id: str) -> bool:
        if not self.docs:
            return True
        path = doc_id.split("#", 1)[0]
        return any(p.match(doc_id) or p.match(path) for p in self.docs)

    def document_ok(self, text: str, lowered: str) -> bool:
        """The words the whole document must (not) contain."""
        if not all(t.found(text, lowered=lowered) for t in self.document_all):
            return False
        if self.document_any is not None and not self.document_any.found(text, lowered=lowered):
            return False
        return self.document_none is None or not self.document_none.found(text, lowered=lowered)

    def context_ok(self, text: str, start: int, end: int) -> bool:
        if not all(t.found(text, start, end) for t in self.context_all):
            return False
        if self.context_any is not None and not self.context_any.found(text, start, end):
            return False
        return self.context_none is None or not self.context_none.found(text, start, end)

    def group_of(self, doc_id: str) -> str:
        return self.rule.id if self.rule.across == "corpus" else f"{self.rule.id}@{doc_id}"


class CompiledRules:
    """Rules ready for selection; build once with `compile_rules`, reuse per document."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(_compile(r) for r in rules)
        self._unit_cache: dict[str | None, frozenset[int]] = {}
        self._any_unit = frozenset(i for i, r in enumerate(self.rules) if not r.units)
        # Rule unit phrases by head word: a claim's unit is only compared in full with
        # the phrases whose head is the same word as its own.
        self._by_head: dict[str, list[tuple[int, UnitPhrase]]] = {}
        self._head_cache: dict[str, list[tuple[int, UnitPhrase]]] = {}
        for i, compiled in enumerate(self.rules):
            for phrase in compiled.units:
                self._by_head.setdefault(phrase.head, []).append((i, phrase))
        self._any_globs = any(r.docs for r in self.rules)
        self._all_documents = self._by_kind("")

    def __len__(self) -> int:
        return len(self.rules)

    def unit_ok(self, index: int, unit: str | None) -> bool:
        """Does rule `index` take claims with this unit?"""
        return index in self.rules_for_unit(unit)

    def rules_for_unit(self, unit: str | None) -> frozenset[int]:
        """Indices of the rules that take claims with this unit. Memoised (bounded): a
        corpus repeats the same units over and over, and fuzzy matching is the dear part."""
        hit = self._unit_cache.get(unit)
        if hit is None:
            phrase = unit_phrase(unit) if unit else None
            hit = self._any_unit if phrase is None else self._match_unit(phrase)
            if len(self._unit_cache) >= _UNIT_CACHE_LIMIT:
                self._unit_cache.clear()
            self._unit_cache[unit] = hit
        return hit

    def _match_unit(self, phrase: UnitPhrase) -> frozenset[int]:
        accepted = set(self._any_unit)
        for i, rule_unit in self._same_head(phrase.head):
            if i not in accepted and phrase_matches(rule_unit, phrase):
                accepted.add(i)
        return frozenset(accepted)

    def _same_head(self, head: str) -> list[tuple[int, UnitPhrase]]:
        """The rule unit phrases whose head is the same word as `head`, in rule order.
        Memoised (bounded): many units share a head ("local people", "many people")."""
        hit = self._head_cache.get(head)
        if hit is None:
            hit = sorted(
                (entry for rule_head, entries in self._by_head.items()
                 if same_word(rule_head, head) for entry in entries),
                key=lambda entry: entry[0],
            )
            if len(self._head_cache) >= _UNIT_CACHE_LIMIT:
                self._head_cache.clear()
            self._head_cache[head] = hit
        return hit

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
    return CompiledRules(rules)


def _compile(rule: Rule) -> CompiledRule:
    units = tuple(p for p in (unit_phrase(u) for u in rule.units) if p is not None)
    return CompiledRule(
        rule=rule,
        kinds=frozenset(rule.kinds),
        units=units,
        context_all=tuple(t for t in (terms_of([t]) for t in rule.context_all) if t),
        context_any=terms_of(rule.context_any),
        context_none=terms_of(rule.context_none),
        docs=tuple(glob_to_regex(g) for g in rule.docs),
        document_all=tuple(t for t in (terms_of([t]) for t in rule.document_all) if t),
        document_any=terms_of(rule.document_any),
        document_none=terms_of(rule.document_none),
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


def select_claims(
    doc: Document,
    claims: list[Claim],
    rules: CompiledRules | Sequence[Rule],
    spans: TextSpans | None = None,
) -> list[Claim]:
    """Copies of the claims each rule is about, tagged with `rule` and `group`, in claim
    order then rule order. A claim matching several rules is copied once per rule.

    Units: a rule without units takes claims of any unit (or none); a rule with units never
    takes a claim whose unit is unknown (None)."""
    compiled = rules if isinstance(rules, CompiledRules) else compile_rules(rules)
    by_kind = compiled.for_document(doc.id)
    if not by_kind:
        return []
    text = doc.text
    lowered: str | None = None
    document_ok: dict[int, bool] = {}   # rule index -> document words satisfied (lazy)
    candidates: dict[tuple[str, str | None], list[int]] = {}  # (kind, unit) -> rule indices
    out: list[Claim] = []
    for claim in claims:
        if claim.kind not in by_kind:
            continue
        key = (claim.kind, claim.unit)
        indices = candidates.get(key)
        if indices is None:
            for_unit = compiled.rules_for_unit(claim.unit)
            indices = candidates[key] = [i for i in by_kind[claim.kind] if i in for_unit]
        if not indices:
            continue
        windows: dict[str | int, tuple[int, int]] = {}
        for i in indices:
            rule = compiled.rules[i]
            if i not in document_ok:
                if lowered is None:
                    lowered = text.lower()
                document_ok[i] = rule.document_ok(text, lowered)
            if not document_ok[i]:
                continue
            if rule.has_context:
                if spans is None:
                    spans = TextSpans(text)
                window = rule.rule.window
                if window not in windows:
                    windows[window] = window_span(spans, claim.start, window)
                start, end = windows[window]
                if not rule.context_ok(text, start, end):
                    continue
            out.append(replace(claim, rule=rule.rule.id, group=rule.group_of(doc.id),
                               attrs=dict(claim.attrs)))
    return out
