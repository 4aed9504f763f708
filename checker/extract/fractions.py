"""Fractions and shares: "two-thirds of voters", "a quarter of a million", "one in four",
"three and a half", "3/4", "2½", "one over three", "two point five".

A share ("one in four", "a third of the staff") is its own kind, `share`, valued as the
ratio (0.25), and is never compared as a count. A fraction of a scale ("a quarter of a
million troops", "half a million") or a mixed number ("three and a half miles") is a
figure like any other: 250,000 and 3.5, never 1,000,000 or 3.

Every reader here is called right after a number (or a fraction word) and starts with a
first-character test, so text without fractions pays almost nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.extract.numwords import (
    DENOMINATORS,
    NUMBER_WORDS,
    ORDINAL_ALL,
    ORDINAL_SCALES,
    ORDINAL_UNITS,
    SCALES,
    TEENS,
    TENS,
    UNITS,
    ZERO_WORDS,
    value_of_words,
)

_SP = r"[ \t\u00a0]"
_ALPHA = re.compile(r"[A-Za-z]+")
_JOIN = re.compile(rf"{_SP}*-{_SP}*|{_SP}+")   # "two thirds", "two-thirds", "five - eighths"
_SCALE_AFTER = re.compile(
    rf"(?:{_SP}+of{_SP}+(?:an?|one){_SP}+|{_SP}+|{_SP}*-{_SP}*)"
    r"(million|billion|trillion|thousand|hundred|lakh|crore)\b", re.IGNORECASE
)
_SCALE_VALUE = {**{k: float(v) for k, v in SCALES.items()}, "hundred": 100.0,
                "lakh": 1e5, "crore": 1e7}
_MIXED = re.compile(rf"(?:{_SP}+|-)and(?:{_SP}+|-)(?:(an?|one)(?:{_SP}+|-))?", re.IGNORECASE)
_RATIO = re.compile(rf"{_SP}+(in|out{_SP}+of|over){_SP}+(?=[A-Za-z0-9])", re.IGNORECASE)
_POINT = re.compile(rf"{_SP}+point{_SP}+", re.IGNORECASE)
_DIGIT_WORDS = {**{k: v for k, v in UNITS.items()}, "nought": 0, "naught": 0, "oh": 0}
_SLASH = re.compile(r"(\d{1,3})/(\d{1,3})(?![\d/])")
_MIXED_SLASH = re.compile(rf"{_SP}+(\d{{1,2}})/(\d{{1,2}})(?![\d/])")
VULGAR = {"¼": 0.25, "½": 0.5, "¾": 0.75, "⅐": 1 / 7, "⅑": 1 / 9, "⅒": 0.1, "⅓": 1 / 3,
          "⅔": 2 / 3, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6,
          "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
VULGAR_CHARS = re.compile("[" + "".join(VULGAR) + "]")
_DENOMINATOR_SLASH = frozenset((2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100))
_NEXT_FIRST = frozenset(" \t\u00a0-")
_TIME_WORDS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years decade
decades century centuries night nights
""".split())


class Fraction(NamedTuple):
    """A fraction read after a number: its value, where it ends, whether it is a share."""
    value: float
    end: int
    share: bool           # a ratio of something (kind `share`), not a figure of its own
    scale: float = 0.0    # "a quarter of a million": the scale it was a fraction of


_NEXT_WORD = re.compile(rf"{_SP}*(?:-{_SP}*)?([A-Za-z]+)")
# The words after a number that may make it a fraction (see `after_number`).
TRIGGERS = frozenset((*DENOMINATORS, *ORDINAL_ALL, *TENS, "and", "in", "out", "over",
                       "point"))


def next_word(text: str, e: int) -> str:
    """The lower-cased word after `e` (over spaces and one hyphen), "" when none."""
    m = _NEXT_WORD.match(text, e)
    return m.group(1).lower() if m else ""


