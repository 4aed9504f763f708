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

__all__ = ["FIGURE", "SCALE", "SP", "first_after", "make_mention", "plain_digits", "quantity"]

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
        c = text[e + 1:e + 2]
        if c in _SPACES:                                 # more than one space: rare
            e = _SPACE_RUN.match(text, e + 2).end()  # type: ignore[union-attr]
            return text[e:e + 1]
    return c


_Found = tuple[Mention | list[Mention] | None, int]


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
    finder goes on. The stages below run in this order; a stage that settles the reading
    (a share, a clock time, a score, a bound, a year...) returns it and ends the run.
    """
    r = _Reading(text, p, e, fig, parsed, spelled, glued_million, before, follow, sign,
                 sign_start, glued_unit)
    _read_currency_before(r)
    if not spelled and r.follow in _SCALE_FIRST:
        _read_scale(r)
    if not spelled and r.currency is None and (
        r.follow in _FRACTION_FOLLOW or text[r.e:r.e + 1] in fractions.VULGAR
    ):
        share = _read_fraction(r)
        if share is not None:
            return share
    r.value *= r.sign
    _read_unit_after(r)
    if r.unit is None:
        _read_percent_or_measure(r)
    _read_qualifier(r)
    ended = _read_connector(r) if r.follow in _CONNECT_FIRST or r.qualifier in _TWO_ENDS else None
    if ended is None and r.second is None and r.qualifier in _BOUNDS:
        ended = _read_bound(r)
    if ended is None:
        _read_change_before(r)
        if r.second is not None:
            ended = _read_range(r)
        elif r.qualifier in _SINGLE_QUALIFIERS:
            _read_single(r)
        if r.qualifier == "between" and r.high_value is None:
            r.qualifier, r.qstart = "exact", None
        if r.qstart is not None:
            r.start = r.qstart                           # the claim starts at its qualifier
    if ended is None:
        ended = _read_year(r)
    if ended is None:
        _read_unit(r)
        ended = _finish(r)
    return ended


_TWO_ENDS = ("from", "between")
_BOUNDS = ("over", "at_least", "under", "up_to", "nearly")
_SINGLE_QUALIFIERS = ("from", "exact", "about")


class _Reading:
    """What `quantity` has read so far around one number; each stage reads on from it."""

    __slots__ = ("text", "p", "e", "fig", "value", "precision", "spelled", "glued_million",
                 "before", "follow", "sign", "sign_start", "glued_unit", "attrs", "scaled",
                 "lead", "currency", "cstart", "unit", "kind", "start", "b", "qualifier",
                 "qstart", "second", "joint", "unit_stop", "governed", "change", "high_value",
                 "found", "looked", "unit_inferred")
    # Set by the stages, in order: where the claim leads, its currency, start, qualifier.
    lead: int
    currency: str | None
    cstart: int
    start: int
    b: ctx.Before | None
    qualifier: str
    qstart: int | None
    unit_stop: int
    governed: int

    def __init__(self, text: str, p: int, e: int, fig: str, parsed: tuple[float, float],
                 spelled: bool, glued_million: bool, before: ctx.Before | None,
                 follow: str | None, sign: int, sign_start: int | None,
                 glued_unit: tuple[str, str | None] | None) -> None:
        self.text, self.p, self.e, self.fig = text, p, e, fig
        self.value, self.precision = parsed
        self.spelled, self.glued_million, self.before = spelled, glued_million, before
        self.follow = first_after(text, e) if follow is None else follow
        self.sign, self.sign_start, self.glued_unit = sign, sign_start, glued_unit
        self.attrs: dict[str, object] = {}
        self.scaled = 0.0
        self.unit: str | None = None
        self.kind = "count"
        self.second: Second | None = None
        self.joint = ""
        self.change: changes.Change | None = None
        self.high_value: float | None = None
        self.found: tuple[str, str, int] | None = None
        self.looked = False
        self.unit_inferred = False


def _read_currency_before(r: _Reading) -> None:
    """A currency sign, code or name before the figure ("$5", "Rs 500"), and a minus sign
    before the currency ("-$5")."""
    text = r.text
    r.lead = lead = r.p if r.sign_start is None else r.sign_start
    currency, cstart = None, lead
    if lead:                                             # a sign, a code ("Rs 500"), "Rs."
        c = text[lead - 1]
        before = r.before
        if c in _SYMBOL_CHARS or c.isalpha() or (c in " \u00a0." and (
            before is None or lead != r.p or before.odd or before.word in _CODES
        )):
            currency, cstart = measures.currency_before(text, lead)
    if currency and r.sign == 1 and cstart and text[cstart - 1] in "-\u2212" and (
        cstart == 1 or not text[cstart - 2].isalnum()
    ):
        r.sign, cstart = -1, cstart - 1                  # "-$5"
    r.currency, r.cstart = currency, cstart


def _read_scale(r: _Reading) -> None:
    """A scale word after the figure ("4 million", "3bn", "2 lakh crore") and the smaller
    figures a scale may be followed by ("4 thousand 3 hundred and 21")."""
    text = r.text
    sm = SCALE.match(text, r.e)
    if sm is None or not _scale_applies(sm, r.e, r.fig, r.currency, r.glued_million):
        return
    scaled = SCALE_VALUE[(sm.group(1) or sm.group(2)).lower()]
    e = sm.end()
    if scaled == 1e5:
        cm = _LAKH_CRORE.match(text, e)
        if cm is not None:                               # "three lakh crore"
            scaled, e = 1e12, cm.end()
    r.value = clean(r.value * scaled)
    r.precision = _scaled_precision(r.fig, scaled)
    follow = first_after(text, e)
    tail = _scale_tail(text, e, scaled) if follow in _TAIL_FIRST and (
        follow.isdigit() or fractions.next_word(text, e) in _TAIL_WORDS
    ) else None
    if tail is not None:                                 # "4 thousand 3 hundred and 21"
        r.value, e, r.precision = r.value + tail[0], tail[1], 1.0
        follow = first_after(text, e)
    r.attrs["scale"] = r.scaled = scaled
    r.e, r.follow = e, follow


def _read_fraction(r: _Reading) -> _Found | None:
    """A fraction after the figure: a share ends the reading ("3 in 4"); a mixed number
    ("2 and a half") becomes the value."""
    fraction = _fraction_after(r.text, r.e, r.value, r.follow, r.scaled)
    if fraction is None:
        return None
    if fraction.share:
        return share_mention(r.text, r.lead, fraction, r.sign), fraction.end
    r.value, r.e = fraction.value, fraction.end
    r.precision = precision_of(str(r.value).rstrip("0").rstrip("."))
    r.follow = first_after(r.text, r.e)
    return None


def _read_unit_after(r: _Reading) -> None:
    """A unit glued to the figure, a currency sign after it ("15€") or a currency word
    ("500 rupees"); where the claim starts; a currency makes it an amount."""
    text, e, follow, currency = r.text, r.e, r.follow, r.currency
    if r.glued_unit is not None:
        r.unit, glued_currency = r.glued_unit
        currency = currency or glued_currency
    elif currency is None and follow in measures.SYMBOL_CHARS and e < len(text) and (
        text[e] == follow or text[e + 1:e + 2] == follow
    ) and not first_after(text, text.index(follow, e) + 1)[:1].isdigit():
        currency = measures.SYMBOLS[follow]              # "15€", "20 €"
        r.e = text.index(follow, e) + 1
        r.follow = first_after(text, r.e)
    elif currency is None and follow in _CURRENCY_WORD_FIRST:
        word = measures.currency_word_after(text, e)
        if word is not None:
            r.unit, currency, r.e = word[0], word[1] or None, word[2]
            r.follow = first_after(text, r.e)
    r.currency = currency
    r.start = r.cstart if currency and r.cstart < r.lead else r.lead
    if currency:
        r.kind = "amount"
        r.attrs["currency"] = currency


def _read_percent_or_measure(r: _Reading) -> None:
    """A percent sign or "per cent" after the figure, else a unit of measure ("12 km")."""
    if r.follow in _PERCENT_FIRST and r.unit is None:
        pm = PERCENT.match(r.text, r.e)
        if pm is not None:
            r.kind, r.e = "percent", pm.end()
            r.follow = first_after(r.text, r.e)
    if r.kind != "percent" and r.unit is None and (r.follow in _MEASURE_FIRST):
        found = measures.measure_after(r.text, r.e, abs(r.value))
        if found is not None:
            r.unit, r.e = found
            r.follow = first_after(r.text, r.e)


def _read_qualifier(r: _Reading) -> None:
    """The qualifier before the claim ("over", "about", "between", "from"...), and "per
    cent of 210" read as a percent."""
    before = r.before
    r.b = b = before if before is not None and r.start == r.p else None
    r.qualifier, r.qstart = ctx.qualifier_before(r.text, r.start, b)
    if r.kind == "count" and r.qualifier == "exact" and (b.lower if b else "") == "of":
        pstart = _percent_of_start(r.text, r.start)
        if pstart is not None:                           # "per cent of 210"
            r.kind, r.start = "percent", pstart


