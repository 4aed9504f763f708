"""Which documents report the same event: the rare names, places and dates they share.

Two articles about one ferry disaster share its rare names ("Harrow", "Lindqvist"), its
places and its date; two articles about two different disasters of the same year share
"died", "killed" and the year, and little else. So a document's *event terms* are its
capitalised words that are rare in English (wordfreq's Zipf frequency under 4: names of
people, firms, places, ships; not "The", "Monday", "London"), plus the years and full
dates it states. Two documents are *linked* when the terms they share weigh enough:

- a name weighs from 1 (not in wordfreq's list) down to 0 at Zipf 4;
- a year weighs 0.5, a full date 1;
- a term found in more than 1 % of the documents (at least 5) weighs nothing: in a big
  corpus it marks a topic ("Arsenal", "Blair"), not an event.

Linked documents need `MIN_SCORE` together and at least two shared terms that are not
years. *Clusters* (for suggested rules) join linked documents, a cluster only taking a
document linked to at least half of its members, so events that merely share a
neighbour stay apart. The link says which terms it rests on, so a finding or a rule can
name the event.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations

from checker.extract.rarity import table
from checker.model import Claim

MIN_SCORE = 3.0
MIN_NAMES = 2
RARE_NAME = 4.0          # Zipf frequency under which a capitalised word is a rare name
_SPREAD = 1.5            # a name of Zipf 2.5 or less weighs 1
_YEAR_WEIGHT = 0.5
_DATE_WEIGHT = 1.0
_TOPIC_SHARE = 0.01      # of the documents: a term in more marks a topic, not an event
_MIN_TOPIC = 5
_MAX_WEIGHT = 1.0         # of any one term (`_weight`)
# Fewer shared terms than this cannot link two documents: their weights cannot add up
# to MIN_SCORE, or they are too few to hold MIN_NAMES names.
_MIN_SHARED = max(MIN_NAMES, math.ceil(MIN_SCORE / _MAX_WEIGHT))
_NO_TERMS: frozenset[str] = frozenset()
_CAPITALISED = re.compile(r"[A-Z](?:[a-z]+(?:['’][a-z]+)?|[A-Z]+)")


def event_terms(text: str, claims: Iterable[Claim]) -> frozenset[str]:
    """A document's event terms: rare capitalised words (lower-cased), years ("1988") and
    full dates ("1988-07-19") from its claims."""
    terms = {t for t in map(_rare_name, set(_CAPITALISED.findall(text))) if t}
    for c in claims:
        if c.kind == "year" and isinstance(c.value, int):
            terms.add(str(c.value))
        elif c.kind == "date" and isinstance(c.value, str) and c.value[:1].isdigit() \
                and c.attrs.get("precision", "day") == "day" and not c.attrs.get("year_inferred"):
            terms.add(c.value[:10])
    return frozenset(terms)


@lru_cache(maxsize=65536)
def _rare_name(word: str) -> str | None:
    """The event term for a capitalised word, None when it is common in English."""
    w = word.lower().removesuffix("'s").removesuffix("’s")
    return w if len(w) >= 3 and table().get(w, 0.0) < RARE_NAME else None


@dataclass(frozen=True, slots=True)
class Link:
    """Why two documents are taken to report one event."""

    score: float
    terms: tuple[str, ...]   # the shared terms, heaviest first

    def named(self, limit: int = 4) -> str:
        return ", ".join(_display(t) for t in self.terms[:limit])


class EventLinks:
    """The event links between the documents of a corpus, from their event terms.

    `read()` gives (document, event terms) for every document, and is called twice: once
    to count in how many documents each term is, once to keep, of each document, only the
    terms that can link it (shared, not a topic). So memory follows the documents that
    share rare terms, not the corpus (a plain dict's `items` will do for small ones)."""

    def __init__(self, read: Callable[[], Iterable[tuple[str, frozenset[str]]]]) -> None:
        documents = 0

        def each_document() -> Iterator[frozenset[str]]:
            nonlocal documents
            for _, terms in read():
                documents += 1
                yield terms

        # Counted in one call (in C), in the order read: not one Counter.update a document.
        df = Counter(chain.from_iterable(each_document()))
        topic = max(_MIN_TOPIC, int(_TOPIC_SHARE * documents))
        zipf = table()
        # Only terms shared by two documents or more can link any.
        weights = ((t, _weight(t, zipf)) for t, n in df.items() if 2 <= n <= topic)
        self.weight = {t: w for t, w in weights if w > 0}
        del df
        self.terms: dict[str, frozenset[str]] = {}
        for doc, terms in read():
            kept = terms & self.weight.keys()
            if kept:
                self.terms[doc] = frozenset(kept)
        self._years = frozenset(t for t in self.weight if _is_year(t))
        self._by_term: dict[str, list[str]] = defaultdict(list)
        for doc in sorted(self.terms):
            for t in self.terms[doc]:
                self._by_term[t].append(doc)

    def link(self, a: str, b: str) -> Link | None:
        """The link between documents `a` and `b`, or None when they share too little."""
        common = self.terms.get(a, _NO_TERMS) & self.terms.get(b, _NO_TERMS)
        if len(common) < _MIN_SHARED:  # too few terms for the score, whatever they weigh
            return None
        weight = self.weight
        score = sum(map(weight.__getitem__, common))
        if score < MIN_SCORE or len(common) - len(common & self._years) < MIN_NAMES:
            return None
        shared = sorted(common, key=lambda t: (-weight[t], t))
        return Link(round(score, 2), tuple(shared))

    def linked(self) -> dict[tuple[str, str], Link]:
        """Every linked pair of documents (a < b). The pairs that share two names or more
        are counted in one pass over the name terms (in C: a Counter of each term's pairs);
        only those are weighed (`link`), since a link needs `MIN_NAMES` shared names."""
        names = Counter(chain.from_iterable(
            combinations(docs, 2) for term, docs in self._by_term.items()
            if len(docs) > 1 and not _is_year(term)))
        out = {}
        for pair in sorted(p for p, n in names.items() if n >= MIN_NAMES):
            found = self.link(*pair)
            if found is not None:
                out[pair] = found
        return out

    def clusters(self) -> list[Cluster]:
        """Groups of documents reporting one event, biggest first (see the module doc)."""
        links = self.linked()
        member_of: dict[str, int] = {}
        groups: dict[int, set[str]] = {}
        for n, ((a, b), _) in enumerate(sorted(links.items(),
                                               key=lambda kv: (-kv[1].score, kv[0]))):
            ga, gb = member_of.get(a), member_of.get(b)
            if ga is not None and ga == gb:
                continue
            left = groups.pop(ga) if ga is not None else {a}
            right = groups.pop(gb) if gb is not None else {b}
            between = sum(1 for x in left for y in right if (min(x, y), max(x, y)) in links)
            if between * 2 < len(left) * len(right):   # not linked to half: keep apart
                if ga is not None:
                    groups[ga] = left
                if gb is not None:
                    groups[gb] = right
                continue
            groups[n] = left | right
            for d in groups[n]:
                member_of[d] = n
        out = [Cluster(tuple(sorted(g)), *self._common_terms(g)) for g in groups.values()]
        out.sort(key=lambda c: (-len(c.documents), c.documents))
        return out

    def _common_terms(self, docs: Iterable[str]) -> tuple[tuple[str, ...], int]:
        """The event terms found in most documents of a group, those in every document
        first, heaviest first; and how many are in every document."""
        docs = list(docs)
        counts = Counter(t for d in docs for t in self.terms[d])
        common = [t for t, n in counts.items() if n * 2 > len(docs)]
        common.sort(key=lambda t: (-counts[t], -self.weight[t], t))
        return tuple(common), sum(1 for t in common if counts[t] == len(docs))


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents about one event, and the terms that name it."""

    documents: tuple[str, ...]
    terms: tuple[str, ...]    # in most of its documents, heaviest first
    in_all: int = 0           # how many of `terms` (the first ones) are in every document

    def name(self, limit: int = 3) -> str:
        return ", ".join(_display(t) for t in self.terms[:limit]) or "an event"


def _weight(term: str, zipf: dict[str, float]) -> float:
    if _is_year(term):
        return _YEAR_WEIGHT
    if term[:1].isdigit():
        return _DATE_WEIGHT
    return max(0.0, min(1.0, (RARE_NAME - zipf.get(term, 0.0)) / _SPREAD))


def _is_year(term: str) -> bool:
    return len(term) == 4 and term.isdigit()


def _display(term: str) -> str:
    return term if term[:1].isdigit() else term.capitalize() if not term.isupper() else term
