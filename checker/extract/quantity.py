"""The tail every number shares, once the finder has read the figure itself: currency
("RM14.20", "15€"), scale ("£600m", "4.2 lakh"), fraction ("2½", "three and a half"),
percent, measurement unit ("-7 °C", "40 mpg"), qualifier ("more than", "<="), range
("between 1,380 and 1,642", "from 2,115 to 2,904"), change ("rose 4.2% to 231p"), the
bare-year test and the unit ("political prisoners").

Speed: this runs once per number (~3,700 per MB of news), so each regex here is guarded
by a set test on the first character after the number (`first_after`): most numbers are
followed by a plain word, and most of these regexes then never run.
"""

from __future__ import annotations

import functools
import re

from checker.extract import changes, fractions, measures
from checker.extract import numbers_context as ctx
from checker.extract.intervals import clean, interval_of, precision_of
from checker.extract.mention import Mention
from checker.extract.numwords import NUMBER_WORDS, value_of_words
from checker.extract.ranges import (
    FIGURE,
    LETTER_SCALES,
    PERCENT,
    SCALE,
    SCALE_VALUE,
    SP,
    TIME_SUFFIX,
    Second,
    connector,
    is_year_range_or_score,
    read_second,
    second_bound,
    short_decimal,
)
from checker.extract.units import is_plural, unit_after
from checker.util.numbers import plain_number

__all__ = ["FIGURE", "SCALE", "SP", "first_after", "make_mention", "plain_digits", "quantity",
           "unit_end"]

plain_digits = ctx.plain_digits
_OR_MORE = re.compile(
    rf"{SP}+(?:or|and){SP}+(?:(more|greater|above|over|higher|upwards)|"
    rf"(less|fewer|below|under|lower))\b", re.IGNORECASE,
)
_LAKH_CRORE = re.compile(rf"{SP}+crores?\b")
_PERCENT_OF_REV = re.compile(r"[ \t]+fo[ \t]+(?:tnec[ \t]?rep|stnec[ \t]?rep|s?tnecrep|cp)"
                             r"(?![A-Za-z])", re.IGNORECASE)
# The first non-space character each regex above can start with (see `first_after`).
_SCALE_FIRST = frozenset("bmtkhdlcBMTK")
_PERCENT_FIRST = frozenset("%pP")
_CONNECT_FIRST = frozenset("-–—t~a(")
_SPACES = frozenset(" \t\u00a0\u202f\u2009")
_SPACE_RUN = re.compile(SP + "*")
_CLAUSE_START = frozenset(".,;:!?(\n\"'\u201c")
_FRACTION_FOLLOW = frozenset("aio0123456789")
_SYMBOL_CHARS = measures.SYMBOL_CHARS
_MEASURE_FIRST = measures.MEASURE_FIRST
_CURRENCY_WORD_FIRST = frozenset("yrsbnleYRSBNLE")
_CODES = measures.CODES
_RANGE_FIRST = frozenset("-–—t~")
_LINK_WORDS = frozenset(("by", "of", "further", "another"))
_CHANGE_GATE = frozenset(changes.CHANGE_WORDS) | _LINK_WORDS
_TIME_UNITS = frozenset(
    "seconds minutes hours days weeks months years decades centuries nights".split()
)