def _read_connector(r: _Reading) -> _Found | None:
    """A range connector ("-", "to", "and") and the second figure after it; a clock time,
    days of a month, a year range or a score ends the reading."""
    found_connector: tuple[int, bool, str] | None = None
    r.unit_stop = e = r.e                                # where the first figure's unit ends
    qualifier, follow = r.qualifier, r.follow
    if follow in _CONNECT_FIRST and (
        follow in _RANGE_FIRST or qualifier == "between" or qualifier == "from"
    ) and qualifier not in ("over", "at_least", "under", "up_to"):
        found_connector = connector(r.text, e, qualifier, follow)
    elif qualifier in ("from", "between") and r.unit is None and follow.isalpha():
        after_unit = _connector_after_unit(r.text, e, qualifier)  # "from 190 pounds to 176"
        if after_unit is not None:
            found_connector, r.unit, r.unit_stop = after_unit[:3], after_unit[3], after_unit[4]
            head = after_unit[3].split()[-1].lower()
            if head in measures.WORDS and r.kind == "count":
                r.currency = measures.WORDS[head]
                if r.currency:
                    r.kind = "amount"
                    r.attrs["currency"] = r.currency
    if found_connector is None:
        return None
    r.second = read_second(r.text, found_connector[0], found_connector[1])
    r.joint = found_connector[2]
    if r.second is None:
        if r.unit_stop > e:
            r.unit, r.unit_stop = None, e                # "from ten categories to reflect"
        return None
    return _second_ends(r, found_connector[0])


