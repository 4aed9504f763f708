"""Spelled-out English numbers: "thirty", "twenty-one", "one hundred and twenty",
"a dozen", "half a million", "two and a half million".

Shared by the number finder and the temporal finder ("thirty years ago"), so both read
the same phrases the same way. `NUMBER_WORDS_RE` is a regex *source* without flags: every
word is written with a case class on its first letter ("[Tt]wo"), so it works with or
without re.IGNORECASE. It never matches a bare "a"/"an"/"half" without a number word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}


def _ci(word: str) -> str:
    """'two' -> '[Tt]wo': case-tolerant first letter without needing re.IGNORECASE."""
    return f"[{word[0].upper()}{word[0]}]{word[1:]}"


def _alt(words: Iterable[str]) -> str:
    # Longest first so "seventeen" is tried before "seven".
    return "(?:" + "|".join(_ci(w) for w in sorted(words, key=len, reverse=True)) + ")"


_S = r"[ \t\u00a0]+"          # spaces inside a phrase (no line breaks)
_UNIT = _alt(k for k in UNITS if k != "zero")
_ORDINAL_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_ORDINAL_TAIL = rf"(?!-{_alt(_ORDINAL_UNITS)})"   # "seventy-fifth" is an ordinal, not 70
_SMALL = (
    rf"(?:{_alt(TENS)}(?:(?:-|{_S}){_UNIT}\b)?{_ORDINAL_TAIL}|{_alt(TEENS)}|{_UNIT}|{_ci('zero')})\b"
)
_A = r"[Aa]n?"
_HUNDRED = rf"(?:(?:{_SMALL}|{_A}){_S}{_ci('hundred')}\b(?:{_S}(?:{_ci('and')}{_S})?{_SMALL})?)"
_BELOW_THOUSAND = rf"(?:{_HUNDRED}|{_SMALL})"
_SCALE = _alt(SCALES) + r"\b"
_AND_HALF = rf"(?:{_S}{_ci('and')}{_S}[Aa]{_S}{_ci('half')})"
_SCALED = (
    rf"(?:{_BELOW_THOUSAND}|{_A}){_AND_HALF}?{_S}{_SCALE}"
    rf"(?:,?{_S}(?:{_ci('and')}{_S})?{_BELOW_THOUSAND}(?:{_S}{_SCALE})?)*"
)
_HALF = rf"(?:{_ci('half')}(?:{_S}{_A})?{_S}(?:{_SCALE}|{_ci('dozen')}\b|{_ci('hundred')}\b))"
_DOZEN = rf"(?:(?:{_SMALL}|{_A}|{_ci('half')}(?:{_S}[Aa])?){_S}{_ci('dozen')}\b)"

NUMBER_WORDS_RE: str = rf"\b(?:{_HALF}|{_SCALED}|{_DOZEN}|{_BELOW_THOUSAND})"

NUMBER_WORDS = re.compile(NUMBER_WORDS_RE)  # compiled once: the biggest pattern we have
_TOKEN = re.compile(r"[a-z]+")
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_SMALL_WORDS = frozenset((*UNITS, *TEENS, *TENS))
_NONZERO_UNITS = frozenset(k for k in UNITS if k != "zero")
# The words that may go on with a number word after spaces ("two hundred", "six million",
# "three and a half", "twenty one"), first letter in either case.
_GOES_ON = frozenset(("hundred", "thousand", "million", "billion", "trillion", "dozen", "and"))
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")


def match_number_words(text: str, pos: int, word: str | None) -> tuple[str, int] | None:
    """(phrase, end) of `NUMBER_WORDS.match(text, pos)`, or None. `word` is the run of
    ASCII letters at `pos`, lower-cased (None when unknown). Most number words stand alone
    ("two people", "six."): one that nothing after it can continue is read without the
    pattern, which tries every form of phrase before settling on the word."""
    if word in _SMALL_WORDS:
        end = pos + len(word)
        written = text[pos:end]
        before = text[pos - 1:pos]
        after = text[end:end + 1]
        if written[1:] == word[1:] and not (before.isalnum() or before == "_") and not (
            after.isalnum() or after == "_"
        ) and after != "-":
            if after not in " \t\u00a0":
                return written, end
            m = _NEXT_WORD.match(text, end)
            if m is None:
                return written, end
            following = m.group(1)
            following = following[0].lower() + following[1:]
            if following not in _GOES_ON and not (word in TENS and following in _NONZERO_UNITS):
                return written, end
    m = NUMBER_WORDS.match(text, pos)
    return None if m is None else (m.group(), m.end())


def words_to_number(phrase: str) -> float | None:
    """Value of a spelled-out number phrase, or None when `phrase` is not one."""
    phrase = phrase.strip().lower()  # lower-cased, the pattern reads "TWENTY" as well
    if not phrase or not NUMBER_WORDS.fullmatch(phrase):
        return None
    return value_of_words(phrase)


@functools.lru_cache(maxsize=4096)
def value_of_words(phrase: str) -> float:
    """Value of a lower-case phrase already matched by `NUMBER_WORDS_RE` (the number
    finder's hot path: no second validation)."""
    tokens = _TOKEN.findall(phrase)
    total = 0.0
    current = 0.0
    pending_half = False   # "half a million": the next multiplier applies to 0.5
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TEENS:
            current += TEENS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in ("a", "an"):
            if not pending_half:
                current += 1
        elif tok == "half":
            if i > 0 and tokens[i - 1] == "a":      # "two and a half": +0.5 of what follows
                current += 0.5 - 1                   # undo the "a" counted as 1
            else:
                pending_half = True
                current = 0.5
        elif tok in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[tok]
        elif tok in SCALES:
            total += (current or 1) * SCALES[tok]
            current = 0.0
        i += 1
    value = total + current
    return float(value)


# ----------------------------------------------------------------- ordinals, fractions

ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "nineth": 9}
ORDINAL_WORDS: dict[str, float] = {
    **ORDINAL_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORDINAL_SCALES = {"hundredth": 100.0, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9,
                  "trillionth": 1e12}
ORDINAL_ALL = {**ORDINAL_WORDS, **ORDINAL_SCALES}
# The words a fraction is counted in ("two thirds", "a quarter"), singular and plural:
# every ordinal from "third" on, plus "half" and "quarter" ("first" and "second" never are).
DENOMINATORS: dict[str, float] = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
for _word, _value in ORDINAL_ALL.items():
    if _value >= 3:
        DENOMINATORS[_word] = _value
        DENOMINATORS[_word + "s"] = _value
ZERO_WORDS = frozenset(("zero", "nought", "naught", "oh"))
