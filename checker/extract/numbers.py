"""Counts, amounts, percents and bare years in running text.

Speed matters (>= 10 MB/s per core), so the text is scanned once by `_ANCHOR`, a regex
that only finds where a number may start (a digit, or the first word of a number phrase,
written as a case-tolerant trie). Everything else happens around each anchor with small
anchored regexes: `.match(text, pos)` forwards, and reversed look-behind windows for
qualifiers ("more than", "an estimated"), so no regex ever scans the whole text twice.

What is not a count never comes out as one: ordinals, labels ("Resolution 819",
"Windows 7"), clock times, phone numbers, URLs, footnote markers, versions, scores and
glued tokens ("MP3", "COVID-19") are dropped or typed `ordinal`.
"""

from __future__ import annotations

import re

from checker.extract import numbers_context as ctx
from checker.extract.intervals import interval_of, precision_of, representative, vague_interval
from checker.extract.mention import Mention
from checker.extract.numwords import NUMBER_WORDS_RE, words_to_number
from checker.extract.units import is_plural, unit_after

_SP = r"[ \t\u00a0\u202f\u2009]"
_FIGURE = re.compile(
    r"\d{1,3}(?:(?:,|[\u00a0\u202f\u2009 ])\d{3}(?!\d))+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
)
_NUMWORDS = re.compile(NUMBER_WORDS_RE)
_VAGUE = re.compile(
    r"(?:(?:tens|hundreds)[ \t]+of[ \t]+(?:thousands|millions)|dozens|hundreds|thousands"
    r"|millions|billions|scores(?=[ \t]+of\b)|(?:several|a[ \t]+few)[ \t]+"
    r"(?:hundred|thousand|million)(?!s))\b",
    re.IGNORECASE,
)
_SCALE = re.compile(
    rf"(?:{_SP}?(bn|bln|mn|mln|mil|tn|tln|m|k)|{_SP}+(million|billion|trillion|thousand"
    rf"|hundred|dozens?|dzs|dozs|bn|bln|mn|mln|m))\b"
)
_SCALE_VALUE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "tln": 1e12, "trillion": 1e12,
    "mln": 1e6, "mil": 1e6, "hundred": 100.0, "dozen": 12.0, "dozens": 12.0,
    "dzs": 12.0, "dozs": 12.0,
}
_PERCENT = re.compile(
    rf"{_SP}?%|{_SP}+(?:per{_SP}?cents?|percent(?:age)?s?|pc)\b", re.IGNORECASE
)
_OR_MORE = re.compile(
    rf"{_SP}+or{_SP}+(?:(more|greater|above|over|higher)|(less|fewer|below|under|lower))\b",
    re.IGNORECASE,
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_SUFFIX = re.compile(rf"{_SP}?(?:[ap]\.?m\b\.?|GMT\b|BST\b|hrs\b|o'clock)", re.IGNORECASE)
_RANGE_DASH = re.compile(rf"{_SP}?[-–—]{_SP}?(?=[$£€]?\d)")
_RANGE_TO = re.compile(rf"(?:{_SP}+(?:to|through){_SP}+|{_SP}?~{_SP}?)(?=[$£€]?\d)")
_RANGE_AND = re.compile(rf"{_SP}+and{_SP}+")
_HYPHEN_WORD = re.compile(r"[-–][A-Za-z]")
_AGE_AFTER = re.compile(r"[- ]years?[- ]old\b", re.IGNORECASE)
_GLUED_UNIT = re.compile(r"(?:km|kg|mph|cm|mm|ft|lbs?|mg|ml|m|GB|MB|TB|kW|MW)\b")
_SKIP_RUN = re.compile(r"[\d.:/]*\d")
_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")
_DOZENS_AFTER = re.compile(r"[ \t]+(?:dozens|dzs|dozs)\b", re.IGNORECASE)
_PHONE_TAIL = re.compile(r"(?:[ -]?\d+)*")
_CURRENCY_WORDS = {
    "dollars": "USD", "pounds": "GBP", "euros": "EUR", "yen": "JPY", "pence": "GBP",
}



def find_numbers(text: str) -> list[Mention]:
    """Every count, amount, percent, ordinal and bare year in `text`, in text order."""
    out: list[Mention] = []
    skips = ctx.skip_spans(text)
    skip_i = 0
    pos = 0
    for p in ctx.anchors(text):
        if p < pos:
            continue
        while skip_i < len(skips) and skips[skip_i][1] <= p:
            skip_i += 1
        if skip_i < len(skips) and skips[skip_i][0] <= p:
            pos = skips[skip_i][1]
            continue
        ch = text[p]
        if ch.isdigit():
            prev = text[p - 1] if p else " "
            if prev == "." and (p < 2 or not text[p - 2].isalnum()) and p >= pos + 1:
                mention, pos = _leading_decimal(text, p)  # ".08"
            elif prev.isalnum() or prev in "._,":
                continue                                 # MP3, A380, 3.2, inside a figure
            else:
                mention, pos = _at_digits(text, p)
        else:
            start = ctx.scale_phrase_start(text, p)
            if start is None or start < pos:
                continue
            mention, pos = _at_words(text, start)
        pos = max(pos, p + 1)
        if mention is not None:
            out.append(mention)
    return out


# ---------------------------------------------------------------- digits


def _at_digits(text: str, p: int) -> tuple[Mention | None, int]:
    fm = _FIGURE.match(text, p)
    assert fm is not None
    fig, e = fm.group(), fm.end()
    prev = text[p - 1] if p else " "
    nxt = text[e] if e < len(text) else " "
    after = text[e + 1] if e + 1 < len(text) else " "
    if prev in "-–" and p >= 2 and text[p - 2].isalpha():
        return None, e                                   # COVID-19, mid-1990s
    if prev in "+#" or (prev == "[" and nxt == "]"):
        run = _PHONE_TAIL.match(text, e)
        return None, run.end() if run else e             # phone, #3, footnote [1]
    if nxt in ".)" and after in " \t" and _at_line_start(text, p):
        return None, e + 1                               # "1. A list item"
    if nxt in ".:/" and after.isdigit():
        run = _SKIP_RUN.match(text, e)
        return None, run.end() if run else e             # 3.2.1, 11:00, 26/11/2016
    if nxt.isalpha():
        return _glued(text, p, fig, e)
    if fig[0] == "0" and len(fig) > 1 and not fig.startswith("0."):
        run = _PHONE_TAIL.match(text, e)
        return None, run.end() if run else e             # phone numbers, codes
    if _TIME_SUFFIX.match(text, e) or ctx.is_clock(text, p, fig):
        return None, e
    if _AGE_AFTER.match(text, e) or ctx.is_age_before(text, p):
        return _make(p, e, "age", _num(fig), attrs={}), e
    if ctx.is_label_before(text, p) or ctx.is_month_adjacent(text, p, e, fig):
        return None, e
    return _quantity(text, p, e, fig, _parse_figure(fig))


def _leading_decimal(text: str, p: int) -> tuple[Mention | None, int]:
    """A decimal written without its leading zero: ".08"."""
    fm = _FIGURE.match(text, p)
    assert fm is not None
    fig = "." + fm.group()
    if not fm.group().isdigit() or (fm.end() < len(text) and text[fm.end()].isalnum()):
        return None, fm.end()
    return _quantity(text, p - 1, fm.end(), fig, (float(fig), precision_of(fig)))


def _glued(text: str, p: int, fig: str, e: int) -> tuple[Mention | None, int]:
    """Letters glued after digits: ordinals, scales ($2.3bn), glued units, or a label."""
    om = _ORDINAL_SUFFIX.match(text, e)
    if om and "." not in fig:
        v = _num(fig)
        return _make(p, om.end(), "ordinal", v, low=v, high=v), om.end()
    sm = _SCALE.match(text, e)
    if sm and ((sm.group(1) or "").lower() != "m" or _m_is_million(text, p, fig, sm.end())):
        return _quantity(text, p, e, fig, _parse_figure(fig), glued_million=True)
    if text[e] == "s" and not text[e + 1:e + 2].isalpha():
        return None, e + 1                               # the 1990s: temporal's
    tm = _TIME_SUFFIX.match(text, e)
    if tm:
        return None, tm.end()
    um = _GLUED_UNIT.match(text, e)
    if um:
        v = _num(fig)
        return _make(p, um.end(), "count", v, low=v, high=v, unit=um.group().lower()), um.end()
    end = e
    while end < len(text) and text[end].isalnum():
        end += 1
    return None, end                                     # 4G, 3D, 10x: a label


def _plain_digits(fig: str) -> str:
    """"30,000" / "816 000" -> "30000": the figure without grouping separators."""
    if fig.isdigit():
        return fig
    return _GROUPING.sub("", fig)


def _m_is_million(text: str, p: int, fig: str, end: int) -> bool:
    """"£600m", "1.4m", "100m viewers": millions; a bare "100m" is metres."""
    if ctx.currency_before(text, p)[0] or "." in fig:
        return True
    found = unit_after(text, end)
    return bool(found) and is_plural(found[0].split()[0])


def _parse_figure(fig: str) -> tuple[float, float]:
    """(value, precision) of a written figure like "30,000" or "1.5"."""
    plain = _plain_digits(fig)
    return float(plain), precision_of(plain)


def _num(fig: str) -> int | float:
    v = float(_plain_digits(fig))
    return int(v) if v.is_integer() else v


# ---------------------------------------------------------------- words


def _at_words(text: str, p: int) -> tuple[Mention | None, int]:
    vm = _VAGUE.match(text, p)
    if vm:
        phrase = vm.group()
        low, high = vague_interval(phrase) or (None, None)
        if low is None:
            return None, vm.end()
        found = unit_after(text, vm.end(), after_vague=True)
        end = _unit_end(text, vm.end(), found, after_vague=True)
        attrs: dict[str, object] = {"vague": " ".join(phrase.lower().split())}
        if found:
            attrs["unit_head"] = found[1]
        mention = _make(p, end, "count", representative(low, high), "vague", low, high,
                        found[0] if found else None, attrs)
        return mention, vm.end()
    wm = _NUMWORDS.match(text, p)
    if not wm:
        return None, p + 1
    phrase, e = wm.group(), wm.end()
    value = words_to_number(phrase)
    low_phrase = phrase.lower()
    if value is None or low_phrase in ("one", "zero"):
        return None, e
    if _AGE_AFTER.match(text, e):
        return _make(p, e, "age", value), e
    if _HYPHEN_WORD.match(text, e):
        return None, e                                   # three-day, two-thirds
    precision = ctx.word_precision(low_phrase)
    dm = _DOZENS_AFTER.match(text, e)
    if dm:                                               # "three dozens"
        value, e = value * 12, dm.end()
        precision = precision_of(str(int(value))) if value.is_integer() else 1.0
    return _quantity(text, p, e, phrase, (value, precision), spelled=True)


# ---------------------------------------------------------------- shared tail


def _quantity(
    text: str,
    p: int,
    e: int,
    fig: str,
    parsed: tuple[float, float],
    spelled: bool = False,
    glued_million: bool = False,
) -> tuple[Mention | None, int]:
    """Scale, currency, percent, range, qualifier, year test and unit around a number."""
    value, precision = parsed
    attrs: dict[str, object] = {}
    scaled = False
    if not spelled:
        sm = _SCALE.match(text, e)
        if sm:
            word = (sm.group(1) or sm.group(2)).lower()
            if word != "m" or glued_million or ctx.currency_before(text, p)[0]:
                scale = _SCALE_VALUE[word]
                value *= scale
                precision = precision_of(fig, scale)
                e = sm.end()
                scaled = True
                attrs["scale"] = scale
    start = p
    currency, cstart = ctx.currency_before(text, p)
    kind = "count"
    if currency:
        kind, start = "amount", cstart
        attrs["currency"] = currency
    pm = _PERCENT.match(text, e)
    if pm:
        kind, e = "percent", pm.end()
    qualifier, qstart = ctx.qualifier_before(text, start)
    high_value = None
    rm = None
    if qualifier == "between":
        rm = _RANGE_AND.match(text, e)
    elif qualifier != "from":
        rm = _RANGE_DASH.match(text, e) or _RANGE_TO.match(text, e)
    second = _read_second(text, rm.end()) if rm else None
    if rm and second is not None:
        b_value, b_end, b_scale, b_kind = second
        if not spelled and _is_year_range_or_score(text, fig, value, b_value, e, rm):
            return None, b_end
        if b_scale and not scaled and value * b_scale <= b_value:
            value *= b_scale
            precision *= b_scale
        high_value, e = b_value, b_end
        if b_kind == "percent":
            kind = "percent"
        qualifier = "between"
        if qstart is None:
            qstart = start
    if qualifier == "from":
        qualifier, qstart = "exact", None
    if qualifier == "exact":
        om = _OR_MORE.match(text, e)
        if om:
            qualifier, qstart, e = ("at_least" if om.group(1) else "up_to"), start, om.end()
    if qualifier == "between" and high_value is None:
        qualifier, qstart = "exact", None
    if qstart is not None:
        start = qstart
    if not spelled and kind == "count" and qualifier == "exact" and not scaled:
        if ctx.is_bare_year(fig, value) and not _counts_as_count(text, start, e, value):
            v = int(value)
            return _make(start, e, "year", v, "exact", v, v), e
    if spelled and value == 1 and qualifier == "exact":
        return None, e
    unit = None
    unit_inferred = False
    if kind != "percent":
        found = unit_after(text, e, after_vague=scaled or spelled)
        if found and found[1] in _CURRENCY_WORDS and kind == "count":
            kind = "amount"
            attrs["currency"] = _CURRENCY_WORDS[found[1]]
        if found:
            unit = found[0]
            attrs["unit_head"] = found[1]
            e = _unit_end(text, e, found, after_vague=scaled)
        elif kind == "count" and qualifier == "exact":
            dstart = ctx.determiner_before(text, start)
            if dstart is not None and ctx.next_word_is_verb(text, e):
                start = dstart
                unit_inferred = True     # the unit itself is filled in by `extract`
    low, high = interval_of(value, qualifier, precision, high_value)
    attrs["precision"] = precision
    if high_value is not None:
        attrs["range"] = [_plain(value), _plain(high_value)]
    m = _make(start, e, kind, _plain(value), qualifier, low, high, unit, attrs)
    m.unit_inferred = unit_inferred
    return m, e


def _read_second(text: str, pos: int) -> tuple[float, int, float, str] | None:
    """The B of a range: (value, end, scale, kind)."""
    cstart = pos
    while pos < len(text) and text[pos] in "$£€":
        pos += 1
    fm = _FIGURE.match(text, pos)
    if fm:
        value, e, scale = float(_plain_digits(fm.group())), fm.end(), 0.0
    else:
        wm = _NUMWORDS.match(text, pos)
        if not wm:
            return None
        value, e, scale = words_to_number(wm.group()) or 0.0, wm.end(), 0.0
    if e < len(text) and (text[e].isdigit() or text[e] in ":/"):
        return None
    sm = _SCALE.match(text, e)
    if sm and (sm.group(1) != "m" or cstart != pos):
        scale = _SCALE_VALUE[(sm.group(1) or sm.group(2)).lower()]
        value *= scale
        e = sm.end()
    kind = "count"
    pm = _PERCENT.match(text, e)
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


def _counts_as_count(text: str, start: int, e: int, value: float) -> bool:
    """A 4-digit number directly followed by a plural count noun is a count ("2000
    people", "1500 jobs"), unless a determiner makes it a year ("the 1988 victims")."""
    found = unit_after(text, e)
    if not found or ctx.is_year_noun(found[1]) or not is_plural(found[0].split()[0]):
        return False
    return not (1900 <= value <= 2030 and ctx.determiner_before(text, start) is not None)


def _at_line_start(text: str, p: int) -> bool:
    line_start = text.rfind("\n", max(0, p - 20), p) + 1
    return not text[line_start:p].strip() and (line_start > 0 or p - line_start < 20)


def _unit_end(text: str, e: int, found: tuple[str, str, int] | None, after_vague: bool) -> int:
    """Offset just past the unit phrase, so the claim text covers it."""
    return found[2] if found else e


def _plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else v


def _make(
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
