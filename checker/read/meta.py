"""What a document says about itself: its Meta (date, title, source), and the dates of
metadata read in any of the forms people write them (front matter, a `key: value`
header block, a lone date line at the top)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str) -> str:
    """Same length, same line breaks, nothing visible."""
    return _NOT_NEWLINE.sub(" ", text)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the markup says about its document (all optional)."""

    date: str | None = None
    title: str | None = None
    source: str | None = None
    # HTML only: `<!-- checker: ignore[...] -->` comments as (first source line, rule
    # ids, last source line) of the paragraph they cover; see checker.read.directives.
    suppressions: tuple[tuple, ...] = ()
    # HTML only: visible-text offset -> source line and column (checker.read.htmlmap.SourceMap)
    positions: Any = None


# ------------------------------------------------------------------- metadata dates

_MONTH_NAMES = {
    name: i
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sep sept", "october oct", "november nov",
         "december dec"),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE_FORM_SOURCES = (
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?",
    r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})",
    rf"{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})",
)
_DAY_FIRST = 4  # index of the dd/mm/yyyy form
_TIME_AFTER = re.compile(r"(?:,|\s+at|T)?\s*\d{1,2}:\d{2}\b.*\Z", re.IGNORECASE | re.DOTALL)
_HEADER = re.compile(r"\A\s*date\b[ \t]*(:)?[ \t]*", re.IGNORECASE)


@functools.cache
def _date_forms() -> tuple[re.Pattern[str], ...]:
    """The date patterns, compiled on first use: most texts have no date header, and
    start-up should not pay for them."""
    return tuple(re.compile(_WEEKDAY + form, re.IGNORECASE) for form in _DATE_FORM_SOURCES)


def date_at(text: str, pos: int = 0) -> tuple[str, int] | None:
    """The date written at `text[pos:]` as (ISO date, end offset), or None.

    Accepts 2016-11-26 (with a time), 2016/11/26, 26 November 2016, November 26, 2016,
    26/11/2016 (day first unless the second number cannot be a month), a leading weekday.
    """
    for index, form in enumerate(_date_forms()):
        m = form.match(text, pos)
        if m is None:
            continue
        month_text = m.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTH_NAMES.get(month_text.lower())
        day = int(m.group("day"))
        if month is None:
            continue
        if index == _DAY_FIRST and month > 12 >= day:
            day, month = month, day  # 11/26/2016 can only be month first
        try:
            return dt.date(int(m.group("year")), month, day).isoformat(), m.end()
        except ValueError:
            continue
    return None


def normalize_date(value: str) -> str | None:
    """A metadata date as ISO YYYY-MM-DD, or None when it is not a full date."""
    value = value.strip()
    found = date_at(value)
    if found is None:
        return None
    iso, end = found
    rest = value[end:]
    if rest.strip() and not _TIME_AFTER.match(rest):
        return None
    return iso


# ------------------------------------------------------------ plain-text header block

# The keys a header block of a plain text may hold (lower case, "_" and "-" read as spaces).
_HEADER_KEYS = frozenset("""
title headline subject source url link canonical permalink date published pubdate updated
modified author authors by byline writer section category categories tags keywords language
lang id publisher site outlet newspaper edition location dateline
""".split()) | frozenset((
    "publication date", "date published", "published at", "last updated",
))
_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z _-]{0,24}?)[ \t]*:[ \t]*(.*?)[ \t\r]*")
_TITLE_KEYS = frozenset(("title", "headline", "subject"))
_SOURCE_KEYS = ("source", "url", "link", "canonical", "permalink")
_DATE_KEYS = ("date", "published", "pubdate", "publication date", "date published",
              "published at", "updated", "last updated", "modified")
