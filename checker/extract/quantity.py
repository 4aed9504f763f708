"""The tail every number shares, once the finder has read the figure itself: scale
("£600m", "1.5 million"), currency, percent, range ("between 20 and 30", "5-10"),
qualifier ("more than"), the bare-year test and the unit ("political prisoners").

Speed: this runs once per number (~3,700 per MB of news), so each regex here is guarded
by a set test on the first character after the number (`first_after`): most numbers are
followed by a plain word, and most of these regexes then never run.
"""

from __future__ import annotations

import re

from checker.extract import numbers_context as ctx
from checker.extract.intervals import clean, interval_of, precision_of
from checker.extract.mention import Mention
from checker.extract.numwords import NUMBER_WORDS, words_to_number
from checker.extract.units import is_plural, unit_after

SP = r"[ \t\u00a0\u202f\u2009]"
FIGURE = re.compile(
    r"\d{1,3}(?:(?:,|[\u00a0\u202f\u2009 ])\d{3}(?!\d))+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
)
SCALE = re.compile(
    rf"(?:{SP}?(bn|bln|mn|mln|mil|tn|tln|m|k)|{SP}+(million|billion|trillion|thousand"
    rf"|hundred|dozens?|dzs|dozs|bn|bln|mn|mln|m))\b"
)
SCALE_VALUE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "tln": 1e12, "trillion": 1e12,
    "mln": 1e6, "mil": 1e6, "hundred": 100.0, "dozen": 12.0, "dozens": 12.0,
    "dzs": 12.0, "dozs": 12.0,
}
PERCENT = re.compile(
    rf"{SP}?%|{SP}+(?:per{SP}?cents?|percent(?:age)?s?|pc)\b", re.IGNORECASE
)
_OR_MORE = re.compile(
    rf"{SP}+or{SP}+(?:(more|greater|above|over|higher)|(less|fewer|below|under|lower))\b",
    re.IGNORECASE,
)
_RANGE_DASH = re.compile(rf"{SP}?[-–—]{SP}?(?=[$£€]?\d)")
_RANGE_TO = re.compile(rf"(?:{SP}+(?:to|through){SP}+|{SP}?~{SP}?)(?=[$£€]?\d)")
_RANGE_AND = re.compile(rf"{SP}+and{SP}+")
_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")
_CURRENCY_WORDS = {
    "dollars": "USD", "pounds": "GBP", "euros": "EUR", "yen": "JPY", "pence": "GBP",
}
# The first non-space character each regex above can start with (see `first_after`).
_SCALE_FIRST = frozenset("bmtkhd")
_PERCENT_FIRST = frozenset("%pP")
_RANGE_FIRST = frozenset("-–—t~")
_DASHES = frozenset("-–—")
_CURRENCY_SIGNS = frozenset("$£€¥")      # what `ctx.currency_before` looks for
_SPACES = frozenset(" \t\u00a0\u202f\u2009")
_SPACE_RUN = re.compile(SP + "*")


def first_after(text: str, e: int) -> str:
    """The first character at or after `e` that is not a space ("" at the end)."""
    c = text[e:e + 1]
    if c in _SPACES:
        e = _SPACE_RUN.match(text, e).end()  # type: ignore[union-attr]
        return text[e:e + 1]
    return c


def plain_digits(fig: str) -> str:
    """"30,000" / "816 000" -> "30000": the figure without grouping separators."""
    if fig.isdigit():
        return fig
    return _GROUPING.sub("", fig)