def first_after(text: str, e: int) -> str:
    """The first character at or after `e` that is not a space ("" at the end)."""
    c = text[e:e + 1]
    if c in _SPACES:
        e = _SPACE_RUN.match(text, e).end()  # type: ignore[union-attr]
        return text[e:e + 1]
    return c


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
    sign: int = 1,
    sign_start: int | None = None,
    glued_unit: tuple[str, str | None] | None = None,
) -> tuple[Mention | list[Mention] | None, int]:
    """Currency, scale, fraction, percent, unit, qualifier, range or change, and the year
    test around a number `fig` at `p:e` (`parsed`: its value and precision).

    `before` (what precedes `p`) and `follow` (the first non-space after `e`) are passed
    by callers that already have them; `sign` and `sign_start` say where a minus sign
    was read; `glued_unit` is a unit glued to the figure ("231p": ("pence", "GBP")).
    Returns the mention (two for a change and its level, or two levels), and where the
    finder goes on.
    """
    value, precision = parsed
    attrs: dict[str, object] = {}
    scaled = 0.0
    lead = p if sign_start is None else sign_start
    currency, cstart = None, lead
    if lead:                                             # a sign, a code ("Rs 500"), "Rs."
        c = text[lead - 1]
        if c in _SYMBOL_CHARS or c.isalpha() or (c in " \u00a0." and (
            before is None or lead != p or before.odd or before.word in _CODES
        )):
            currency, cstart = measures.currency_before(text, lead)
    if currency and sign == 1 and cstart and text[cstart - 1] in "-\u2212" and (
        cstart == 1 or not text[cstart - 2].isalnum()
    ):
        sign, cstart = -1, cstart - 1                    # "-$5"
    if follow is None:
        follow = first_after(text, e)
    if not spelled and follow in _SCALE_FIRST:
        sm = SCALE.match(text, e)
        if sm is not None and _scale_applies(sm, text, e, fig, currency, glued_million):
            scaled = SCALE_VALUE[(sm.group(1) or sm.group(2)).lower()]
            e = sm.end()
            if scaled == 1e5:
                cm = _LAKH_CRORE.match(text, e)
                if cm is not None:                       # "three lakh crore"
                    scaled, e = 1e12, cm.end()
            value = clean(value * scaled)
            precision = _scaled_precision(fig, scaled)
            follow = first_after(text, e)
            tail = _scale_tail(text, e, scaled) if follow in _TAIL_FIRST and (
                follow.isdigit() or fractions.next_word(text, e) in _TAIL_WORDS
            ) else None
            if tail is not None:                         # "4 thousand 3 hundred and 21"
                value, e, precision = value + tail[0], tail[1], 1.0
                follow = first_after(text, e)
            attrs["scale"] = scaled
    if not spelled and currency is None and (
        follow in _FRACTION_FOLLOW or text[e:e + 1] in fractions.VULGAR
    ):
        fraction = _fraction_after(text, p, e, value, follow, scaled)
        if fraction is not None:
            if fraction.share:
                return _share(text, lead, fraction, sign), fraction.end
            value, e = fraction.value, fraction.end
            precision = precision_of(str(value).rstrip("0").rstrip("."))
            follow = first_after(text, e)
    value *= sign
    unit: str | None = None
    kind = "count"
    if glued_unit is not None:
        unit, glued_currency = glued_unit
        currency = currency or glued_currency
    elif currency is None and follow in measures.SYMBOL_CHARS and e < len(text) and (
        text[e] == follow or text[e + 1:e + 2] == follow
    ) and not first_after(text, text.index(follow, e) + 1)[:1].isdigit():
        currency = measures.SYMBOLS[follow]              # "15€", "20 €"
        e = text.index(follow, e) + 1
        follow = first_after(text, e)
    elif currency is None and follow in _CURRENCY_WORD_FIRST:
        word = measures.currency_word_after(text, e)
        if word is not None:
            unit, currency, e = word[0], word[1] or None, word[2]
            follow = first_after(text, e)
    start = cstart if currency and cstart < lead else lead
    if currency:
        kind = "amount"
        attrs["currency"] = currency
    if follow in _PERCENT_FIRST and unit is None:
        pm = PERCENT.match(text, e)
        if pm is not None:
            kind, e = "percent", pm.end()
            follow = first_after(text, e)
    if kind != "percent" and unit is None and (follow in _MEASURE_FIRST):
        found = measures.measure_after(text, e, abs(value))
        if found is not None:
            unit, e = found
            follow = first_after(text, e)
    b = before if before is not None and start == p else None
    qualifier, qstart = ctx.qualifier_before(text, start, b)
    if kind == "count" and qualifier == "exact" and (b.lower if b else "") == "of":
        pstart = _percent_of_start(text, start)
        if pstart is not None:                           # "per cent of 210"
            kind, start = "percent", pstart
    second: Second | None = None
    joint = ""
    found_connector: tuple[int, bool, str] | None = None
    unit_stop = e                                        # where the first figure's unit ends
    if follow in _CONNECT_FIRST and (
        follow in _RANGE_FIRST or qualifier == "between" or qualifier == "from"
    ) and qualifier not in ("over", "at_least", "under", "up_to"):
        found_connector = connector(text, e, qualifier, follow)
    elif qualifier in ("from", "between") and unit is None and follow.isalpha():
        after_unit = _connector_after_unit(text, e, qualifier)   # "from 190 pounds to 176"
        if after_unit is not None:
            found_connector, unit, unit_stop = after_unit[:3], after_unit[3], after_unit[4]
            if unit.split()[-1].lower() in measures.WORDS and kind == "count":
                currency = measures.WORDS[unit.split()[-1].lower()]
                if currency:
                    kind = "amount"
                    attrs["currency"] = currency
    if found_connector is not None:
        second = read_second(text, found_connector[0], found_connector[1])
        joint = found_connector[2]
        if second is None and unit_stop > e:
            unit, unit_stop = None, e                    # "from ten categories to reflect"
        if second is not None and TIME_SUFFIX.match(text, second.end):
            return None, second.end                      # "from 1130 to 1215 GMT": clock times
        if second is not None and len(second.figure) <= 2 and ctx.month_follows(
            text, second.end
        ):
            return None, second.end                      # "from 9-15 January": days
        if second is not None and not spelled and is_year_range_or_score(
            text, fig, abs(value), abs(second.value), e, found_connector[0]
        ):
            if ctx.is_bare_year(fig, value):             # "from 1956-87": the first year
                v = int(value)
                return make_mention(p, e, "year", v, "exact", v, v), second.end
            return None, second.end                      # "3-2": a score
        if second is not None and joint != "and" and qualifier not in ("between", "from") and (
            abs(second.value) < abs(value)
        ):
            second = None                                # "400m to 200m": no range
    if second is None and qualifier in ("over", "at_least", "under", "up_to", "nearly") and (
        follow in ",ab"
    ):
        bound = _bounded(text, start if qstart is None else qstart, value, qualifier,
                         second_bound(text, e, qualifier), kind, unit, attrs)
        if bound is not None:
            return bound, bound.end
    governed = qstart if qstart is not None else start
    change = None
    word_before = b.lower if b is not None and qstart is None else None
    if (word_before is None or word_before in _CHANGE_GATE) and (
        second is not None or kind != "count" or (
            word_before in _LINK_WORDS if word_before is not None else _linked(text, governed)
        )
    ):
        change = changes.change_before(text, governed, word_before)
    if second is not None:
        bare = kind == "count" and unit is None
        if change is not None and change.word in changes.PERCENT_ONLY and kind != "percent":
            change = None                                # "added from 2 to 3 households"
        if change is None and qualifier == "from" and "(" not in text[e:second.start]:
            reading = changes.clause_reading(text, governed)
            if reading == "change" or (reading is None and abs(second.value) < abs(value)):
                direction = "down" if abs(second.value) < abs(value) else "up"
                change = changes.Change(direction, governed, "from")   # two levels
        if "(" in text[e:second.start]:
            change = None                                # "from 6,000 (police) to 48,000 (...)"
        if change is not None and (qualifier == "from" or (
            joint == "to" and _change_then_level(bare, value, second, change)
        )):
            levels = qualifier == "from"
            if levels:
                value, precision = _shared_scale(value, precision, scaled, second, attrs)
            return _two_figures(text, start if qstart is None or levels else qstart,
                                max(e, unit_stop), value, precision, kind, unit, attrs, second,
                                change, levels)
        value, precision = _shared_scale(value, precision, scaled, second, attrs)
        if bare and second.kind != "count":
            kind = second.kind                           # "3 to 4 per cent", "5 to $10"
            if second.currency:
                currency = second.currency
                attrs["currency"] = currency
        if change is not None and not change.governs(kind):
            change = None                                # "cut between 6,000 and 7,000 jobs"
        qualifier = "between"
        qstart = start if qstart is None else qstart
        unit = unit or second.unit
        if second.kind == "percent":
            kind = "percent"
        high_value: float | None = second.value
        e = second.end
        follow = first_after(text, e)
    else:
        high_value = None
        if qualifier == "from":
            qualifier, qstart = "exact", None
            change = None                                # "down from 17%": the level before
        if qualifier in ("exact", "about") and follow in "oOaA":
            om = _OR_MORE.match(text, e)
            if om is not None:
                qualifier = "at_least" if om.group(1) else "up_to"
                qstart, e = qstart if qstart is not None else start, om.end()
    if qualifier == "between" and high_value is None:
        qualifier, qstart = "exact", None
    if qstart is not None:
        start = qstart
    found: tuple[str, str, int] | None = None
    looked = False
    if not spelled and kind == "count" and qualifier == "exact" and not scaled and value > 0:
        if len(fig) == 4 and ctx.is_bare_year(fig, value) and unit is None:
            found, looked = unit_after(text, e), True
            if not _counts_as_count(text, start, found, value, before):
                v = int(value)
                return make_mention(start, e, "year", v, "exact", v, v), e
    if spelled and value == 1 and qualifier == "exact" and high_value is None:
        return None, e
    unit_inferred = False
    if kind != "percent" and unit is None:
        if not looked:
            found = unit_after(text, e, after_vague=bool(scaled) or spelled)
        if found:
            if found[1] in measures.WORDS and kind == "count" and measures.WORDS[found[1]]:
                kind = "amount"
                attrs["currency"] = measures.WORDS[found[1]]
            unit = found[0]
            attrs["unit_head"] = found[1]
            e = found[2]
        elif kind == "count" and qualifier == "exact" and value > 0:
            dstart = ctx.determiner_before(text, start, before)
            if dstart is not None and ctx.next_word_is_verb(text, e):
                start = dstart
                unit_inferred = True     # the unit itself is filled in by `extract`
    elif unit is not None and glued_unit is None and currency is None:
        attrs["unit_head"] = unit
    if high_value is None and change is None and kind == "percent":
        direction = changes.change_after(text, e)
        if direction is not None:
            change = changes.Change(direction, start, "after")
    if high_value is None and change is not None and change.governs(kind):
        return _change(start, e, value, qualifier, precision, kind, unit, attrs, change), e
    if value >= 0 or high_value is not None:
        low, high = interval_of(value, qualifier, precision, high_value)
    else:
        low, high = signed_interval(value, qualifier, precision)
    attrs["precision"] = precision
    if high_value is not None:
        attrs["range"] = [plain_number(value), plain_number(high_value)]
        if change is not None:
            return _change(start, e, value, "between", precision, kind, unit, attrs, change,
                           high_value), e
    return Mention(start, e, kind, plain_number(value), qualifier, low, high, unit, unit_inferred,
                   attrs), e


