"""The second figure of a range, and what joins it to the first: "between 1,380 and 1,642",
"from 2,115 to 2,904", "4,500-9,000", "$410,000 to $2.5 million", "from 6,000 (the ministry)
to 48,000 (the opposition)", "44 mg to 50 mg", "8- to 16-metre", "-18 °C to -34 °C", and
compound bounds ("more than 20 but fewer than 30", "at most 100 and at least 20").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.extract import measures
from checker.extract import numbers_context as ctx
from checker.extract.intervals import clean
from checker.extract.numwords import NUMBER_WORDS, value_of_words

SP = r"[ \t\u00a0\u202f\u2009]"
FIGURE = re.compile(
    r"\d{1,2}(?:,\d\d)+,\d{3}(?!\d)(?:\.\d+)?(?!\d)"          # Indian grouping: 12,34,567
    r"|\d{1,3}(?:(?:,|[\u00a0\u202f\u2009 ])\d{3}(?!\d))+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
)
SCALE = re.compile(
    rf"(?:{SP}?(bn|bln|Bn|BN|mn|mln|Mn|mil|tn|tln|trn|Tn|MM|m|M|k|K|b|B|T)"
    rf"|{SP}+(million|billion|trillion|thousand|hundred|dozens?|dzs|dozs|lakhs?|lacs?|crores?"
    rf"|bn|bln|mn|mln|m))\b"
)
SCALE_VALUE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "mm": 1e6,
    "bn": 1e9, "bln": 1e9, "billion": 1e9, "b": 1e9, "tn": 1e12, "tln": 1e12, "trn": 1e12,
    "trillion": 1e12, "t": 1e12, "mln": 1e6, "mil": 1e6, "hundred": 100.0, "dozen": 12.0,
    "dozens": 12.0, "dzs": 12.0, "dozs": 12.0, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}
# One-letter scales that need a currency (or a decimal) to be read as a scale: "€10B",
# "$2.174T", "1.2b"; "m" and "M" are decided by the caller.
LETTER_SCALES = frozenset(("b", "B", "T", "K"))
_LAKH_CRORE = re.compile(rf"{SP}+crores?\b")
PERCENT = re.compile(
    rf"{SP}?%|{SP}+(?:per{SP}?cents?|percent(?:age)?s?|pc)\b", re.IGNORECASE
)
_DASH = re.compile(rf"{SP}?[-–—]{SP}?(?=[-−]?[$£€¥₹]?\d)")
_SUSPENDED = re.compile(rf"-{SP}+(?:to|and){SP}+(?=[$£€¥₹]?\d)")   # "8- to 16-metre"
_TO = re.compile(rf"(?:{SP}+(?:to|through|thru){SP}+|{SP}?~{SP}?)(?=[-−$£€¥₹]?\d)")
_TO_WORDS = re.compile(rf"{SP}+(?:to|and){SP}+(?=[-−$£€¥₹]?\d|[A-Za-z])")
_ASIDE = re.compile(rf"{SP}*\([^()\n\d]{{1,80}}\)")                       # "(the ministry)"
_SIGNS = frozenset("-−")
TIME_SUFFIX = re.compile(
    rf"{SP}?(?:[ap]\.?m\b\.?|GMT\b|BST\b|UTC\b|hrs\b|o'clock|local{SP}+time\b)", re.IGNORECASE
)
_DASHES = frozenset("-–—")


def short_decimal(figure: str) -> bool:
    """"1.2" in "1.2b": one decimal, under 1,000 (not "802.11b", a standard's name)."""
    whole, dot, decimals = figure.partition(".")
    return bool(dot) and len(decimals) == 1 and len(whole) <= 3


class Second(NamedTuple):
    """The B of a range (or the level after a change)."""

    start: int
    end: int
    value: float          # signed, scaled
    scale: float          # 0 when none was written
    kind: str             # count | percent | amount
    currency: str | None
    unit: str | None      # a measurement unit written after it ("mg", "°C")
    figure: str           # as written, for its precision


def connector(text: str, e: int, qualifier: str, follow: str) -> tuple[int, bool, str] | None:
    """(where B starts, words allowed for B, "and" | "to" | "-") when a range connector
    follows the first figure ending at `e`: "and" after "between", "to" (also after
    "between", sic), a dash or "~"; after "from" an aside in brackets may come first."""
    if qualifier == "from" and follow == "(":
        m = _ASIDE.match(text, e)
        if m is None:
            return None
        e = m.end()
        follow = text[e:e + 2].strip()[:1]
    if qualifier in ("between", "from"):
        if follow in ("a", "t"):
            m = _TO_WORDS.match(text, e)
            if m is not None and (qualifier == "between" or "to" in m.group()):
                return m.end(), True, "and" if "and" in m.group() else "to"
        elif follow in _DASHES:
            m = _DASH.match(text, e)
            if m is not None:
                return m.end(), False, "-"
        return None
    if follow in _DASHES:
        m = _DASH.match(text, e) or _SUSPENDED.match(text, e)
        return (m.end(), False, "-") if m is not None else None
    if follow in ("t", "~"):
        m = _TO.match(text, e)
        return (m.end(), False, "to") if m is not None else None
    return None


def read_second(text: str, pos: int, words: bool) -> Second | None:
    """B at `pos`: an optional sign and currency, a figure (or, when `words`, a spelled
    number: "to a million"), a scale, a percent or measurement unit."""
    start = pos
    sign = 1.0
    if text[pos:pos + 1] in _SIGNS:
        sign, pos = -1.0, pos + 1
    currency = None
    if text[pos:pos + 1] in measures.SYMBOL_CHARS:
        currency = measures.SYMBOLS[text[pos]]
        pos += 1
    elif text[pos:pos + 1].isalpha() and not words:
        return None
    fm = FIGURE.match(text, pos)
    if fm is not None:
        figure = fm.group()
        value, e, scale = float(ctx.plain_digits(figure)), fm.end(), 0.0
    elif words:
        wm = NUMBER_WORDS.match(text, pos)
        if wm is None:
            return None
        figure = wm.group()
        value, e, scale = value_of_words(figure.lower()), wm.end(), 0.0
    else:
        return None
    if e < len(text) and (text[e].isdigit() or text[e] in ":/"):
        return None
    if fm is not None:
        scale, e = _scale_after(text, e, figure, currency)
        if scale:
            value = clean(value * scale)
    kind, currency, unit, e = _unit_after(text, e, value, fm is not None, currency)
    return Second(start, e, sign * value, scale, kind, currency, unit, figure)


def _scale_after(text: str, e: int, figure: str, currency: str | None) -> tuple[float, int]:
    """The scale written after B's figure ("to 5m", "2 lakh crore") and where it ends;
    (0.0, e) when none, or when a letter is more likely a unit ("5m" metres)."""
    sm = SCALE.match(text, e)
    if sm is None:
        return 0.0, e
    word = sm.group(1) or sm.group(2)
    if (word in LETTER_SCALES and not (currency or short_decimal(figure))) or (
        word == "m" and not (currency or "." in figure) and sm.group(1)
    ):
        return 0.0, e
    scale = SCALE_VALUE[word.lower()]
    e = sm.end()
    if scale == 1e5:
        cm = _LAKH_CRORE.match(text, e)
        if cm is not None:
            scale, e = 1e12, cm.end()
    return scale, e


def _unit_after(text: str, e: int, value: float, digits: bool,
                currency: str | None) -> tuple[str, str | None, str | None, int]:
    """(kind, currency, unit, end) of what follows B: a percent, pence ("to 231p"), a
    measurement unit or a currency word ("12.45 yuan")."""
    kind = "amount" if currency else "count"
    unit = None
    pm = PERCENT.match(text, e)
    if pm is not None:
        kind, e = "percent", pm.end()
    elif digits and text[e:e + 1] == "p" and not text[e + 1:e + 2].isalnum():
        kind, currency, unit, e = "amount", "GBP", "pence", e + 1       # "to 231p"
    else:
        found = measures.measure_after(text, e, value)
        if found is not None:
            unit, e = found
        elif currency is None:
            word = measures.currency_word_after(text, e)
            if word is not None:                                        # "12.45 yuan"
                unit, e = word[0], word[2]
                currency = word[1] or None
                kind = "amount" if currency else kind
    return kind, currency, unit, e


def is_year_range_or_score(text: str, fig: str, a: float, b: float, a_end: int,
                           b_start: int) -> bool:
    """"2012-13", "1988–89", "2004 to 2005" are years; "3-2" is a score."""
    plain = fig.replace(",", "")
    if len(plain) == 4 and plain.isdigit() and 1000 <= a <= 2100 and (
        b < 100 or (1000 <= b <= 2100 and 0 <= b - a <= 50)
    ):
        return True                                      # 2012-13, 1988-1989
    sep = text[a_end:b_start].strip()
    if sep in ("-", "–", "—") and 0 <= a < 100 and 0 <= b < 100 and a.is_integer() and (
        b.is_integer()
    ):
        return a >= b or ctx.sports_context(text, a_end)
    return False


# ------------------------------------------------------------------ compound bounds

_LOWER_BOUNDS = ("over", "at_least")
_UPPER_BOUNDS = ("under", "up_to", "nearly")
_BOUND_JOIN = re.compile(rf",?{SP}+(?:and|but|yet){SP}+|,{SP}*", re.IGNORECASE)


def second_bound(text: str, e: int, qualifier: str) -> tuple[str, Second] | None:
    """"more than 20 and fewer than 30": after a figure with a one-sided qualifier ending
    at `e`, the opposite bound (its qualifier and figure), or None."""
    if qualifier not in _LOWER_BOUNDS and qualifier not in _UPPER_BOUNDS:
        return None
    m = _BOUND_JOIN.match(text, e)
    if m is None:
        return None
    found = ctx.qualifier_after(text, m.end())
    if found is None:
        return None
    other, pos = found
    if (qualifier in _LOWER_BOUNDS) == (other in _LOWER_BOUNDS) or other not in (
        *_LOWER_BOUNDS, *_UPPER_BOUNDS
    ):
        return None
    second = read_second(text, pos, True)
    return (other, second) if second is not None else None
