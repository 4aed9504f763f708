"""Counts, amounts, percents and bare years in running text.

Speed matters (>= 10 MB/s per core), so the text is scanned once, by
`anchors.number_anchors`, for where a number may start (a digit run, or the first word
of a number phrase). Everything else happens around each anchor with small anchored
regexes: `.match(text, pos)` forwards, and one reversed look-behind window per number
(`numbers_context.Before`) for qualifiers, labels and months; `quantity` reads what
follows. No regex ever scans the whole text twice.

What is not a count never comes out as one: ordinals, labels ("Resolution 819",
"Windows 7"), clock times, phone numbers, URLs, footnote markers, versions, scores and
glued tokens ("MP3", "COVID-19") are dropped or typed `ordinal`.
"""

from __future__ import annotations

import functools
import re

from checker.extract import fractions, measures
from checker.extract import numbers_context as ctx
from checker.extract.anchors import number_anchors
from checker.extract.intervals import precision_of
from checker.extract.mention import Mention
from checker.extract.quantity import FIGURE, SCALE, first_after, make_mention, quantity
from checker.extract.quantity import plain_digits as plain_digits
from checker.extract.ranges import TIME_SUFFIX, short_decimal
from checker.extract.spelled import at_words, signed_interval
from checker.extract.units import is_plural, unit_after

_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_FIRST = frozenset("aApPgGbBhHoO")
_TIME_SUFFIX = TIME_SUFFIX
_AGE_AFTER = re.compile(r"[- ]years?[- ]old\b", re.IGNORECASE)
_GLUED_UNIT = re.compile(
    r"(?:km/h|kph|mph|mpg|bhp|hp|kWh|MWh|GWh|kW|MW|GW|GHz|MHz|GB|MB|TB|km2|km|kg|cm|mm|nm"
    r"|ft|lbs?|mg|ml|sqm|sqft|m2|m)\b"
)
_SKIP_RUN = re.compile(r"[\d.:/]*\d")
_PHONE_TAIL = re.compile(r"(?:[ /-]?\d+)*")
_FOOTNOTE_BEFORE = re.compile(r"\[[A-Za-z .]{0,12}$")
_SIGN_WORDS = frozenset(("minus", "negative"))
_VIDEO_LINES = frozenset(("240", "360", "480", "576", "720", "1080", "1440", "2160"))


def find_numbers(text: str, taken: list[Mention] | None = None,
                 zeroed: bytes | None = None) -> list[Mention]:
    """Every count, amount, percent, share, change, ordinal, label and bare year in
    `text`, in text order.

    `taken`: mentions already found by another finder (the temporal one), sorted by start,
    whose spans win over any number: an anchor inside one of them is not read at all (a
    number found there would be dropped when the two finders' mentions are merged).
    `zeroed`: `temporal_scan.zeroed(text)`, when the caller has it (see
    `anchors.number_anchors`).
    """
    out: list[Mention] = []
    skips = ctx.skip_spans(text)
    if taken:
        skips = _merged_spans(skips, [(m.start, m.end) for m in taken])
    n_skips = len(skips)
    skip_i = 0
    pos = 0
    for p in _anchors(text, zeroed):
        if p < pos:
            continue
        if n_skips:
            while skip_i < n_skips and skips[skip_i][1] <= p:
                skip_i += 1
            if skip_i < n_skips and skips[skip_i][0] <= p:
                pos = skips[skip_i][1]
                continue
        ch = text[p]
        if ch.isdigit():
            prev = text[p - 1] if p else " "
            if prev == "." and (p < 2 or not text[p - 2].isalnum()) and p >= pos + 1:
                mention, pos = _leading_decimal(text, p)  # ".08"
            elif (prev.isalnum() or prev in "._,") and not (
                prev.isalpha() and measures.is_glued_code(text, p)
            ):
                continue                                 # MP3, A380, 3.2, inside a figure
            else:
                mention, pos = _at_digits(text, p)
        elif ch in fractions.VULGAR:
            mention, pos = _vulgar(text, p)
        else:
            start = ctx.scale_phrase_start(text, p)
            if start is None or start < pos:
                continue
            mention, pos = at_words(text, start)
        if pos <= p:
            pos = p + 1
        if mention is not None:
            if isinstance(mention, list):
                out.extend(mention)
            else:
                out.append(mention)
    return out