def _connector_after_unit(text: str, e: int,
                          qualifier: str) -> tuple[int, bool, str, str, int] | None:
    """A range connector after the unit of the first figure: "from 190 pounds to 176",
    "between 40 people and 60"; the unit is the range's. (connector..., unit, unit end)."""
    found = unit_after(text, e)
    if found is None or found[1] in _TIME_UNITS:
        return None                      # "from 24 weeks to 20": durations are temporal's
    joint = connector(text, found[2], qualifier, first_after(text, found[2]))
    return (*joint, found[0], found[2]) if joint is not None else None


def _scale_applies(sm: re.Match[str], text: str, e: int, fig: str, currency: str | None,
                   glued_million: bool) -> bool:
    """A one-letter scale counts only where it cannot be a unit: "m" with a currency or
    when the finder says so ("£600m", "1.4m"); "M" glued ("10M"); "b", "B", "T" with a
    currency or a decimal ("€10B", "1.2b"); a word scale always."""
    letter = sm.group(1)
    if letter is None:
        return True
    if letter == "m":
        return glued_million or bool(currency)
    if letter in ("M", "MM"):
        return bool(currency) or sm.start(1) == e or glued_million
    if letter in LETTER_SCALES:
        return bool(currency) or (short_decimal(fig) and sm.start(1) == e)
    return True


