"""What a unit names, for matching a claim's unit against a rule's: the head noun (what is
counted) in the singular, the words that qualify it, and a forgiving word match (typos,
plural forms, "signatory" / "signature")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from checker.util.english import singular

# Words that do not change what is counted: "the other 462 signatories", "those officials".
_FILLER = frozenset(
    "a an the other others those these their its his her our such some more additional "
    "further and or".split()
)
_WORD = re.compile(r"[^\W_]+")
_WORD_RATIO = 88          # rapidfuzz ratio for two words to count as the same (typos)


@dataclass(frozen=True, slots=True)
class UnitPhrase:
    """A unit as the words that matter: the head noun (what is counted) and the rest."""

    head: str
    words: frozenset[str]

    @property
    def modifiers(self) -> frozenset[str]:
        return self.words - {self.head}


@lru_cache(maxsize=65536)
def unit_phrase(unit: str) -> UnitPhrase | None:
    """Normalise a unit: lower-case, singular words, no fillers; the head is the last word
    before 'of' ("prisoners of war" -> prisoner). None when no word is left."""
    words = _WORD.findall(unit.lower())
    head_zone = words[: words.index("of", 1)] if "of" in words[1:] else words
    content = [singular(w) for w in head_zone if w not in _FILLER]
    rest = [singular(w) for w in words[len(head_zone):] if w not in _FILLER and w != "of"]
    if not content:
        return None
    return UnitPhrase(content[-1], frozenset(content + rest))


def same_word(a: str, b: str) -> bool:
    """Two (singular) words name the same thing: equal, a close typo, or a shared long stem
    ('signatory' / 'signature')."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5:
        return False
    return _similar_words(a, b)


@lru_cache(maxsize=65536)
def _similar_words(a: str, b: str) -> bool:
    """same_word for two different words of 5 letters or more, memoised: fuzzy matching
    is the dear part of selection and a corpus repeats its words."""
    shorter = min(len(a), len(b))
    if shorter >= 5 and fuzz.ratio(a, b) >= _WORD_RATIO:
        return True
    if shorter >= 8:
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        return common >= max(6, shorter - 3)
    return False


def phrase_matches(rule_unit: UnitPhrase, claim_unit: UnitPhrase) -> bool:
    """Heads must be the same word; the rule's other words must all appear in the claim's
    unit, unless the claim's unit is the bare noun ("officials" is about "UN officials")."""
    if not same_word(rule_unit.head, claim_unit.head):
        return False
    if len(claim_unit.words) == 1:
        return True
    return all(any(same_word(m, w) for w in claim_unit.words) for m in rule_unit.modifiers)


def unit_matches(rule_unit: str, claim_unit: str | None) -> bool:
    """Does a claim's unit (as extracted) match one unit listed in a rule?"""
    rule_phrase = unit_phrase(rule_unit)
    claim_phrase = unit_phrase(claim_unit) if claim_unit else None
    return bool(rule_phrase and claim_phrase and phrase_matches(rule_phrase, claim_phrase))


_UNIT_CACHE_LIMIT = 100_000  # distinct claim units whose matches are kept


class UnitIndex:
    """Which rules list a unit that matches a claim's unit, by rule index.

    Rule phrases are indexed by head word, and each distinct claim unit is matched once
    (memoised, bounded): a corpus repeats the same units, and fuzzy matching is the dear
    part of selection."""

    def __init__(self, phrases_by_rule: list[tuple[UnitPhrase, ...]]) -> None:
        self._by_head: dict[str, list[tuple[int, UnitPhrase]]] = {}
        for i, phrases in enumerate(phrases_by_rule):
            for phrase in phrases:
                self._by_head.setdefault(phrase.head, []).append((i, phrase))
        self._cache: dict[str, frozenset[int]] = {}
        self._head_cache: dict[str, list[tuple[int, UnitPhrase]]] = {}

    def matching(self, unit: str) -> frozenset[int]:
        hit = self._cache.get(unit)
        if hit is None:
            phrase = unit_phrase(unit) if self._by_head else None
            hit = frozenset() if phrase is None else frozenset(
                i for i, rule_unit in self._same_head(phrase.head)
                if phrase_matches(rule_unit, phrase))
            if len(self._cache) >= _UNIT_CACHE_LIMIT:
                self._cache.clear()
            self._cache[unit] = hit
        return hit

    def _same_head(self, head: str) -> list[tuple[int, UnitPhrase]]:
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
