"""Time written relative to something: "70 years ago", "thirty years ago", "a decade ago",
"28 years after", "the 30th anniversary of", ages ("29 years old", "the 25-year-old"),
durations ("for thirty years", "a 10-year sentence") and decades in words ("the eighties").

Each finder starts from a literal word ("year", "decade", "nniversar", "ties"), which the
regex engine finds at memory-scan speed, then reads the number written just before it.

"N years ago" (and "N years since") resolve against the document date: an event N whole
years before the document falls in year Y-N or Y-N-1, so low = Y-N-1 and high = Y-N, and
value = Y-N. A qualifier widens the span of years: "about" +-10 %, "over" up to +25 %,
"nearly" down to -10 %, "under" down to half (at least one year each way). "after",
"later", "earlier", "before" and "anniversary" count from an event year, not from the
document: they resolve only when that year is written right after them ("28 years after
1988", "the 30th anniversary of the 1988 massacre"), with attrs["reference"] = "anchor".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from checker.extract.dates import skip_spaces_back, word_before
from checker.extract.mention import Mention
from checker.extract.numwords import SCALES, TEENS, TENS, UNITS, words_to_number
from checker.util.numbers import plain_number

_SP = "[ \t\u00a0]"
_NUMBER_VOCAB = frozenset([*UNITS, *TEENS, *TENS, *SCALES, "hundred", "dozen"])


def _unit_scan(unit: str) -> re.Pattern[str]:
    """The unit word, kept only when what is written before it may be a number
    (`number_before` decides): a digit, a number word or "a"/"an" then one space or "-",
    or several spaces. The look-behinds come after the literal, so the engine still scans
    for the literal at memory speed; most "year"s ("last year", "this year") stop there."""
    sep = r"[ \t\u00a0-]"
    by_length: dict[int, list[str]] = {}
    for word in sorted([*_NUMBER_VOCAB, "a", "an"]):
        by_length.setdefault(len(word), []).append(word)
    behind = [rf"(?<=\d{sep}{unit})", rf"(?<=[ \t\u00a0]{{2}}{unit})"]
    behind += [rf"(?<=(?i:{'|'.join(words)}){sep}{unit})" for words in by_length.values()]
    return re.compile(rf"{unit}(?:{'|'.join(behind)})(s?)\b")


_UNIT_SCANS = {unit: _unit_scan(unit) for unit in ("year", "decade")}
_UNIT_TAIL = re.compile(rf"(?:{_SP}+|-)(ago|old|later|after|earlier|before|since)\b")
_ANCHOR = re.compile(rf"{_SP}+(?:the{_SP}+)?([12][0-9]{{3}})\b(?![.,]?[0-9])")
_QUALIFIERS = {
    "more than": "over", "over": "over", "just over": "over",
    "at least": "at_least", "almost": "nearly", "nearly": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "up to": "up_to", "less than": "under", "under": "under",
    "fewer than": "under",
}
_OF = re.compile(rf"{_SP}+of\b")
_ANNIVERSARY = re.compile(r"nniversar(?:y|ies)\b")
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9}
_ORDINAL_WORDS = {
    **_ORDINAL_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
_DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
                 "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}
# "ties", kept only at the end of a decade word ("parties" and "authorities" stop here).
_DECADE_WORDS_SCAN = re.compile(
    "ties(?:" + "|".join(f"(?i:(?<={word}))" for word in _DECADE_WORDS) + r")\b"
)
_DECADE_MODIFIERS = frozenset({"early", "mid", "late"})
_POSSESSIVES = frozenset({"his", "her", "their", "my", "your", "our", "its"})


def find_relative(text: str, doc_year: int | None) -> Iterator[Mention]:
    """Relative years, ages, durations, anniversaries and worded decades, unordered.
    The rare words are looked for with `in` first: most texts have none, and a miss costs
    less than setting up a regex scan."""
    for unit, scan in _UNIT_SCANS.items():
        if unit != "year" and unit not in text:
            continue
        for m in scan.finditer(text):
            found = _unit_mention(text, m.start(), m.end(), unit, doc_year)
            if found is not None:
                yield found
    if "nniversar" in text:
        for m in _ANNIVERSARY.finditer(text):
            found = _anniversary(text, m.start() - 1, m.end())
            if found is not None:
                yield found
    if "ties" in text:
        for m in _DECADE_WORDS_SCAN.finditer(text):
            start, word = word_before(text, m.end())
            if word.lower() in _DECADE_WORDS:
                found = decade_mention(text, start, m.end(), _DECADE_WORDS[word.lower()])
                if found is not None:
                    yield found


def decade_mention(text: str, start: int, end: int, decade: int) -> Mention | None:
    """"the 1990s", "the late eighties" -> decade; "in her eighties" -> an age range."""
    j = skip_spaces_back(text, start)
    if j > 0 and text[j - 1] == "-":
        j -= 1
    k, word = word_before(text, j)
    if word.lower() in _DECADE_MODIFIERS:
        j = skip_spaces_back(text, k)
        k, word = word_before(text, j)
    lowered = word.lower()
    if lowered == "the":
        return Mention(k, end, "decade", decade, low=float(decade), high=float(decade + 9),
                       attrs={"precision": "decade"})
    if lowered in _POSSESSIVES:
        age = decade % 100
        return Mention(start, end, "age", age, qualifier="between", low=float(age),
                       high=float(age + 9), attrs={"unit": "year"})
    return None


def _unit_mention(
    text: str, start: int, end: int, unit: str, doc_year: int | None
) -> Mention | None:
    if start > 0 and text[start - 1].isalpha():
        return None  # "today", "Monday", "holidays"
    number = number_before(text, start)
    if number is None:
        return None
    num_start, amount = number
    tail = _UNIT_TAIL.match(text, end)
    direction = tail.group(1) if tail else None
    span_end = tail.end() if tail else end
    qualifier, span_start = _qualifier_before(text, num_start)
    if direction == "old":
        if unit == "decade" or unit == "hour":
            return None
        low, high = _age_bounds(amount, qualifier)      # "more than thirty years old"
        return Mention(span_start, span_end, "age", plain_number(amount), qualifier=qualifier,
                       low=low, high=high, attrs={"unit": unit})
    if direction is None or unit not in ("year", "decade"):
        attrs: dict[str, Any] = {"unit": unit}
        if direction:
            attrs["direction"] = direction
        return Mention(span_start, span_end, "duration", plain_number(amount), qualifier=qualifier,
                       attrs=attrs)
    years = amount * 10 if unit == "decade" else amount
    if not years.is_integer() or years <= 0:
        return None
    years_int = int(years)
    if unit == "decade" and qualifier == "exact":
        qualifier = "about"  # "a decade ago" is a round figure
    attrs = {"years": years_int, "direction": direction, "unit": unit}
    mention = Mention(span_start, span_end, "relative_year", None, qualifier=qualifier,
                      attrs=attrs)
    if direction in ("ago", "since"):
        if doc_year is not None:
            _resolve(mention, doc_year - years_int, years_int, qualifier)
            attrs["reference"] = "document"
        return mention
    anchor = _ANCHOR.match(text, span_end)
    if anchor is not None:
        sign = 1 if direction in ("after", "later") else -1
        year = int(anchor.group(1)) + sign * years_int
        mention.value = year
        mention.low = mention.high = float(year)
        attrs["anchor_year"] = int(anchor.group(1))
        attrs["reference"] = "anchor"
    return mention


def _age_bounds(age: float, qualifier: str) -> tuple[float, float]:
    """The ages "N years old" commits to: N, or one year either way for "about"; "over N"
    up to N + 10, "under N" from N - 10 (an age is never doubled or halved)."""
    if qualifier in ("over", "at_least"):
        return age, age + 10
    if qualifier in ("under", "up_to", "nearly"):
        return max(0.0, age - 10), age
    if qualifier == "about":
        return age - 1, age + 1
    return age, age


def _resolve(mention: Mention, year: int, years: int, qualifier: str) -> None:
    """Years before the document -> the interval of calendar years it commits to."""
    least, most = years, years
    if qualifier == "about":
        slack = max(1, round(0.1 * years))
        least, most = years - slack, years + slack
    elif qualifier in ("over", "at_least"):
        most = years + max(2, math.ceil(0.25 * years))
    elif qualifier == "nearly":
        least = years - max(1, math.ceil(0.1 * years))
    elif qualifier in ("under", "up_to"):
        least = max(0, years // 2)
    doc_year = year + years
    mention.value = year
    mention.low = float(doc_year - most - 1)
    mention.high = float(doc_year - least)


def number_before(text: str, end: int) -> tuple[int, float] | None:
    """The number written just before a unit word: "70 years", "thirty-year", "a decade"."""
    j = end
    if j > 0 and text[j - 1] == "-":
        j -= 1
    else:
        j = skip_spaces_back(text, j)
        if j == end:
            return None
    if j > 0 and text[j - 1].isdigit():
        k = j
        while k > 0 and (text[k - 1].isdigit() or text[k - 1] in ",."):
            k -= 1
        while text[k] in ",.":
            k += 1
        if k > 0 and (text[k - 1].isalpha() or text[k - 1] in "$£€"):
            return None
        try:
            return k, float(text[k:j].replace(",", ""))
        except ValueError:
            return None
    k, word = word_before(text, j)
    lowered = word.lower()
    if lowered in ("a", "an"):
        return k, 1.0
    if lowered not in _NUMBER_VOCAB:
        return None
    return _number_words_before(text, k, j)


def _number_words_before(text: str, k: int, end: int) -> tuple[int, float] | None:
    """Read a spelled-out number backwards, word by word ("one hundred and twenty")."""
    starts = [k]
    for _ in range(6):
        j = k - 1 if k > 0 and text[k - 1] == "-" else skip_spaces_back(text, k)
        prev_start, word = word_before(text, j)
        lowered = word.lower()
        if not (lowered in _NUMBER_VOCAB or lowered in ("and", "a", "an")) or j == k:
            break
        k = prev_start
        starts.append(k)
    for start in reversed(starts):  # the longest phrase that reads as a number
        value = words_to_number(text[start:end])
        if value is not None:
            return start, value
    return None


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    """"more than 70 years ago" -> ("over", start of "more")."""
    k, word = word_before(text, skip_spaces_back(text, start))
    lowered = word.lower()
    if lowered in ("than", "least", "to", "over", "under"):
        k2, word2 = word_before(text, skip_spaces_back(text, k))
        pair = f"{word2.lower()} {lowered}"
        if pair in _QUALIFIERS:
            return _QUALIFIERS[pair], k2
    if lowered in _QUALIFIERS:
        return _QUALIFIERS[lowered], k
    return "exact", start


def _anniversary(text: str, start: int, end: int) -> Mention | None:
    """"the 30th anniversary of ..." is a relative year; "the 10th Anniversary Symposium"
    is only an ordinal (an anniversary of something unnamed)."""
    if start < 0 or text[start] not in "aA" or (start > 0 and text[start - 1].isalpha()):
        return None
    ordinal = _ordinal_before(text, start)
    if ordinal is None:
        return None
    num_start, n = ordinal
    of = _OF.match(text, end)
    if of is None:
        return Mention(num_start, end, "ordinal", n, low=float(n), high=float(n),
                       attrs={"ordinal_of": "anniversary"})
    attrs: dict = {"years": n, "direction": "anniversary", "unit": "year"}
    mention = Mention(num_start, end, "relative_year", None, attrs=attrs)
    anchor = _ANCHOR.match(text, of.end())
    if anchor is not None:
        year = int(anchor.group(1)) + n
        mention.value = year
        mention.low = mention.high = float(year)
        attrs["anchor_year"] = int(anchor.group(1))
        attrs["reference"] = "anchor"
    return mention


def _ordinal_before(text: str, end: int) -> tuple[int, int] | None:
    j = skip_spaces_back(text, end)
    if j == end:
        return None
    if text[j - 2:j] in _ORDINAL_SUFFIXES and j >= 3 and text[j - 3].isdigit():
        k = j - 2
        while k > 0 and text[k - 1].isdigit():
            k -= 1
        return k, int(text[k:j - 2])
    k, word = word_before(text, j)
    lowered = word.lower()
    if lowered in _ORDINAL_WORDS:
        value = _ORDINAL_WORDS[lowered]
        if lowered in _ORDINAL_UNITS and k > 0 and text[k - 1] == "-":
            tens_start, tens = word_before(text, k - 1)
            if tens.lower() in TENS:
                return tens_start, TENS[tens.lower()] + value
        return k, value
    return None
