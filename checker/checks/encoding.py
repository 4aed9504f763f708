"""encoding: text damaged by a wrong character encoding: mojibake and lost letters.

## What it finds
Text damaged by a wrong character encoding: letters lost as `?` inside a word
("Bo?ena"), UTF-8 read as Latin-1 ("crÃ¨me"), U+FFFD. The repaired text is given when
[ftfy](https://ftfy.readthedocs.io) can recover it; an ordinary question mark is never a
finding.

## Why it matters
Scraped and copied texts lose letters when one program writes UTF-8 and the next reads
something else: "Bożena" becomes "BoÅ¼ena" (mojibake, repairable: ftfy reverses it) or
"Bo?ena" (the letters are gone: only a person can restore them), and a decoder that gives
up leaves U+FFFD ("�"). Each damaged word is reported where it is, with the repaired text
when it can be recovered. A question mark counts as a lost letter only inside a word or at
the start of one and followed by a lower-case letter, never at the end of a word, in a
web address or a query string.

## Example
PASS: "Did anyone object? No one did. See example.net/list?page=2" (ordinary question
marks)
FAIL: "Bo?ena Kowalczyk, the head of the library, spoke." (letters lost)
FAIL: "The crÃ¨me caramel sold out." (mojibake; it reads "crème")
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.extract.textspans import TextSpans
from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import make_finding

ID = "encoding"
SEVERITY: Severity = "warning"
DEFAULT: dict[str, Any] = {
    "max_findings_per_document": 10,   # distinct damaged words reported per document
}

# A word with a question mark inside it or at its front: "?wi?cicki", "Ko?ciuszko". It must
# start after a space, quote or bracket (not after "/", "=", ".": web addresses) and end
# before a space or punctuation, a question mark included ("Who is ?wi?cicki?").
_LOST = re.compile(
    r"(?<![^\s\"'“‘(\[«])[^\W\d_]*(?:\?+[^\W\d_]+)+(?=[\s.,;:!?\"'”’)\]»]|\Z)"
)
# What every such word holds: a question mark right before a letter. Searched first, since
# most texts have none and the full pattern is slow to run over a whole text.
_LOST_HINT = re.compile(r"\?[^\W\d_]")
_REPLACEMENT = "\ufffd"
# Mojibake of UTF-8 read as Latin-1 / Windows-1252: a lead byte shown as "Â".."ô" followed
# by a continuation byte shown as a C1 control, a Latin-1 sign or a Windows-1252 extra.
# Cheap to search; each hit is confirmed by ftfy before it is reported.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]"
)
_EDGE_PUNCTUATION = "\"'“”‘’()[]«»,.;:!?"

_MESSAGES = {
    "lost": "\u201c{text}\u201d has question marks in place of letters: the letters were "
            "lost to an encoding accident and must be restored by hand.",
    "replacement": "\u201c{text}\u201d holds the replacement character \u201c\ufffd\u201d: "
                   "a character was lost when the text was decoded.",
    "mojibake": "\u201c{text}\u201d is garbled by a wrong character encoding; it probably "
                "reads \u201c{repaired}\u201d.",
}


def check(
    doc: Document, claims: list[Claim], conf: Mapping[str, Any]  # noqa: ARG001 - the document-check interface
) -> Iterator[Finding]:
    """Findings for words that look damaged by a wrong text encoding."""
    text = doc.text
    damaged = sorted(_damaged_words(text))
    by_text: dict[str, list[tuple[int, int, str, str | None]]] = {}
    for start, end, damage, repaired in damaged:
        by_text.setdefault(text[start:end], []).append((start, end, damage, repaired))
    if not by_text:
        return
    spans = TextSpans(text)
    line_starts = _line_starts(text)
    for word, places in list(by_text.items())[: conf["max_findings_per_document"]]:
        _, _, damage, repaired = places[0]
        cited = [_claim(doc.id, text, s, e, d, r, spans, line_starts) for s, e, d, r in places]
        message = _MESSAGES[damage].format(text=word, repaired=repaired)
        details = {"damage": damage, "repaired": repaired, "count": len(places)}
        yield make_finding(ID, ID, SEVERITY, message, cited, (), details)


def _damaged_words(text: str) -> Iterator[tuple[int, int, str, str | None]]:
    """(start, end, damage, repaired text or None) for each damaged word."""
    if "?" in text and _LOST_HINT.search(text):
        for m in _LOST.finditer(text):
            word = m.group()
            if any(word[i + 1].islower() for i, ch in enumerate(word[:-1]) if ch == "?"):
                yield m.start(), m.end(), "lost", None
    if text.isascii():
        return
    seen: set[int] = set()
    for m in _MOJIBAKE_HINT.finditer(text):
        start, end = _word_at(text, m.start(), m.end())
        if start in seen:
            continue
        seen.add(start)
        word = text[start:end]
        if _REPLACEMENT in word:
            continue  # reported below
        from ftfy import fix_encoding  # loaded only when a word looks like mojibake

        repaired = fix_encoding(word)
        if repaired != word:
            yield start, end, "mojibake", repaired
    at = text.find(_REPLACEMENT)
    while at >= 0:
        start, end = _word_at(text, at, at + 1)
        yield start, end, "replacement", None
        at = text.find(_REPLACEMENT, end)


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited word around [start, end), without edge punctuation."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while end - start > 1 and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    while end - start > 1 and text[start] in _EDGE_PUNCTUATION:
        start += 1
    return start, end


def _claim(doc_id: str, text: str, start: int, end: int, damage: str, repaired: str | None,
           spans: TextSpans, line_starts: list[int]) -> Claim:
    line = bisect.bisect_right(line_starts, start)
    return Claim(
        doc=doc_id, start=start, end=end, line=line, column=start - line_starts[line - 1] + 1,
        text=text[start:end], quote=spans.quote(start), kind="text", value=repaired,
        attrs={"damage": damage},
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
