"""Numbers in words, at an anchor of the number finder: "thirty", "a quarter of a million",
"tens of thousands", "two-thirds", "three and a half", "one in four", "the ninth",
"minus forty", "nought point five".

A lone "one" or "zero" is the pronoun or an idiom ("one of the", "zero tolerance"), not a
count; "one" still starts a share ("one in four", "one-third") or a fraction.
"""

from __future__ import annotations

import re

from checker.extract import fractions, ordinals
from checker.extract import numbers_context as ctx
from checker.extract.intervals import precision_of, representative, vague_interval
from checker.extract.mention import Mention
from checker.extract.numwords import (
    DENOMINATORS,
    ORDINAL_ALL,
    ORDINAL_SCALES,
    SCALES,
    TEENS,
    TENS,
    UNITS,
    ZERO_WORDS,
    match_number_words,
    value_of_words,
)
from checker.extract.quantity import make_mention, quantity, share_mention, signed_interval
from checker.extract.units import unit_after

_VAGUE = re.compile(
    r"(?:(?:tens|hundreds)[ \t]+of[ \t]+(?:thousands|millions)|dozens|hundreds|thousands"
    r"|millions|billions|scores(?=[ \t]+of\b)|(?:several|a[ \t]+few)[ \t]+"
    r"(?:hundred|thousand|million)(?!s))\b",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"[- ]years?[- ]old\b", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"[-–][A-Za-z]")
