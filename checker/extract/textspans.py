"""Sentence and paragraph boundaries of a text, as character offsets.

Shared by extraction (a claim's quote) and rule selection (context windows), so both
agree on what "the sentence" of a claim is. Boundaries are found locally, around the
offsets asked about, so a long document with few claims costs little; the full lists
are built only when something asks for them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets and citation
# markers, "victims.[8] After") before whitespace and an upper-case letter, digit or
# opening quote; at a full stop glued to the next sentence ("flood.The"); or at a line
# break (unless the line is hard-wrapped: `TextSpans._line_break_ends`).
_CITATION = r"(?:\[(?:\d{1,3}|[a-z]|note[ \u00a0]?\d{1,3}|nb[ \u00a0]?\d{1,2}|citation needed)\])*"
# The pattern starts with one character class (the line break's branch is a look-behind
# after it), so `re` skips to the next candidate character in C instead of trying each
# branch at every position.
_SENTENCE_END = re.compile(
    r"""[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*["'\u201d\u2019)\]]*""" + _CITATION
    + r"""(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])"""
    + r"|(?<=[a-z]{3}[.!?])" + _CITATION + r"(?=[A-Z][a-z]))"
)
_TERMINATORS = frozenset(".!?\u2026")
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr ms mrs dr st no sir prof gen col rev jr sr vs etc inc ltd co lt sgt capt gov sen"
    " rep hon fig vol art p pp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD_REVERSED = re.compile(r"\w+")
assert max(map(len, _ABBREVIATIONS)) < 5  # `_is_abbreviation` relies on it
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LOOKBACK = 2000  # characters searched backwards for a paragraph break at a time
_RUN_CHARS = ".!?\u2026"
_LINE_END_STOPS = frozenset(".!?\u2026:;")
_CLOSERS = frozenset("\"'\u201d\u2019)]")
_BULLETS = frozenset("-*\u2022\u00b7\u2013\u2014>#|")
_WRAP_MAX = 120       # a hard-wrapped text has lines no longer than this
MAX_QUOTE = 1000   # characters: a longer sentence is quoted as a window around the claim
QUOTE_SIDE = 240   # characters kept either side of the claim in such a window


class TextSpans:
    """Sentence and paragraph spans of one text, found on demand."""

    __slots__ = ("text", "_sentences", "_paragraphs", "_sent_starts", "_para_starts", "_wrap")

    def __init__(self, text: str) -> None:
        self.text = text
        self._wrap: int | None = None    # the hard-wrap width, once known (0: not wrapped)
        self._sentences: list[tuple[int, int]] | None = None
        self._paragraphs: list[tuple[int, int]] | None = None
        self._sent_starts: list[int] = []
        self._para_starts: list[int] = []

    # -- local lookups (cheap) ----------------------------------------------------------
    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `offset`, whitespace trimmed."""
        return _trim(self.text, self._boundary_before(offset), self._boundary_after(offset))

    def sentence_bounds(self, offset: int, floor: int = 0) -> tuple[int, int, int]:
        """(start, end, boundary after) of the sentence holding `offset`: `sentence_at`
        plus the untrimmed boundary that ends the sentence.

        Why: callers walking a text in order (extraction quotes every claim) pass that
        boundary back as `floor` for the next offset at or after it, so the backward
        search stops there instead of re-reading the text before it. `floor` must be 0
        or a boundary returned by this method for an earlier offset, and <= `offset`.
        """
        after = self._boundary_after(offset)
        start, end = _trim(self.text, self._boundary_before(offset, floor), after)
        return start, end, after

    def quote(self, offset: int, end: int | None = None) -> str:
        """The sentence at `offset`, cut to a window around `offset:end` when it is longer
        than MAX_QUOTE (`bounded_quote`)."""
        s, e = self.sentence_at(offset)
        return bounded_quote(self.text, s, e, offset, offset + 1 if end is None else end)

    def window(self, offset: int, sentences_around: int) -> tuple[int, int]:
        """The span of the sentence at `offset` plus N sentences either side."""
        text = self.text
        start = self._boundary_before(offset)
        for _ in range(sentences_around):
            prev = start
            while start > 0 and not text[start:prev].strip():
                start = self._boundary_before(start - 1)
            if start <= 0:
                start = 0
                break
        end = self._boundary_after(offset)
        for _ in range(sentences_around):
            prev = end
            while end < len(text) and not text[prev:end].strip():
                end = self._boundary_after(end)
        return _trim(text, start, end)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        text = self.text
        start = 0
        lo = offset
        while lo > 0:
            lo = max(0, lo - _LOOKBACK)
            last = None
            for m in _PARAGRAPH_BREAK.finditer(text, lo, offset):
                last = m
            if last is not None:
                start = last.end()
                break
        brk = _PARAGRAPH_BREAK.search(text, offset)
        end = brk.start() if brk else len(text)
        return _trim(text, start, end)

    # -- full lists (built on first use) ------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = _split(self.text, _SENTENCE_END, self._ends_sentence)
            self._sent_starts = [s for s, _ in self._sentences]
        return self._sentences

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        if self._paragraphs is None:
            self._paragraphs = _split(self.text, _PARAGRAPH_BREAK, None)
            self._para_starts = [s for s, _ in self._paragraphs]
        return self._paragraphs

    def sentence_index(self, offset: int) -> int:
        self.sentences  # noqa: B018 - builds the list
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)

    def paragraph_index(self, offset: int) -> int:
        self.paragraphs  # noqa: B018 - builds the list
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    # -- boundaries ---------------------------------------------------------------------
    def _boundary_after(self, offset: int) -> int:
        """End of the first sentence terminator at or after `offset` (or the text's end).
        A terminator that `offset` finds inside a run ("A.?" read from the "?") is judged
        as the whole run, as the backward search and the split judge it: an abbreviation's
        full stop followed by "?" ends no sentence."""
        text = self.text
        search = _SENTENCE_END.search
        m = search(text, offset)
        while m is not None:
            dot = m.start()
            while text[dot] in _TERMINATORS and dot > 0 and text[dot - 1] in _TERMINATORS:
                dot -= 1
            if text[m.start()] == "\n":
                if self._line_break_ends(m.start()):
                    return m.end()
            elif text[dot] != "." or not _is_abbreviation(text, dot):
                return m.end()
            m = search(text, m.end())
        return len(text)

    def _boundary_before(self, offset: int, floor: int = 0) -> int:
        """End of the last sentence terminator that ends at or before `offset`.

        Walks back over candidate characters with str.rfind (no scan of the text before
        the sentence), then checks each candidate with the same pattern the split uses.
        `floor` is a boundary known to lie at or before `offset` (0 when none is known):
        no match that ends after it can start before it (a match is a run of terminators
        and closing quotes, or one line break, and never crosses the white space or line
        break at a boundary), so the search stops there.
        """
        text = self.text
        rfind = text.rfind
        hi = offset
        while hi > floor:
            lo = max(floor, hi - _LOOKBACK)
            pos = max(rfind(".", lo, hi), rfind("\n", lo, hi), rfind("!", lo, hi),
                      rfind("?", lo, hi), rfind("\u2026", lo, hi))
            if pos < 0:
                if lo == floor:
                    return floor
                hi = lo
                continue
            run = pos
            while run > 0 and text[pos] != "\n" and text[run - 1] in _RUN_CHARS:
                run -= 1
            m = _SENTENCE_END.match(text, run)
            if m and m.end() <= offset and self._ends_sentence(m):
                return m.end()
            hi = run
        return floor

    def _ends_sentence(self, m: re.Match[str]) -> bool:
        """Whether a match of `_SENTENCE_END` really ends a sentence."""
        text = self.text
        if text[m.start()] == "\n":
            return self._line_break_ends(m.start())
        return text[m.start()] != "." or not _is_abbreviation(text, m.start())

    def _line_break_ends(self, i: int) -> bool:
        """Whether the line break at `i` ends a sentence. It does not when the next line
        goes on in lower case after a line with no sentence end, nor in a hard-wrapped
        text (e-mail, a PDF copy) when the line broke only because the next word would
        not fit; blank lines, list items and short lines always end one."""
        text = self.text
        n = len(text)
        j = i + 1
        while j < n and text[j] in " \t\r":
            j += 1
        k = i
        while k > 0 and text[k - 1] in " \t\r":
            k -= 1
        if j >= n or text[j] == "\n" or k == 0 or text[k - 1] == "\n":
            return True                              # a blank line: a paragraph ends
        last = text[k - 1]
        if last in _CLOSERS and k >= 2:
            last = text[k - 2]
        if last in _LINE_END_STOPS:
            return last != "." or not _is_abbreviation(text, k - 1)
        first = text[j]
        if first.islower():
            return False                             # "... signed by the\nofficials"
        if first in _BULLETS or not (first.isalnum() or first in "\"'\u201c\u2018("):
            return True
        width = self._wrap_width()
        if not width:
            return True
        line_start = text.rfind("\n", 0, i) + 1
        word_end = j
        while word_end < n and not text[word_end].isspace():
            word_end += 1
        return (k - line_start) + 1 + (word_end - j) <= width   # it fitted: a short line

    def _wrap_width(self) -> int:
        """The width a hard-wrapped text is wrapped at, 0 when it is not hard-wrapped:
        most of its lines nearly full, none much longer (judged once per text)."""
        if self._wrap is None:
            lengths = [len(line.rstrip()) for line in self.text.split("\n")]
            lengths = [x for x in lengths if x]
            width = max((x for x in lengths if x <= _WRAP_MAX), default=0)
            if len(lengths) < 6 or width < 30 or sum(x > _WRAP_MAX for x in lengths) * 10 > len(
                lengths
            ) or sum(x >= 0.7 * width for x in lengths) * 2 < len(lengths):
                width = 0
            self._wrap = width
        return self._wrap


def bounded_quote(text: str, s: int, e: int, start: int, end: int) -> str:
    """`text[s:e]` (a sentence) when it is at most MAX_QUOTE characters; else the part of
    it within QUOTE_SIDE characters of `start:end` (a claim), cut at spaces.

    Why: a text with no sentence ends (one huge line, a table dump) would otherwise give
    every claim the whole text as its quote, and reports that grow with the square of it.
    """
    if e - s <= MAX_QUOTE:
        return text[s:e]
    lo, hi = max(s, start - QUOTE_SIDE), min(e, max(end, start) + QUOTE_SIDE)
    if lo > s:
        space = text.find(" ", lo, start)
        if space >= 0:
            lo = space + 1
    if hi < e:
        space = text.rfind(" ", end, hi)
        if space >= 0:
            hi = space
    lo, hi = _trim(text, lo, hi)
    return text[lo:hi]


def _split(
    text: str, boundary: re.Pattern[str], ends: Callable[[re.Match[str]], bool] | None
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in boundary.finditer(text):
        if ends is not None and not ends(m):
            continue
        end = m.end()
        span = _trim(text, start, end)
        if span[1] > span[0]:
            spans.append(span)
        start = end
    span = _trim(text, start, len(text))
    if span[1] > span[0]:
        spans.append(span)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial ("J.")."""
    if dot >= 5 and text[dot - 5:dot].isalnum():
        return False                # a word of 5+ letters: longer than any abbreviation
    # The run of word characters ending at `dot` (or just before a line break there,
    # where "$" also matches), read forwards on the reversed window: one anchored match
    # instead of a search trying each of the 12 starts.
    window = text[max(0, dot - 12):dot]
    if window[-1:] == "\n":
        window = window[:-1]
    w = _WORD_REVERSED.match(window[::-1])
    if not w:
        return False
    word = w.group()[::-1]
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)
