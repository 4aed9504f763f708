"""Text -> claims. The finders (`temporal`, `numbers`) each return Mentions; this module
merges them (temporal spans win over plain numbers), locates each one (line, column,
quote) and gives it a stable id.
"""

from __future__ import annotations

import bisect

from checker.extract import temporal
from checker.extract.mention import Mention
from checker.extract.numbers import find_numbers
from checker.extract.units import infer_unit
from checker.model import Claim, Document, assign_claim_ids
from checker.textspans import TextSpans

__all__ = ["extract", "extract_text"]


def extract(doc: Document) -> list[Claim]:
    """Every numeric and dated claim of `doc`, in text order, with stable ids.

    Sets `doc.date` from the first full date in the text when the document has none,
    because relative claims ("70 years ago") need a reference date.
    """
    text = doc.text
    if doc.date is None:
        found = temporal.first_full_date(text)
        if found:
            doc.date, doc.date_source = found, "text"
    mentions = _merge(temporal.find_temporal(text, doc.date), find_numbers(text))
    spans = TextSpans(text)
    line_starts = _line_starts(text)
    quotes = _SentenceQuotes(spans)
    claims = [_to_claim(doc.id, text, m, spans, line_starts, quotes) for m in mentions]
    assign_claim_ids(claims)
    return claims


def extract_text(text: str, doc_id: str = "-", doc_date: str | None = None) -> list[Claim]:
    """Claims of a bare text (tests, benches, the REPL)."""
    return extract(Document(id=doc_id, text=text, date=doc_date))


def _merge(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """All `preferred` mentions, plus each of `others` that overlaps none of them."""
    preferred = sorted(preferred, key=lambda m: (m.start, m.end))
    starts = [m.start for m in preferred]
    max_end: list[int] = []          # max_end[i]: furthest end among preferred[:i + 1]
    for m in preferred:
        max_end.append(max(m.end, max_end[-1]) if max_end else m.end)
    kept = list(preferred)
    for m in others:
        i = bisect.bisect_left(starts, m.end)   # preferred[:i] start before m ends
        if i and max_end[i - 1] > m.start:
            continue
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end, m.kind))
    return kept


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


class _SentenceQuotes:
    """The quote (sentence) of each claim, for claims taken in text order.

    Why: finding a sentence's bounds is the dearest step of locating a claim, and news
    sentences often hold several claims. A claim that starts after the previous claim
    and before the end of that claim's sentence lies in the same sentence (a sentence
    boundary is made of terminators, closing quotes and line breaks, never of the
    digit, letter or currency sign a claim starts with), so its quote is reused.
    """

    __slots__ = ("spans", "start", "end", "quote")

    def __init__(self, spans: TextSpans) -> None:
        self.spans = spans
        self.start = self.end = -1
        self.quote = ""

    def at(self, offset: int) -> str:
        text = self.spans.text
        if self.start <= offset < self.end and (text[offset].isalnum() or text[offset] in "$£€¥"):
            return self.quote
        s, e = self.spans.sentence_at(offset)
        self.start, self.end, self.quote = offset, e, text[s:e]
        return self.quote


def _to_claim(
    doc_id: str,
    text: str,
    m: Mention,
    spans: TextSpans,
    line_starts: list[int],
    quotes: _SentenceQuotes,
) -> Claim:
    line = bisect.bisect_right(line_starts, m.start)
    unit = m.unit
    inferred = m.unit_inferred
    if inferred and unit is None:
        unit = infer_unit(spans, m.start)
        inferred = unit is not None
    return Claim(
        doc=doc_id,
        start=m.start,
        end=m.end,
        line=line,
        column=m.start - line_starts[line - 1] + 1,
        text=text[m.start:m.end],
        quote=quotes.at(m.start),
        kind=m.kind,
        value=m.value,
        qualifier=m.qualifier,
        low=m.low,
        high=m.high,
        unit=unit,
        unit_inferred=inferred,
        attrs=dict(m.attrs),
    )
