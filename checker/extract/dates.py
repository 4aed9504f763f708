"""Calendar dates around a digit run: "July 8, 2025", "8 July 2025", "Tuesday, July 8, 2025",
"26/11/2016", "2023-07-05", "July 1995", "Saturday, November 26" (year taken from the
document date).

`temporal` finds the digit runs with one fast regex and calls `date_around` for each; this
module only looks a few characters either side, so it costs nothing on text without dates.

Numeric dates (`a/b/yyyy`, `a-b-yy`, `a.b.yyyy`): the part greater than 12 is the day; when
both parts are 12 or less the date is read day-first (the international order, and the order
of the sources this checker was built for) and marked `attrs["ambiguous_order"] = True`.
A four-digit first part is read year-month-day. Two-digit years are 19xx from 70, else 20xx.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string

from checker.extract.mention import Mention

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may", "may"), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
)
# Lower-case "may" and "march" are verbs: accepted before the day ("may 22") or after "of"
# ("4th of march"), never right after a number ("as many as 8 may have died").
_VERB_MONTHS = frozenset({"may", "march", "mar"})


def _cased(words: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for word, value in words.items():
        for form in (word, word.capitalize(), word.upper()):
            out[form] = value
    return out


MONTHS: dict[str, int] = _cased(
    {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_FORMS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_FORMS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
                       "thurs": 3, "fri": 4, "sat": 5, "sun": 6})
WEEKDAYS: dict[str, int] = _cased(_WEEKDAY_FORMS)

_SP = "[ \t\u00a0]"
_SPACES = " \t\u00a0"
_MAX_WORD = 12
_LETTERS = string.ascii_letters
_LETTER_SET = frozenset(_LETTERS)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([a-z]+)")

# After the day number of "July 8": ordinal suffix, then an optional year.
_DAY_TAIL = re.compile(
    rf"(?:st|nd|rd|th)?\b(?:(?:{_SP}*,{_SP}*|{_SP}+)(?:of{_SP}+)?([12][0-9]{{3}})\b(?![.,]?[0-9]))?"
)
# After the day number of "8 July 2025" / "8th of July" / "28-nov" / "16. nov. 2016".
_DAY_MONTH_TAIL = re.compile(
    rf"(?:st|nd|rd|th)?(?:{_SP}+of{_SP}+|\.?{_SP}+|-|/)([A-Za-z]{{3,9}})\b\.?"
    rf"(?:(?:{_SP}*,{_SP}*|{_SP}+)(?:of{_SP}+)?([12][0-9]{{3}})\b(?![.,]?[0-9]))?"
)
_NUMERIC_DMY = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_NUMERIC_YMD = re.compile(r"([0-9]{4})([/.\-])([0-9]{1,2})\2([0-9]{1,2})")

# A year followed by one of these words reads as a count ("July 8, 2000 people").
COUNT_NOUNS = frozenset(
    "people persons men women children adults jobs workers staff troops soldiers police"
    " officers students voters fans homes houses cases deaths victims tonnes votes".split()
)


def word_before(text: str, end: int) -> tuple[int, str]:
    """The ASCII word ending exactly at `end` (and its start); "" when there is none or
    it is longer than any word we look for."""
    if not end or text[end - 1] not in _LETTER_SET:
        return end, ""
    low = end - _MAX_WORD if end > _MAX_WORD else 0
    chunk = text[low:end]
    head = chunk.rstrip(_LETTERS)
    k = low + len(head)
    if k > 0 and text[k - 1].isalnum():
        return end, ""
    return k, chunk[len(head):]


def skip_spaces_back(text: str, end: int) -> int:
    """The offset before the spaces that end at `end`."""
    while end > 0 and text[end - 1] in _SPACES:
        end -= 1
    return end


def weekday_before(text: str, start: int) -> tuple[int, int | None]:
    """Extend a date's start over a weekday written before it ("Tuesday, July 8")."""
    j = skip_spaces_back(text, start)
    if j > 0 and text[j - 1] == ",":
        j = skip_spaces_back(text, j - 1)
    if j > 0 and text[j - 1] == ".":  # "Tues., July 8"
        j -= 1
    k, word = word_before(text, j)
    if word and word in WEEKDAYS:
        return k, WEEKDAYS[word]
    return start, None