def _second_ends(r: _Reading, second_start: int) -> _Found | None:
    """Whether the second figure makes the pair something else than a range."""
    text, second, value = r.text, r.second, r.value
    assert second is not None
    if TIME_SUFFIX.match(text, second.end):
        return None, second.end                          # "from 1130 to 1215 GMT": clock times
    if len(second.figure) <= 2 and ctx.month_follows(text, second.end):
        return None, second.end                          # "from 9-15 January": days
    if not r.spelled and is_year_range_or_score(
        text, r.fig, abs(value), abs(second.value), r.e, second_start
    ):
        if ctx.is_bare_year(r.fig, value):               # "from 1956-87": the first year
            v = int(value)
            return make_mention(r.p, r.e, "year", v, "exact", v, v), second.end
        return None, second.end                          # "3-2": a score
    if r.joint == "to" and r.qualifier not in ("between", "from") and not r.spelled \
            and ctx.is_bare_year(r.fig, value) and abs(second.value) >= 1000 * abs(value):
        v = int(value)                                   # "by 2010 to 1.3 billion": a year,
        return make_mention(r.p, r.e, "year", v, "exact", v, v), r.e   # then a level
    if r.joint != "and" and r.qualifier not in ("between", "from") and (
        abs(second.value) < abs(value)
    ):
        r.second = None                                  # "400m to 200m": no range
    return None


def _read_bound(r: _Reading) -> _Found | None:
    """A bound with its other end: "over 30 and under 40"."""
    qualifier = r.qualifier
    if r.follow in ",ab":
        bound = _bounded(r.text, r.start if r.qstart is None else r.qstart, r.value, qualifier,
                         second_bound(r.text, r.e, qualifier), r.kind, r.unit, r.attrs)
        if bound is not None:
            return bound, bound.end
    return None


