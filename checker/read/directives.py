"""Inline suppressions: `checker: ignore[rule-id]` directives written inside documents.

Readers call `find_directives` (plain text and Markdown) or `comment_directive` (one HTML
comment) and store each directive in `Document.suppressions` as (line it covers, rule
ids); line 0 covers the whole document, no ids means every rule. After the scan,
`checker.review.suppressions` applies them.

The forms:
    <!-- checker: ignore[drift, massacre-1988-victims] -->   Markdown/HTML comment
    # checker: ignore[drift]   or   [checker: ignore[drift]]  plain text (.txt, records)
    <!-- checker: ignore -->                                   every rule
    <!-- checker: ignore-file[drift] -->                       the whole document

A directive sharing its line with text covers that line; a directive alone on its line
covers the next non-blank line. The exact token `checker: ignore` is required, so
ordinary prose never suppresses anything; in plain text the bare form (no [ids]) must
end its line, so "the checker: ignore it" does not turn everything off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The token; group 1: "-file" or None, group 2: the ids inside [...] or None.
_DIRECTIVE = re.compile(r"(?<![\w-])checker:[ \t]*ignore(-file)?(?:\[([^\]\n]*)\])?(?![\w\[-])")
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
# What may surround a plain-text directive on a line of its own: comment marks, brackets.
_WRAPPER = re.compile(r"^[\s#/*;%\[\]()<>!-]*$")
_BARE_END = re.compile(r"^[\s\])>*/-]*$")
_RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
WHOLE_DOCUMENT = 0

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive as written: where it is, which line it covers, which rules."""

    line: int                   # 1-based line of the directive itself
    covers: int                 # the line it covers; 0 = the whole document
    ids: tuple[str, ...]        # empty = every rule
    start: int                  # offsets of the directive text in the raw text
    end: int

    def entry(self) -> tuple[int, tuple[str, ...]]:
        return (self.covers, self.ids)


def describe(ids: tuple[str, ...], whole_file: bool = False) -> str:
    """The directive as a user would write it: `checker: ignore[drift]`."""
    token = "checker: ignore-file" if whole_file else "checker: ignore"
    return f"{token}[{', '.join(ids)}]" if ids else token


def parse_ids(body: str | None) -> tuple[str, ...] | None:
    """`drift, rule-2` -> ("drift", "rule-2"); None when malformed (empty, bad id)."""
    if body is None:
        return ()
    ids = tuple(part.strip() for part in body.split(","))
    if not ids or not all(_RULE_ID.match(i) for i in ids):
        return None
    return tuple(dict.fromkeys(ids))


def find_directives(raw: str, visible: str, fmt: str, where: str = "",
                    warn: Warn | None = None) -> list[Directive]:
    """Directives in a text. `raw` is the text as written; `visible` the same text with
    markup blanked (same length and lines: Markdown) or `raw` itself (plain text).
    Markdown reads directives only inside HTML comments; plain text reads them anywhere."""
    if "checker:" not in raw:
        return []
    if fmt == "md":
        spans = [(m.start(1), m.group(1)) for m in _COMMENT.finditer(raw)
                 if "checker:" in m.group(1)]
    else:
        spans = [(0, raw)]
    found: list[Directive] = []
    for base, chunk in spans:
        for m in _DIRECTIVE.finditer(chunk):
            start, end = base + m.start(), base + m.end()
            line_start = raw.rfind("\n", 0, start) + 1
            line_end = raw.find("\n", end)
            line_end = len(raw) if line_end < 0 else line_end
            line = raw.count("\n", 0, start) + 1
            if fmt != "md" and m.group(2) is None and not _BARE_END.match(raw[end:line_end]):
                continue  # "the checker: ignore it" in prose: not a directive
            ids = parse_ids(m.group(2))
            if ids is None:
                if warn is not None:
                    warn(f"{where}:{line}: malformed suppression {m.group()!r} (use "
                         "checker: ignore[rule-id, other-id]); ignored")
                continue
            if m.group(1):
                covers = WHOLE_DOCUMENT
            elif _alone(raw, visible, fmt, line_start, line_end, start, end):
                covers = _next_text_line(visible, line_end, line)
            else:
                covers = line
            found.append(Directive(line, covers, ids, start, end))
    return found


def _alone(raw: str, visible: str, fmt: str, line_start: int, line_end: int,
           start: int, end: int) -> bool:
    if fmt == "md":
        return not visible[line_start:line_end].strip()
    rest = raw[line_start:start] + raw[end:line_end]
    return _WRAPPER.match(rest) is not None


def _next_text_line(visible: str, pos: int, line: int) -> int:
    """The number of the first non-blank line after offset `pos` (a line's end)."""
    while pos < len(visible):
        nxt = visible.find("\n", pos + 1)
        nxt = len(visible) if nxt < 0 else nxt
        line += 1
        if visible[pos + 1 : nxt].strip():
            return line
        pos = nxt
    return line + 1  # nothing follows: covers nothing, reported as unused


def blank_directives(text: str, directives: Sequence[Directive]) -> str:
    """Plain text keeps its directives in the visible text: blank them (same length) so
    the digits of a rule id are never read as claims."""
    if not directives:
        return text
    chars = list(text)
    for d in directives:
        chars[d.start : d.end] = " " * (d.end - d.start)
    return "".join(chars)


def comment_directive(comment: str) -> tuple[bool, tuple[str, ...]] | None:
    """(whole document?, ids) of one HTML comment's directive, or None."""
    if "checker:" not in comment:
        return None
    m = _DIRECTIVE.search(comment)
    if m is None:
        return None
    ids = parse_ids(m.group(2))
    return None if ids is None else (m.group(1) is not None, ids)


def directive_lines(text: str, fmt: str) -> dict[tuple[int, tuple[str, ...]], int]:
    """(covers, ids) -> the line the directive is written on, for messages that point
    at the directive itself rather than at the line it covers."""
    if fmt == "md":
        from checker.read.markdown import strip_markdown  # lazy: plain texts need none

        visible = strip_markdown(text)
    else:
        visible = text
    lines: dict[tuple[int, tuple[str, ...]], int] = {}
    for d in find_directives(text, visible, fmt):
        lines.setdefault(d.entry(), d.line)
    return lines