def _merged_spans(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two sorted lists of spans as one sorted list (overlaps are fine for the loop)."""
    if not a:
        return b
    return sorted(a + b)


def _anchors(text: str, zeroed: bytes | None) -> list[int]:
    """`number_anchors`, plus vulgar fractions ("½") in a text that has any."""
    found = number_anchors(text, zeroed)
    if text.isascii() or not any(c in text for c in fractions.VULGAR):
        return found
    vulgar = [m.start() for m in fractions.VULGAR_CHARS.finditer(text)]
    if vulgar:
        found = sorted(set(found).union(vulgar))
    return found


# ---------------------------------------------------------------- digits


def _at_digits(text: str, p: int) -> tuple[Mention | list[Mention] | None, int]:
    fm = FIGURE.match(text, p)
    assert fm is not None
    fig, e = fm.group(), fm.end()
    n = len(text)
    prev = text[p - 1] if p else " "
    nxt = text[e] if e < n else " "
    after = text[e + 1] if e + 1 < n else ""
    sign_start = None
    if prev in "-–" and p >= 2 and text[p - 2].isalpha():
        return _hyphen_label(text, p, e, fig), e         # COVID-19, magnitude-6.3
    if prev == "+" and (nxt == "%" or "." in fig) and (p < 2 or not text[p - 2].isalnum()):
        sign_start = p - 1                               # "+1.4%": an explicit sign
    elif prev in "+#" or (prev == "[" and nxt == "]"):
        run = _PHONE_TAIL.match(text, e)
        return None, run.end() if run else e             # phone, #3, footnote [1]
    return _by_shape(text, p, e, fig, nxt, after) or _in_context(text, p, e, fig, prev,
                                                                  sign_start)


def _by_shape(text: str, p: int, e: int, fig: str, nxt: str,
              after: str) -> tuple[Mention | list[Mention] | None, int] | None:
    """What the characters right after the figure make of it: a footnote, a list item, a
    fraction, a version or a time, scientific notation, a glued unit, a code."""
    if nxt == "]" and _FOOTNOTE_BEFORE.search(text, max(0, p - 13), p):
        return None, e + 1                               # "[note 3]"
    if nxt in ".)" and after in (" ", "\t") and _at_line_start(text, p):
        return None, e + 1                               # "1. A list item"
    if nxt == "/" and after.isdigit():
        fraction = fractions.slash_at(text, p)
        if fraction is not None:                         # "3/4", "1/40", "-4/5"
            sign, start = _sign(text, p)
            if sign == -1:
                fraction = fraction._replace(value=-fraction.value)
            return _fraction(text, p if start is None else start, fraction)
    if nxt in ".:/" and after.isdigit():
        run = _SKIP_RUN.match(text, e)
        return None, run.end() if run else e             # 3.2.1, 11:00, 26/11/2016
    if nxt in _SCIENTIFIC_FIRST:
        found = _scientific(text, p, fig, e)             # "1.3e6", "2.5^-1", "6.2x10^-4"
        if found is not None:
            return found
    if nxt.isalpha():
        return _glued(text, p, fig, e)
    if fig[0] == "0" and len(fig) > 1 and not fig.startswith("0."):
        run = _PHONE_TAIL.match(text, e)
        return None, run.end() if run else e             # phone numbers, codes
    return None


def _in_context(text: str, p: int, e: int, fig: str, prev: str,
                sign_start: int | None) -> tuple[Mention | list[Mention] | None, int]:
    """What the words around the figure make of it: a time, a sign, an age, a label, a
    day of a month; else `quantity` reads it."""
    sign = 1
    before = ctx.Before(text, p)
    follow = first_after(text, e)
    if (follow in _TIME_FIRST and _is_time_suffix(text, e, fig)) or (
        "." in fig and ctx.is_clock(before, fig)
    ):
        return None, e
    if sign_start is None and (prev in "-\u2212" or before.lower in _SIGN_WORDS):
        sign, found_start = ctx.sign_before(text, p, before)
        sign_start = found_start if sign == -1 else None
    if (follow in "yY-" and _AGE_AFTER.match(text, e)) or ctx.is_age_before(before):
        return _age(text, p, e, fig, before), e
    if ctx.is_label_before(before) and measures.currency_before(text, p)[0] is None:
        return _label(text, p, e, fig, before), e
    if ctx.is_month_adjacent(text, before, e, fig):
        return None, e
    return quantity(text, p, e, fig, _parse_figure(fig), before=before, follow=follow,
                    sign=sign, sign_start=sign_start)


_SCIENTIFIC_FIRST = frozenset("eE^x×")
_SCIENTIFIC = re.compile(
    r"(?:[eE]([+-]?\d{1,3})|\^([+-]{0,2})(\d{1,3}(?:\.\d+)?)"
    r"|[x×]10(?:\^|(?=[-\u2212]))([+\-\u2212]?)(\d{1,3}))(?![\w.])"
)


def _scientific(text: str, p: int, fig: str,
                e: int) -> tuple[Mention | list[Mention] | None, int] | None:
    """A figure in scientific notation or raised to a power: "1.3e6", "12.32e+14",
    "1.1^23", "2.5^-1", "6.23x10^-4", "2.48×10−5" (None when it is none of these)."""
    m = _SCIENTIFIC.match(text, e)
    if m is None:
        return None
    if text[e] == "E" and "." not in fig and m.group(1)[:1] not in "+-":
        return None                                      # "7E7": a model's name, not 70 million
    plain = plain_digits(fig)
    if m.group(1) is not None:
        value = float(f"{plain}e{m.group(1)}")
    elif m.group(3) is not None:
        exponent = float(m.group(3))
        value = float(plain) ** (-exponent if m.group(2).count("-") % 2 else exponent)
    else:
        negative = m.group(4) in ("-", "\u2212")
        value = float(f"{plain}e{'-' if negative else ''}{m.group(5)}")
    sign, sign_start = _sign(text, p)
    precision = abs(value) * 1e-6 or 1e-12
    return quantity(text, p, m.end(), text[p:m.end()], (value, precision), spelled=True,
                    sign=sign, sign_start=sign_start)


def _is_time_suffix(text: str, e: int, fig: str) -> bool:
    """"10 am", "6.30pm", "1400 hrs", "9 GMT": a clock time, when the figure can be one."""
    m = _TIME_SUFFIX.match(text, e)
    if m is None:
        return False
    hours, _, minutes = plain_digits(fig).partition(".")
    if len(hours) == 4 and not minutes:                  # "1130 GMT", "1400 hrs"
        return int(hours[:2]) <= 24 and int(hours[2:]) < 60
    if m.group().strip().lower() == "hrs":
        return False                                     # "3 hrs": a duration
    return int(hours) <= 24 and (not minutes or (len(minutes) == 2 and int(minutes) < 60))


def _age(text: str, p: int, e: int, fig: str, before: ctx.Before) -> Mention:
    v = _num(fig)
    qualifier, qstart = ctx.qualifier_before(text, p, before)
    low, high = signed_interval(float(v), qualifier, 1.0)
    return make_mention(p if qstart is None else qstart, e, "age", v, qualifier, low, high,
                        attrs={})


def _label(text: str, p: int, e: int, fig: str, before: ctx.Before) -> Mention | None:
    """"Category 4", "Resolution 819", "level 3", "No 10": a label (never a count). An
    acronym before a figure ("BBC 2", "UK 5") gives no claim at all."""
    start = ctx.label_start(before)
    if start is None:
        return None
    v = _num(fig)
    return make_mention(start, e, "label", v, "exact", float(v), float(v),
                        attrs={"label": " ".join(text[start:p].lower().split())})


def _hyphen_label(text: str, p: int, e: int, fig: str) -> Mention | None:
    """"magnitude-6.3", "Category-4": a label word, a hyphen, a figure."""
    start = p - 1
    k = start
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k:start].lower()
    if word not in ctx.HYPHEN_LABELS or (k and text[k - 1].isalnum()):
        return None
    v = _num(fig)
    return make_mention(k, e, "label", v, "exact", float(v), float(v), attrs={"label": word})


def _fraction(text: str, p: int,
              fraction: fractions.Fraction) -> tuple[Mention | list[Mention] | None, int]:
    """"3/4 of voters" (a share), "3/4 of a million" (a figure)."""
    if fraction.share:
        qualifier, qstart = ctx.qualifier_before(text, p)
        low, high = signed_interval(fraction.value, qualifier, 0.0)
        return Mention(p if qstart is None else qstart, fraction.end, "share", fraction.value,
                       qualifier, low, high, None, False, {}), fraction.end
    precision = fraction.scale / 100 if fraction.scale else precision_of(f"{fraction.value:.6g}")
    return quantity(text, p, fraction.end, text[p:fraction.end], (fraction.value, precision),
                    spelled=True)


def _vulgar(text: str, p: int) -> tuple[Mention | list[Mention] | None, int]:
    """"½ tbsp", "¾ of the seats": a vulgar fraction on its own (one after a figure,
    "2½", is read with that figure)."""
    if p and (text[p - 1].isalnum()):
        return None, p + 1
    fraction = fractions.Fraction(fractions.VULGAR[text[p]], p + 1, True)
    m = fractions._SCALE_AFTER.match(text, p + 1)
    if m is not None:
        scale = fractions.scale_value(m.group(1))
        fraction = fractions.Fraction(fraction.value * scale, m.end(), False, scale)
    return _fraction(text, p, fraction)


def _leading_decimal(text: str, p: int) -> tuple[Mention | list[Mention] | None, int]:
    """A decimal written without its leading zero: ".08"."""
    fm = FIGURE.match(text, p)
    assert fm is not None
    fig = "." + fm.group()
    if not fm.group().isdigit() or (fm.end() < len(text) and text[fm.end()].isalnum()):
        return None, fm.end()
    return quantity(text, p - 1, fm.end(), fig, (float(fig), precision_of(fig)))


def _glued(text: str, p: int, fig: str, e: int) -> tuple[Mention | list[Mention] | None, int]:
    """Letters glued after digits: ordinals, scales ($2.3bn), glued units ("40km",
    "231p"), or a label."""
    om = _ORDINAL_SUFFIX.match(text, e)
    if om and "." not in fig:
        v = _num(fig)
        return make_mention(p, om.end(), "ordinal", v, low=v, high=v), om.end()
    sm = SCALE.match(text, e)
    if sm and _glued_scale(text, p, fig, sm):
        sign, sign_start = _sign(text, p)
        return quantity(text, p, e, fig, _parse_figure(fig), glued_million=True,
                        sign=sign, sign_start=sign_start)
    if text[e] == "s" and not text[e + 1:e + 2].isalpha():
        return None, e + 1                               # the 1990s: temporal's
    tm = _TIME_SUFFIX.match(text, e)
    if tm and _is_time_suffix(text, e, fig):
        return None, tm.end()
    um = _GLUED_UNIT.match(text, e)
    if um or _is_pence(text, e, fig):
        unit, currency = (um.group(), None) if um else ("pence", "GBP")
        end = um.end() if um else e + 1
        sign, sign_start = _sign(text, p)
        return quantity(text, p, end, fig, _parse_figure(fig), glued_unit=(unit, currency),
                        follow=first_after(text, end), sign=sign, sign_start=sign_start)
    if text[e] in "CF" and measures.measure_after(text, e, float(plain_digits(fig))):
        sign, sign_start = _sign(text, p)
        return quantity(text, p, e, fig, _parse_figure(fig), sign=sign, sign_start=sign_start)
    end = e
    while end < len(text) and text[end].isalnum():
        end += 1
    return None, end                                     # 4G, 3D, 10x: a label


def _glued_scale(text: str, p: int, fig: str, sm: re.Match[str]) -> bool:
    letter = sm.group(1) or ""
    if letter == "m":
        return _m_is_million(text, p, fig, sm.end())
    if letter in ("b", "B", "T", "K"):
        return short_decimal(fig) or measures.currency_before(text, p)[0] is not None
    return True


# What a distance in metres names in athletics and swimming: "60m hurdles", "400m heats".
_RACES = frozenset("hurdles races heats finals relays sprints semis semi-finals".split())


def _sign(text: str, p: int) -> tuple[int, int | None]:
    """(-1, where the sign starts) for "-7C", "minus 20C"; (1, None) otherwise."""
    if not (p and text[p - 1] in "-\u2212") and not text[max(0, p - 10):p].rstrip(
    ).lower().endswith(("minus", "negative")):
        return 1, None
    sign, start = ctx.sign_before(text, p, ctx.Before(text, p))
    return (sign, start) if sign == -1 else (1, None)


def _is_pence(text: str, e: int, fig: str) -> bool:
    """"231p", "12.5p": pence, not "1080p" (a video format) nor "p5" (a page)."""
    return (text[e] == "p" and not text[e + 1:e + 2].isalnum() and fig not in _VIDEO_LINES
            and len(plain_digits(fig)) <= 6)


def _m_is_million(text: str, p: int, fig: str, end: int) -> bool:
    """"£600m", "1.4m", "100m viewers": millions; a bare "100m" is metres, and so is one
    before a race ("the 60m hurdles", "400m heats")."""
    if "." in fig or measures.currency_before(text, p)[0]:
        return True
    found = unit_after(text, end)
    if found is None:
        return False
    head = found[0].split()[0]
    return is_plural(head) and head.lower() not in _RACES


@functools.lru_cache(maxsize=4096)
def _parse_figure(fig: str) -> tuple[float, float]:
    """(value, precision) of a written figure like "30,000" or "1.5". Cached: the same
    figures ("2", "10", "2016") recur throughout a corpus."""
    plain = plain_digits(fig)
    return float(plain), precision_of(plain)


def _num(fig: str) -> int | float:
    v = float(plain_digits(fig))
    return int(v) if v.is_integer() else v


def _at_line_start(text: str, p: int) -> bool:
    """Only blanks between the line's start and `p`, within 20 characters: a list item.
    Reads at most those 20 characters (a text on one huge line stays linear)."""
    newline = text.rfind("\n", max(0, p - 20), p)
    if newline < 0 and p >= 20:
        return False
    return not text[newline + 1:p].strip()