def _read_change_before(r: _Reading) -> None:
    """A change word governing the claim ("rose by 5", "a cut of 300 jobs")."""
    r.governed = governed = r.qstart if r.qstart is not None else r.start
    b = r.b
    word_before = b.lower if b is not None and r.qstart is None else None
    if (word_before is None or word_before in _CHANGE_GATE) and (
        r.second is not None or r.kind != "count" or (
            word_before in _LINK_WORDS if word_before is not None else _linked(r.text, governed)
        )
    ):
        r.change = changes.change_before(r.text, governed, word_before)


def _read_range(r: _Reading) -> _Found | None:
    """Two figures: a change and its level, two levels ("from 6 to 8"), or one range."""
    second, value = r.second, r.value
    assert second is not None
    change, between = r.change, r.text[r.e:second.start]
    if change is not None and change.word in changes.PERCENT_ONLY and r.kind != "percent":
        change = None                                    # "added from 2 to 3 households"
    if change is None and r.qualifier == "from" and "(" not in between:
        reading = changes.clause_reading(r.text, r.governed)
        if reading == "change" or (reading is None and abs(second.value) < abs(value)):
            direction = "down" if abs(second.value) < abs(value) else "up"
            change = changes.Change(direction, r.governed, "from")   # two levels
    if "(" in between:
        change = None                                    # "from 6,000 (police) to 48,000 (...)"
    r.change = change
    bare = r.kind == "count" and r.unit is None
    if change is not None and (r.qualifier == "from" or (
        r.joint == "to" and _change_then_level(bare, value, second, change)
    )):
        levels = r.qualifier == "from"
        if levels:
            value, r.precision = _shared_scale(value, r.precision, r.scaled, second, r.attrs)
        return _two_figures(r.text, r.start if r.qstart is None or levels else r.qstart,
                            max(r.e, r.unit_stop), value, r.precision, r.kind, r.unit, r.attrs,
                            second, change, levels)
    _join_range(r, bare)
    return None


def _join_range(r: _Reading, bare: bool) -> None:
    """The two figures as one range "between" them, the kind and unit taken from the
    second where the first has none ("3 to 4 per cent", "5 to $10")."""
    second = r.second
    assert second is not None
    r.value, r.precision = _shared_scale(r.value, r.precision, r.scaled, second, r.attrs)
    if bare and second.kind != "count":
        r.kind = second.kind                             # "3 to 4 per cent", "5 to $10"
        if second.currency:
            r.currency = second.currency
            r.attrs["currency"] = r.currency
    if r.change is not None and not r.change.governs(r.kind):
        r.change = None                                  # "cut between 6,000 and 7,000 jobs"
    r.qualifier = "between"
    r.qstart = r.start if r.qstart is None else r.qstart
    r.unit = r.unit or second.unit
    if second.kind == "percent":
        r.kind = "percent"
    r.high_value = second.value
    r.e = second.end
    r.follow = first_after(r.text, r.e)


def _read_single(r: _Reading) -> None:
    """One figure: "down from 17%" is the level before; "40 or more" a bound."""
    if r.qualifier == "from":
        r.qualifier, r.qstart = "exact", None
        r.change = None                                  # "down from 17%": the level before
    if r.qualifier in ("exact", "about") and r.follow in "oOaA":
        om = _OR_MORE.match(r.text, r.e)
        if om is not None:
            r.qualifier = "at_least" if om.group(1) else "up_to"
            r.qstart, r.e = r.qstart if r.qstart is not None else r.start, om.end()


def _read_year(r: _Reading) -> _Found | None:
    """A bare four-digit figure with no count noun is a year; a spelled "one" alone is
    not a claim ("one of them")."""
    value = r.value
    if not r.spelled and r.kind == "count" and r.qualifier == "exact" and not r.scaled and (
        value > 0
    ) and len(r.fig) == 4 and ctx.is_bare_year(r.fig, value) and r.unit is None:
        r.found, r.looked = unit_after(r.text, r.e), True
        if not _counts_as_count(r.text, r.start, r.found, value, r.before):
            v = int(value)
            return make_mention(r.start, r.e, "year", v, "exact", v, v), r.e
    if r.spelled and value == 1 and r.qualifier == "exact" and r.high_value is None:
        return None, r.e
    return None