def year_is_count(text: str, end: int) -> bool:
    """True when the number ending at `end` is followed by a count noun."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) in COUNT_NOUNS


def make_date(
    start: int, end: int, year: int | None, month: int, day: int,
    weekday: int | None, doc_date: str | None, attrs: dict | None = None,
) -> Mention | None:
    """A `date` mention, inferring a missing year from the document date (nearest date)."""
    extra = dict(attrs or {})
    extra["precision"] = "day"
    if weekday is not None:
        extra["weekday"] = WEEKDAY_NAMES[weekday]
    if year is None and _parse_iso(doc_date) is None:
        if not _valid(2000, month, day):  # 2000 is a leap year: Feb 29 passes
            return None
        return Mention(start, end, "date", f"XXXX-{month:02d}-{day:02d}", attrs=extra)
    found = _calendar_day(year, month, day, doc_date)
    if found is None:
        return None
    iso, ordinal, y = found
    if year is None:
        extra["year_inferred"] = True
    extra["ordinal"] = ordinal
    return Mention(start, end, "date", iso, low=y, high=y, attrs=extra)


@functools.lru_cache(maxsize=4096)
def _calendar_day(
    year: int | None, month: int, day: int, doc_date: str | None
) -> tuple[str, int, float] | None:
    """(ISO date, ordinal, year) of a day, a missing year taken from the document date (the
    nearest such day). Cached: the same few dates recur across a corpus."""
    if year is not None:
        day_value = _date(year, month, day)
    else:
        base = _parse_iso(doc_date)
        if base is None:
            return None
        options = [d for y in (base.year - 1, base.year, base.year + 1)
                   if (d := _date(y, month, day)) is not None]
        if not options:
            return None
        day_value = min(options, key=lambda d: (abs((d - base).days), d))
    if day_value is None:
        return None
    return day_value.isoformat(), day_value.toordinal(), float(day_value.year)


def make_month(start: int, end: int, year: int, month: int) -> Mention:
    """A month-precision date mention ("July 1995")."""
    return Mention(start, end, "month", f"{year:04d}-{month:02d}", low=float(year),
                   high=float(year), attrs={"precision": "month"})


def date_around(
    text: str, start: int, end: int, doc_date: str | None, need_year: bool = False,
    before: tuple[int, str] | None = None,
) -> Mention | None:
    """The date or month-year that the digit run text[start:end] belongs to, if any.
    `before` is the word just before the run (`word_before` after spaces), when the
    caller has it already."""
    tok = text[start:end]
    if tok.isdigit():
        if len(tok) > 2 and (len(tok) != 4 or need_year):
            return None
        if before is None:
            before = word_before(text, skip_spaces_back(text, start))
        if len(tok) <= 2:
            return day_number(text, start, end, int(tok), doc_date, need_year, before)
        return month_year(text, start, end, int(tok), before)
    return _numeric_date(text, start, end, tok, doc_date)


def day_number(
    text: str, start: int, end: int, day: int, doc_date: str | None, need_year: bool,
    before: tuple[int, str],
) -> Mention | None:
    """A day of a month read from its neighbours ("July 8", "8 July"), or None."""
    if not 1 <= day <= 31:
        return None
    month_start, month = _month_before(text, start, before)
    if month:
        m = _DAY_TAIL.match(text, end)
        if m is None:
            return None
        year_text = m.group(1)
        if year_text and year_is_count(text, m.end()):
            year_text = None
        span_end = m.end() if year_text else _suffix_end(text, end)
        if need_year and not year_text:
            return None
        first, weekday = weekday_before(text, month_start)
        year = int(year_text) if year_text else None
        return make_date(first, span_end, year, month, day, weekday, doc_date)
    m = _DAY_MONTH_TAIL.match(text, end)
    if m is None:
        return None
    word = m.group(1)
    month = MONTHS.get(word, 0)
    if not month or (word in _VERB_MONTHS and "of" not in text[end:m.start(1)]):
        return None  # "8 may have died" / but "4th of march" is a date
    year_text = m.group(2)
    if year_text and year_is_count(text, m.end()):
        return None
    if need_year and not year_text:
        return None
    span_end = m.end() if year_text else m.end(1)
    first, weekday = weekday_before(text, start)
    year = int(year_text) if year_text else None
    return make_date(first, span_end, year, month, day, weekday, doc_date)


def _suffix_end(text: str, end: int) -> int:
    if text[end:end + 2] in ("st", "nd", "rd", "th"):
        return end + 2
    return end


def _month_before(text: str, start: int, before: tuple[int, str]) -> tuple[int, int]:
    """The month name written just before a number ("July 8", "Oct. 2", "jan-1")."""
    if before[1]:
        month = MONTHS.get(before[1], 0)
        return (before[0], month) if month else (start, 0)
    j = skip_spaces_back(text, start)
    if j > 0 and text[j - 1] in ",./-":
        j = skip_spaces_back(text, j - 1)
    k, word = word_before(text, j)
    month = MONTHS.get(word, 0) if word else 0
    return (k, month) if month else (start, 0)


def month_year(
    text: str, start: int, end: int, year: int, before: tuple[int, str]
) -> Mention | None:
    """"July 1995", "in January, 2022", "May of 2016": a month of a year."""
    if not 1000 <= year <= 2099:
        return None
    k, word = before
    if word and word != "of":
        month = MONTHS.get(word, 0)
        if not month or k == start or year_is_count(text, end):
            return None
        return make_month(k, end, year, month)
    if year_is_count(text, end):
        return None
    if end < len(text) and text[end] in "/-.:" and text[end + 1:end + 2].isdigit():
        return None
    j = skip_spaces_back(text, start)
    if j == start:
        return None
    if text[j - 1] == ",":
        j = skip_spaces_back(text, j - 1)
    if text[j - 2:j] == "of":  # "summer of 2016" is not ours, "May of 2016" is
        j = skip_spaces_back(text, j - 2)
    if j > 0 and text[j - 1] == ".":
        j -= 1
    k, word = word_before(text, j)
    month = MONTHS.get(word, 0) if word else 0
    if not month:
        return None
    return make_month(k, end, year, month)


def _numeric_date(
    text: str, start: int, end: int, tok: str, doc_date: str | None
) -> Mention | None:
    m = _NUMERIC_YMD.fullmatch(tok)
    if m:
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        attrs: dict = {}
    else:
        m = _NUMERIC_DMY.fullmatch(tok)
        if m is None:
            return None
        a, sep, b, year_text = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if len(year_text) == 2:
            if sep == ".":
                return None  # "1.5.10" is a version number far more often than a date
            year = int(year_text) + (1900 if int(year_text) >= 70 else 2000)
        else:
            year = int(year_text)
        attrs = {}
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            day, month = a, b
            attrs["ambiguous_order"] = True
    if not 1000 <= year <= 2099 or _date(year, month, day) is None:
        return None
    first, weekday = weekday_before(text, start)
    return make_date(first, end, year, month, day, weekday, doc_date, attrs)


def _valid(year: int, month: int, day: int) -> bool:
    return _date(year, month, day) is not None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def _parse_iso(value: str | None) -> dt.date | None:
    """The document date as a day: a month ("2010-07") stands for its middle, a year
    ("2010") for its middle, so a date written without its year takes the nearest one."""
    if not value:
        return None
    try:
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-15")
        if len(value) == 4:
            return dt.date(int(value), 7, 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