# Values that say the date is not known: no date, and nothing to warn about.
_UNKNOWN_DATES = frozenset((
    "", "unknown", "n/a", "na", "none", "null", "nil", "-", "--", "?", "undated", "no date",
    "not known", "not available", "tbd", "tba", "date unknown", "unknown date",
))


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    """What a block of `key: value` lines at the top of a plain text says, and the text
    with the block blanked out (a title's value stays: a headline is text)."""

    text: str
    meta: Meta
    date_line: int = 0     # the line of the `date:` key, for warnings


def read_header_block(text: str) -> HeaderBlock | None:
    """The header block at the top of `text` (after blank lines), or None.

    Each line is `key: value` with a known key (title, source, url, date, author ...), in
    any order; the block ends at a blank line or the first other line. The block is
    metadata, not text: it is blanked (same length, same line breaks) so no claim is read
    from a URL or a date line, except a title's value, which is kept where it stands.
    """
    pos, line_no, n = 0, 1, len(text)
    found: dict[str, tuple[str, int]] = {}
    keep: list[tuple[int, int]] = []
    end = 0
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol < 0 else eol
        m = _HEADER_LINE.fullmatch(text, pos, eol)
        if m is None:
            if found or text[pos:eol].strip():
                break
        else:
            key = " ".join(m.group(1).lower().replace("_", " ").replace("-", " ").split())
            if key not in _HEADER_KEYS:
                break
            found.setdefault(key, (m.group(2), line_no))
            if key in _TITLE_KEYS:
                keep.append(m.span(2))
            end = eol
        pos, line_no = eol + 1, line_no + 1
    if not found:
        return None
    out = list(blank(text[:end]))
    for s, e in keep:
        out[s:e] = text[s:e]
    title = next((found[k][0] for k in ("title", "headline", "subject") if k in found), None)
    source = next((found[k][0] for k in _SOURCE_KEYS if found.get(k, ("",))[0]), None)
    date_key = next((k for k in _DATE_KEYS if k in found), None)
    date, date_line = found[date_key] if date_key else (None, 0)
    meta = Meta(date=date, title=title or None, source=source)
    return HeaderBlock("".join(out) + text[end:], meta, date_line)


def is_unknown_date(value: str) -> bool:
    """"unknown", "n/a", "" ...: a metadata date that says there is none."""
    return value.strip().strip(".").lower() in _UNKNOWN_DATES


_PARTIAL_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})"),
    re.compile(r"(?P<month>\d{1,2})[-/.](?P<year>\d{4})"),
    re.compile(r"(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})"),
)


def normalize_partial_date(value: str) -> str | None:
    """A metadata date as ISO, keeping its precision: "2016-11-26" for a day,
    "2010-07" for a month ("2010-07", "July 2010", "07/2010"), "2010" for a year; None
    when it is none of these."""
    full = normalize_date(value)
    if full is not None:
        return full
    value = value.strip()
    for form in _PARTIAL_DATE_FORMS:
        m = form.fullmatch(value)
        if m is None:
            continue
        year = int(m.group("year"))
        if not 1000 <= year <= 2999:
            return None
        if "month" not in m.groupdict():
            return f"{year:04d}"
        raw = m.group("month")
        month = int(raw) if raw.isdigit() else _MONTH_NAMES.get(raw.lower())
        if month is None or not 1 <= month <= 12:
            return None
        return f"{year:04d}-{month:02d}"
    return None


def date_header(text: str, path: str, warn: Callable[[str], None]) -> str | None:
    """The ISO date of a `date:` header at the very start of a text ("date: 2023-07-05",
    "Date: 8 July 2025", also without the colon: " date 2023-07-05 Their focus?")."""
    m = _HEADER.match(text[:400])
    if m is None:
        return None
    found = date_at(text, m.end())
    if found is not None:
        end = found[1]
        if end == len(text) or not text[end].isalnum():
            return found[0]
    if m.group(1):
        eol = text.find("\n", m.end())
        line = text[m.end() : eol if eol >= 0 else len(text)]
        warn(f"{path}:1: cannot read the date header {line.strip()[:40]!r}; ignored")
    return None