_RATIO_WORDS = frozenset(("in", "out", "over"))
_AFTER_RATIO = re.compile(rf"{_SP}+(?:in|out{_SP}+of|over){_SP}+([0-9]|[A-Za-z]+)", re.IGNORECASE)
_NUMBER_WORD_STARTS = frozenset((*UNITS, *TEENS, *TENS, "a", "an", "one", "zero", "hundred"))


def _number_follows(text: str, e: int) -> bool:
    """A figure or a number word right after "in", "out of" or "over"."""
    m = _AFTER_RATIO.match(text, e)
    return m is not None and (m.group(1).isdigit() or m.group(1).lower() in _NUMBER_WORD_STARTS)


def word_at(text: str, pos: int) -> tuple[str | None, int]:
    """The lower-case word at `pos` and its end, or (None, pos)."""
    m = _ALPHA.match(text, pos)
    return (m.group().lower(), m.end()) if m else (None, pos)


def ordinal_at(text: str, pos: int) -> tuple[float, int, bool, bool] | None:
    """(value, end, plural, compound) of an ordinal or fraction word at `pos`: "fifth",
    "fifths", "quarter", "twenty-first", "hundredths"; None when there is none."""
    word, end = word_at(text, pos)
    if word is None:
        return None
    if word in TENS and end < len(text) and text[end] in " -\u00a0":
        unit, unit_end = word_at(text, end + 1)
        if unit is not None:
            single = unit[:-1] if unit.endswith("s") else unit
            if single in ORDINAL_UNITS:
                return TENS[word] + ORDINAL_UNITS[single], unit_end, unit != single, True
    if word in ORDINAL_ALL:
        return float(ORDINAL_ALL[word]), end, False, False
    if word in DENOMINATORS:
        return float(DENOMINATORS[word]), end, word.endswith(("s", "halves")), False
    return None


def after_number(text: str, e: int, value: float,
                 tokens: list[str] | None, following: str | None = None) -> Fraction | None:
    """What follows a number (`tokens`: its words, lower case, None for digits) that
    makes it a fraction: "three fifths", "one-third", "three and a half", "one in four",
    "one over three", "two point five". None when nothing does. `following` is
    `next_word(text, e)` when the caller has it."""
    c = text[e:e + 1]
    if c not in _NEXT_FIRST:
        return None
    word = next_word(text, e) if following is None else following
    if word not in TRIGGERS:
        return None
    if word in _RATIO_WORDS and not _number_follows(text, e):
        return None                      # "7 in the", "40 out of town": no second number
    m = _MIXED.match(text, e)
    if m is not None:
        return _mixed(text, m, value, tokens)
    if c != "-":
        m = _RATIO.match(text, e)
        if m is not None:
            return _ratio(text, m, value)
        if tokens is not None:
            m = _POINT.match(text, e)
            if m is not None:
                return _spoken_decimal(text, m.end(), value)
    m = _JOIN.match(text, e)
    return None if m is None else _ordinal_fraction(text, m.end(), value, tokens)


def _ordinal_fraction(text: str, at: int, value: float,
                      tokens: list[str] | None) -> Fraction | None:
    """An ordinal denominator at `at` after the number: "three fifths", "one-third",
    "two million and one half"; None for an ordinal that is not one ("twenty-fifth")."""
    found = ordinal_at(text, at)
    if found is None:
        return None
    denominator, end, plural, compound = found
    split = _split_at_and(tokens)
    if plural:
        if split is not None and split[1] < denominator:     # "one hundred and three quarters"
            return _with_scale(text, split[0], split[1] / denominator, end, split[2])
        numerator = value
        if tokens and not compound and len(tokens) >= 2 and tokens[-1] in TENS and (
            denominator < 10 and tokens[-2] != "and"
        ):                               # "one hundred thirty fifths": 100 / 35
            numerator = value_of_words(" ".join(tokens[:-1]))
            denominator += TENS[tokens[-1]]
        return _of_scale(text, numerator / denominator, end)
    if denominator in (1, 2) and not _is_half(text, at):
        return None                      # "one second", "twenty first": not fractions
    if tokens is not None and tokens[-1] in ("one", "a", "an"):
        if len(tokens) == 1:
            return _of_scale(text, 1 / denominator, end)
        if split is not None:            # "two million and one half"
            return _with_scale(text, split[0], 1 / denominator, end, split[2])
    return None                          # "twenty-fifth": an ordinal (see `ordinals`)


