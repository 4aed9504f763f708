"""Typical errors to plant into a corpus, so a user can measure what the checker catches
(`checker eval --mutate`).

Four kinds, each chosen from what the documents already say, never invented text:
- `repeated`: a figure a document states twice (or more), one copy changed by a slip;
- `cross`: a figure two documents about the same event both state, changed by a slip in
  every place one of them states it (so only a comparison across documents can see it);
- `weekday`: a date written with a weekday, the weekday made wrong (or a wrong weekday
  put in front of a full date);
- `years_ago`: "N years ago" beside a year, N made wrong (or a wrong "N years ago" put
  after a year, in a dated document).

A slip works on the digits as written: off by one, two neighbouring digits swapped, a
zero dropped or added, one digit changed; only slips `checker.compare.slips.typical_slip` names.
A plant is kept only when the changed figure really contradicts the original (their
intervals do not overlap: "about 600" made "about 601" is no error). Everything is drawn
from `random.Random(seed)` over candidates in a fixed order, so one seed always plants
the same errors.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from checker.compare.slips import typical_slip
from checker.model import QUANTITY_KINDS, Claim, Document
from checker.util.numbers import grouped

KINDS = ("repeated", "cross", "weekday", "years_ago")
SLIPS = ("off by one", "digits swapped", "zero dropped", "zero added", "one digit changed")
# How alike two documents' words must be (Jaccard, words of 4+ letters) to count as
# reports of the same event when planting a cross-document change.
SAME_EVENT_SIMILARITY = 0.2
NEAR_COPY_SIMILARITY = 0.8

_NUMERAL = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z]{4,}")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PLAIN_QUALIFIERS = frozenset({"exact", "over", "at_least", "about", "nearly", "up_to", "under"})


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (of the original document) with `new`."""

    start: int
    end: int
    new: str


@dataclass(slots=True)
class Plant:
    """One planted error: where, how, and (once applied) where it sits in the copy."""

    kind: str                 # one of KINDS
    doc: str                  # the document changed
    how: str                  # the slip, or what was made wrong
    before: str               # the text as it was ("463 signatories")
    after: str                # as planted ("462 signatories")
    edits: tuple[Edit, ...]
    partner: str | None = None          # cross: the other document stating the figure
    similarity: float | None = None     # cross: how alike the two documents are
    spans: list[tuple[int, int]] = field(default_factory=list)  # in the planted text

    def planted_text(self, text: str) -> str:
        """`text` with the edits made; sets `spans` to where the new text sits."""
        out, spans, at, shift = [], [], 0, 0
        for e in sorted(self.edits, key=lambda e: e.start):
            out += [text[at:e.start], e.new]
            spans.append((e.start + shift, e.start + shift + len(e.new)))
            shift += len(e.new) - (e.end - e.start)
            at = e.end
        out.append(text[at:])
        self.spans = spans
        return "".join(out)


# -- slips on a written figure --------------------------------------------------------------

def numeral_of(claim: Claim) -> re.Match[str] | None:
    """The one figure written in digits in the claim's text, None for words or ranges."""
    found = _NUMERAL.findall(claim.text)
    if len(found) != 1:
        return None
    return _NUMERAL.search(claim.text)