_TAIL = re.compile(
    rf"(,?{SP}+and)?{SP}+(?:(\d{{1,3}})(?![\d.,/:])|({NUMBER_WORDS.pattern}))"
    rf"(?:{SP}+(hundred|thousand|million|lakh|crore)\b)?"
)
_TAIL_FIRST = frozenset("a0123456789otfsenOTFSEN")
_TAIL_WORDS = frozenset(("and", "one", "two", "three", "four", "five", "six", "seven", "eight",
                         "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                         "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
                         "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a"))
_TAIL_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "lakh": 1e5, "crore": 1e7}


@functools.lru_cache(maxsize=4096)
def _scaled_precision(fig: str, scale: float) -> float:
    """`precision_of` for a scaled figure ("1.5" million), cached: the same few recur."""
    return precision_of(fig, scale)


def _scale_tail(text: str, e: int, scale: float) -> tuple[float, int] | None:
    """What a scaled figure goes on with: "4 thousand 3 hundred and 21" (a smaller scale,
    then "and" and the units after "hundred"), "6 crore and two hundred"; never "5 million
    and 300 jobs" (a second figure)."""
    total, pos, last = 0.0, e, scale
    while True:
        m = _TAIL.match(text, pos)
        if m is None:
            break
        words = m.group(3)
        n = float(m.group(2)) if m.group(2) else value_of_words(words.lower())
        word = m.group(4)
        own_scale = _TAIL_SCALES.get(word.lower()) if word else None
        if own_scale is None and words and any(w in words.lower() for w in _TAIL_SCALES):
            own_scale = 1.0                              # "two hundred" already scaled
        if own_scale is not None and n * own_scale < last:
            total, pos, last = total + n * own_scale, m.end(), own_scale
            continue
        if m.group(1) and own_scale is None and last == 100 and n < 100:
            total, pos = total + n, m.end()              # "3 hundred and 21"
        break
    return (total, pos) if total else None