def _split_at_and(tokens: list[str] | None) -> tuple[float, float, str | None] | None:
    """(whole, numerator, last scale word of the whole) of "five billion and three": the
    number before its last "and" and the one after it."""
    if not tokens or "and" not in tokens[1:-1]:
        return None
    k = len(tokens) - 1 - tokens[::-1].index("and")
    whole, part = tokens[:k], tokens[k + 1:]
    if not whole or not part:
        return None
    try:
        return (value_of_words(" ".join(whole)), value_of_words(" ".join(part)),
                whole[-1] if whole[-1] in _SCALE_VALUE else None)
    except (KeyError, ValueError):
        return None


def _with_scale(text: str, whole: float, part: float, end: int,
                last_scale: str | None) -> Fraction:
    """A whole number and a fraction of it, scaled as it is written: "two and a half
    million" (2.5 million), "one billion and a half million" (1,000,500,000), "3 million
    and a half" (3.5 million)."""
    sm = _SCALE_AFTER.match(text, end)
    if sm is not None and "of" not in sm.group().lower():
        scale = _SCALE_VALUE[sm.group(1).lower()]
        value = (whole + part) * scale if whole < scale else whole + part * scale
        return Fraction(value, sm.end(), False, scale)
    if last_scale not in (None, "hundred") and whole >= _SCALE_VALUE[last_scale]:
        return Fraction(whole + part * _SCALE_VALUE[last_scale], end, False)
    return Fraction(whole + part, end, False)


def _is_half(text: str, pos: int) -> bool:
    return word_at(text, pos)[0] == "half"


def _of_scale(text: str, share: float, end: int) -> Fraction:
    """A fraction, scaled when a scale follows ("two thirds of a million")."""
    m = _SCALE_AFTER.match(text, end)
    if m is not None:
        scale = _SCALE_VALUE[m.group(1).lower()]
        return Fraction(share * scale, m.end(), False, scale)
    return Fraction(share, end, True)


def _mixed(text: str, m: re.Match[str], whole: float,
           tokens: list[str] | None) -> Fraction | None:
    """"three and a half", "5 and a quarter", "twenty and three fifths", "3 million and a
    half" (3.5 million), "one billion and a half million"."""
    lead = (m.group(1) or "").lower()
    pos = m.end()
    if not lead and tokens is None:
        return None                      # "stages 3 and 4 and two-fifths": not 4.4
    if lead:
        found = ordinal_at(text, pos)
        if found is None or found[2] or found[0] < 2:
            return None
        part, end = 1 / found[0], found[1]
    else:
        wm = NUMBER_WORDS.match(text, pos)
        if wm is None:
            return None
        numerator_words = wm.group().lower().split()
        j = _JOIN.match(text, wm.end())
        found = ordinal_at(text, j.end()) if j else None
        if found is None or not found[2]:
            return None
        last_scale = tokens[-1] if tokens else None
        if last_scale in ("hundred", "thousand", "million", "billion") and (
            len(numerator_words) > 1 or numerator_words[0] not in UNITS
        ):
            return None                  # "one hundred and thirty fifths": 130 / 5
        part, end = value_of_words(" ".join(numerator_words)) / found[0], found[1]
    last = tokens[-1] if tokens else None
    return _with_scale(text, whole, part, end, last if last in _SCALE_VALUE else None)


