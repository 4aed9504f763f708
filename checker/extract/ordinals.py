"""Spelled-out ordinals and lone fraction words: "the country's ninth prime minister",
"the second most intense", "twenty-first", "a third of the staff", "half the troops",
"a quarter of a million".

An ordinal is a rank (kind `ordinal`, its value the rank), so a rule can compare ranks;
it is never compared as a count. A fraction word with nothing countable before it is a
share ("a third of", "more than half"), or, before a scale, a figure ("a quarter of a
million" is 250,000). Idioms are left alone: "at first", "a split second", "the second
half", "half-time", "first-hand".
"""

from __future__ import annotations

import re

from checker.extract.fractions import Fraction, ordinal_at, word_at
from checker.extract.mention import Mention
from checker.extract.numwords import DENOMINATORS, ORDINAL_ALL

_SP = " \t\u00a0"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SCALE_AFTER = re.compile(
    r"(?:[ \t\u00a0]+of[ \t\u00a0]+(?:an?|one)[ \t\u00a0]+|[ \t\u00a0]+|[ \t\u00a0]*-[ \t\u00a0]*)"
    r"(million|billion|trillion|thousand|lakh|crore)\b", re.IGNORECASE
)
# Ordinal and fraction words read without a regex (the finder already has the word).
_SIMPLE: dict[str, float] = {**{w: float(v) for w, v in DENOMINATORS.items()},
                             **{w: float(v) for w, v in ORDINAL_ALL.items()}}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
           "crore": 1e7}
# After "half" or "a third": the words that make it a share of something.
_SHARE_NEXT = frozenset(
    "of the its their his her our your my all those these that this them us".split()
)
_RANK_AFTER_HYPHEN = ("est", "placed", "ranked", "seeded", "largest", "most", "highest")
# "second" is a time unit after these ("a split second", "per second").
_TIME_BEFORE = frozenset("a per every each split one nano milli micro same".split())
_NOT_ORDINAL_BEFORE = frozenset(("at", "to"))       # "at first", "to second a motion"
# What "first" and "second" need before them to be ranks ("the first woman", "finished
# second"); alone they are mostly adverbs ("First, the council met").
_RANK_LEADS = frozenset("""
the a an its their his her our my your this that whose which every each finished came placed
ranked ranks rank was is were are be been comes come finish finishes world nation country
""".split())
_LEADS = frozenset(("a", "an", "one"))
_QUALIFIER_LAST = frozenset(
    "than nearly almost about around roughly some over under least just well barely".split()
)


def at_ordinal_word(text: str, p: int,
                    first: str | None = None) -> tuple[Mention | Fraction | None, int]:
    """The ordinal, share or scaled fraction at the word at `p` (see the module doc);
    (None, end of the word) when it is none of them. A Fraction comes back for a figure
    ("a quarter of a million"), for the caller to read its tail (unit, qualifier).
    `first`: the lower-cased word at `p`, when the caller has it."""
    if first is not None and first in _SIMPLE:
        end = p + len(first)
        found: tuple[float, int, bool, bool] | None = (
            _SIMPLE[first], end, first.endswith("s") and first not in ORDINAL_ALL, False
        )
    else:
        found = ordinal_at(text, p)
    if found is None:
        return None, p + 1
    value, end, plural, compound = found
    word = text[p:end].lower()
    if plural or (end < len(text) and text[end].isalpha()):
        return None, end
    lead_start, lead = _word_before(text, p)
    nxt = _next_word(text, end)
    is_half = word == "half"
    is_quarter = word == "quarter"
    if is_half or is_quarter or (lead in _LEADS and (word in DENOMINATORS or compound)):
        if lead == "and" or (lead is not None and lead in ORDINAL_ALL):
            return None, end                        # "and a half", "the second half"
        start = lead_start if lead in _LEADS else p
        sm = _SCALE_AFTER.match(text, end)
        if sm is not None:
            scale = _SCALES[sm.group(1).lower()]
            return Fraction(scale / value, sm.end(), False, scale), start
        if is_quarter and lead not in _LEADS:
            return None, end                        # "the third quarter of 2004"
        hyphenated = end < len(text) and text[end] == "-"
        share_next = nxt is None or nxt in _SHARE_NEXT
        if not hyphenated and (share_next or (is_half and _qualified(text, start))):
            return _share(start, end, 1 / value), end
        if is_half or is_quarter or lead not in ("a", "an"):
            return None, end
    return _ordinal(text, p, end, word, value, compound, lead, nxt), end


def _ordinal(text: str, p: int, end: int, word: str, value: float, compound: bool,
             lead: str | None, nxt: str | None) -> Mention | None:
    if lead in _NOT_ORDINAL_BEFORE:
        return None
    if word in ("first", "second") and not (lead in _RANK_LEADS or _possessive(text, p)):
        return None                                 # "First, ...", "Second, they said"
    if word == "second" and (lead in _TIME_BEFORE and (nxt is None or nxt in ("of", "and"))
                             or nxt in ("hand", "guess")):
        return None
    if end < len(text) and text[end] == "-" and not compound:
        after, _ = word_at(text, end + 1)
        if after is None or not after.endswith(_RANK_AFTER_HYPHEN):
            return None                             # "first-hand", "third-party"
    if word == "first" and nxt == "of" and text[end:end + 8].lower().split()[:2] == ["of", "all"]:
        return None
    v = int(value)
    return Mention(p, end, "ordinal", v, low=float(v), high=float(v), attrs={"spelled": True})


def _possessive(text: str, p: int) -> bool:
    """"the country's first": a possessive right before `p`."""
    j = p
    while j > 0 and text[j - 1] in _SP:
        j -= 1
    return j >= 2 and text[j - 1] in "sS" and text[j - 2] in "'’" or (
        j >= 1 and text[j - 1] in "'’" and j >= 2 and text[j - 2] in "sS"
    )


def _share(start: int, end: int, value: float) -> Mention:
    return Mention(start, end, "share", value, low=value, high=value, attrs={})


def _qualified(text: str, start: int) -> bool:
    """"more than half", "nearly half": a qualifier right before makes "half" a share."""
    _, word = _word_before(text, start)
    return word in _QUALIFIER_LAST


def _word_before(text: str, p: int) -> tuple[int, str | None]:
    head = text[max(0, p - 24):p]
    spaced = head.rstrip(_SP)
    if len(spaced) == len(head) or not spaced or not spaced[-1].isalpha():
        return p, None
    rest = spaced.rstrip(_LETTERS)
    return p - len(head) + len(rest), spaced[len(rest):].lower()


_NEXT = re.compile(r"[ \t\u00a0]*([A-Za-z]*)")


def _next_word(text: str, end: int) -> str | None:
    m = _NEXT.match(text, end)
    if m.end(0) == end and text[end:end + 1] != "-" and end < len(text):  # type: ignore[union-attr]  # _NEXT always matches
        return None
    return (m.group(1).lower() or None) if m else None