_DOZENS_AFTER = re.compile(r"[ \t]+(?:dozens|dzs|dozs)\b", re.IGNORECASE)
_PHRASE_SPACES = frozenset(" \t\u00a0")  # what may join "one" to "hundred" in NUMBER_WORDS
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND_JOIN = re.compile(r"[ \t\u00a0]+|-")
# The first word of every phrase `_VAGUE` and `NUMBER_WORDS` can match: a number phrase's
# first word is whole (a space, "-" or a non-word character follows it), so a word
# outside these sets rules both regexes out without running them.
_VAGUE_STARTS = frozenset(
    "tens hundreds dozens thousands millions billions scores several a".split()
)
_NUMBER_STARTS = _VAGUE_STARTS | frozenset(
    (*UNITS, *TEENS, *TENS, *SCALES, "zero", "a", "an", "half", "hundred", "dozen")
)
_ORDINAL_STARTS = frozenset((*ORDINAL_ALL, *DENOMINATORS))
WORD_STARTS = _NUMBER_STARTS | _ORDINAL_STARTS | ZERO_WORDS
_SCALE_ENDS = frozenset(("hundred", "thousand", "million", "billion", "trillion"))
_SIGN_WORDS = frozenset(("minus", "negative"))
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")
_INDIAN_SCALE = re.compile(r"[ \t\u00a0]+(lakhs?|lacs?|crores?)\b", re.IGNORECASE)
_INDIAN = {"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7}


def at_words(text: str, p: int) -> tuple[Mention | list[Mention] | None, int]:
    """The number phrase starting at `p` (after `numbers_context.scale_phrase_start`)."""
    first = _first_word(text, p)
    if first is not None and first not in WORD_STARTS:
        return None, p + 1                               # "through", "tennis"
    if is_lone_one(text, p, first) and not _minus_before(text, p):
        return None, p + 1                               # "one" alone: the pronoun
    if first in ZERO_WORDS:
        return _zero(text, p, first)
    vm = _VAGUE.match(text, p) if first is None or first in _VAGUE_STARTS else None
    if vm:
        return _vague(text, p, vm)
    wm = match_number_words(text, p, first) if first is None or first in _NUMBER_STARTS \
        else None
    if wm is None:
        return _ordinal_alone(text, p, first)
    return _number_phrase(text, p, *wm)


def _number_phrase(text: str, p: int, phrase: str,
                   e: int) -> tuple[Mention | list[Mention] | None, int]:
    """The number words `phrase` at `p:e` with what follows them: an ordinal, a sign, a
    lakh or crore, a fraction, an age, dozens; then `quantity` reads the rest."""
    following = fractions.next_word(text, e)
    lowered = phrase.lower()
    if lowered == "one" and following not in fractions.TRIGGERS and (
        following not in _ORDINAL_STARTS and following not in TENS
    ) and not _minus_before(text, p):
        return None, e                                   # "one of the": the pronoun
    tokens = lowered.split()
    value = value_of_words(lowered)
    if following in _ORDINAL_STARTS or following in TENS:
        ordinal = _compound_ordinal(text, p, e, value, tokens)
        if ordinal is not None:
            return ordinal, ordinal.end
    before = ctx.Before(text, p)
    sign, sign_start = (1, p) if before.lower not in _SIGN_WORDS else ctx.sign_before(
        text, p, before)
    im = _INDIAN_SCALE.match(text, e) if following[:2] in ("la", "cr") else None
    if im is not None:                                   # "three lakh", "6 crore"
        value, e, tokens = _indian_scale(text, im, value, tokens)
        phrase = text[p:e]
    fraction = None
    if following in fractions.TRIGGERS:
        fraction = fractions.after_number(text, e, value, tokens, following)
    if fraction is not None:
        if fraction.share:
            return share_mention(text, p if sign == 1 else sign_start, fraction, sign), fraction.end
        return quantity(text, p, fraction.end, phrase, (fraction.value, _precision(fraction)),
                        spelled=True, before=before, sign=sign,
                        sign_start=sign_start if sign == -1 else None)
    if tokens in (["one"], ["zero"]) and sign == 1:
        return None, e                                   # the pronoun, not a count
    if phrase[:1].isupper() and sign == 1 and in_a_name(text, p, e, before):
        return make_mention(p, e, "label", value, "exact", value, value,
                            attrs={"label": "name"}), e  # the Six Nations, BBC Two
    if _AGE_AFTER.match(text, e):
        return _age(text, p, e, value, before), e
    if _HYPHEN_WORD.match(text, e):
        return None, e                                   # three-day, two-thirds
    precision = ctx.word_precision(value)
    dm = _DOZENS_AFTER.match(text, e)
    if dm:                                               # "three dozens"
        value, e, precision = _dozens(tokens, value, dm)
    return quantity(text, p, e, phrase, (value, precision), spelled=True, before=before,
                    sign=sign, sign_start=sign_start if sign == -1 else None)


def in_a_name(text: str, p: int, e: int, before: ctx.Before) -> bool:
    """A capitalised number word inside a sentence that is part of a name: after a
    capitalised word ("BBC Two", "Channel Four", "the Big Four") or before one ("the Six
    Nations", "won Five Nations titles"). A number word opening a sentence or a quotation
    is capitalised for that alone ("Six men were held"), and in a headline in title case
    ("Crash Kills Two In Leeds") every word is: neither is a name."""
    word = before.word
    if not word or text[p:e].isupper() and e - p > 1:
        return False                     # a sentence's first word, or a line in capitals
    if not _name_word_before(text, before):
        nxt = _NEXT_WORD.match(text, e)
        if nxt is None or not nxt.group(1)[0].isupper():
            return False
    return not _title_case_line(text, p)


def _name_word_before(text: str, before: ctx.Before) -> bool:
    """Whether the word before the figure is capitalised as a name is: not a heading in
    capitals ("WEEK Three"), not a sentence's first word ("Only Two passengers")."""
    word = before.word or ""
    if not word[:1].isupper() or word.isupper() and len(word) > 3:
        return False
    at = before.word_start
    rest = text[max(0, at - 3):at].rstrip(" \t\u00a0")
    return bool(rest) and rest[-1] not in ".!?\"\u201c\u2018'(:\n"


_LINE_REACH = 150      # characters read either side of a figure for its line


def _title_case_line(text: str, p: int) -> bool:
    """Whether the line around `p` capitalises every word of four letters or more (a
    headline in title case; a sentence has some in lower case)."""
    lo, hi = max(0, p - _LINE_REACH), p + _LINE_REACH    # a text on one huge line
    newline = text.rfind("\n", lo, p)
    end = text.find("\n", p, hi)
    line = text[newline + 1 if newline >= 0 else lo:end if end >= 0 else hi]
    words = [w for w in _ASCII_WORD.findall(line) if len(w) > 3]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _ordinal_alone(text: str, p: int,
                   first: str | None) -> tuple[Mention | list[Mention] | None, int]:
    """No number phrase at `p`: an ordinal word ("third", "a hundredth"), else nothing."""
    if first in _ORDINAL_STARTS or first in TENS:
        return _ordinal_word(text, p, first)
    if first in ("a", "an"):                             # "a hundredth": from the next word
        nxt = _NEXT_WORD.match(text, p + len(first))
        if nxt is not None and nxt.group(1).lower() in _ORDINAL_STARTS:
            return _ordinal_word(text, nxt.start(1), nxt.group(1).lower())
    return None, p + 1


def _indian_scale(text: str, im: re.Match[str], value: float,
                  tokens: list[str]) -> tuple[float, int, list[str]]:
    """"three lakh", "6 crore", "three lakh crore": the value, its end, the tokens."""
    value, e = value * _INDIAN[im.group(1).lower()], im.end()
    cm = _INDIAN_SCALE.match(text, e)
    if cm is not None and cm.group(1).lower().startswith("crore") and value < 1e7:
        value, e = value * 1e7, cm.end()                 # "three lakh crore"
    return value, e, [*tokens, "crore" if value >= 1e7 else "lakh"]


def _dozens(tokens: list[str], value: float, dm: re.Match[str]) -> tuple[float, int, float]:
    """"three dozens", "three hundred and two dozens": the value, its end, precision."""
    split = tokens.index("and") if "and" in tokens[1:-1] else 0
    if split:                                            # "three hundred and two dozens"
        value = value_of_words(" ".join(tokens[:split])) + value_of_words(
            " ".join(tokens[split + 1:])) * 12
    else:
        value = value * 12
    return value, dm.end(), precision_of(str(int(value))) if value.is_integer() else 1.0


def _vague(text: str, p: int, vm: re.Match[str]) -> tuple[Mention | None, int]:
    phrase = vm.group()
    interval = vague_interval(phrase)
    if interval is None:
        return None, vm.end()
    low, high = interval
    found = unit_after(text, vm.end(), after_vague=True)
    end = found[2] if found else vm.end()
    attrs: dict[str, object] = {"vague": " ".join(phrase.lower().split())}
    if found:
        attrs["unit_head"] = found[1]
    return make_mention(p, end, "count", representative(low, high), "vague", low, high,
                        found[0] if found else None, attrs), vm.end()


def _ordinal_word(text: str, p: int,
                  first: str | None) -> tuple[Mention | list[Mention] | None, int]:
    """"ninth", "twenty-first", "a third of", "half the", "a quarter of a million"."""
    found, end = ordinals.at_ordinal_word(text, p, first)
    if isinstance(found, fractions.Fraction):
        return quantity(text, end, found.end, text[end:found.end],
                        (found.value, _precision(found)), spelled=True)
    if isinstance(found, Mention) and found.kind == "share":
        qualifier, qstart = ctx.qualifier_before(text, found.start)
        if qualifier != "exact" and qstart is not None:
            assert isinstance(found.value, int | float)  # a share's value is its ratio
            found.qualifier, found.start = qualifier, qstart
            found.low, found.high = signed_interval(float(found.value), qualifier, 0.0)
        return found, end
    return found, end


def _compound_ordinal(text: str, p: int, e: int, value: float,
                      tokens: list[str]) -> Mention | None:
    """"twenty fifth", "one hundred twenty-fifth", "two hundredth", "three trillionth": a
    cardinal ending in a tens or scale word, then a singular ordinal."""
    m = _COMPOUND_JOIN.match(text, e)
    if m is None:
        return None
    found = fractions.ordinal_at(text, m.end())
    if found is None or found[2]:
        return None
    ordinal, end, _, compound = found
    word = text[m.end():end].lower()
    if end < len(text) and text[end].isalpha():
        return None
    if word in ORDINAL_SCALES and not compound:
        rank = value * ordinal
    elif tokens[-1] in TENS or tokens[-1] in _SCALE_ENDS:
        if tokens[-1] in TENS and (compound or ordinal >= 10):
            return None                                  # "twenty twenty-fifth"
        rank = value + ordinal
    else:
        return None
    v = int(rank)
    return Mention(p, end, "ordinal", v, low=float(v), high=float(v), attrs={"spelled": True})


def _zero(text: str, p: int, first: str) -> tuple[Mention | list[Mention] | None, int]:
    """"nought point five" (0.5); "zero deaths" (a count of 0); a lone "zero", "nought"
    or "oh" is no claim."""
    fraction = fractions.zero_phrase(text, p)
    end = p + len(first)
    if fraction is not None:
        return quantity(text, p, fraction.end, text[p:fraction.end],
                        (fraction.value, _precision(fraction)), spelled=True)
    if first == "zero":
        found = unit_after(text, end)
        if found is not None:
            return make_mention(p, found[2], "count", 0, "exact", 0.0, 0.0, found[0],
                                {"unit_head": found[1], "precision": 1.0}), found[2]
    return None, end


def _age(text: str, p: int, e: int, value: float, before: ctx.Before) -> Mention:
    qualifier, qstart = ctx.qualifier_before(text, p, before)
    low, high = signed_interval(value, qualifier, 1.0)
    return make_mention(p if qstart is None else qstart, e, "age", value, qualifier, low, high)


def _precision(fraction: fractions.Fraction) -> float:
    """A fraction of a scale is as precise as a hundredth of the scale ("a quarter of a
    million": 10,000); a mixed number as its written decimals ("three and a half": 0.1)."""
    if fraction.scale:
        return fraction.scale / 100
    value = fraction.value
    if float(value).is_integer():
        return precision_of(str(int(value)))
    return precision_of(f"{value:.6g}")


def _first_word(text: str, p: int) -> str | None:
    """The lower-cased run of ASCII letters at `p`, or None when a non-ASCII character
    ends it (or it is empty): `_VAGUE` is case-insensitive, and there "ſ" matches "s"."""
    m = _ASCII_WORD.match(text, p)
    if m is None:
        return None
    e = m.end()
    if e < len(text) and not text[e].isascii():
        return None
    return m.group().lower()


def _minus_before(text: str, p: int) -> bool:
    """"minus" or "negative" right before `p` ("minus one")."""
    return text[max(0, p - 10):p].rstrip().lower().endswith(("minus", "negative"))


def is_lone_one(text: str, p: int, first: str | None) -> bool:
    """"one" not followed by a space or hyphen: the pronoun ("no one", "one's")."""
    return first == "one" and text[p + 3:p + 4] not in _PHRASE_SPACES and text[p + 3:p + 4] != "-"