def _ratio(text: str, m: re.Match[str], first: float) -> Fraction | None:
    """"one in four", "9 out of 10", "one over three": a share (first / second)."""
    word = m.group(1).lower()
    pos = m.end()
    second = _number_at(text, pos)
    if second is None:
        return None
    value, end, written = second
    if value <= 0 or (written.isdigit() and len(written) == 4 and 1000 <= value <= 2100):
        return None                      # "3 in 2016": a year, not a share
    if word_at(text, _skip_spaces(text, end))[0] in _TIME_WORDS:
        return None                      # "$4 in five days", "one in 10 years"
    if word == "over":
        after = word_at(text, _skip_spaces(text, end))[0]
        if after is not None and after not in ("and", "or", "is", "equals", "but"):
            return None                  # "200 over 50 years": not a ratio
    elif first > value:
        return None
    return Fraction(first / value, end, True)


def _number_at(text: str, pos: int) -> tuple[float, int, str] | None:
    c = text[pos:pos + 1]
    if c.isdigit():
        m = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+").match(text, pos)
        assert m is not None
        if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] in "/:"):
            return None
        return float(m.group().replace(",", "")), m.end(), m.group()
    m = NUMBER_WORDS.match(text, pos)
    if m is None:
        return None
    return value_of_words(m.group().lower()), m.end(), m.group()


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def _spoken_decimal(text: str, pos: int, whole: float) -> Fraction | None:
    """"two hundred point zero three" (200.03), "point seventy-one" (.71)."""
    word, end = word_at(text, pos)
    if word in TEENS or word in TENS:
        wm = NUMBER_WORDS.match(text, pos)
        assert wm is not None
        digits = str(int(value_of_words(wm.group().lower())))
        return Fraction(whole + float("0." + digits), wm.end(), False)
    digits = ""
    while word in _DIGIT_WORDS:
        digits += str(_DIGIT_WORDS[word])
        pos = end
        nxt = re.compile(rf"{_SP}+").match(text, pos)
        if nxt is None:
            break
        word, end = word_at(text, nxt.end())
    if not digits:
        return None
    return Fraction(whole + float("0." + digits), pos, False)


def zero_phrase(text: str, p: int) -> Fraction | None:
    """"nought point five", "zero point zero eight": a decimal under one in words."""
    word, end = word_at(text, p)
    if word not in ZERO_WORDS:
        return None
    m = _POINT.match(text, end)
    return _spoken_decimal(text, m.end(), 0.0) if m else None


def slash_at(text: str, p: int) -> Fraction | None:
    """"3/4", "1/40" at `p`: a proper fraction with a usual denominator (not "9/11", "24/7",
    "50/50"), or None."""
    m = _SLASH.match(text, p)
    if m is None:
        return None
    numerator, denominator = int(m.group(1)), int(m.group(2))
    if not 0 < numerator < denominator or (
        denominator not in _DENOMINATOR_SLASH and denominator % 10
    ):
        return None
    if p >= 1 and text[p - 1] in "/.":
        return None
    return _of_scale(text, numerator / denominator, m.end())


def mixed_slash(text: str, e: int, whole: float) -> Fraction | None:
    """"2 1/2" after a whole number ending at `e`; "2½" (a vulgar fraction glued)."""
    c = text[e:e + 1]
    if c in VULGAR:
        return Fraction(whole + VULGAR[c], e + 1, False)
    m = _MIXED_SLASH.match(text, e)
    if m is None:
        return None
    numerator, denominator = int(m.group(1)), int(m.group(2))
    if not 0 < numerator < denominator or denominator not in _DENOMINATOR_SLASH:
        return None
    return Fraction(whole + numerator / denominator, m.end(), False)


def scale_value(word: str) -> float:
    """The value of a scale word ("million" -> 1e6)."""
    return _SCALE_VALUE[word.lower()]


__all__ = [
    "Fraction", "ORDINAL_SCALES", "VULGAR", "VULGAR_CHARS", "after_number", "mixed_slash",
    "ordinal_at", "scale_value", "slash_at", "word_at", "zero_phrase",
]
