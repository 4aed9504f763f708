"""Text -> claims. The finders (`temporal`, `numbers`) each return Mentions; this module
merges them (temporal spans win over plain numbers), locates each one (line, column,
quote) and gives it a stable id.
"""

from __future__ import annotations

import bisect
from operator import attrgetter

from checker.extract import temporal
from checker.extract.mention import Mention
from checker.extract.numbers import find_numbers
from checker.extract.temporal_scan import digit_runs, zeroed
from checker.extract.textspans import MAX_QUOTE, TextSpans, bounded_quote
from checker.extract.units import infer_unit
from checker.model import Claim, Document, assign_claim_ids

__all__ = ["extract", "extract_text"]

_SPAN = attrgetter("start", "end")
_SPAN_KIND = attrgetter("start", "end", "kind")
# What a sentence boundary can be made of (terminators, closing quotes, white space): a
# claim starting with one of these may start a new sentence.
_MAY_END_SENTENCE = frozenset(".!?\u2026\"'\u201d\u2019)] \t\r\n\f\v\u00a0")


def extract(doc: Document) -> list[Claim]:
    """Every numeric and dated claim of `doc`, in text order, with stable ids.

    Sets `doc.date` from the first full date in the text when the document has none,
    because relative claims ("70 years ago") need a reference date: `date_source` is
    "dateline" when that date opens the article ("Paris, 26/11/2016 – ..."), else "text"
    (a guess, which checks treat as such).
    """
    text = doc.text
    skeleton = zeroed(text)           # made once, read by the temporal and number finders
    runs = list(digit_runs(text, skeleton))   # scanned once, read by both temporal passes
    if doc.date is None:
        first = temporal.first_full_date_mention(text, runs)
        if first is not None:
            doc.date = str(first.value)
            doc.date_source = ("dateline" if temporal.is_dateline(text, first.start, first.end)
                               else "text")
    found = temporal.find_temporal(text, doc.date, runs)
    mentions = _merge(found, find_numbers(text, found, skeleton))
    claims = _claims_of(doc.id, text, mentions)
    assign_claim_ids(claims)
    return claims


def extract_text(text: str, doc_id: str = "-", doc_date: str | None = None) -> list[Claim]:
    """Claims of a bare text (tests, benches, the REPL)."""
    return extract(Document(id=doc_id, text=text, date=doc_date))


def _merge(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """All `preferred` mentions, plus each of `others` that overlaps none of them."""
    preferred = sorted(preferred, key=_SPAN)
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
    kept.sort(key=_SPAN_KIND)
    return kept


class _SentenceQuotes:
    """The quote (sentence) of each claim, for claims taken in text order.

    Why: finding a sentence's bounds is the dearest step of locating a claim, and news
    sentences often hold several claims. A claim that starts after the previous claim
    and before the end of that claim's sentence lies in the same sentence (a sentence
    boundary is made of terminators, closing quotes and line breaks, never of the
    character a claim starts with, unless that is a "."), so its quote is reused. A
    claim past that sentence starts the backward search for its own sentence's start at
    the boundary that ended the previous one (`TextSpans.sentence_bounds`). A sentence
    longer than MAX_QUOTE is quoted as a window around each claim (`bounded_quote`).
    """

    __slots__ = ("spans", "start", "end", "quote", "boundary", "sentence_start")

    def __init__(self, spans: TextSpans) -> None:
        self.spans = spans
        self.start = self.end = -1
        self.quote: str | None = ""
        self.boundary = 0           # the untrimmed end of the last sentence looked up
        self.sentence_start = 0

    def at(self, offset: int, end: int) -> str:
        text = self.spans.text
        if not (self.start <= offset < self.end and text[offset] not in _MAY_END_SENTENCE):
            floor = self.boundary if self.boundary <= offset else 0
            s, e, self.boundary = self.spans.sentence_bounds(offset, floor)
            self.start, self.end, self.sentence_start = offset, e, s
            self.quote = text[s:e] if e - s <= MAX_QUOTE else None
        if self.quote is not None:
            return self.quote
        return bounded_quote(text, self.sentence_start, self.end, offset, end)


def _claims_of(doc_id: str, text: str, mentions: list[Mention]) -> list[Claim]:
    """Locate each mention (line, column, sentence quote) and make it a Claim.

    One loop with the per-document lookups bound once: this runs for every claim. The
    mention's `attrs` dict is handed over, not copied (a mention is never reused).
    """
    spans = TextSpans(text)
    sentence = _SentenceQuotes(spans)
    quote_at = sentence.at
    count, rfind = text.count, text.rfind
    # Line and line start of offset `counted`, moved forwards (mentions are in text
    # order), so each step reads only the text between two claims.
    line, line_start, counted = 1, 0, 0
    claims = []
    for m in mentions:
        start = m.start
        breaks = count("\n", counted, start)
        if breaks:
            line += breaks
            line_start = rfind("\n", counted, start) + 1
        counted = start
        unit = m.unit
        inferred = m.unit_inferred
        if inferred and unit is None:
            unit = infer_unit(spans, start)
            inferred = unit is not None
        # The one place a finder's plain-string kind and qualifier become the model's
        # vocabularies (each finder takes them from its own tables of KINDS and QUALIFIERS);
        # the ignore below stands for `cast(Kind, ...)`, a call per claim at run time.
        quote = sentence.quote          # `quote_at`'s answer for a claim in the same sentence
        if quote is None or not (
            sentence.start <= start < sentence.end and text[start] not in _MAY_END_SENTENCE
        ):
            quote = quote_at(start, m.end)
        claims.append(Claim(
            doc_id, start, m.end, line, start - line_start + 1, text[start:m.end],
            quote, m.kind, m.value, m.qualifier,  # type: ignore[arg-type]
            m.low, m.high, unit, inferred, m.attrs,
        ))
    return claims
