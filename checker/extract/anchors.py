"""Where a number may start: the one pass of the number finder over the whole text.

Why this shape: a regex that starts with a character class or a case-insensitive
alternation runs at a few MB/s in Python's `re`; one that starts with a literal runs at
hundreds. So the text is first mapped, byte for byte (same offsets), to two skeletons:
one where every digit is "0" and everything else a space, one where letters are
lower-cased and everything else is a space. Digit runs are then the literal "0", and
number words a literal space followed by a short trie. Non-ASCII characters become
spaces in both, which only ever adds candidates that the caller checks on the real text.
"""

from __future__ import annotations

import re

_DIGIT_SKELETON = bytes(
    ord("0") if chr(b).isdigit() and b < 128 else ord(" ") for b in range(256)
)
_WORD_SKELETON = bytes(
    ord(chr(b).lower()) if chr(b).isalpha() and b < 128 else ord(" ") for b in range(256)
)
_DIGIT_RUN_START = re.compile(rb"0(?<!00)")   # "0+" would lose the literal prefix
# The beginnings of number words, after a non-letter: "one" ... "twelve", "three",
# "thir(teen|ty|d)", "fift(een|y|h)", "twen(ty)", "fort(y|ieth)", "dozen", the scale
# words, "scores of", the ordinals "first", "second", "ninth", "twelfth" (the others start
# like their numbers), the fraction words "half" and "quarter", and "zero", "nought",
# "naught". Words that only look like them are left out where the pattern can tell
# cheaply: "through", "tennis", "seconds", "forthcoming", "quarters", and "one of ",
# which is always the pronoun.
# Branches are grouped by first letter: `re` tries each branch at every space.
_WORD_START = re.compile(
    rb" (?:t(?:wo|hree|en(?:ths?|s)?(?![a-z])|wel|wen|hir|rillion|housand)"
    rb"|f(?:our|ive|ift|ort(?:y|ie)|irst)"
    rb"|s(?:ix|even|cores of|econd(?![a-z]))|e(?:ight|leven)|n(?:in(?:e|th)|ought|aught)"
    rb"|one(?! of )|dozen|h(?:undred|alf)|million|billion|quarter(?!s)|zero)"
)


def _ascii_bytes(text: str) -> bytes:
    """`text` as one byte per character (non-ASCII -> "?"), so offsets do not move."""
    if text.isascii():
        return text.encode("ascii")
    return text.encode("ascii", "replace")


def number_anchors(text: str, zeroed: bytes | None = None) -> list[int]:
    """Sorted offsets where a number may start: the first digit of every run of ASCII
    digits, and every number word that follows a non-letter.

    `zeroed`: `temporal_scan.zeroed(text)`, when the caller has it: there too "0" stands
    for an ASCII digit and for nothing else, and the word skeleton drops digits anyway,
    so both skeletons' anchors are the same from it, one encoding and translation fewer."""
    if zeroed is None:
        raw = _ascii_bytes(text)
        digits = raw.translate(_DIGIT_SKELETON)
    else:
        raw = digits = zeroed
    found = [m.start() for m in _DIGIT_RUN_START.finditer(digits)]
    words = b" " + raw.translate(_WORD_SKELETON)   # the leading space: a word at offset 0
    for m in _WORD_START.finditer(words):
        p = m.start()                              # the space is at p, the word at p + 1
        if p and text[p - 1].isalpha():
            continue                               # after a non-ASCII letter ("éight")
        if words[p + 1] == 115 and words[p + 2] == 99 and text[p + 6] != " ":  # "sc"
            continue                               # "scores of" only with a plain space
        found.append(p)
    found.sort()
    return found