def _read_unit(r: _Reading) -> None:
    """The counted noun after the figure ("463 signatories"), or, after "the"/"its", a
    unit to infer from the verb ("its 463 signed")."""
    if r.kind != "percent" and r.unit is None:
        found = r.found if r.looked else unit_after(
            r.text, r.e, after_vague=bool(r.scaled) or r.spelled)
        if found:
            if found[1] in measures.WORDS and r.kind == "count" and measures.WORDS[found[1]]:
                r.kind = "amount"
                r.attrs["currency"] = measures.WORDS[found[1]]
            r.unit = found[0]
            r.attrs["unit_head"] = found[1]
            r.e = found[2]
        elif r.kind == "count" and r.qualifier == "exact" and r.value > 0:
            dstart = ctx.determiner_before(r.text, r.start, r.before)
            if dstart is not None and ctx.next_word_is_verb(r.text, r.e):
                r.start = dstart
                r.unit_inferred = True   # the unit itself is filled in by `extract`
    elif r.unit is not None and r.glued_unit is None and r.currency is None:
        r.attrs["unit_head"] = r.unit


def _finish(r: _Reading) -> _Found:
    """The mention: a change ("rose 5%"), a changed range, or a figure with its interval."""
    value, high_value, change, kind, attrs = r.value, r.high_value, r.change, r.kind, r.attrs
    if high_value is None and change is None and kind == "percent":
        direction = changes.change_after(r.text, r.e)
        if direction is not None:
            change = changes.Change(direction, r.start, "after")
    if high_value is None and change is not None and change.governs(kind):
        return _change(r.start, r.e, value, r.qualifier, r.precision, kind, r.unit, attrs,
                       change), r.e
    if value >= 0 or high_value is not None:
        low, high = interval_of(value, r.qualifier, r.precision, high_value)
    else:
        low, high = signed_interval(value, r.qualifier, r.precision)
    attrs["precision"] = r.precision
    if high_value is not None:
        attrs["range"] = [plain_number(value), plain_number(high_value)]
        if change is not None:
            return _change(r.start, r.e, value, "between", r.precision, kind, r.unit, attrs,
                           change, high_value), r.e
    return Mention(r.start, r.e, kind, plain_number(value), r.qualifier, low, high, r.unit,
                   r.unit_inferred, attrs), r.e


def _connector_after_unit(text: str, e: int,
                          qualifier: str) -> tuple[int, bool, str, str, int] | None:
    """A range connector after the unit of the first figure: "from 190 pounds to 176",
    "between 40 people and 60"; the unit is the range's. (connector..., unit, unit end)."""
    found = unit_after(text, e)
    if found is None or found[1] in _TIME_UNITS:
        return None                      # "from 24 weeks to 20": durations are temporal's
    joint = connector(text, found[2], qualifier, first_after(text, found[2]))
    return (*joint, found[0], found[2]) if joint is not None else None


