"""The picture of each finding's group, for the HTML report and the review app: every claim
of the group the finding came from, drawn as its interval on one axis, with the consensus
and the house figure as bands and the flagged claims marked. An editor sees "over 300"
against "over 30,000" before reading a word.

This module decides the geometry (scale, ticks, positions in percent of the width) so it
can be tested here; `templates/picture.js` only turns it into SVG. A group's claims with
the same interval share one row ("over 30,000 x4"); a group gets one picture, shared by
its findings, so a group of a million claims costs the page a few kilobytes: the rows its
findings cite and the most repeated ones are kept, the rest are drawn as unlabelled ticks
merged to the screen's resolution. A built-in check's finding (drift, years_ago) has no rule
group: its picture draws its own claims.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.report.axis import choose_axis, format_range, style_of

MAX_ROWS = 10         # rows one finding's picture labels; the rest are ticks on a last line
MAX_GROUP_ROWS = 40   # rows a group keeps besides the ones its findings cite
MAX_CITED_ROWS = 400  # ...and of those, at most this many (a tie in a huge group cites all)
MAX_BANDS = 6
QUOTE_CHARS = 240
LABEL_CHARS = 28
STRIP_STEP = 0.25     # the unlabelled line's ticks are merged at this resolution (percent)
BAND_KINDS = ("expected", "consensus")
_DETERMINER = re.compile(r"^(?:the|these|those|all|of)\s+", re.IGNORECASE)
_TRAILING_OF = re.compile(r"\s+of$", re.IGNORECASE)  # "thousands of [prisoners]"

Key = tuple[float, float]


@dataclass(slots=True)
class _Row:
    """Every claim of a group with one interval."""

    low: float
    high: float
    first: Mapping[str, Any]          # the first such claim in report order: the link
    count: int = 0
    docs: set[str] = field(default_factory=set)
    figures: Counter[str] = field(default_factory=Counter)
    kinds: set[str] = field(default_factory=set)

    def add(self, claim: Mapping[str, Any]) -> None:
        self.count += 1
        self.docs.add(claim["doc"])
        self.figures[figure_label(claim)] += 1
        self.kinds.add(claim["kind"])


class PictureCollector:
    """Fed every claim of the report once (`add`, in report order); `result` then gives
    the pictures and, per finding id, which picture it shows and how."""

    def __init__(self, findings: list[Mapping[str, Any]]) -> None:
        self._findings = findings
        self.rules = frozenset(f.get("rule") for f in findings) - {None}  # the ones to add
        # A rule's group is the rule id, or `rule@document` for a rule compared within each
        # document; only those groups are gathered, so other groups cost no memory.
        self._wanted: set[str] = set()
        self._cited: dict[tuple, list[int]] = {}
        for i, f in enumerate(findings):
            for c in f.get("claims", []):
                if interval_of(c) is not None:
                    self._cited.setdefault(_claim_key(f.get("rule"), c), []).append(i)
                    self._wanted |= {str(f.get("rule")), f"{f.get('rule')}@{c['doc']}"}
        self._group_of: dict[int, str] = {}
        self._groups: dict[str, dict[Key, _Row]] = {}

    def add(self, claim: Mapping[str, Any]) -> None:
        rule = claim.get("rule")
        if rule is None or rule not in self.rules:
            return
        key = interval_of(claim)
        if key is None:
            return
        group = claim.get("group") or rule
        for i in self._cited.get(_claim_key(rule, claim), ()):
            self._group_of.setdefault(i, group)
        if group not in self._wanted:
            return
        rows = self._groups.setdefault(group, {})
        row = rows.get(key)
        if row is None:
            row = rows[key] = _Row(key[0], key[1], claim)
        row.add(claim)

    def result(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """(pictures, finding id -> {picture, rows, claims, bands}). A finding with fewer
        than two intervals to compare and no band gets no picture."""
        by_group: dict[str, list[int]] = {}
        alone: list[int] = []
        for i in range(len(self._findings)):
            group = self._group_of.get(i)
            if group in self._groups:
                by_group.setdefault(group, []).append(i)
            else:
                alone.append(i)
        pictures: list[dict[str, Any]] = []
        entries: dict[str, dict[str, Any]] = {}
        jobs = [(self._groups[g], by_group[g]) for g in sorted(by_group)]
        jobs += [(own_rows(self._findings[i]), [i]) for i in alone]
        for rows, indices in jobs:
            findings = [self._findings[i] for i in indices]
            drawn = build_picture(list(rows.values()), findings)
            if drawn is None:
                continue
            picture, per_finding = drawn
            if not any(per_finding):
                continue
            for f, entry in zip(findings, per_finding, strict=True):
                if entry is not None:
                    entries[str(f.get("id"))] = {"picture": len(pictures), **entry}
            pictures.append(picture)
        return pictures, entries


def own_rows(finding: Mapping[str, Any]) -> dict[Key, _Row]:
    """The rows of a finding that has no rule group: its own claims."""
    rows: dict[Key, _Row] = {}
    for c in finding.get("claims", []):
        key = interval_of(c)
        if key is not None:
            rows.setdefault(key, _Row(key[0], key[1], c)).add(c)
    return rows


def build_picture(
    rows: list[_Row], findings: list[Mapping[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any] | None]] | None:
    """One group's picture and each of its findings' view of it."""
    rows.sort(key=lambda r: (r.low, r.high))
    index: dict[tuple[float, float] | None, int] = {
        (r.low, r.high): i for i, r in enumerate(rows)}
    cites = [[index.get(interval_of(c)) for c in f.get("claims", [])] for f in findings]
    bands = [bands_of(f.get("details")) for f in findings]
    by_count = sorted(range(len(rows)), key=lambda i: (-rows[i].count, i))
    pinned = {i for cited in cites for i in cited if i is not None}
    if len(pinned) > MAX_CITED_ROWS:
        pinned = set([i for i in by_count if i in pinned][:MAX_CITED_ROWS])
    kept = sorted(pinned | set([i for i in by_count if i not in pinned][:MAX_GROUP_ROWS]))
    if not kept:
        return None
    ends = [v for r in rows for v in (r.low, r.high)]
    ends += [v for found in bands for _, lo, hi, _ in found for v in (lo, hi)]
    style = style_of(k for r in rows for k in r.kinds)
    axis = choose_axis(ends, style)
    new_index = {old: new for new, old in enumerate(kept)}
    picture: dict[str, Any] = {
        "scale": "log" if axis.log else "linear",
        "ticks": [[x, label] for x, label in axis.ticks()],
        "rows": [_row_record(rows[i], axis, style) for i in kept],
        "claims": sum(r.count for r in rows),
        "documents": len(set().union(*(r.docs for r in rows))),
    }
    left = [rows[i] for i in range(len(rows)) if i not in new_index]
    if left:
        picture["others"] = {"n": sum(r.count for r in left),
                             "x": _strip((axis.at(r.low), axis.at(r.high)) for r in left)}
    per_finding: list[dict[str, Any] | None] = []
    for f, cited, found in zip(findings, cites, bands, strict=True):
        mapped = [new_index.get(i) if i is not None else None for i in cited]
        drawn_bands = [{"kind": kind, "x": [axis.at(lo), axis.at(hi)], "figure": figure,
                        "range": format_range(lo, hi, style)} for kind, lo, hi, figure in found]
        if len(kept) < 2 and not drawn_bands:
            per_finding.append(None)
            continue
        roles = [c.get("role") for c in f.get("claims", [])]
        per_finding.append({
            "rows": shown_rows(mapped, roles, [rows[i].count for i in kept]),
            "claims": mapped, "bands": drawn_bands,
        })
    return picture, per_finding


def shown_rows(mapped: list[int | None], roles: list[str | None], counts: list[int]) -> list[int]:
    """The rows a finding labels, at most MAX_ROWS: its flagged claims' rows, then its
    references', then the most repeated figures; in axis order."""
    flagged = [i for i, role in zip(mapped, roles, strict=True) if i is not None
               and role == "flagged"]
    cited = [i for i in mapped if i is not None]
    rest = sorted(range(len(counts)), key=lambda i: (-counts[i], i))
    order: dict[int, None] = {}
    for group in (sorted(set(flagged), key=lambda i: (-counts[i], i)),
                  sorted(set(cited), key=lambda i: (-counts[i], i)), rest):
        for i in group:
            order.setdefault(i, None)
    return sorted(list(order)[:MAX_ROWS])


