"""Where each character of an HTML page's visible text sits in the page's source.

Why: claims are found in the visible text (tags dropped, white space collapsed, blocks a
blank line apart), but a CI annotation or a SARIF result must point at the line and
column of the .html file. The page's text nodes are found in the source in order: a
light tokenizer lists the source's text runs (outside tags, comments and script or
style bodies) with entities decoded and each character's offset kept; each visible text
node is looked up there from where the previous one ended; the visible text keeps
anchors (visible offset -> source offset) at every run of non-space characters and at
every node boundary inside one.
"""

from __future__ import annotations

import bisect
import html
import re
from array import array

# Tags, comments, declarations, and elements whose body is never visible text.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>?|<\?[^>]*>?"
    r"|<(script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</\1\s*>|\Z)"
    r"|</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?",
    re.DOTALL | re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_WORDS = re.compile(r"\S+")
# How far past the previous node a node is looked for (hidden text lies between).
SEARCH_WINDOW = 1 << 18


class SourceStream:
    r"""The source's text runs, entities decoded, '\r' dropped, with the source offset
    of every character."""

    def __init__(self, markup: str) -> None:
        parts: list[str] = []
        self.offsets = array("l")
        at = 0
        for m in _MARKUP.finditer(markup):
            if m.start() > at:
                self._add(markup, at, m.start(), parts)
            at = m.end()
        if at < len(markup):
            self._add(markup, at, len(markup), parts)
        self.text = "".join(parts)

    def _add(self, markup: str, start: int, end: int, parts: list[str]) -> None:
        at = start
        for m in _ENTITY.finditer(markup, start, end):
            self._plain(markup, at, m.start(), parts)
            decoded = html.unescape(m.group())
            parts.append(decoded)
            self.offsets.extend([m.start()] * len(decoded))
            at = m.end()
        self._plain(markup, at, end, parts)

    def _plain(self, markup: str, start: int, end: int, parts: list[str]) -> None:
        chunk = markup[start:end]
        if "\r" not in chunk:
            parts.append(chunk)
            self.offsets.extend(range(start, end))
            return
        for i, ch in enumerate(chunk):
            if ch != "\r":
                parts.append(ch)
                self.offsets.append(start + i)


class VisibleText:
    """Builds the visible text paragraph by paragraph from text nodes, as
    `checker.read.html` does, keeping anchors back into the source stream."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.stream = SourceStream(markup)
        self.cursor = 0
        self.paragraphs: list[str] = []
        self.length = 0                     # of the visible text so far, separators included
        self.anchors: list[int] = []        # visible offsets, ascending
        self.targets: list[int] = []        # the stream index at each anchor (-1: unknown)
        self.paragraph_starts: list[int] = []

    def locate(self, node: str) -> int:
        """The stream index of a text node's first character (-1 if not found); nodes
        must be given in document order."""
        core = node.replace("\r", "")
        if not core.strip():
            return -1
        found = self.stream.text.find(core, self.cursor, self.cursor + len(core) + SEARCH_WINDOW)
        if found < 0:
            return -1
        self.cursor = found + len(core)
        return found

    def add_paragraph(self, pieces: list[str], starts: list[int]) -> str | None:
        """Collapse one paragraph's pieces (each with its stream index or -1) as
        `_SPACE.sub(" ", "".join(pieces)).strip()` does, recording anchors."""
        joined = "".join(pieces)
        bounds, at = [], 0
        for piece in pieces:
            bounds.append(at)
            at += len(piece)
        words = list(_WORDS.finditer(joined))
        if not words:
            return None
        base = self.length + (2 if self.paragraphs else 0)
        self.paragraph_starts.append(base)
        out_at = base
        for n, word in enumerate(words):
            if n:
                out_at += 1  # the single space between words
            first = bisect.bisect_right(bounds, word.start()) - 1
            last = bisect.bisect_right(bounds, word.end() - 1) - 1
            for i in range(first, last + 1):
                begin = max(bounds[i], word.start())
                target = starts[i] + (begin - bounds[i]) if starts[i] >= 0 else -1
                self.anchors.append(out_at + begin - word.start())
                self.targets.append(target)
            out_at += word.end() - word.start()
        paragraph = " ".join(w.group() for w in words)
        self.paragraphs.append(paragraph)
        self.length = base + len(paragraph)
        return paragraph

    def source_map(self) -> SourceMap:
        return SourceMap(self.markup, self.stream.offsets, self.anchors, self.targets,
                         self.paragraph_starts, [len(p) for p in self.paragraphs])


class SourceMap:
    """Visible-text offset -> (line, column) in the source file, both 1-based."""

    def __init__(self, markup: str, offsets: array, anchors: list[int], targets: list[int],
                 paragraph_starts: list[int], paragraph_lengths: list[int]) -> None:
        self._lines = [i for i, ch in enumerate(markup) if ch == "\n"] \
            if len(markup) < 1 << 16 else [m.start() for m in re.finditer("\n", markup)]
        self._offsets = offsets
        self._anchors = anchors
        self._targets = targets
        self._paragraphs = list(zip(paragraph_starts, paragraph_lengths, strict=True))

    def source_offset(self, visible: int) -> int:
        i = bisect.bisect_right(self._anchors, visible) - 1
        while i >= 0 and self._targets[i] < 0:
            i -= 1
        if i < 0:
            return 0
        index = self._targets[i] + max(0, visible - self._anchors[i])
        index = min(index, len(self._offsets) - 1)
        return self._offsets[index] if index >= 0 else 0

    def position(self, visible: int) -> tuple[int, int]:
        offset = self.source_offset(visible)
        line = bisect.bisect_left(self._lines, offset)   # newlines before `offset`
        line_start = self._lines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1

    def paragraph_lines(self, visible_line: int) -> tuple[int, int] | None:
        """The source lines (first, last) of the paragraph on `visible_line` of the
        visible text (paragraph i is line 2i + 1), or None past the last paragraph."""
        index, odd = divmod(visible_line - 1, 2)
        if odd or not 0 <= index < len(self._paragraphs):
            return None
        start, length = self._paragraphs[index]
        return self.position(start)[0], self.position(start + max(0, length - 1))[0]
