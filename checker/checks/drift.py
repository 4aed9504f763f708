"""drift: a figure that differs, by a typical slip, from the same figure repeated in the
document.

## What it finds
A figure that differs by a likely slip from the same figure repeated nearby in the same
document (518 ×3 and 517; over 20,000 and over 200).

## Why it matters
When an article says "518 signatories" three times and "517" once, the odd one out is
almost always a typo; "over 20,000" twice and "over 200" once, two zeros lost. The check
needs no rule, so it is strict to stay quiet on ordinary news: the repeated figure must
appear at least twice and more often than the odd one; an off-by-one or a swap counts
only for distinctive figures (3 or more significant digits: 517/518, not 10/11 or
100/101); zeros lost or one digit changed count only with the same unit, the same
qualifier and a shared, uncommon word in both sentences ("famine"). Two figures in one
sentence are a comparison ("from 518 to 517"), and a text that counts the difference
("One ballot was blank") explains it. Years, ages, ordinals and vague amounts are not
counts and are never compared.

## Example
PASS: "Some 518 nurses signed the letter. ... All 518 signatories ... The 518 wrote again."
(no drift)
PASS: "The bakery chain made a £40m profit ... on £400m of sales." (different quantities)
FAIL: "518 nurses signed ... these 518 signatories ... The 517 asked for a review."
FAIL: "the famine killed over 20,000 herders ... over 20,000 herders ... the famine
killed over 200 herders" (two zeros dropped)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from checker.compare.slips import likely_slip, significant_digits
from checker.model import QUANTITY_KINDS, Claim, Document, Finding, Severity, figure_value
from checker.model.findings import figure_of, make_finding, written
from checker.util.english import singular

ID = "drift"
SEVERITY: Severity = "warning"
DEFAULT: dict[str, Any] = {
    "min_repeats": 2,            # how often the figure drifted from must appear
    "min_significant_digits": 3,  # for off-by-one and swapped digits
    "unit_similarity": 85,       # rapidfuzz token_set_ratio for "the same unit"
}

# Slips that need distinctive figures only; the others also need unit + context.
_LOOSE_SLIPS = ("off by one", "digits swapped")
_ZERO_WORDS = ("one zero", "two zeros", "three zeros", "four zeros")
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_COMMON = 5.0     # Zipf frequency from which a word says nothing of what a sentence is about
MAX_SORTS = 64    # ways of writing one repeated figure an odd copy is weighed against


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    """Findings for figures of one document that differ from the same figure repeated."""
    by_value: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind in QUANTITY_KINDS and _is_comparable_count(c):
            by_value[int(figure_value(c))].append(c)
    # Only a figure repeated often enough can be drifted from. Index the figures one slip
    # away from each of those, so each odd figure finds its partners by one look-up instead
    # of generating and testing its own slips: linear in the claims, not pairwise.
    drifted_from = _slip_index(
        v for v, refs in by_value.items() if len(refs) >= max(conf["min_repeats"], 2)
    )
    if not drifted_from:
        return
    sentences: dict[int, _Copies] = {}
    for value in sorted(by_value):
        candidates = drifted_from.get(value)
        if not candidates:
            continue
        odd_ones = by_value[value]
        needed = max(conf["min_repeats"], len(odd_ones) + 1)
        partners = [p for p in candidates if len(by_value[p]) >= needed]
        if len(partners) > 1:
            # The order in which ties between equally repeated figures are settled.
            partners = [p for p in _partners(value) if p in partners]
        for odd in odd_ones:
            best = _best_reference(odd, partners, by_value, conf, sentences)
            if best is not None and not difference_stated(doc.text, odd, best[0][0].value):
                yield _finding(odd, *best)


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def difference_stated(text: str, odd: Claim, other: Any) -> bool:
    """The text accounts for the difference right after the odd figure: "2,224 files were
    valid UTF-8. One file was Latin-1" is 2,225 files, not a slip. True when the odd
    figure's sentence or the next one counts the difference of the same thing. (The
    quantity_conflict check asks too.)."""
    difference = abs(int(other) - int(figure_value(odd)))
    if not 1 <= difference < len(_NUMBER_WORDS) or not odd.unit:
        return False
    head = singular(odd.unit.split()[-1].lower())
    window = text[odd.end:odd.end + 400]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if len(ends) >= 2:
        window = window[:ends[1]]
    amounts = [str(difference), _NUMBER_WORDS[difference]]
    if difference == 1:
        amounts += ["a single", "another", "only one"]
    forms = [re.escape(head) + "(?:e?s)?"]
    if head.endswith("y"):
        forms.append(re.escape(head[:-1]) + "ies")
    pattern = (r"(?<![\w,.])(?:" + "|".join(amounts) + r")\s+(?:[a-z-]+\s+){0,2}(?:"
               + "|".join(forms) + r")\b")
    return re.search(pattern, window, re.IGNORECASE) is not None


def _slip_index(repeated: Iterable[int]) -> dict[int, list[int]]:
    """Figure -> the repeated figures it is one nameable slip away from."""
    index: dict[int, list[int]] = defaultdict(list)
    for value in sorted(repeated):
        for partner in _slip_partners(value):
            index[partner].append(value)
    return index


def _best_reference(
    odd: Claim, partners: list[int], by_value: Mapping[int, list[Claim]], conf: Mapping[str, Any],
    sentences: dict[int, _Copies] | None = None,
) -> tuple[list[Claim], str] | None:
    """The most repeated figure `odd` plausibly drifted from, with the slip's name.
    `sentences` caches, per repeated figure, its copies sorted into sorts that
    `_related` treats alike (`_Copies`): each odd copy is weighed against each sort once,
    not against every copy of a figure repeated thousands of times."""
    best: tuple[list[Claim], str] | None = None
    sentences = {} if sentences is None else sentences
    for partner in partners:
        refs = by_value[partner]
        slip = likely_slip(figure_value(odd), partner)
        if slip is None or slip == "decimal point moved":
            continue
        copies = sentences.get(partner)
        if copies is None:
            copies = sentences[partner] = _Copies(refs)
        if odd.quote in copies.quotes:
            continue  # both in one sentence: a comparison ("from 463 to 462"), not a slip
        if not any(_related(odd, r, slip, conf, words) and _disjoint(odd, r)
                   for r, words in copies.sorts()):
            continue
        if best is None or len(refs) > len(best[0]):
            best = (refs, slip)
    return best


class _Copies:
    """The copies of a repeated figure: the sentences they are in, and one copy of each
    sort that `_related` and `_disjoint` tell apart (kind, currency, unit, qualifier,
    interval) with the salient words of all the sentences of that sort; of a figure
    written in more than `MAX_SORTS` ways (a text that is a table, or a whole corpus on
    one line), the first `MAX_SORTS` sorts, so an odd copy costs a bounded time."""

    def __init__(self, refs: list[Claim]) -> None:
        self.refs = refs
        self.quotes = {r.quote for r in refs}
        self._sorts: list[tuple[Claim, set[str]]] | None = None

    def sorts(self) -> list[tuple[Claim, set[str]]]:
        if self._sorts is None:
            by_sort: dict[tuple, tuple[Claim, set[str]]] = {}
            seen: set[tuple] = set()
            for r in self.refs:
                key = (r.kind, r.attrs.get("currency"), (r.unit or "").lower(),
                       r.unit_inferred, r.qualifier, r.low, r.high)
                if key not in by_sort:
                    if len(by_sort) == MAX_SORTS:
                        continue
                    by_sort[key] = (r, set())
                if (key, r.quote) not in seen:      # a sentence's words, once per sort
                    seen.add((key, r.quote))
                    by_sort[key][1].update(_salient_words(r))
            self._sorts = list(by_sort.values())
        return self._sorts


def _is_comparable_count(c: Claim) -> bool:
    if c.kind not in QUANTITY_KINDS or c.qualifier == "vague" or c.low is None or c.high is None:
        return False
    value = c.value
    if type(value) is float:  # the common cases first: this runs for every claim
        if not value.is_integer():
            return False
    elif type(value) is not int and (
        isinstance(value, bool) or not isinstance(value, int | float)
        or not float(value).is_integer()
    ):
        return False
    if value < 0:
        return False
    # A bare 4-digit number between 1000 and 2100 is far more often a year than a count.
    looks_like_year = 1000 <= value <= 2100 and "," not in c.text and not c.unit
    return not looks_like_year


def _partners(value: int) -> set[int]:
    """Every figure one typical slip away from `value`."""
    digits = str(value)
    out = {value - 1, value + 1}
    for k in range(1, 5):
        out.add(value * 10**k)
        if value % 10**k == 0:
            out.add(value // 10**k)
    for i in range(len(digits) - 1):
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
        if not swapped.startswith("0"):
            out.add(int(swapped))
    for i, d in enumerate(digits):
        for other in "0123456789":
            if other != d and not (i == 0 and other == "0"):
                out.add(int(digits[:i] + other + digits[i + 1:]))
    out.discard(value)
    return {v for v in out if v >= 0}


@lru_cache(maxsize=8192)
def _slip_partners(value: int) -> tuple[int, ...]:
    """The figures in `_partners(value)` that `likely_slip` can name a slip for (and a few
    more): off by one and swapped digits need two digits or more, a changed digit three
    significant ones; zeros dropped or added are always kept. Zero has none. Both relations
    are symmetric, so the index can be built from either end."""
    if value <= 0:
        return ()
    digits = str(value)
    out = {value * 10**k for k in range(1, 5)}
    out.update(value // 10**k for k in range(1, 5) if value % 10**k == 0)
    if len(digits) >= 2:
        out.update(v for v in (value - 1, value + 1) if v >= 10)
        for i in range(len(digits) - 1):
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            if not swapped.startswith("0"):
                out.add(int(swapped))
    if significant_digits(value) >= 3:
        for i, d in enumerate(digits):
            place = 10 ** (len(digits) - 1 - i)
            for other in range(1 if i == 0 else 0, 10):
                out.add(value + (other - int(d)) * place)
    out.discard(value)
    out.discard(0)
    return tuple(sorted(out))


def _related(odd: Claim, ref: Claim, slip: str, conf: Mapping[str, Any],
             ref_words: set[str] | None = None) -> bool:
    """Whether `ref` is plausibly the same quantity as `odd`, as strictly as the slip needs
    (`ref_words`: the salient words of `ref`'s sentence, or of every sentence of its
    sort)."""
    if odd.kind != ref.kind or odd.attrs.get("currency") != ref.attrs.get("currency"):
        return False
    if slip in _LOOSE_SLIPS:
        distinctive = min(significant_digits(figure_value(odd)),
                          significant_digits(figure_value(ref)))
        if distinctive < conf["min_significant_digits"]:
            return False
        return _units_agree(odd, ref, conf, missing_ok=True) or _strong_context(odd, ref,
                                                                                ref_words)
    if slip.startswith(tuple(_ZERO_WORDS)) and _is_power_of_ten(figure_value(odd)):
        return False  # 100m / 1,000m / 10,000m: orders of magnitude name different things
    if slip == "one digit different":
        distinctive = min(significant_digits(figure_value(odd)),
                          significant_digits(figure_value(ref)))
        if distinctive < conf["min_significant_digits"]:
            return False
    return _units_agree(odd, ref, conf, missing_ok=False) and _strong_context(odd, ref,
                                                                               ref_words)


def _is_power_of_ten(value: float) -> bool:
    digits = str(int(value))
    return digits[0] == "1" and set(digits[1:]) <= {"0"}


def _units_agree(odd: Claim, ref: Claim, conf: Mapping[str, Any], missing_ok: bool) -> bool:
    """Fuzzy unit match. For distinctive figures a missing or inferred unit (a guess from
    nearby words, "The 462") does not count against them."""
    if missing_ok and (not odd.unit or not ref.unit or odd.unit_inferred or ref.unit_inferred):
        return True
    if not odd.unit or not ref.unit:
        return False
    score = fuzz.token_set_ratio(odd.unit.lower(), ref.unit.lower())
    return score >= conf["unit_similarity"]


def _strong_context(odd: Claim, ref: Claim, ref_words: set[str] | None = None) -> bool:
    """Same qualifier and an uncommon word (not the unit) in both sentences."""
    if odd.qualifier != ref.qualifier:
        return False
    return bool(_salient_words(odd) & (_salient_words(ref) if ref_words is None else ref_words))


def _salient_words(c: Claim) -> frozenset[str]:
    """The uncommon words of the claim's sentence, without the words of its unit: wordfreq
    decides what is common (`checker.compare.sameness.uncommon_words`; under Zipf 5, so "said",
    "people", "year" are common and "champion", "massacre" are not)."""
    return _salient(c.quote, (c.unit or "").lower())


@lru_cache(maxsize=4096)
def _salient(quote: str, unit: str) -> frozenset[str]:
    from checker.compare.sameness import uncommon_words

    return uncommon_words(quote, below=_COMMON) - set(_WORD.findall(unit))


def _disjoint(a: Claim, b: Claim) -> bool:
    return a.high < b.low or b.high < a.low  # type: ignore[operator]  # figures have bounds


def _finding(odd: Claim, refs: list[Claim], slip: str) -> Finding:
    figure = figure_of(refs[0])
    others = len(refs)
    message = (
        f"{written(odd)} here, but {figure} in {others} other place{'s' if others > 1 else ''}"
        f" in this document ({slip})."
    )
    message = message[:1].upper() + message[1:]
    details = {"repeated": {"figure": figure, "count": others}, "slip": slip}
    return make_finding(ID, ID, SEVERITY, message, [odd], refs, details)
