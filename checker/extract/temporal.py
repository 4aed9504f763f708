"""Every temporal mention of a text: dates, months, years and year ranges, decades, relative
years ("70 years ago"), ages, durations and clock times (as `label`s, so that no finder reads
"11:00" as a count).

Speed: the text is scanned once for digit runs (`temporal_scan`: a literal-prefix regex
whose look-arounds already drop most counts, "12 people") and for a few literal words
("year", "decade", "anniversary"...) in `relative`; everything else is small anchored
matches around those hits, dispatched on the run's shape ("0000", "00", "00:00"). No
case-insensitive alternation ever runs over the whole text.

Kinds and values (as `checker.model.Claim` holds them): `date` value "YYYY-MM-DD", low =
high = the year, attrs `precision`, `ordinal`, `weekday`, `year_inferred`; `month`
"YYYY-MM"; `year` an int (a range "2012-13" or "between 1990 and 1995" has qualifier
`between`, value = its first year);
`decade` 1990 with low 1990, high 1999; `relative_year`, `age`, `duration`, `ordinal`: see
`relative`; `label` with attrs["label"] = "time" for clock times.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from checker.extract.dates import (
    MONTHS,
    date_around,
    day_number,
    month_year,
    skip_spaces_back,
    word_before,
    year_is_count,
)
from checker.extract.mention import Mention
from checker.extract.relative import decade_mention, find_relative
from checker.extract.temporal_scan import digit_runs

__all__ = ["find_temporal", "first_full_date", "first_full_date_mention", "is_dateline"]

_SP = "[ \t\u00a0]"
_CLOCK = re.compile(r"([0-9]{1,2})[:.]([0-5][0-9])(?::[0-5][0-9])?")
_MERIDIEM = re.compile(rf"{_SP}*(?:([AaPp])\.[Mm]\.?|([AaPp])[Mm]\b)")
_ZONE = re.compile(
    rf"{_SP}+(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|local time)\b"
)
_YEAR_RANGE = re.compile(r"(1[5-9][0-9]{2}|20[0-9]{2})[-–/]([0-9]{2}|[0-9]{4})")
_YEAR_PAIR = re.compile(rf"({_SP}+(?:and|to){_SP}+|{_SP}*[-–]{_SP}*)([12][0-9]{{3}})\b")
# Words after which a four-digit number is a year ("in 1988", "since 2003").
_YEAR_CONTEXT = frozenset(
    "in since until till during year summer spring autumn winter early late mid".split()
)
_SHORT_UNIT = re.compile(
    rf"(?:{_SP}+|-)(month|week|day|hour|minute)s?\b(?:{_SP}+(ago|later|earlier|before|after)\b)?"
)
_AGE_WORDS = frozenset({"aged", "age"})
_SEPARATED_SHAPES = (
    _CLOCK, re.compile(r"[0-9]{1,4}([/.-])[0-9]{1,2}\1[0-9]{1,4}"),
    re.compile(r"[0-9]{4}[-/](?:[0-9]{2}|[0-9]{4})"),
)


def find_temporal(
    text: str, doc_date: str | None, runs: list[re.Match[bytes]] | None = None
) -> list[Mention]:
    """Every temporal mention in `text`, in text order, without overlaps (the longer span
    wins). `doc_date` ("2016-11-26") resolves "70 years ago" and dates without a year.
    `runs` is `digit_runs(text)` as a list, when the caller has it already."""
    doc_year = _year_of(doc_date)
    found = list(_digit_mentions(text, doc_date, digit_runs(text) if runs is None else runs))
    found.extend(find_relative(text, doc_year))
    if len(found) < 2:
        return found
    found.sort(key=_text_order)
    kept: list[Mention] = []
    last_end = -1
    for mention in found:
        if mention.start >= last_end:
            kept.append(mention)
            last_end = mention.end
    return kept


def _text_order(mention: Mention) -> tuple[int, int]:
    return mention.start, -mention.end


def first_full_date(text: str, runs: list[re.Match[bytes]] | None = None) -> str | None:
    """The first date with day, month and year in `text`, as ISO; stops at the first hit.
    `runs`: as for `find_temporal` (extraction scans the runs once for both)."""
    found = first_full_date_mention(text, runs)
    return str(found.value) if found is not None else None


def first_full_date_mention(
    text: str, runs: list[re.Match[bytes]] | None = None
) -> Mention | None:
    """The mention of `first_full_date` (its span tells whether it is a dateline)."""
    for m in digit_runs(text) if runs is None else runs:
        s, e = m.span()
        if s and text[s - 1] in "£€":
            continue
        found = date_around(text, s, e, None, need_year=True)
        if found is not None:
            return found
    return None


_DATELINE_PLACE = re.compile(
    r"(?!(?:On|In|By|At|Since|From|Until|As|Before|After|The|Between|During|Dated?)\b)"
    r"[A-Z][A-Za-z.’'-]*(?:[ ,]+[A-Z][A-Za-z.’'-]*){0,4},?[ \t]*\Z"
)
_DATELINE_AFTER = re.compile(r"[ \t]*(?:[–—-]|\((?:[A-Z][A-Za-z]*[ .]*){1,3}\)|:)")
_DATELINE_REACH = 600       # characters: a dateline opens the article


def is_dateline(text: str, start: int, end: int) -> bool:
    """"Paris, 26/11/2016 – ...", "LONDON, 3 March 2011 (Reuters) -": a date that opens a
    paragraph near the top, after nothing but a place, and before a dash."""
    if start > _DATELINE_REACH:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    if head.strip() and not _DATELINE_PLACE.match(head.strip()):
        return False
    return _DATELINE_AFTER.match(text, end) is not None


def _digit_mentions(
    text: str, doc_date: str | None, runs: Iterable[re.Match[bytes]]
) -> Iterator[Mention]:
    last_end = -1
    for m in runs:
        s, e = m.span()
        if s < last_end:
            continue
        prev = text[s - 1] if s else " "
        if prev in "£€¥":
            continue
        shape = m.group()
        if shape == b"0000":
            found = _four_digits(text, s, e, text[s:e], prev)
        elif shape.isdigit():
            found = _small_number(text, s, e, text[s:e], prev, doc_date)
        elif _shape_may_be_temporal(shape):
            found = _separated(text, s, e, text[s:e], doc_date)
        else:
            continue  # "3-1", "2.5", "0.75"
        if found is not None:
            last_end = found.end
            yield found


@functools.cache
def _shape_may_be_temporal(shape: bytes) -> bool:
    """Whether a run with separators, every digit written "0" ("00.00", "0-0"), has the
    shape of a clock time, a numeric date or a year range; the few shapes are cached."""
    written = shape.decode("ascii")
    return any(p.fullmatch(written) for p in _SEPARATED_SHAPES)


def _four_digits(text: str, s: int, e: int, tok: str, prev: str) -> Mention | None:
    """"1990s", "1988–89", "July 1995", "in 1988"."""
    nxt = text[e:e + 1]
    if tok[3] == "0" and nxt in "s'’" and _plural_s(text, e):
        found = _decade(text, s, e, tok, prev)
        if found is not None:
            return found
    if nxt == "–":  # "1988–89": the en dash is not in the scanned copy
        m = _YEAR_RANGE.match(text, s)
        if m is not None and not text[m.end():m.end() + 1].isdigit():
            found = _year_range(text, s, m.end(), m.group())
            if found is not None:
                return found
    year = int(tok)
    if not 1000 <= year <= 2099:
        return None  # neither the year of a month nor a year
    before = word_before(text, skip_spaces_back(text, s))
    word = before[1]
    if not word or word == "of" or word in MONTHS:  # any other word is no month
        found = month_year(text, s, e, year, before)
        if found is not None:
            return found
    return _year(text, s, e, year, before)


def _small_number(
    text: str, s: int, e: int, tok: str, prev: str, doc_date: str | None
) -> Mention | None:
    """"80s", "2 pm", "July 8", "8 July", "aged 30", "3 days"."""
    if tok[-1] == "0" and len(tok) == 2 and _plural_s(text, e):
        found = _decade(text, s, e, tok, prev)
        if found is not None:
            return found
    before = word_before(text, skip_spaces_back(text, s))
    value = int(tok)
    return (_clock(text, s, e, tok) or day_number(text, s, e, value, doc_date, False, before)
            or _age(before, e, value) or _short_duration(text, s, e, value))


def _separated(text: str, s: int, e: int, tok: str, doc_date: str | None) -> Mention | None:
    """"11:00", "10.30pm", "26/11/2016", "2012-13"."""
    if ":" in tok or "." in tok:
        found = _clock(text, s, e, tok)
        if found is not None or tok.count(".") == 1:
            return found
    return date_around(text, s, e, doc_date) or _year_range(text, s, e, tok)


def _plural_s(text: str, e: int) -> bool:
    """"1990s", "80s", "1970's" (not "80st" or "1990sq")."""
    if text[e:e + 1] == "s":
        return not text[e + 1:e + 2].isalnum()
    return text[e:e + 2] in ("'s", "’s") and not text[e + 2:e + 3].isalnum()


def _decade(text: str, s: int, e: int, tok: str, prev: str) -> Mention | None:
    end = e + (1 if text[e] == "s" else 2)
    if len(tok) == 4:
        start = s
        decade = int(tok)
    else:
        start = s - 1 if prev in "'’" else s
        short = int(tok)
        decade = 2000 + short if short <= 10 else 1900 + short
    found = decade_mention(text, start, end, decade)
    if found is None and len(tok) == 4:  # "1990s" with no article is still a decade
        found = Mention(start, end, "decade", decade, low=float(decade),
                        high=float(decade + 9), attrs={"precision": "decade"})
    return found


def _clock(text: str, s: int, e: int, tok: str) -> Mention | None:
    """Clock times: "11:00", "11:00 a.m. EDT", "2 pm", "10.30pm". A dotted "10.30" alone is
    a decimal, not a time."""
    m = _CLOCK.fullmatch(tok)
    if m is None and not tok.isdigit():
        return None
    hour = int(m.group(1)) if m else int(tok)
    minute = int(m.group(2)) if m else 0
    meridiem = _MERIDIEM.match(text, e)
    if meridiem is None and (m is None or "." in tok) and (m is None or not _ZONE.match(text, e)):
        return None
    end = e
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        end = meridiem.end()
        if (meridiem.group(1) or meridiem.group(2)) in "Pp" and hour != 12:
            hour += 12
        elif (meridiem.group(1) or meridiem.group(2)) in "Aa" and hour == 12:
            hour = 0
    if hour > 24:
        return None
    zone = _ZONE.match(text, end)
    if zone is not None:
        end = zone.end()
    return Mention(s, end, "label", f"{hour:02d}:{minute:02d}", attrs={"label": "time"})


def _age(before: tuple[int, str], e: int, value: int) -> Mention | None:
    """"aged 30" (ages written with "years old" are found by `relative`)."""
    k, word = before
    if word.lower() not in _AGE_WORDS:
        return None
    return Mention(k, e, "age", value, low=float(value), high=float(value),
                   attrs={"unit": "year"})


def _short_duration(text: str, s: int, e: int, value: int) -> Mention | None:
    """A duration such as "3 months", "10 days", "48 hours"; never a count.

    Years and decades are found by `relative`.
    """
    m = _SHORT_UNIT.match(text, e)
    if m is None:
        return None
    attrs = {"unit": m.group(1)}
    if m.group(2):
        attrs["direction"] = m.group(2)
    return Mention(s, m.end(), "duration", value, attrs=attrs)


def _year(
    text: str, s: int, e: int, year: int, before: tuple[int, str]
) -> Mention | None:
    """A four-digit year in a clear year context, or a range of two of them."""
    if not 1500 <= year <= 2099:
        return None
    k, word = before
    if not word and s > 0 and text[s - 1] == "-":  # "mid-1990"
        k, word = word_before(text, s - 1)
    lowered = word.lower()
    if lowered not in _YEAR_CONTEXT and lowered not in ("between", "from") and not (
        text[s - 1:s] == "(" and text[e:e + 1] == ")"
    ):
        return None
    if year_is_count(text, e):
        return None
    if lowered in ("between", "from"):
        pair = _YEAR_PAIR.match(text, e)
        if pair is not None and (lowered == "from") == ("to" in pair.group(1)):
            second = int(pair.group(2))
            if 0 < second - year <= 100 and not year_is_count(text, pair.end()):
                return _range(k, pair.end(), year, second)
    if lowered in _YEAR_CONTEXT or (text[s - 1:s] == "(" and text[e:e + 1] == ")"):
        return Mention(s, e, "year", year, low=float(year), high=float(year),
                       attrs={"precision": "year"})
    return None


def _year_range(text: str, s: int, e: int, tok: str) -> Mention | None:
    """"2012-13", "2004/05", "1988–89", "1939-1945"."""
    m = _YEAR_RANGE.fullmatch(tok)
    if m is None or year_is_count(text, e):
        return None
    first, second_text = int(m.group(1)), m.group(2)
    if len(second_text) == 2:
        second = first - first % 100 + int(second_text)
        if second <= first:
            second += 100
        if second - first > 20:  # "1990-95" is a range of years; "1999-45" is not
            return None
    else:
        second = int(second_text)
        if not 0 < second - first <= 100:
            return None
    return _range(s, e, first, second)


def _range(start: int, end: int, first: int, second: int) -> Mention:
    return Mention(start, end, "year", first, qualifier="between", low=float(first),
                   high=float(second), attrs={"precision": "year"})


@functools.lru_cache(maxsize=256)
def _year_of(doc_date: str | None) -> int | None:
    if doc_date and len(doc_date) >= 4 and doc_date[:4].isdigit():
        return int(doc_date[:4])
    return None

