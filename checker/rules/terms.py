"""Words a rule looks for (`context`, `document`, `near`), compiled to one regex each.

Terms match whole words, case-insensitively; a term may have several words, and straight
and curly apostrophes are the same. `near` terms also match the other forms of a word
("died" finds "die", "dies", "dying"; "killed" finds "killing"), from lemminflect's
dictionary: a rule writer lists the words of one example, not every inflection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile("['’]")


@dataclass(frozen=True, slots=True)
class Terms:
    """Terms as one case-insensitive whole-word regex, with a cheap pre-test: the longest
    word of each term, looked up as a substring of the lower-cased text first."""

    pattern: re.Pattern[str]
    needles: tuple[str, ...]

    def found(self, text: str, start: int = 0, end: int | None = None,
              lowered: str | None = None) -> bool:
        return self.first(text, start, end, lowered) is not None

    def first(self, text: str, start: int = 0, end: int | None = None,
              lowered: str | None = None) -> str | None:
        """The first term found, as written in the text; None when none is."""
        if lowered is not None and not any(n in lowered for n in self.needles):
            return None
        m = self.pattern.search(text, start, len(text) if end is None else end)
        return None if m is None else m.group()


def terms_of(terms: Sequence[str]) -> Terms | None:
    """Compile terms; None when there are none."""
    if not terms:
        return None
    parts, needles = [], []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        words = [_APOSTROPHE.sub("['’]", re.escape(w)) for w in term.split()]
        parts.append(r"\s+".join(words))
        needles.append(max(_WORD.findall(term.lower()), key=len, default=""))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return Terms(pattern, tuple(dict.fromkeys(needles)))


def word_forms(term: str) -> list[str]:
    """The term and, for a one-word term, every inflection of its lemmas."""
    if " " in term.strip() or not term.isalpha():
        return [term]
    from lemminflect import getAllInflections, getAllLemmas

    forms = {term.lower()}
    for upos, lemmas in getAllLemmas(term.lower()).items():
        for lemma in lemmas:
            forms.add(lemma)
            for inflected in getAllInflections(lemma, upos=upos).values():
                forms.update(inflected)
    return sorted(forms)


def near_terms_of(terms: Sequence[str]) -> Terms | None:
    """Compile `near` terms with every form of each word."""
    return terms_of([form for term in terms for form in word_forms(term)])