def _scale_applies(sm: re.Match[str], e: int, fig: str, currency: str | None,
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


# What may go on after a scale: ", and" (optional), spaces, a figure of up to three digits
# or number words, and the figure's own scale. Read in parts (`_tail_at`) rather than as
# one pattern, which would compile `NUMBER_WORDS` a second time at every start-up.
_TAIL_AND = re.compile(rf",?{SP}+and")
_TAIL_SPACES = re.compile(rf"{SP}+")
_TAIL_DIGITS = re.compile(r"\d{1,3}(?![\d.,/:])")
_TAIL_SCALE = re.compile(rf"{SP}+(hundred|thousand|million|lakh|crore)\b")
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
        found = _tail_at(text, pos)
        if found is None:
            break
        joined, digits, words, word, end = found
        n = float(digits) if digits else value_of_words(words.lower())
        own_scale = _TAIL_SCALES.get(word.lower()) if word else None
        if own_scale is None and words and any(w in words.lower() for w in _TAIL_SCALES):
            own_scale = 1.0                              # "two hundred" already scaled
        if own_scale is not None and n * own_scale < last:
            total, pos, last = total + n * own_scale, end, own_scale
            continue
        if joined and own_scale is None and last == 100 and n < 100:
            total, pos = total + n, end                  # "3 hundred and 21"
        break
    return (total, pos) if total else None


def _tail_at(text: str, pos: int) -> tuple[bool, str, str, str, int] | None:
    """(after "and", the digits or the number words, their own scale word, end) of what
    goes on at `pos` (see `_TAIL_AND`), as one pattern `(,?SP+and)?SP+(figure)(SP+scale)?`
    reads it: with the "and" when a figure follows it, else without."""
    joined = _TAIL_AND.match(text, pos)
    if joined is not None:
        found = _tail_figure(text, joined.end())
        if found is not None:
            return (True, *found)
    found = _tail_figure(text, pos)
    return None if found is None else (False, *found)


def _tail_figure(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """(digits, number words, scale word, end) after the spaces at `pos`. A figure starts
    where the spaces end (at a space, neither a digit nor a word boundary is)."""
    spaces = _TAIL_SPACES.match(text, pos)
    if spaces is None:
        return None
    at = spaces.end()
    m = _TAIL_DIGITS.match(text, at)
    if m is not None:
        digits, words = m.group(), ""
    else:
        m = NUMBER_WORDS.match(text, at)
        if m is None:
            return None
        digits, words = "", m.group()
    end = m.end()
    scale = _TAIL_SCALE.match(text, end)
    if scale is None:
        return digits, words, "", end
    return digits, words, scale.group(1), scale.end()


def _fraction_after(text: str, e: int, value: float, follow: str,
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
        return fractions.after_number(text, e, value, tokens)
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


def share_mention(text: str, start: int, fraction: fractions.Fraction, sign: int) -> Mention:
    """A fraction of a whole as a share ("a third of", "-half"), with its qualifier."""
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
    year ("the 1988 victims"), the noun names a dated event ("1988 killings"), or it opens
    a sentence or a quotation, where news writes a count in words ("2005 offers ...")."""
    if not found or ctx.is_year_noun(found[1]) or not is_plural(found[0].split()[0]):
        return False
    if ctx.is_event_year(found[1], value):
        return False
    return not (1900 <= value <= 2030 and (ctx.determiner_before(text, start, before) is not None
                                           or _opens_sentence(text, start)
                                           or _year_as_modifier(text, start, before)))


# Words between a determiner and a figure that make it a count, not a year ("the first
# 2000 customers", "the other 1950 seats").
_COUNTING_WORDS = frozenset("""first last next other remaining extra additional further
estimated some nearly almost about around over under only just total final initial
""".split())


def _year_as_modifier(text: str, start: int, before: ctx.Before | None) -> bool:
    """"the awesome 1967 tourists", "England's 2003 squad": a year before its noun, after
    a determiner and an adjective, or after a possessive."""
    b = before if before is not None and before.pos == start else ctx.Before(text, start)
    word = b.word
    if not word or not word.islower() or b.lower in _COUNTING_WORDS:
        return False
    at = b.word_start
    if word == "s":
        return text[at - 1:at] in ("'", "\u2019")      # England's 2003 squad
    return ctx.determiner_before(text, at) is not None


# What may stand between a sentence's end and its first word: spaces, opening quotes.
_OPENERS = " \t\u00a0\"'“‘«("
_QUOTES = "\"“‘«'"


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the figure at `start` opens a sentence or a quotation (after spaces and
    opening quotes): news style spells out a number there ("Forty people ...") unless it
    is a year ("2005 offers the chance ...", 'said: "2004 shows ...').
    """
    window = text[max(0, start - 8):start]
    head = window.rstrip(_OPENERS)
    if not head:
        return start <= 8
    quoted = any(q in window[len(head):] for q in _QUOTES)
    return head[-1] in ".!?\n" or (quoted and head[-1] in ":,")


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
    """A Mention with its attributes and precision, values as plain numbers."""
    return Mention(start, end, kind, value, qualifier, low, high, unit, False, attrs or {})
