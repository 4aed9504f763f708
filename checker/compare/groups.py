"""A rule's group of claims -> findings: consensus, conflicts, blocs and house-figure misses.

Two claims about the same quantity contradict when their intervals do not overlap (after
the rule's tolerance). The consensus is the largest set of claims sharing a common point,
found by a sweep over sorted endpoints (O(n log n), so a million-claim group takes
seconds); every claim outside it is a `conflict`. When several sets share the largest size
(blocs: 2,412 twice and 2,415 twice), one `conflict` finding flags the claims that do not
fit every bloc and cites those that do ("more than 2,400"). With a house figure
(`expect`), the house figure decides: each claim that misses it gets an `expected` finding
citing the claims that keep to it, and no other claim is flagged.
"""

from __future__ import annotations

import heapq
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from checker.compare.slips import likely_slip, slip_note
from checker.model import Claim, Finding
from checker.model.findings import (
    claim_order,
    figure_of,
    finding_order,
    make_finding,
    merge_repeats,
    written,
)
from checker.rules.rule import Rule
from checker.util.numbers import grouped

MAX_REFERENCES = 5
# Distinct reference texts ranked by similarity per flagged claim, per document and overall.
MAX_CANDIDATE_TEXTS = 200
MAX_TIE_FIGURES = 6
MAX_BLOCS = 20        # largest sets of compatible claims described in one tie
# Distinct texts of the consensus read to find the figure as written most often.
MAX_FIGURE_TEXTS = 5000