def bands_of(details: Any) -> list[tuple[str, float, float, str]]:
    """(kind, low, high, figure) of the house figure, the consensus and any blocs a
    finding's details carry; anything malformed or missing is left out."""
    if not isinstance(details, Mapping):
        return []
    found = [(kind, details.get(kind)) for kind in BAND_KINDS]
    blocs = details.get("blocs")
    if isinstance(blocs, list):
        found += [("bloc", b) for b in blocs]
    bands: list[tuple[str, float, float, str]] = []
    for kind, part in found:
        if isinstance(part, Mapping):
            lo, hi = _number(part.get("low")), _number(part.get("high"))
            if lo is None or hi is None or lo > hi:
                continue
            if bands and kind == "consensus" and bands[-1][:3] == ("expected", lo, hi):
                bands[-1] = ("expected consensus", lo, hi, bands[-1][3])  # one band, both
            else:
                bands.append((kind, lo, hi, str(part.get("figure") or "")))
    return bands[:MAX_BANDS]


def interval_of(claim: Mapping[str, Any]) -> Key | None:
    """A claim's interval (low, high) in order, or None without one."""
    lo, hi = _number(claim.get("low")), _number(claim.get("high"))
    if lo is None or hi is None:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def figure_label(claim: Mapping[str, Any]) -> str:
    """The figure as written, without its unit or a leading article: "over 30,000"."""
    text = " ".join(str(claim.get("text", "")).split())
    text = _DETERMINER.sub("", text) or text
    unit = claim.get("unit")
    if unit and not claim.get("unit_inferred"):
        at = text.lower().rfind(str(unit).lower())
        if at > 0:
            text = _TRAILING_OF.sub("", text[:at].rstrip(" ,;:-"))
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "\u2026"


