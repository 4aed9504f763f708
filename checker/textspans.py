"""Sentence and paragraph boundaries of a text, as character offsets.

Shared by extraction (a claim's quote) and rule selection (context windows), so both
agree on what "the sentence" of a claim is.
"""

from __future__ import annotations

import bisect
import re

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote; or at a line break.
_SENTENCE_END = re.compile(
    r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n"""
)
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr ms mrs dr st no sir prof gen col rev jr sr vs etc inc ltd co lt sgt capt gov sen"
    " rep hon fig vol art p pp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD_BEFORE = re.compile(r"(\w+)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class TextSpans:
    """Sentence and paragraph spans of one text, with O(log n) lookup by offset."""

    __slots__ = ("text", "sentences", "paragraphs", "_sent_starts", "_para_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = _split(text, _SENTENCE_END)
        self.paragraphs = _split(text, _PARAGRAPH_BREAK)
        self._sent_starts = [s for s, _ in self.sentences]
        self._para_starts = [s for s, _ in self.paragraphs]

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)

    def paragraph_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(offset)] if self.sentences else (0, 0)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        return self.paragraphs[self.paragraph_index(offset)] if self.paragraphs else (0, 0)

    def window(self, offset: int, sentences_around: int) -> tuple[int, int]:
        """The span of the sentence at `offset` plus N sentences either side."""
        if not self.sentences:
            return (0, len(self.text))
        i = self.sentence_index(offset)
        lo = max(0, i - sentences_around)
        hi = min(len(self.sentences) - 1, i + sentences_around)
        return (self.sentences[lo][0], self.sentences[hi][1])

    def quote(self, offset: int) -> str:
        s, e = self.sentence_at(offset)
        return self.text[s:e].strip()


def _split(text: str, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in boundary.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        end = m.end()
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial ("J.")."""
    w = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not w:
        return False
    word = w.group(1)
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    # Trim surrounding whitespace so spans start at the first visible character.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