def quantity(
    text: str,
    p: int,
    e: int,
    fig: str,
    parsed: tuple[float, float],
    spelled: bool = False,
    glued_million: bool = False,
    before: ctx.Before | None = None,
    follow: str | None = None,
) -> tuple[Mention | None, int]:
    """Scale, currency, percent, range, qualifier, year test and unit around a number.

    `before` (what precedes `p`) and `follow` (the first non-space after `e`) are passed
    by callers that already have them; each regex below runs only when the character
    after the number can start what it looks for.
    """
    value, precision = parsed
    attrs: dict[str, object] = {}
    scaled = False
    if p and text[p - 1] in _CURRENCY_SIGNS:
        currency, cstart = ctx.currency_before(text, p)
    else:
        currency, cstart = None, p
    if follow is None:
        follow = first_after(text, e)
    if not spelled and follow in _SCALE_FIRST:
        sm = SCALE.match(text, e)
        if sm:
            word = (sm.group(1) or sm.group(2)).lower()
            if word != "m" or glued_million or currency:
                scale = SCALE_VALUE[word]
                value = clean(value * scale)
                precision = precision_of(fig, scale)
                e = sm.end()
                follow = first_after(text, e)
                scaled = True
                attrs["scale"] = scale
    start = p
    kind = "count"
    if currency:
        kind, start = "amount", cstart
        attrs["currency"] = currency
    if follow in _PERCENT_FIRST:
        pm = PERCENT.match(text, e)
        if pm:
            kind, e = "percent", pm.end()
            follow = first_after(text, e)
    qualifier, qstart = ctx.qualifier_before(text, start, before)
    high_value = None
    rm = None
    if qualifier == "between":
        rm = _RANGE_AND.match(text, e) if follow == "a" else None
    elif qualifier != "from" and follow in _RANGE_FIRST:
        # a dash can start only `_RANGE_DASH`; "t" ("to") and "~" only `_RANGE_TO`
        rm = _RANGE_DASH.match(text, e) if follow in _DASHES else _RANGE_TO.match(text, e)
    second = read_second(text, rm.end()) if rm else None
    if rm and second is not None:
        b_value, b_end, b_scale, b_kind = second
        if not spelled and _is_year_range_or_score(text, fig, value, b_value, e, rm):
            return None, b_end
        if b_scale and not scaled and value * b_scale <= b_value:
            value = clean(value * b_scale)
            precision *= b_scale
        high_value, e = b_value, b_end
        follow = None                # no longer the character after `e`
        if b_kind == "percent":
            kind = "percent"
        qualifier = "between"
        if qstart is None:
            qstart = start
    if qualifier == "from":
        qualifier, qstart = "exact", None
    if qualifier == "exact" and (first_after(text, e) if follow is None else follow) in "oO":
        om = _OR_MORE.match(text, e)
        if om:
            qualifier, qstart, e = ("at_least" if om.group(1) else "up_to"), start, om.end()
    if qualifier == "between" and high_value is None:
        qualifier, qstart = "exact", None
    if qstart is not None:
        start = qstart
    found: tuple[str, str, int] | None = None
    looked = False                   # `found` is unit_after(text, e) already
    if not spelled and kind == "count" and qualifier == "exact" and not scaled:
        if len(fig) == 4 and ctx.is_bare_year(fig, value):
            found, looked = unit_after(text, e), True
            if not _counts_as_count(text, start, found, value, before):
                v = int(value)
                return make_mention(start, e, "year", v, "exact", v, v), e
    if spelled and value == 1 and qualifier == "exact":
        return None, e
    unit = None
    unit_inferred = False
    if kind != "percent":
        if not looked:
            found = unit_after(text, e, after_vague=scaled or spelled)
        if found and found[1] in _CURRENCY_WORDS and kind == "count":
            kind = "amount"
            attrs["currency"] = _CURRENCY_WORDS[found[1]]
        if found:
            unit = found[0]
            attrs["unit_head"] = found[1]
            e = unit_end(text, e, found, after_vague=scaled)
        elif kind == "count" and qualifier == "exact":
            dstart = ctx.determiner_before(text, start, before)
            if dstart is not None and ctx.next_word_is_verb(text, e):
                start = dstart
                unit_inferred = True     # the unit itself is filled in by `extract`
    low, high = interval_of(value, qualifier, precision, high_value)
    attrs["precision"] = precision
    if high_value is not None:
        attrs["range"] = [plain(value), plain(high_value)]
    return Mention(start, e, kind, plain(value), qualifier, low, high, unit, unit_inferred,
                   attrs), e


def read_second(text: str, pos: int) -> tuple[float, int, float, str] | None:
    """The B of a range: (value, end, scale, kind)."""
    cstart = pos
    while pos < len(text) and text[pos] in "$£€":
        pos += 1
    fm = FIGURE.match(text, pos)
    if fm:
        value, e, scale = float(plain_digits(fm.group())), fm.end(), 0.0
    else:
        wm = NUMBER_WORDS.match(text, pos)
        if not wm:
            return None
        value, e, scale = words_to_number(wm.group()) or 0.0, wm.end(), 0.0
    if e < len(text) and (text[e].isdigit() or text[e] in ":/"):
        return None
    sm = SCALE.match(text, e)
    if sm and (sm.group(1) != "m" or cstart != pos):
        scale = SCALE_VALUE[(sm.group(1) or sm.group(2)).lower()]
        value = clean(value * scale)
        e = sm.end()
    kind = "count"
    pm = PERCENT.match(text, e)
    if pm:
        kind, e = "percent", pm.end()
    return value, e, scale, kind


def _is_year_range_or_score(
    text: str, fig: str, a: float, b: float, a_end: int, rm: re.Match[str]
) -> bool:
    """"2012-13", "1988–89", "2004 to 2005" are years; "3-2" is a score."""
    plain = fig.replace(",", "")
    if len(plain) == 4 and plain.isdigit() and 1000 <= a <= 2100:
        if b < 100 or (1000 <= b <= 2100 and 0 <= b - a <= 50):
            return True                                  # 2012-13, 1988-1989
    sep = text[a_end:rm.end()].strip()
    if sep in "-–—" and a < 100 and b < 100 and a.is_integer() and b.is_integer():
        return a >= b or ctx.sports_context(text, a_end)
    return False


def _counts_as_count(
    text: str,
    start: int,
    found: tuple[str, str, int] | None,
    value: float,
    before: ctx.Before | None,
) -> bool:
    """A 4-digit number directly followed by a plural count noun (`found`, the unit
    after it) is a count ("2000 people", "1500 jobs"), unless a determiner makes it a
    year ("the 1988 victims")."""
    if not found or ctx.is_year_noun(found[1]) or not is_plural(found[0].split()[0]):
        return False
    return not (1900 <= value <= 2030 and ctx.determiner_before(text, start, before) is not None)


def unit_end(text: str, e: int, found: tuple[str, str, int] | None, after_vague: bool) -> int:
    """Offset just past the unit phrase, so the claim text covers it."""
    return found[2] if found else e


def plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else v


def make_mention(
    start: int,
    end: int,
    kind: str,
    value: float | int | None,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    attrs: dict | None = None,
) -> Mention:
    return Mention(start, end, kind, value, qualifier, low, high, unit, False, attrs or {})
