"""years_ago: "N years ago" (or after, before, an anniversary) that does not match a year
stated with it.

## What it finds
"N years ago", "N years after", "the Nth anniversary" that does not match a year stated
with it, given the document's date.

## Why it matters
Relative years are resolved against the document's date, so a phrase copied from an
older text, or a wrong year beside it, shows up as a mismatch. Only a year in the same
sentence counts, only one before the document date, and a range or a decade containing
the resolved year agrees. Tolerance: 2 years for exact numbers, 10 % of N for round ones
("thirty years ago", "a century ago"). With no document date, "ago" is not checked;
with a date guessed from the text (no date given), a finding that rests on it is "info".

## Example
PASS: "Twenty years ago, in May 2005, the bridge was opened." (in an article dated 2025)
FAIL: "The mill burned down 60 years ago, in the year 1921." (dated 2019)
FAIL: "We mark the 20th anniversary of the 1999 flood." (in an article dated 2025)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.weekday import MONTHS
from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import make_finding

ID = "years_ago"
SEVERITY: Severity = "warning"
DEFAULT: dict[str, Any] = {
    "exact_tolerance": 2,        # years, for "28 years ago"
    "round_tolerance": 0.10,     # share of N, for "thirty years ago", "a century ago"
    "window": 200,               # characters: how far a year may be in a broken sentence
    "anniversary_tolerance": 1,  # years between an anniversary and the document date
    "max_gap": 80,               # characters between the phrase and a year it contradicts
}

_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_IN_TEXT = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_SENTENCE_END = re.compile(r"[.!?]\s")
# Words that start another clause: past them a year is about something else ("began 50
# years ago but moved to its present site in 1968").
_CLAUSE_BREAK = re.compile(
    r"[;()]|\b(?:but|and|or|while|whereas|although|though|when|who|which|whose|where|until|"
    r"since|yet|after|before|then)\b",
    re.IGNORECASE,
)
_ANCHOR_GAP = re.compile(r"^\W*(?:(?:the|of|in|a|an)\s+)*$", re.IGNORECASE)
_ANNIVERSARY_GAP = 60  # characters between "the 30th anniversary" and its year
_DIRECTION_SIGN = {"after": 1, "later": 1, "before": -1, "earlier": -1}
_TEMPORAL = ("year", "date", "month", "decade")


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    """Findings for "N years ago" that disagrees with the year it refers to."""
    relative = [c for c in claims if c.kind == "relative_year"]
    if not relative:
        return
    dated = _DatedClaims([c for c in claims if c.kind in _TEMPORAL and _years(c) is not None])
    for rel in relative:
        years = rel.attrs.get("years")
        if not isinstance(years, int | float) or years < 1:
            continue
        direction = rel.attrs.get("direction", "ago")
        nearby = [c for c in dated.around(rel, conf["window"])
                  if not _overlaps(c, rel) and _same_sentence(doc, rel, c, conf)]
        if direction == "ago":
            yield from _check_ago(doc, rel, years, nearby, conf)
        elif direction in _DIRECTION_SIGN:
            sign = _DIRECTION_SIGN[direction]
            yield from _check_from_anchor(doc, rel, years, sign, nearby, conf)
        elif direction == "anniversary":
            yield from _check_anniversary(doc, rel, years, nearby, conf)


class _DatedClaims:
    """A document's dated claims, indexed so that the ones that can share a sentence with a
    phrase are found without testing every one (a long text has thousands)."""

    def __init__(self, dated: list[Claim]) -> None:
        self.dated = dated
        self.order = sorted(range(len(dated)), key=lambda i: dated[i].start)
        self.starts = [dated[i].start for i in self.order]
        self.longest = max((c.end - c.start for c in dated), default=0)
        self.by_quote: dict[str, list[int]] = {}
        for i, c in enumerate(dated):
            if c.quote:
                self.by_quote.setdefault(c.quote, []).append(i)

    def around(self, rel: Claim, window: int) -> list[Claim]:
        """In document order, every claim in the phrase's sentence or within `window`
        characters of it (and perhaps a few more): what `_same_sentence` can accept."""
        if len(self.dated) <= 16:
            return self.dated
        low = bisect.bisect_left(self.starts, rel.start - window - self.longest)
        high = bisect.bisect_right(self.starts, rel.end + window)
        picked = set(self.order[low:high])
        if rel.quote:
            picked.update(self.by_quote.get(rel.quote, ()))
        return [self.dated[i] for i in sorted(picked)]


def tolerance(years: float, conf: Mapping[str, Any], qualifier: str = "exact") -> float:
    """How far a stated year may be from the resolved one: round N are approximate."""
    is_round = years % 10 == 0 or (years >= 15 and years % 5 == 0) or qualifier != "exact"
    return max(conf["exact_tolerance"], conf["round_tolerance"] * years) if is_round else (
        conf["exact_tolerance"]
    )


def _check_ago(
    doc: Document, rel: Claim, years: float, nearby: list[Claim], conf: Mapping[str, Any]
) -> Iterator[Finding]:
    doc_year = _doc_year(doc)
    if doc_year is None:
        return
    target = rel.value if isinstance(rel.value, int | float) else doc_year - years
    before = [c for c in nearby if _before_document(c, doc)]
    odd = _mismatch(doc, rel, target, before, tolerance(years, conf, rel.qualifier), conf)
    if odd is None:
        return
    message = (
        f"'{rel.text}' points to about {_year(target)} ({_dated(doc)}), but the same "
        f"sentence says {_year(_stated_years(odd)[0])}."
    )
    yield _finding(rel, odd, message, target, _severity_on_document_date(doc))


def _check_from_anchor(
    doc: Document,
    rel: Claim, years: float, sign: int, nearby: list[Claim], conf: Mapping[str, Any]
) -> Iterator[Finding]:
    anchor_year, anchor = _anchor(doc, rel, nearby, max_gap=12, strict=True)
    if anchor_year is None:
        return
    target = anchor_year + sign * years
    others = [c for c in nearby if c is not anchor and _years(c) != (anchor_year, anchor_year)]
    odd = _mismatch(doc, rel, target, others, tolerance(years, conf, rel.qualifier), conf)
    if odd is None:
        return
    message = (
        f"'{rel.text}' points to {_year(target)}, but the same sentence says "
        f"{_year(_stated_years(odd)[0])}."
    )
    yield _finding(rel, odd, message, target)


def _check_anniversary(
    doc: Document, rel: Claim, years: float, nearby: list[Claim], conf: Mapping[str, Any]
) -> Iterator[Finding]:
    doc_year = _doc_year(doc)
    anchor_year, anchor = _anchor(doc, rel, nearby, max_gap=_ANNIVERSARY_GAP, strict=False)
    if doc_year is None or anchor_year is None:
        return
    target = anchor_year + years
    if abs(target - doc_year) <= conf["anniversary_tolerance"]:
        return
    message = (
        f"'{rel.text}' of {_year(anchor_year)} falls in {_year(target)}, but {_dated(doc)}."
    )
    yield _finding(rel, anchor, message, target, _severity_on_document_date(doc))


def _mismatch(
    doc: Document,
    rel: Claim,
    target: float,
    candidates: list[Claim],
    tol: float,
    conf: Mapping[str, Any],
) -> Claim | None:
    """The nearest single year far from `target` in the phrase's own clause, unless some
    year or range in the sentence agrees."""
    if not candidates:
        return None
    for c in candidates:
        low, high = _stated_years(c)
        if low - tol <= target <= high + tol:
            return None
    singles = [c for c in candidates if _is_single_year(c) and _linked(doc, rel, c, conf)]
    if not singles:
        return None
    return min(singles, key=lambda c: (_distance(rel, c), c.start))


def _anchor(
    doc: Document, rel: Claim, nearby: list[Claim], max_gap: int, strict: bool
) -> tuple[float | None, Claim | None]:
    """The year a phrase counts from, and its claim when it is one: given by the extractor
    (attrs["anchor_year"]), written inside the phrase, or the year right after it ("28
    years after the 1988 massacre", "the 30th anniversary of the Srebrenica genocide in 1995")."""
    given = rel.attrs.get("anchor_year", rel.attrs.get("anchor"))
    inside = _YEAR_IN_TEXT.search(rel.text)
    if not isinstance(given, int | float) and inside:
        given = int(inside.group(1))
    following = sorted(
        (c for c in nearby
         if c.start >= rel.end and c.start - rel.end <= max_gap and _is_single_year(c)),
        key=lambda c: c.start,
    )
    if isinstance(given, int | float):
        same = [c for c in following if _stated_years(c)[0] == given]
        return float(given), (same[0] if same else None)
    if not following:
        return None, None
    first = following[0]
    if strict and doc.text and not _ANCHOR_GAP.match(doc.text[rel.end:first.start]):
        return None, None
    return _stated_years(first)[0], first


def _is_single_year(c: Claim) -> bool:
    low, high = _stated_years(c)
    return low == high


def _finding(
    rel: Claim, other: Claim | None, message: str, target: float, severity: Severity = SEVERITY
) -> Finding:
    flagged = [rel] + ([other] if other is not None else [])
    details = {"resolved_year": _year(target), "years": rel.attrs.get("years"),
               "direction": rel.attrs.get("direction", "ago")}
    return make_finding(ID, ID, severity, message, flagged, (), details)


def _severity_on_document_date(doc: Document) -> Severity:
    """A finding that rests on the document date is only a hint ("info") when that date
    was guessed from the text (the first full date in it), not given: the guess may be
    the date of an event the article reports, not of the article."""
    return "info" if doc.date_source == "text" else SEVERITY


def _dated(doc: Document) -> str:
    """"the article is dated 26 November 2016", saying when that date is a guess."""
    if doc.date_source == "text":
        return (f"taking {_spoken(doc.date)}, the first full date in the text, as the "
                f"article's date")
    return f"the article is dated {_spoken(doc.date)}"


def _years(c: Claim) -> tuple[float, float] | None:
    """The span of years a temporal claim states."""
    if c.kind in ("year", "decade"):
        if c.low is not None and c.high is not None:
            return (float(c.low), float(c.high))
        return (float(c.value), float(c.value)) if isinstance(c.value, int | float) else None
    if isinstance(c.value, str) and _FOUR_DIGITS.match(c.value):
        year = float(c.value[:4])
        return (year, year)
    return None


def _stated_years(c: Claim) -> tuple[float, float]:
    """`_years` of a claim the check looks at: each states years (`check` keeps no other)."""
    span = _years(c)
    assert span is not None
    return span


def _same_sentence(doc: Document, a: Claim, b: Claim, conf: Mapping[str, Any]) -> bool:
    if a.quote and a.quote == b.quote:
        return True
    if _distance(a, b) > conf["window"] or not doc.text:
        return False
    gap = doc.text[min(a.end, b.end):max(a.start, b.start)]
    return _SENTENCE_END.search(gap) is None


def _linked(doc: Document, a: Claim, b: Claim, conf: Mapping[str, Any]) -> bool:
    """Whether two claims are close and in one clause, so one can be about the other."""
    if _distance(a, b) > conf["max_gap"]:
        return False
    if not doc.text:
        return True
    gap = doc.text[min(a.end, b.end):max(a.start, b.start)]
    return _CLAUSE_BREAK.search(gap) is None


def _before_document(c: Claim, doc: Document) -> bool:
    if c.kind == "date" and isinstance(c.value, str) and doc.date:
        return c.value[:10] < doc.date[:10]
    return _stated_years(c)[1] < (_doc_year(doc) or 0)


def _overlaps(a: Claim, b: Claim) -> bool:
    return a.start < b.end and b.start < a.end


def _distance(a: Claim, b: Claim) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _doc_year(doc: Document) -> int | None:
    if doc.date and _FOUR_DIGITS.match(doc.date):
        return int(doc.date[:4])
    return None


def _spoken(iso: str | None) -> str:
    """"26 November 2016" from an ISO date, "July 2010" from a month (or as much of it
    as is there)."""
    if not iso:
        return "unknown"
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {MONTHS[int(parts[1])]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1])]} {parts[0]}"
    return iso


def _year(value: float) -> int:
    return int(round(value))
