"""The words that say what a figure is about, and how much two figures share of them.

Two statements of one figure in an article ("Parmalat sues 45 banks" in the headline,
"Parmalat has sued 45 banks" in the body) are written with the same words around the
figure; two figures that merely look alike ("5% in 2003", "running at just 50%") share
none. So each claim's sentence is read as a set of *content lemmas* (lemminflect's
lemma: "sued" -> "sue", "banks" -> "bank"), each weighted by how rare it is in English
(wordfreq: "the", "said", "year" weigh nothing, "bank" a little, "Parmalat" most), and
split into the words near the figure (up to `NEAR` words either side) and the rest of
the sentence. `shared(a, b)` sums the weights of the lemmas both sentences hold, a
lemma near both figures counting in full, near one of them three quarters, elsewhere
half: positive evidence that the two figures are about one thing, with the words to
show an editor.

The figure's own digits and scale words ("bn", "million", "per cent") are no evidence:
every pair of amounts would share them; nor are months and weekdays, which say when (the
frames compare times).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.rarity import table
from checker.model import Claim

NEAR = 6                 # words either side of a figure that say what it is about
COMMON = 6.0             # wordfreq Zipf frequency from which a word weighs nothing
TOPIC = 2                # sentences a shared word may be in and still tie two figures
MAX_WEIGHT = 3.0         # a name, or a word wordfreq does not list
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]")
_SCALE = frozenset("m mn bn b k tn million millions billion billions trillion trillions "
                   "thousand thousands hundred hundreds per cent percent pence p "
                   # Currencies: the check compares amounts of one currency only.
                   "dollar dollars pound pounds sterling euro euros yen yuan rupee rupees "
                   "rupiah rouble roubles ruble rubles rand franc francs won peso pesos "
                   "krona kronor krone real reais lira dinar dirham riyal baht ringgit "
                   "cents cent".split())
# Months and weekdays say when, which the frames compare (`checker.extract.scope`), not what.
_WHEN = frozenset("january february march april may june july august september october "
                  "november december monday tuesday wednesday thursday friday saturday "
                  "sunday".split())


@dataclass(frozen=True, slots=True)
class Context:
    """A claim's content lemmas: those near the figure and every one in its sentence."""

    near: frozenset[str]
    every: frozenset[str]


@dataclass(frozen=True, slots=True)
class Shared:
    """What two claims' sentences share: the summed weight and the words, heaviest
    first."""

    weight: float
    words: tuple[str, ...]
    near: float = 0.0       # the weight of the lemmas near both figures


def context(claim: Claim) -> Context:
    """The content lemmas of a claim's sentence (its quote), near the figure and in all."""
    return _context(claim.quote, _offset(claim), len(claim.text))


def shared(a: Context, b: Context, spread: Mapping[str, int] | None = None,
           keep: frozenset[str] = frozenset()) -> Shared:
    """The weighted content lemmas two contexts share (see the module doc). `spread`: in
    how many sentences of the text each lemma is (`spread_of`); a word the whole story
    uses (its subject: "tsunami" all through a tsunami report) ties no two of its figures
    together, so a lemma in n > `TOPIC` sentences weighs sqrt(`TOPIC` / n) of its weight;
    except the `keep` lemmas (the noun both figures count, "hunts": what ties them)."""
    found: list[tuple[float, str]] = []
    both_near = 0.0
    for lemma in a.every & b.every:
        w = weight(lemma)
        if w <= 0:
            continue
        near = (lemma in a.near) + (lemma in b.near)
        share = 1.0
        if spread and lemma not in keep:
            share = min(1.0, TOPIC / max(spread.get(lemma, 0), 1))
        w *= (0.5, 0.75, 1.0)[near]
        found.append((w * math.sqrt(share), lemma))
        if near == 2:
            both_near += w
    found.sort(key=lambda x: (-x[0], x[1]))
    return Shared(round(sum(w for w, _ in found), 2), tuple(word for _, word in found),
                  round(both_near, 2))


def spread_of(sentences: Iterable[str]) -> dict[str, int]:
    """In how many of these sentences each content lemma is."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(_lemmas(_WORD.findall(sentence)))
    return dict(counts)


def weight(lemma: str) -> float:
    """How much sharing `lemma` says: 0 for words of Zipf `COMMON` or more, up to
    `MAX_WEIGHT` for names and words wordfreq does not know."""
    return _weight(lemma)


@lru_cache(maxsize=65536)
def _weight(lemma: str) -> float:
    return max(0.0, min(COMMON - table().get(lemma, 0.0), MAX_WEIGHT))


@lru_cache(maxsize=65536)
def content_lemma(word: str) -> str:
    """The lemma a word is compared by: as a noun, else a verb, else an adjective or
    adverb (lemminflect's readings), except that an inflected verb that is also a noun's
    base form reads as the verb ("rose" -> "rise"); lower-case, possessive dropped."""
    from checker.extract.lemma_table import all_lemmas

    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    readings = all_lemmas(w)
    verb, noun = readings.get("VERB"), readings.get("NOUN")
    if verb and verb[0] != w and (not noun or noun[0] == w):
        return verb[0]               # "rose", "fell": a verb's past, a noun's base form
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        found = readings.get(pos)
        if found:
            return found[0]
    return w


def unit_lemmas(claim: Claim) -> frozenset[str]:
    """The content lemmas of the unit a claim states ("political prisoners"); none for an
    inferred unit."""
    if not claim.unit or claim.unit_inferred:
        return frozenset()
    return _lemmas(_WORD.findall(claim.unit))


def _offset(claim: Claim) -> int:
    if 0 <= claim.quote_offset <= len(claim.quote):
        return claim.quote_offset
    return max(claim.quote.find(claim.text), 0)


@lru_cache(maxsize=4096)
def _context(quote: str, at: int, length: int) -> Context:
    before = [m.group() for m in _WORD.finditer(quote, 0, at)]
    own = [m.group() for m in _WORD.finditer(quote, at, at + length)]
    after = [m.group() for m in _WORD.finditer(quote, at + length)]
    near = _lemmas((*before[-NEAR:], *own, *after[:NEAR]))
    far = _lemmas((*before[:-NEAR], *after[NEAR:]))
    return Context(near, near | far)


def _lemmas(words) -> frozenset[str]:
    """The content lemmas of words: scale words, time words and common words dropped."""
    known = _LEMMA_OF
    out: set[str] = set()
    for w in words:
        lemma = known.get(w, "")
        if lemma == "":
            lemma = _lemma_of(w)
        if lemma is not None:
            out.add(lemma)
    return frozenset(out)


# Each word as written -> its content lemma, or None for a word `_lemmas` drops: news
# repeats its words, and a text's spread (`spread_of`) reads every word of it.
_LEMMA_OF: dict[str, str | None] = {}


def _lemma_of(word: str) -> str | None:
    lower = word.lower()
    lemma = None if lower in _SCALE or lower in _WHEN or _weight(lower) <= 0 \
        else content_lemma(word)
    if len(_LEMMA_OF) >= 65536:
        _LEMMA_OF.clear()
    _LEMMA_OF[word] = lemma
    return lemma