def quote_around(claim: Mapping[str, Any]) -> str:
    """The claim's sentence, cut to QUOTE_CHARS around the figure when it is longer."""
    quote = " ".join(str(claim.get("quote", "")).split())
    if len(quote) <= QUOTE_CHARS:
        return quote
    at = max(0, quote.lower().find(" ".join(str(claim.get("text", "")).split()).lower()))
    start = max(0, min(at - QUOTE_CHARS // 2, len(quote) - QUOTE_CHARS))
    end = start + QUOTE_CHARS
    return ("\u2026" if start else "") + quote[start:end] + ("\u2026" if end < len(quote) else "")


def _row_record(row: _Row, axis: Any, style: str) -> dict[str, Any]:
    first = row.first
    return {
        "x": [axis.at(row.low), axis.at(row.high)],
        "figure": min(row.figures, key=lambda f: (-row.figures[f], f)),
        "n": row.count, "docs": len(row.docs), "range": format_range(row.low, row.high, style),
        "at": [first["doc"], first["start"], first.get("line"), first.get("column")],
        "quote": quote_around(first),
    }


def _strip(spans: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Unlabelled intervals as ticks on one line, merged to STRIP_STEP so a group with
    thousands of different figures stays a few hundred ticks."""
    merged = {(_snap(a), _snap(b)) for a, b in spans}
    return [[a, b] for a, b in sorted(merged)]


def _snap(x: float) -> float:
    return round(round(x / STRIP_STEP) * STRIP_STEP, 2)


def _claim_key(rule: Any, claim: Mapping[str, Any]) -> tuple:
    return (rule, claim.get("doc"), claim.get("start"), claim.get("end"), claim.get("kind"))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) else None