def _fraction_after(text: str, p: int, e: int, value: float, follow: str,
                    scaled: float) -> fractions.Fraction | None:
    """"2 1/2", "2½", "5 and a half", "1 in 4", "3 million and a half", "1 over 3"."""
    c = text[e:e + 1]
    if c in fractions.VULGAR and not scaled:
        return fractions.mixed_slash(text, e, value)
    if c not in _SPACES:
        return None
    if follow.isdigit() and not scaled:
        return fractions.mixed_slash(text, e, value)
    if follow in "aio":
        tokens = [_SCALE_WORDS.get(scaled, "")] if scaled else None
        return fractions.after_number(text, p, e, value, tokens)
    return None


_SCALE_WORDS = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}


def _linked(text: str, start: int) -> bool:
    """A figure right after "by" / "of" / "further" / "another" may be a change."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return text[max(0, j - 7):j].lower().endswith(("by", "of", "further", "another"))


def _change_then_level(bare: bool, value: float, second: Second,
                       change: changes.Change) -> bool:
    """"rose 4.2% to 231p", "fell $28.63 to $38.65", "rose by 20 to 350": a change, then
    the level it reached; not "rose 3 to 4 per cent" (a bare first figure: a range of the
    change), unless the second is far larger ("fell 11,000 to 813,200")."""
    if change.link == "by" or not bare:
        return True
    return abs(second.value) > 3 * abs(value)


def _shared_scale(value: float, precision: float, scaled: float, second: Second,
                  attrs: dict[str, object]) -> tuple[float, float]:
    """"3 to 4 million", "from 18.6 to 27 billion": the first figure takes the second's
    scale when it has none and stays below the second with it."""
    if second.scale and not scaled and abs(value) * second.scale <= abs(second.value):
        attrs["scale"] = second.scale
        return clean(value * second.scale), precision * second.scale
    return value, precision


def _two_figures(text: str, start: int, e: int, value: float, precision: float, kind: str,
                 unit: str | None, attrs: dict[str, object], second: Second,
                 change: changes.Change, levels: bool) -> tuple[list[Mention], int]:
    """"grew from 18.6 to 27 billion euros" (two levels: 18.6 billion, then 27 billion) or
    "rose 4.2% to 231p" (a change of 4.2%, then the level 231p)."""
    b_unit = second.unit or unit
    b_end = second.end
    found = unit_after(text, b_end) if b_unit is None and second.kind != "percent" else None
    b_kind, b_currency = second.kind, second.currency
    if found is not None:
        b_unit, b_end = found[0], found[2]
        if b_kind == "count" and measures.WORDS.get(found[1]):
            b_kind, b_currency = "amount", measures.WORDS[found[1]]
    b_attrs: dict[str, object] = {"level": "after", "direction": change.direction,
                                  "precision": precision_of(second.figure, second.scale or 1)}
    if b_currency:
        b_attrs["currency"] = b_currency
    elif "currency" in attrs and b_kind == "count" and levels:
        b_kind = "amount"
        b_attrs["currency"] = attrs["currency"]
    b_low, b_high = signed_interval(second.value, "exact", b_attrs["precision"])  # type: ignore[arg-type]
    level = Mention(second.start, b_end, b_kind, plain_number(second.value), "exact", b_low, b_high,
                    b_unit, False, b_attrs)
    if levels:
        a_kind = kind
        if a_kind == "count" and b_kind in ("amount", "percent"):
            a_kind = b_kind
            if b_currency:
                attrs["currency"] = b_currency
        attrs.update({"level": "before", "direction": change.direction, "precision": precision})
        low, high = signed_interval(value, "exact", precision)
        first = Mention(start, e, a_kind, plain_number(value), "exact", low, high, unit or b_unit,
                        False, attrs)
    else:
        first = _change(start, e, value, "exact", precision, kind, unit, attrs, change)
    return [first, level], b_end


def _change(start: int, e: int, value: float, qualifier: str, precision: float, kind: str,
            unit: str | None, attrs: dict[str, object], change: changes.Change,
            high_value: float | None = None) -> Mention:
    """A change claim: its value signed by its direction ("fell 7%" is -7); a sign written
    on the figure wins ("rose -7%" stays -7)."""
    sign = -1.0 if change.direction == "down" or value < 0 else 1.0
    value, high = sign * abs(value), (sign * abs(high_value) if high_value is not None else None)
    low, high_end = signed_interval(value, qualifier, precision, high)
    attrs.update({"direction": "down" if sign < 0 else "up", "of": kind,
                  "precision": precision})
    if high is not None:
        attrs["range"] = [plain_number(value), plain_number(high)]
    return Mention(start, e, "change", plain_number(value), qualifier, low, high_end, unit, False,
                   attrs)


def _bounded(text: str, start: int, value: float, qualifier: str,
             bound: tuple[str, Second] | None, kind: str, unit: str | None,
             attrs: dict[str, object]) -> Mention | None:
    """"more than 20 but fewer than 30": one claim between the two bounds, when the lower
    bound is below the upper one (else None: "more than 40 and less than 10" stays two
    claims)."""
    if bound is None:
        return None
    other, second = bound
    lower_first = qualifier in ("over", "at_least")
    low, high = (value, second.value) if lower_first else (second.value, value)
    if not low < high:
        return None
    e = second.end
    found = unit_after(text, e) if unit is None and second.kind != "percent" else None
    if found is not None:
        unit, e = found[0], found[2]
    if second.kind == "percent":
        kind = "percent"
    attrs.update({"range": [plain_number(low), plain_number(high)], "bounds": [qualifier, other],
                  "precision": 1.0})
    return Mention(start, e, kind, plain_number(value), "between", low, high, unit, False, attrs)


def _share(text: str, start: int, fraction: fractions.Fraction, sign: int) -> Mention:
    qualifier, qstart = ctx.qualifier_before(text, start)
    value = sign * fraction.value
    low, high = signed_interval(value, qualifier, 0.0)
    return Mention(start if qstart is None else qstart, fraction.end, "share", value,
                   qualifier, low, high, None, False, {})


def _percent_of_start(text: str, p: int) -> int | None:
    """Start of "per cent of" before a figure that opens a clause ("Per cent of 210 ...",
    an inverted percentage); None elsewhere ("5 per cent of 210 people" is a count)."""
    m = _PERCENT_OF_REV.match(text[max(0, p - 20):p][::-1])
    if m is None:
        return None
    s = p - m.end()
    j = s
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return s if j == 0 or text[j - 1] in _CLAUSE_START else None


def signed_interval(value: float, qualifier: str, precision: float,
                    high_value: float | None = None) -> tuple[float, float]:
    """`interval_of` for signed figures: a negative one mirrors the interval of its
    magnitude ("-7" is [-7, -7], "about -40" is [-44, -36])."""
    if value >= 0 or (qualifier == "between" and high_value is not None):
        return interval_of(value, qualifier, precision, high_value)
    low, high = interval_of(-value, qualifier, precision, high_value)
    return (-high, -low)


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
