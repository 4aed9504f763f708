"""Visible text of an HTML page: scripts, styles and hidden parts dropped, block elements
as paragraphs (a blank line apart), cells spaced, and the page's title, date and canonical
address as Meta, with a map from the visible text back to the lines and columns of the
source (`checker.read.htmlmap`). Suppression comments cover the source lines of the paragraph
they sit in."""

from __future__ import annotations

import dataclasses
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, PreformattedString, Script, Stylesheet, TemplateString

from checker.read.directives import comment_directive
from checker.read.htmlmap import SourceMap, VisibleText
from checker.read.meta import Meta

_DROPPED = frozenset(
    "script style noscript template head svg iframe object embed canvas audio video".split()
)
_BLOCKS = frozenset(
    """address article aside blockquote body br dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre
    section summary table tbody thead tfoot tr ul caption""".split()
)
_CELLS = frozenset({"td", "th"})
_DATE_META = (
    "article:published_time", "date", "pubdate", "publishdate", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.date", "datepublished", "og:published_time",
)
_SPACE = re.compile(r"\s+")
_INVISIBLE_STRINGS = (PreformattedString, Script, Stylesheet, TemplateString)


def read_html(markup: str) -> tuple[str, Meta]:
    """Visible text of an HTML page (paragraphs separated by a blank line) and its Meta;
    `Meta.positions` maps the text's offsets to source lines and columns."""
    soup = BeautifulSoup(markup, "lxml")
    meta = _html_meta(soup)
    visible = VisibleText(markup)
    paragraphs, directives = _paragraphs(soup, visible)
    positions = visible.source_map()
    meta = dataclasses.replace(meta, positions=positions)
    if directives:
        meta = dataclasses.replace(meta, suppressions=tuple(
            _source_lines(entry, positions) for entry in directives))
    return "\n\n".join(paragraphs), meta


def _source_lines(entry: tuple[int, tuple[str, ...]], positions: SourceMap) -> tuple:
    """A directive covering paragraph line L of the visible text, as (first source line,
    ids, last source line) of that paragraph; the whole-file form (0) as it is."""
    line, ids = entry
    span = positions.paragraph_lines(line) if line else None
    return (span[0], ids, span[1]) if span else entry


def _html_meta(soup: BeautifulSoup) -> Meta:
    title = soup.title.get_text() if soup.title else None
    found: dict[str, str] = {}
    source = None
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    for tag in soup.find_all("link"):
        rel = tag.get("rel") or []
        if "canonical" in rel and tag.get("href"):
            source = str(tag["href"]).strip()
            break
    date = next((found[k] for k in _DATE_META if k in found), None)
    if not title and "og:title" in found:
        title = found["og:title"]
    return Meta(
        date=date,
        title=_SPACE.sub(" ", title).strip() or None if title else None,
        source=source or found.get("og:url"),
    )


def _paragraphs(
    soup: BeautifulSoup, visible: VisibleText
) -> tuple[list[str], list[tuple[int, tuple[str, ...]]]]:
    """Walk the tree without recursion (deep pages must not overflow the stack). Also
    the suppression comments, each mapped to the line of the paragraph it sits in (or,
    alone between blocks, the next paragraph): paragraph i is line 2i+1 of the text.
    Each text node is located in the source as it is met (`visible`)."""
    paragraphs: list[str] = []
    current: list[str] = []
    starts: list[int] = []
    directives: list[tuple[int, tuple[str, ...]]] = []

    def flush() -> None:
        if current:
            para = visible.add_paragraph(current, starts)
            if para:
                paragraphs.append(para)
            current.clear()
            starts.clear()

    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            flush()
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, Comment):
                found = comment_directive(str(node))
                if found is not None:
                    whole_file, ids = found
                    directives.append((0 if whole_file else 2 * len(paragraphs) + 1, ids))
            elif not isinstance(node, _INVISIBLE_STRINGS):
                text = str(node)
                current.append(text)
                starts.append(visible.locate(text))
            continue
        if not isinstance(node, Tag) or node.name in _DROPPED or _hidden(node):
            continue
        if node.name in _BLOCKS:
            flush()
            stack.append((node, True))
        elif node.name in _CELLS:
            current.append(" ")
            starts.append(-1)
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return paragraphs, directives


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and "display:none" in style.replace(" ", "").lower()