def slips_of(numeral: str) -> dict[str, str]:
    """Every typical slip of a figure as written ("1,463" -> {"off by one": "1,462", ...}),
    each written in the same style (thousands commas, decimals)."""
    commas = "," in numeral
    whole, _, frac = numeral.replace(",", "").partition(".")
    digits = whole + frac

    def written(new_digits: str) -> str:
        w, f = new_digits[:len(new_digits) - len(frac)], new_digits[len(new_digits) - len(frac):]
        w = grouped(int(w)) if commas else str(int(w))
        return f"{w}.{f}" if frac else w

    out: dict[str, str] = {}
    if not frac and int(whole) >= 10:
        out["off by one"] = written(str(int(whole) + (1 if whole[-1] != "9" else -1)))
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0"):
            out["digits swapped"] = written(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
            break
    if not frac:
        zeros = [i for i, d in enumerate(whole) if d == "0" and i > 0]
        if zeros:
            out["zero dropped"] = written(whole[:zeros[-1]] + whole[zeros[-1] + 1:])
        out["zero added"] = written(whole + "0")
    # The last digit that is not a zero: 463 -> 466, 30,000 -> 60,000.
    position = max((i for i, d in enumerate(digits) if d != "0"), default=0)
    new = str((int(digits[position]) + 3) % 10)
    if position == 0 and new == "0":
        new = "4"
    out["one digit changed"] = written(digits[:position] + new + digits[position + 1:])
    return {k: v for k, v in out.items() if v != numeral}


def _slips(claim: Claim, rng: random.Random) -> list[tuple[str, int, int, str]]:
    """(slip, start, end, new numeral) for each slip of the claim's figure, shuffled. Only
    slips `typical_slip` names count: a figure of one or two digits with one digit
    changed ("9" -> "2") is a different figure, not a recognisable slip."""
    m = numeral_of(claim)
    if m is None:
        return []
    old = float(m.group().replace(",", ""))
    options = {how: new for how, new in slips_of(m.group()).items()
               if typical_slip(float(new.replace(",", "")), old) is not None}
    return [(how, claim.start + m.start(), claim.start + m.end(), options[how])
            for how in _shuffled(sorted(options), rng)]


# -- candidates -------------------------------------------------------------------------------

def is_figure(claim: Claim) -> bool:
    """A quantity written in digits, one figure, with what it counts (a unit, stated or
    inferred, a currency or a per cent sign): a bare "2" or "71" is as often a name
    ("Halo 2"), an age or a score as a figure."""
    if claim.kind not in QUANTITY_KINDS or claim.low is None or claim.high is None:
        return False
    if claim.kind == "count" and not claim.unit:
        return False
    if claim.qualifier not in _PLAIN_QUALIFIERS or numeral_of(claim) is None:
        return False
    value = claim.value
    if not isinstance(value, int | float) or value < 0:
        return False
    return not (1000 <= value <= 2100 and "," not in claim.text and not claim.unit)


def _figure_key(claim: Claim) -> tuple:
    return (claim.kind, claim.value, claim.attrs.get("currency"))


def repeated_candidates(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Each figure a document states at least twice, in two different sentences."""
    by_figure: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if is_figure(c):
            by_figure[_figure_key(c)].append(c)
    return [cs for cs in by_figure.values() if len({c.quote for c in cs}) >= 2]


def words_of(text: str) -> frozenset[str]:
    """The lower-case words of a text, for `similarity`."""
    return frozenset(_WORD.findall(text.lower()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def cross_candidates(
    claims_of: dict[str, list[Claim]], words: dict[str, frozenset[str]]
) -> list[tuple[str, str, str, float]]:
    """(figure as written, document A, document B, similarity) for each pair of documents
    about the same event (alike enough in words) that state one figure in the same words;
    one figure per pair of documents."""
    by_text: dict[tuple, set[str]] = defaultdict(set)
    for doc, claims in claims_of.items():
        for c in claims:
            if is_figure(c) and isinstance(c.value, int | float) and c.value >= 10:
                by_text[(c.kind, " ".join(c.text.lower().split()))].add(doc)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (_, text), docs in sorted(by_text.items()):
        if 2 <= len(docs) <= 4:
            ordered = sorted(docs)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    pairs[(a, b)].append(text)
    out = []
    for (a, b), texts in sorted(pairs.items()):
        alike = similarity(words[a], words[b])
        if alike >= SAME_EVENT_SIMILARITY:
            out.append((sorted(texts)[0], a, b, alike))
    return out


# -- making plants --------------------------------------------------------------------------

Check = Callable[[Plant], bool]  # does the planted text really hold the error?


def plant_repeated(doc: Document, claims: Sequence[Claim], rng: random.Random,
                   holds: Check) -> Plant | None:
    """A slip planted in one copy of a figure the document repeats, or None."""
    for group in _shuffled(repeated_candidates(claims), rng):
        target = rng.choice(group)
        for how, start, end, new in _slips(target, rng):
            plant = Plant("repeated", doc.id, how, target.text,
                          _replace(target, start, end, new), (Edit(start, end, new),))
            if holds(plant):
                return plant
    return None


def plant_cross(doc: Document, claims: Sequence[Claim], figure: str, partner: str,
                alike: float, rng: random.Random, holds: Check) -> Plant | None:
    """Change every claim of `doc` written as `figure` by the same slip."""
    same = [c for c in claims if is_figure(c) and " ".join(c.text.lower().split()) == figure]
    if not same:
        return None
    for how, start, end, new in _slips(same[0], rng):
        edits = [Edit(start, end, new)]
        for c in same[1:]:
            m = numeral_of(c)
            assert m is not None  # `is_figure`: written in one numeral
            edits.append(Edit(c.start + m.start(), c.start + m.end(), new))
        plant = Plant("cross", doc.id, how, same[0].text, _replace(same[0], start, end, new),
                      tuple(edits), partner, round(alike, 3))
        if holds(plant):
            return plant
    return None


def plant_weekday(doc: Document, claims: Sequence[Claim], rng: random.Random,
                  holds: Check) -> Plant | None:
    """A wrong weekday on a full date: the weekday written replaced, or one put in front."""
    for c in _shuffled([c for c in claims if _checkable_date(doc, c)], rng):
        day = dt.date.fromisoformat(str(c.value)[:10])
        wrong = _DAYS[(day.weekday() + rng.randint(1, 6)) % 7]
        written = c.attrs.get("weekday")
        if written:
            at = c.text.find(str(written))
            if at < 0:
                continue
            edit = Edit(c.start + at, c.start + at + len(written), wrong)
        else:
            edit = Edit(c.start, c.start, f"{wrong}, " if c.text[:1].isalpha() else f"{wrong} ")
        plant = Plant("weekday", doc.id, "weekday", c.text,
                      c.text.replace(str(written), wrong) if written else edit.new + c.text,
                      (edit,))
        if holds(plant):
            return plant
    return None


def plant_years_ago(doc: Document, claims: Sequence[Claim], rng: random.Random,
                    holds: Check) -> Plant | None:
    """'N years ago' beside a year made wrong, or a wrong one put after a year."""
    if not doc.date:
        return None
    doc_year = int(doc.date[:4])
    for c in _shuffled(claims, rng):
        if c.kind == "relative_year" and c.attrs.get("direction") == "ago":
            m = numeral_of(c)
            years = c.attrs.get("years")
            if m is None or not isinstance(years, int) or not _year_beside(c, claims):
                continue
            new = str(years + rng.choice((-1, 1)) * rng.randint(5, 9))
            if int(new) < 1:
                new = str(years + rng.randint(5, 9))
            edit = Edit(c.start + m.start(), c.start + m.end(), new)
            after = _replace(c, edit.start, edit.end, new)
        elif c.kind == "year" and isinstance(c.value, int) and c.value < doc_year - 1 \
                and re.fullmatch(r"(?:in )?\d{4}", c.text):
            wrong = doc_year - c.value + rng.choice((-1, 1)) * rng.randint(5, 9)
            if wrong < 2:
                continue
            edit = Edit(c.end, c.end, f", {wrong} years ago,")
            after = c.text + edit.new
        else:
            continue
        plant = Plant("years_ago", doc.id, "years", c.text, after, (edit,))
        if holds(plant):
            return plant
    return None


def _checkable_date(doc: Document, c: Claim) -> bool:
    """A full date written in words ("4 May 2021", not a header's "2021-05-04"), whose
    year is known."""
    if c.kind != "date" or c.attrs.get("precision", "day") != "day" or not isinstance(c.value, str):
        return False
    if not any(ch.isalpha() for ch in c.text):
        return False
    try:
        dt.date.fromisoformat(c.value[:10])
    except ValueError:  # no year known: "XXXX-12-26"
        return False
    return not c.attrs.get("year_inferred") or (doc.date_source not in (None, "text"))


def _year_beside(rel: Claim, claims: Iterable[Claim]) -> bool:
    return any(c.kind == "year" and c.quote == rel.quote for c in claims)


def _replace(c: Claim, start: int, end: int, new: str) -> str:
    return c.text[:start - c.start] + new + c.text[end - c.start:]


_T = TypeVar("_T")


def _shuffled(items: Iterable[_T], rng: random.Random) -> list[_T]:
    items = list(items)
    rng.shuffle(items)
    return items
