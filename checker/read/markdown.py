"""Markdown -> readable text plus metadata (front matter, markup).

Markdown keeps its geometry: front matter and markup characters are replaced by spaces
(newlines kept), never deleted, so every offset, line and column in the stripped text is
the same as in the file. (HTML is `checker.read.html`.)

Dates are returned as found (a string); `checker.read.sources` normalises and validates them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

from checker.read.meta import Meta, blank

# --------------------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
def _blank_match(m: re.Match[str]) -> str:
    return blank(m.group())


def _keep_groups(*keep: int) -> Callable[[re.Match[str]], str]:
    """A replacement that blanks a match except the given groups."""

    def replace(m: re.Match[str]) -> str:
        out = list(blank(m.group()))
        base = m.start()
        for g in keep:
            if m.group(g) is not None:
                out[m.start(g) - base : m.end(g) - base] = m.group(g)
        return "".join(out)

    return replace


def read_markdown(text: str, path: str, warn: Callable[[str], None]) -> tuple[str, Meta]:
    """Front matter -> Meta; the body with markup blanked out (offsets preserved)."""
    meta = Meta()
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _front_matter_meta(m.group(1) or "", path, warn)
        text = blank(m.group()) + text[m.end() :]
    return strip_markdown(text), meta


def _front_matter_meta(block: str, path: str, warn: Callable[[str], None]) -> Meta:
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        warn(f"{path}{where}: front matter is not valid YAML; ignored")
        return Meta()
    if not isinstance(data, dict):
        return Meta()
    lowered = {str(k).lower(): v for k, v in data.items()}
    date = lowered.get("date", lowered.get("published"))
    if isinstance(date, dt.date):  # YAML reads 2016-11-26 as a date (datetime is a date)
        date = date.isoformat()
    source = next((lowered[k] for k in ("source", "url", "link") if lowered.get(k)), None)
    title = lowered.get("title")
    return Meta(
        date=str(date) if date is not None else None,
        title=str(title) if title is not None else None,
        source=str(source) if source is not None else None,
    )


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^( {0,3}#{1,6})(?:([ \t][^\n]*?)([ \t]+#+)?)?[ \t]*$", re.MULTILINE)
_LINE_MARKUP = re.compile(
    r"""^(?:
      [ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$                               # [ref]: url
    | [ ]{0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*$          # underlines, rules
    | [ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*$          # table separator
    | [ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])                               # list marker
    )""",
    re.MULTILINE | re.VERBOSE,
)
# (trigger, pattern, replacement): a rule runs only when its trigger is in the text, and
# every replacement keeps the length of its match. Patterns start with a literal where they
# can (the regex engine then skips ahead fast); spans are bounded and mostly exclude their
# delimiter, so a long line full of unpaired "*" or "[" stays linear, not quadratic.
_MD_RULES: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    ("<!--", _COMMENT, _blank_match),  # comments: see hide_comments
    ("`", re.compile(r"(`+)(?!`)[^`]{1,2000}?(?<!`)\1(?!`)"), _blank_match),  # code: dropped
    ("![", re.compile(r"!\[[^\[\]\n]{0,500}\](?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,500}\])"),
     _blank_match),  # images: dropped
    ("[", re.compile(r"\[(?<!\\\[)([^\[\]\n]{1,500})\]"
                     r"(?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,500}\])"),
     _keep_groups(1)),  # [text](url), [text][ref]
    ("<", re.compile(r"<((?:https?|mailto):[^>\s]+)>"), _keep_groups(1)),  # <http://autolink>
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,2000})?/?>"), _blank_match),  # HTML
    (">", re.compile(r"^ {0,3}(?:>[ \t]?)+", re.MULTILINE), _blank_match),  # blockquote
    ("#", _ATX_HEADING, _keep_groups(2)),
    ("", _LINE_MARKUP, _blank_match),
    ("*", re.compile(r"\*\*(?<![\\\w*]\*\*)(?=\S)((?:[^*\n]|\*(?!\*)){1,300}?)(?<=\S)(?<!\\)"
                     r"\*\*(?![\w*])"),
     _keep_groups(1)),
    ("_", re.compile(r"__(?<![\\\w_]__)(?=\S)((?:[^_\n]|_(?!_)){1,300}?)(?<=\S)(?<!\\)"
                     r"__(?![\w_])"),
     _keep_groups(1)),
    ("*", re.compile(r"\*(?<![\\\w*]\*)(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*\\])\*(?![\w*])"),
     _keep_groups(1)),
    ("_", re.compile(r"_(?<![\\\w]_)(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_\\])_(?!\w)"),
     _keep_groups(1)),
    ("~~", re.compile(r"~~(?=\S)([^~\n]{1,300}?)(?<=\S)~~"), _keep_groups(1)),
    ("\\", re.compile(r"\\(?=[!-/:-@\[-`{-~])"), _blank_match),  # backslash escapes
    ("&", re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"),
     lambda m: _padded(html.unescape(m.group()), len(m.group()))),
)


def _padded(value: str, width: int) -> str:
    return value + " " * (width - len(value)) if len(value) <= width else " " * width


def strip_markdown(text: str) -> str:
    """Markdown -> readable text of exactly the same length and line structure.

    Fenced code blocks and inline code are dropped (like Vale, we do not check code);
    link text is kept and URLs dropped; images dropped; HTML comments hidden.
    """
    text = _blank_fences(text)
    for trigger, pattern, replace in _MD_RULES:
        if trigger in text:
            text = pattern.sub(replace, text)
    return text.replace("|", " ")  # table cell borders


def hide_comments(text: str) -> str:
    """Blank HTML comments. The one place comments are removed: a later
    `<!-- checker: ignore[...] -->` reader can find them at the same offsets in the file."""
    return _COMMENT.sub(_blank_match, text)


def _blank_fences(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                lines[i] = blank(line)
        else:
            closing = line.strip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
            lines[i] = blank(line)
    return "\n".join(lines)