_QUALIFIER_WORDS = {
    "over": "over", "at_least": "at least", "about": "about", "nearly": "nearly",
    "up_to": "up to", "under": "under",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


if TYPE_CHECKING:
    import numpy as np

    # one bound, or the bounds of a whole group at once
    Number = TypeVar("Number", float, np.ndarray)

# numpy, rapidfuzz and the extraction package load on first use, not on import: a warm
# re-scan imports this module but compares no group.


@dataclass(frozen=True, slots=True)
class Consensus:
    """The largest set of mutually compatible claims, and how it reads in a report."""

    claims: list[Claim]
    figure: str          # the consensus figure as written most often: "over 30,000"
    value: float | int | str | None
    low: float
    high: float
    documents: int

    def to_dict(self) -> dict:
        return {
            "figure": self.figure, "value": _plain(self.value), "low": _plain(self.low),
            "high": _plain(self.high), "count": len(self.claims), "documents": self.documents,
        }


def compare_group(rule: Rule, claims: list[Claim]) -> list[Finding]:
    """Findings for one group of claims selected by `rule` (conflicts, then expected)."""
    usable = [c for c in claims if c.low is not None and c.high is not None]
    if rule.across == "document":
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in usable:
            by_doc[c.doc].append(c)
        parts = [by_doc[d] for d in sorted(by_doc)]
    else:
        parts = [usable]
    findings: list[Finding] = []
    for part in parts:
        findings.extend(_compare(rule, part))
    findings.sort(key=finding_order)
    return merge_repeats(findings)


# Qualifiers whose width is a guess at how approximate the figure is (not a bound the
# words state): a rule's tolerance replaces that guess.
APPROXIMATE = frozenset({"exact", "about", "nearly"})


def effective_interval(rule: Rule, low: Number, high: Number) -> tuple[Number, Number]:
    """[low, high] widened by half the rule's tolerance on each side, so two claims agree
    when they are within the tolerance of each other (5 %: 462 agrees with 463)."""
    return (
        low - (abs(low) * rule.tolerance + rule.tolerance_abs) / 2,
        high + (abs(high) * rule.tolerance + rule.tolerance_abs) / 2,
    )


def stated_interval(rule: Rule, claim: Claim) -> tuple[float, float]:
    """The interval the claim is compared with, before the tolerance widens it. A rule that
    sets a tolerance replaces the built-in widths of approximate figures (round figures;
    about, some, an estimated; nearly) with it: they then stand for the figure itself."""
    if (rule.tolerance_set and claim.qualifier in APPROXIMATE
            and isinstance(claim.value, int | float) and not isinstance(claim.value, bool)):
        return (float(claim.value), float(claim.value))
    return (claim.low, claim.high)  # type: ignore[return-value]  # selected figures have bounds


def expected_interval(
    value: float, qualifier: str = "exact", high: float | None = None, rule: Rule | None = None
) -> tuple[float, float]:
    """The interval a house figure commits to, with the same semantics as written figures
    (and, given the rule, its tolerance: widened like a claim's)."""
    from checker.extract.intervals import interval_of, precision_of

    if rule is not None and rule.tolerance_set and qualifier in APPROXIMATE:
        bounds = (float(value), float(value))
    else:
        precision = precision_of(str(int(value))) if float(value).is_integer() else 1
        bounds = interval_of(value, qualifier, precision, high)
    if rule is None:
        return bounds
    return effective_interval(rule, *bounds)


def find_consensus(lows: np.ndarray, highs: np.ndarray) -> tuple[float, int, bool]:
    """(a point in the largest set of intervals sharing a point, that set's size, tie?).

    The maximum depth is reached at some interval's low end; two such points hold the
    same set exactly when no interval ends between them.
    """
    import numpy as np

    sorted_lo, sorted_hi = np.sort(lows), np.sort(highs)
    points = np.unique(sorted_lo)
    depth = np.searchsorted(sorted_lo, points, "right") - np.searchsorted(sorted_hi, points, "left")
    best = int(depth.max())
    at_best = points[depth == best]
    ended_before = np.searchsorted(sorted_hi, at_best, "left")
    return float(at_best[0]), best, np.unique(ended_before).size > 1


def find_blocs(lows: np.ndarray, highs: np.ndarray, best: int) -> list[tuple[float, float]]:
    """The common part [low, high] of each largest set of compatible claims (a bloc), when
    several sets share the largest size: one point of each set, then its members' bounds.
    At most MAX_BLOCS, in order along the axis."""
    import numpy as np

    sorted_lo, sorted_hi = np.sort(lows), np.sort(highs)
    points = np.unique(sorted_lo)
    depth = np.searchsorted(sorted_lo, points, "right") - np.searchsorted(sorted_hi, points, "left")
    at_best = points[depth == best]
    ended_before = np.searchsorted(sorted_hi, at_best, "left")
    _, first = np.unique(ended_before, return_index=True)
    regions = []
    for p in at_best[np.sort(first)][:MAX_BLOCS]:
        members = (lows <= p) & (highs >= p)
        regions.append((float(lows[members].max()), float(highs[members].min())))
    return regions


def _compare(rule: Rule, claims: list[Claim]) -> list[Finding]:
    if not claims:
        return []
    import numpy as np

    n = len(claims)
    if rule.tolerance_set:
        bounds = [stated_interval(rule, c) for c in claims]
        lows = np.fromiter((b[0] for b in bounds), float, n)
        highs = np.fromiter((b[1] for b in bounds), float, n)
    else:
        lows = np.fromiter((c.low for c in claims), float, n)
        highs = np.fromiter((c.high for c in claims), float, n)
    raw = (lows, highs)
    lows, highs = effective_interval(rule, lows, highs)
    if rule.expect_value is not None:
        return _house_decides(rule, claims, raw, (lows, highs))
    point, best, tie = find_consensus(lows, highs)
    if tie:
        return _bloc_findings(rule, claims, lows, highs, best)
    inside = (lows <= point) & (highs >= point)
    if inside.all():
        return []
    members = [claims[i] for i in np.flatnonzero(inside)]
    places = _by_document_and_text(members)
    consensus = _describe(
        members, places, (raw[0][inside], raw[1][inside]), (lows[inside], highs[inside])
    )
    picker = _ReferencePicker(places)
    flagged_count = int(n - inside.sum())
    return [_conflict_finding(rule, claims[i], consensus, picker, flagged_count)
            for i in np.flatnonzero(~inside)]


def _house_decides(rule: Rule, claims: list[Claim], raw: tuple[np.ndarray, np.ndarray],
                   widened: tuple[np.ndarray, np.ndarray]) -> list[Finding]:
    """With a house figure, only the claims that miss it are flagged, each citing the
    claims that keep to it; claims that keep to it are never flagged, whatever the
    majority says."""
    import numpy as np

    assert rule.expect_value is not None
    house = expected_interval(rule.expect_value, rule.expect_qualifier, rule.expect_high, rule)
    lows, highs = widened
    misses = (highs < house[0]) | (lows > house[1])
    if not misses.any():
        return []
    agree = ~misses
    consensus, picker = None, None
    if agree.any():
        members = [claims[i] for i in np.flatnonzero(agree)]
        places = _by_document_and_text(members)
        consensus = _describe(members, places, (raw[0][agree], raw[1][agree]),
                              (lows[agree], highs[agree]), house)
        picker = _ReferencePicker(places)
    return [_expected_finding(rule, claims[i], consensus, picker)
            for i in np.flatnonzero(misses)]


def _bloc_findings(rule: Rule, claims: list[Claim], lows: np.ndarray, highs: np.ndarray,
                   best: int) -> list[Finding]:
    """No consensus: the claims split into blocs of the same size. The claims that fit
    every bloc ("more than 2,400" beside 2,412 and 2,415) are cited, never flagged; the
    others are flagged together in one finding."""
    import numpy as np

    blocs = find_blocs(lows, highs, best)
    fits_all = np.ones(len(claims), bool)
    for low, high in blocs:
        fits_all &= (lows <= high) & (highs >= low)
    if fits_all.all():
        return []
    flagged = [claims[i] for i in np.flatnonzero(~fits_all)]
    fitting = [claims[i] for i in np.flatnonzero(fits_all)]
    return [_tie_finding(rule, flagged, fitting, blocs)]


def _by_document_and_text(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Claims bucketed by (document, text): one pass, and few buckets for repeated figures."""
    places: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        key = (c.doc, c.text)
        bucket = places.get(key)
        if bucket is None:
            places[key] = [c]
        else:
            bucket.append(c)
    return places


def _describe(
    members: list[Claim],
    places: dict[tuple[str, str], list[Claim]],
    raw: tuple[np.ndarray, np.ndarray],
    widened: tuple[np.ndarray, ...],
    fallback: tuple[float, float] | None = None,
) -> Consensus:
    """The consensus bounds: the common part of its claims' own intervals, or of their
    widened intervals when only the tolerance makes them agree (or, for claims that only
    each keep to a house figure, that figure's bounds)."""
    low, high = raw[0].max(), raw[1].min()
    if low > high:
        low, high = widened[0].max(), widened[1].min()
    if low > high and fallback is not None:
        low, high = fallback
    by_text: Counter[str] = Counter()
    values: Counter = Counter()
    sample: dict[str, Claim] = {}
    for (_, text), bucket in places.items():
        by_text[text] += len(bucket)
        sample.setdefault(text, bucket[0])
        for c in bucket if len(bucket) < 8 else (bucket[0],):
            values[c.value] += 1 if len(bucket) < 8 else len(bucket)
    figures: Counter[str] = Counter()
    for text in heapq.nsmallest(MAX_FIGURE_TEXTS, by_text, key=lambda t: (-by_text[t], t)):
        figures[figure_of(sample[text])] += by_text[text]
    figure = min(figures, key=lambda f: (-figures[f], f))
    value = min(values, key=lambda v: (-values[v], str(v)))
    documents = len({doc for doc, _ in places})
    return Consensus(members, figure, value, float(low), float(high), documents)


class _ReferencePicker:
    """Chooses the few consensus claims a conflict cites: same document first, then the
    most similar text. Ranks a bounded set of distinct texts, so it stays fast."""

    def __init__(self, places: dict[tuple[str, str], list[Claim]]) -> None:
        self._claims: dict[str, dict[str, list[Claim]]] = defaultdict(dict)
        self._doc_texts: dict[str, set[str]] = defaultdict(set)
        norms: dict[str, str] = {}
        for (doc, text), bucket in places.items():
            key = norms.get(text)
            if key is None:
                key = norms[text] = _norm(text)
            self._claims[key].setdefault(doc, []).extend(bucket)
            self._doc_texts[doc].add(key)
        size = {t: sum(map(len, docs.values())) for t, docs in self._claims.items()}
        common = heapq.nsmallest(MAX_CANDIDATE_TEXTS, size, key=lambda t: (-size[t], t))
        # Per common text, the first claims of its first few documents: enough to cite
        # MAX_REFERENCES claims outside any one document.
        self._samples: dict[str, list[Claim]] = {}
        for t in common:
            docs = heapq.nsmallest(MAX_REFERENCES + 1, self._claims[t])
            picked = [
                c for d in docs
                for c in heapq.nsmallest(MAX_REFERENCES, self._claims[t][d], key=claim_order)
            ]
            self._samples[t] = sorted(picked, key=claim_order)
        self._cache: dict[tuple[str, str], list[Claim]] = {}

    def pick(self, claim: Claim) -> list[Claim]:
        key = (claim.doc, _norm(claim.text))
        if key not in self._cache:
            texts = heapq.nsmallest(MAX_CANDIDATE_TEXTS, self._doc_texts.get(claim.doc, ()))
            same = {t: self._claims[t][claim.doc] for t in texts}
            chosen = _ranked(key[1], same, MAX_REFERENCES)
            if len(chosen) < MAX_REFERENCES:
                others = {
                    t: [c for c in cs if c.doc != claim.doc] for t, cs in self._samples.items()
                }
                chosen += _ranked(key[1], others, MAX_REFERENCES - len(chosen))
            self._cache[key] = chosen
        return self._cache[key]


def _ranked(query: str, texts: Mapping[str, list[Claim]], limit: int) -> list[Claim]:
    """Up to `limit` claims, the most similar texts first, then in document order."""
    texts = {t: cs for t, cs in texts.items() if cs}
    if not texts or limit <= 0:
        return []
    from rapidfuzz import fuzz, process

    scored = process.extract(query, list(texts), scorer=fuzz.ratio, limit=None)
    scored.sort(key=lambda hit: (-hit[1], hit[0]))
    out: list[Claim] = []
    for text, _, _ in scored:
        out += heapq.nsmallest(limit - len(out), texts[text], key=claim_order)
        if len(out) >= limit:
            break
    return out


def _conflict_finding(
    rule: Rule, claim: Claim, consensus: Consensus, picker: _ReferencePicker, flagged: int
) -> Finding:
    refs = picker.pick(claim)
    slip = _slip(claim.value, consensus.value)
    count = len(consensus.claims)
    where = _where(claim, consensus)
    message = f"{_capital(written(claim))} here; {consensus.figure} {where}{slip_note(slip)}."
    if rule.message:
        message = _fill(rule.message, _template_values(rule, claim, consensus.figure, count,
                                                       consensus.documents, slip))
    details = {"consensus": consensus.to_dict(), "flagged_count": flagged, "slip": slip}
    return _finding(rule, "conflict", message, [claim], refs, details)


def _where(claim: Claim, consensus: Consensus) -> str:
    """Where the consensus stands, seen from `claim`: "in 3 other places in this document"."""
    count = len(consensus.claims)
    if consensus.documents == 1 and consensus.claims[0].doc == claim.doc:
        return f"in {_places(count, 'other ')} in this document"
    if consensus.documents == 1:
        return f"in {_places(count)} in {consensus.claims[0].doc}"
    return f"in {_places(count)} across {consensus.documents} documents"


def _expected_finding(
    rule: Rule,
    claim: Claim,
    consensus: Consensus | None = None,
    picker: _ReferencePicker | None = None,
) -> Finding:
    """A claim that misses the house figure; when the consensus keeps to the house figure,
    the finding cites it too ("..., as in 3 other places in this document")."""
    assert rule.expect_value is not None  # asked only of a rule with a house figure
    house = _house_figure(rule)
    slip = _slip(claim.value, rule.expect_value)
    refs = picker.pick(claim) if picker is not None and consensus is not None else []
    support = ""
    if refs and consensus is not None:
        support = f", as {_where(claim, consensus)}"
    message = (
        f"{_capital(written(claim))} here; the house figure is {house}{support}"
        f"{slip_note(slip)}."
    )
    if rule.message:
        count = len(consensus.claims) if refs and consensus is not None else 0
        documents = consensus.documents if refs and consensus is not None else 0
        message = _fill(rule.message,
                        _template_values(rule, claim, house, count, documents, slip))
    low, high = expected_interval(rule.expect_value, rule.expect_qualifier, rule.expect_high)
    details = {
        "expected": {
            "figure": house, "value": _plain(rule.expect_value),
            "qualifier": rule.expect_qualifier, "low": _plain(low), "high": _plain(high),
        },
        "slip": slip,
    }
    if refs and consensus is not None:
        details["consensus"] = consensus.to_dict()
    return _finding(rule, "expected", message, [claim], refs, details)


def _tie_finding(rule: Rule, claims: list[Claim], fitting: list[Claim],
                 blocs: list[tuple[float, float]]) -> Finding:
    """The blocs' disagreement: the flagged claims' figures, most stated first, and the
    figures that fit every bloc."""
    order, figures = _figures(claims)
    listed = ", ".join(f"{f} ({_places(figures[f])})" for f in order[:MAX_TIE_FIGURES])
    if len(order) > MAX_TIE_FIGURES:
        listed += f" and {len(order) - MAX_TIE_FIGURES} other figures"
    fits = ""
    if fitting:
        fit_order, _ = _figures(fitting)
        fits = "; " + " and ".join(fit_order[:3]) + (" fit" if len(fit_order) > 1 else " fits")
        fits += " either" if len(blocs) == 2 else " all of them"
    message = f"The figures disagree: {listed}{fits}."
    details = {
        "figures": [{"figure": f, "count": figures[f]} for f in order],
        "flagged_count": len(claims),
        "blocs": [{"low": _plain(low), "high": _plain(high),
                   "figure": _bloc_figure(claims, low, high)} for low, high in blocs],
    }
    refs = heapq.nsmallest(MAX_REFERENCES, fitting, key=claim_order)
    return _finding(rule, "conflict", message, claims, refs, details)


def _bloc_figure(claims: list[Claim], low: float, high: float) -> str:
    """The figure most stated among the flagged claims that fall in a bloc's range."""
    inside = [c for c in claims if c.low is not None and c.high is not None
              and c.low <= high and c.high >= low]
    return _figures(inside)[0][0] if inside else ""


def _figures(claims: list[Claim]) -> tuple[list[str], Counter[str]]:
    """The distinct figures of `claims`, most stated first (then first in the text)."""
    figures: Counter[str] = Counter()
    first: dict[str, tuple] = {}
    for c in claims:
        f = figure_of(c)
        figures[f] += 1
        first[f] = min(first.get(f, claim_order(c)), claim_order(c))
    return sorted(figures, key=lambda f: (-figures[f], first[f])), figures


def _finding(
    rule: Rule, check: str, message: str, flagged: Iterable[Claim], refs: Iterable[Claim],
    details: dict,
) -> Finding:
    return make_finding(rule.id, check, rule.severity, message, flagged, refs, details)


def _template_values(
    rule: Rule, claim: Claim, consensus: str, count: int, documents: int, slip: str | None
) -> dict[str, str]:
    return {
        "text": written(claim), "value": figure_of(claim), "unit": claim.unit or "",
        "consensus": consensus, "count": str(count), "documents": str(documents),
        "slip": slip or "", "rule": rule.id, "title": rule.title or rule.id,
    }


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Format a rule's message template; unknown placeholders stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _house_figure(rule: Rule) -> str:
    assert rule.expect_value is not None  # asked only of a rule with a house figure
    value = _number(rule.expect_value)
    if rule.expect_qualifier == "between" and rule.expect_high is not None:
        return f"between {value} and {_number(rule.expect_high)}"
    word = _QUALIFIER_WORDS.get(rule.expect_qualifier)
    return f"{word} {value}" if word else value


def _slip(a: object, b: object) -> str | None:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return likely_slip(a, b)
    return None


def _places(count: int, other: str = "") -> str:
    return f"{count} {other}place{'' if count == 1 else 's'}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value: float) -> str:
    plain = _plain(value)
    return grouped(plain) if isinstance(plain, int) else f"{plain:,g}"


def _plain(value: object) -> object:
    """A number as JSON should print it: integral floats as ints, others without float
    noise (a bound widened by 2.5 % is 451.425, not 451.42499999999995)."""
    np = sys.modules.get("numpy")  # not loaded: no value can be a numpy float
    if np is not None and isinstance(value, np.floating):
        value = float(value)
    if not isinstance(value, float) or value != value or value in (_INF, -_INF):
        return value
    value = float(f"{value:.12g}")
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


_INF = float("inf")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
