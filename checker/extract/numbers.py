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
import string

from checker.extract import numbers_context as ctx
from checker.extract.anchors import number_anchors
from checker.extract.intervals import precision_of, representative, vague_interval
from checker.extract.mention import Mention
from checker.extract.numwords import (
    NUMBER_WORDS,
    SCALES,
    TEENS,
    TENS,
    UNITS,
    value_of_words,
)
from checker.extract.quantity import (
    FIGURE,
    SCALE,
    SP,
    first_after,
    make_mention,
    plain_digits,
    quantity,
    unit_end,
)
from checker.extract.units import is_plural, unit_after

_VAGUE = re.compile(
    r"(?:(?:tens|hundreds)[ \t]+of[ \t]+(?:thousands|millions)|dozens|hundreds|thousands"
    r"|millions|billions|scores(?=[ \t]+of\b)|(?:several|a[ \t]+few)[ \t]+"
    r"(?:hundred|thousand|million)(?!s))\b",
    re.IGNORECASE,
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_FIRST = frozenset("aApPgGbBhHoO")
_TIME_SUFFIX = re.compile(rf"{SP}?(?:[ap]\.?m\b\.?|GMT\b|BST\b|hrs\b|o'clock)", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"[-–][A-Za-z]")
_AGE_AFTER = re.compile(r"[- ]years?[- ]old\b", re.IGNORECASE)
_GLUED_UNIT = re.compile(r"(?:km|kg|mph|cm|mm|ft|lbs?|mg|ml|m|GB|MB|TB|kW|MW)\b")
_SKIP_RUN = re.compile(r"[\d.:/]*\d")
_DOZENS_AFTER = re.compile(r"[ \t]+(?:dozens|dzs|dozs)\b", re.IGNORECASE)
_PHONE_TAIL = re.compile(r"(?:[ -]?\d+)*")
_PHRASE_SPACES = frozenset(" \t\u00a0")  # what may join "one" to "hundred" in NUMBER_WORDS
_ASCII_LETTERS = frozenset(string.ascii_letters)
# The first word of every phrase `_VAGUE` and `NUMBER_WORDS` can match: a number phrase's
# first word is whole (a space, "-" or a non-word character follows it), so a word
# outside these sets rules both regexes out without running them.
_VAGUE_STARTS = frozenset(
    "tens hundreds dozens thousands millions billions scores several a".split()
)
_WORD_STARTS = _VAGUE_STARTS | frozenset(
    (*UNITS, *TEENS, *TENS, *SCALES, "zero", "a", "an", "half", "hundred", "dozen")
)


def find_numbers(text: str) -> list[Mention]:
    """Every count, amount, percent, ordinal and bare year in `text`, in text order."""
    out: list[Mention] = []
    skips = ctx.skip_spans(text)
    n_skips = len(skips)
    skip_i = 0
    pos = 0
    for p in number_anchors(text):
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
            elif prev.isalnum() or prev in "._,":
                continue                                 # MP3, A380, 3.2, inside a figure
            else:
                mention, pos = _at_digits(text, p)
        else:
            start = ctx.scale_phrase_start(text, p)
            if start is None or start < pos:
                continue
            mention, pos = _at_words(text, start)
        if pos <= p:
            pos = p + 1
        if mention is not None:
            out.append(mention)
    return out


# ---------------------------------------------------------------- digits


def _at_digits(text: str, p: int) -> tuple[Mention | None, int]:
    fm = FIGURE.match(text, p)
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
    before = ctx.Before(text, p)
    follow = first_after(text, e)
    if (follow in _TIME_FIRST and _TIME_SUFFIX.match(text, e)) or (
        "." in fig and ctx.is_clock(before, fig)
    ):
        return None, e
    if (follow in "yY-" and _AGE_AFTER.match(text, e)) or ctx.is_age_before(before):
        return make_mention(p, e, "age", _num(fig), attrs={}), e
    if ctx.is_label_before(before) or ctx.is_month_adjacent(text, before, e, fig):
        return None, e
    return quantity(text, p, e, fig, _parse_figure(fig), before=before, follow=follow)


def _leading_decimal(text: str, p: int) -> tuple[Mention | None, int]:
    """A decimal written without its leading zero: ".08"."""
    fm = FIGURE.match(text, p)
    assert fm is not None
    fig = "." + fm.group()
    if not fm.group().isdigit() or (fm.end() < len(text) and text[fm.end()].isalnum()):
        return None, fm.end()
    return quantity(text, p - 1, fm.end(), fig, (float(fig), precision_of(fig)))


def _glued(text: str, p: int, fig: str, e: int) -> tuple[Mention | None, int]:
    """Letters glued after digits: ordinals, scales ($2.3bn), glued units, or a label."""
    om = _ORDINAL_SUFFIX.match(text, e)
    if om and "." not in fig:
        v = _num(fig)
        return make_mention(p, om.end(), "ordinal", v, low=v, high=v), om.end()
    sm = SCALE.match(text, e)
    if sm and ((sm.group(1) or "").lower() != "m" or _m_is_million(text, p, fig, sm.end())):
        return quantity(text, p, e, fig, _parse_figure(fig), glued_million=True)
    if text[e] == "s" and not text[e + 1:e + 2].isalpha():
        return None, e + 1                               # the 1990s: temporal's
    tm = _TIME_SUFFIX.match(text, e)
    if tm:
        return None, tm.end()
    um = _GLUED_UNIT.match(text, e)
    if um:
        v = _num(fig)
        unit = um.group().lower()
        return make_mention(p, um.end(), "count", v, low=v, high=v, unit=unit), um.end()
    end = e
    while end < len(text) and text[end].isalnum():
        end += 1
    return None, end                                     # 4G, 3D, 10x: a label


def _m_is_million(text: str, p: int, fig: str, end: int) -> bool:
    """"£600m", "1.4m", "100m viewers": millions; a bare "100m" is metres."""
    if ctx.currency_before(text, p)[0] or "." in fig:
        return True
    found = unit_after(text, end)
    return bool(found) and is_plural(found[0].split()[0])


@functools.lru_cache(maxsize=4096)
def _parse_figure(fig: str) -> tuple[float, float]:
    """(value, precision) of a written figure like "30,000" or "1.5". Cached: the same
    figures ("2", "10", "2016") recur throughout a corpus."""
    plain = plain_digits(fig)
    return float(plain), precision_of(plain)


def _num(fig: str) -> int | float:
    v = float(plain_digits(fig))
    return int(v) if v.is_integer() else v


# ---------------------------------------------------------------- words


def _at_words(text: str, p: int) -> tuple[Mention | None, int]:
    first = _first_word(text, p)
    if first is not None and first not in _WORD_STARTS:
        return None, p + 1                               # "through", "third", "tennis"
    if first == "one" and text[p + 3:p + 4] not in _PHRASE_SPACES:
        return None, p + 1                               # "one" alone: the pronoun
    vm = _VAGUE.match(text, p) if first is None or first in _VAGUE_STARTS else None
    if vm:
        phrase = vm.group()
        low, high = vague_interval(phrase) or (None, None)
        if low is None:
            return None, vm.end()
        found = unit_after(text, vm.end(), after_vague=True)
        end = unit_end(text, vm.end(), found, after_vague=True)
        attrs: dict[str, object] = {"vague": " ".join(phrase.lower().split())}
        if found:
            attrs["unit_head"] = found[1]
        mention = make_mention(p, end, "count", representative(low, high), "vague", low, high,
                        found[0] if found else None, attrs)
        return mention, vm.end()
    wm = NUMBER_WORDS.match(text, p)
    if not wm:
        return None, p + 1
    phrase, e = wm.group(), wm.end()
    low_phrase = phrase.lower()
    if low_phrase in ("one", "zero"):
        return None, e                                   # the pronoun, not a count
    value = value_of_words(low_phrase)
    if _AGE_AFTER.match(text, e):
        return make_mention(p, e, "age", value), e
    if _HYPHEN_WORD.match(text, e):
        return None, e                                   # three-day, two-thirds
    precision = ctx.word_precision(value)
    dm = _DOZENS_AFTER.match(text, e)
    if dm:                                               # "three dozens"
        value, e = value * 12, dm.end()
        precision = precision_of(str(int(value))) if value.is_integer() else 1.0
    return quantity(text, p, e, phrase, (value, precision), spelled=True)


def _first_word(text: str, p: int) -> str | None:
    """The lower-cased run of ASCII letters at `p`, or None when a non-ASCII character
    ends it (or it is empty): `_VAGUE` is case-insensitive, and there "ſ" matches "s"."""
    e = p
    n = len(text)
    while e < n and text[e] in _ASCII_LETTERS:
        e += 1
    if e == p or (e < n and not text[e].isascii()):
        return None
    return text[p:e].lower()


def _at_line_start(text: str, p: int) -> bool:
    """Only blanks between the line's start and `p`, within 20 characters: a list item.
    Reads at most those 20 characters (a text on one huge line stays linear)."""
    newline = text.rfind("\n", max(0, p - 20), p)
    if newline < 0 and p >= 20:
        return False
    return not text[newline + 1:p].strip()


