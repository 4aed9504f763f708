"""quantity_conflict: two statements of one quantity in a document that cannot both be true.

## What it finds
Two statements of one quantity in a document that differ by a typical slip, with nothing
repeated: "profits rise 13%" in the headline, "profits rose 31%" in the body. Each
finding says why the two were taken as one quantity (the same noun, verb, name, time,
words) and how they disagree. Figures kept apart by their time ("in 2003" / "in 2004"),
scope ("in the capital alone" / "nationwide"), verb ("axed" / "created") or names are left
alone.

## Why it matters
A headline says "Corran Bank sues 45 firms" and the body "Corran Bank has sued 450
firms": no figure is repeated, yet the two disagree, by a typical slip
(`checker.compare.slips.typical_slip`: off by one, two digits swapped, a zero or two
dropped or added, one digit of a long figure). Such pairs of figures of one kind,
currency and noun, in two different sentences, are weighed (`checker.compare.sameness`):
what the two sentences say alike near the figures, whether one is the headline, how rare
the slip is between unrelated figures, how many figures of that kind the text gives; and
frames keep them apart ("in 2003" / "in 2004", "in the capital alone" / "nationwide",
"41% of women" / "14% of men", "axed" / "created").

- error: written alike (same unit, same qualifier), a high score, and much that says
  "one quantity" (rare words both sentences hold near the figures, or the headline);
- warning: written alike, a fair score and fair evidence of one quantity;
- info: some evidence of one quantity, and the score still above nothing.

Two sentences that share no telling word are never a finding, nor are figures that
differ by no typical slip: in ordinary news two different figures are two quantities far
more often than a contradiction (a rule says which figures are one quantity). A figure
repeated in the document and drifted from once is the drift check's: run_document_checks
keeps one finding per disagreement. One finding per pair of figures that disagree, citing
the pair of statements that reads most like one quantity.

The cost is linear in the claims: figures a slip apart are found through an index of
their digits, not by comparing every pair, and a text giving more than `max_figures`
different figures of one kind (a table, a hostile file) is not compared at all.

## Example
PASS: "Profits at Brindle Foods rose 13% in 2003. ... Profits at Brindle Foods rose 31% in
2004." (kept apart by time)
PASS: "3,000 homes lost power in the capital alone. ... 30,000 homes lost power
nationwide."
PASS: "Sales were up 6% in 2003. ... Staff turnover is running at 60%." (nothing shared)
FAIL: "Brindle Foods profits rise 13%" (headline) ... "Profits at Brindle Foods rose 31% to
£50m, the firm said." (digits swapped, same words, the headline)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from checker.checks.drift import difference_stated
from checker.compare.sameness import (
    Evidence,
    comparable,
    digits_of_value,
    evidence,
    frames_apart,
    quantity_key,
    severity,
    unit_written,
    why,
)
from checker.compare.slips import typical_slip
from checker.model import SEVERITY_RANK, Claim, Document, Finding, Severity, figure_value
from checker.model.findings import figure_of, make_finding, written

if TYPE_CHECKING:
    from checker.extract.frame import FrameReader

ID = "quantity_conflict"
SEVERITY: Severity = "warning"
DEFAULT: dict[str, Any] = {
    "info": -0.5,            # the evidence score a finding needs at all (checker.compare.sameness)
    "warning": 2.0,          # ... a warning, with this much saying "one quantity":
    "warning_sameness": 1.5,
    "error": 3.5,            # ... an error, with this much saying "one quantity":
    "error_sameness": 3.0,
    "max_figures": 150,      # more different figures of one kind: a table, not compared
    "statements": 8,         # statements of one figure weighed against another's, at most
}


def prepare() -> None:
    """Load what judging a pair loads on first use: the frame reader (its patterns) and
    the lemma table (`checks.prepare_checks`)."""
    from checker.extract.frame import FrameReader  # noqa: F401 - loaded for what follows
    from checker.extract.wording import content_lemma

    content_lemma("figures")


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    """Findings for one quantity given two different figures in a document."""
    # Only figures of one kind and currency counting one thing can be one quantity.
    groups: dict[tuple, dict[float, list[int]]] = {}
    for i, c in enumerate(claims):
        if (c.unit or c.kind != "count") and comparable(c):   # a bare "25": an age, a score
            groups.setdefault(quantity_key(c), {}).setdefault(figure_value(c), []).append(i)
    judge = _Judge(doc, claims, conf)
    for by_value in groups.values():
        if not 2 <= len(by_value) <= conf["max_figures"]:
            continue
        pairs = slip_pairs(by_value)
        if not pairs:
            continue
        quotes = {v: {claims[i].quote for i in idx} for v, idx in by_value.items()}
        for v, w, slip in pairs:
            found = judge.best(by_value[v], by_value[w], slip, quotes, len(by_value))
            if found is not None:
                yield _finding(*found)


@lru_cache(maxsize=8192)
def _slip_keys(v: float) -> tuple[tuple, ...]:
    """The index keys of one figure for `slip_pairs` (news repeats its figures: 10, 2004,
    50%; each figure's keys are made once)."""
    digits = digits_of_value(abs(v))
    size = (v < 0, len(f"{abs(v):.0f}"), len(digits))
    keys: list[tuple] = [("core", v < 0, digits.rstrip("0"))]
    for i in range(len(digits)):
        keys.append(("digit", size, i, digits[:i] + digits[i + 1:]))
        if i + 1 < len(digits):
            pair = "".join(sorted(digits[i:i + 2]))
            keys.append(("swap", size, i, digits[:i] + pair + digits[i + 2:]))
    return tuple(keys)


def slip_pairs(values: Iterable[float]) -> list[tuple[float, float, str]]:
    """Every pair of figures a typical slip apart, in a fixed order. Candidates come from
    an index of each figure's digits: its significant digits (zeros dropped or added),
    each digit masked in turn (one digit different), each neighbouring pair sorted (two
    digits swapped), and the figures one either side; so the cost follows the figures,
    not their pairs."""
    values = sorted(set(values))
    if len(values) <= _FEW_FIGURES and not any(
            _may_slip(v, w) and typical_slip(v, w) is not None
            for n, v in enumerate(values) for w in values[n + 1:]):
        return []  # most groups: no two figures a typical slip apart, so no candidates kept
    known = set(values)
    buckets: dict[tuple, list[float]] = defaultdict(list)
    candidates: set[tuple[float, float]] = set()
    for v in values:
        for key in _slip_keys(v):
            buckets[key].append(v)
        for near in (v - 1, v + 1):
            if near in known:
                candidates.add((min(v, near), max(v, near)))
    for bucket in buckets.values():
        for n, v in enumerate(bucket):
            for w in bucket[n + 1:]:
                candidates.add((v, w))
    out = []
    for v, w in sorted(candidates):
        slip = typical_slip(v, w)
        if slip is not None:
            out.append((v, w, slip))
    return out


# Up to this many figures, every pair is tried first (`typical_slip` remembers each):
# most groups have no slip in them, and are done without building the index.
_FEW_FIGURES = 8


def _may_slip(v: float, w: float) -> bool:
    """A quick test that `typical_slip(v, w)` can name a slip at all: the figures differ
    by one, share their significant digits (zeros dropped or added), or have as many
    digits and differ in at most two (one changed, two swapped). Every slip it names
    passes; most pairs of a document's figures do not."""
    if abs(v - w) == 1:
        return True
    dv, dw = _digits(v), _digits(w)
    return dv.rstrip("0") == dw.rstrip("0") or (
        len(dv) == len(dw) and sum(p != q for p, q in zip(dv, dw, strict=True)) <= 2)


@lru_cache(maxsize=8192, typed=True)
def _digits(v: float) -> str:
    return digits_of_value(abs(v))


class _Judge:
    """Weighs pairs of statements of one document; frames and words are read only for
    the figures that get this far (most documents need none)."""

    def __init__(self, doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> None:
        self.doc, self.claims, self.conf = doc, claims, conf
        self._reader: FrameReader | None = None
        self._headline: tuple[int, int] | None = None
        self._spread: _Spread | None = None

    @property
    def reader(self):
        if self._reader is None:
            from checker.extract.frame import FrameReader

            self._reader = FrameReader(self.doc.text, self.claims)
        return self._reader

    def best(self, xs: list[int], ys: list[int], slip: str, quotes: dict[float, set[str]],
             figures: int) -> tuple[Claim, Claim, Evidence, str, Severity] | None:
        """The pair of statements of two figures that reads most like one quantity, with
        its evidence and severity; None when no pair makes a finding."""
        from checker.extract.wording import context, shared, unit_lemmas

        claims, limit = self.claims, self.conf["statements"]
        best: tuple | None = None
        for i in xs[:limit]:
            a = claims[i]
            for j in ys[:limit]:
                b = claims[j]
                if a.quote == b.quote or not (
                        a.high < b.low or b.high < a.low):  # type: ignore[operator]  # figures have bounds
                    continue
                if slip != "off by one" and not (in_digits(a) and in_digits(b)):
                    continue   # "two" and "200": no key was slipped on a spelled-out figure
                # One sentence stating both figures compares them ("from 463 to 462").
                if a.quote in quotes[figure_value(b)] or b.quote in quotes[figure_value(a)]:
                    continue
                if difference_stated(self.doc.text, a, b.value) \
                        or difference_stated(self.doc.text, b, a.value):
                    continue
                fa, fb = self.reader.frame(i), self.reader.frame(j)
                if frames_apart(fa, fb):
                    continue  # two quantities, whatever words they share: none are read
                values = (figure_value(a), figure_value(b))
                found = evidence(fa, fb, shared(context(a), context(b), self.spread,
                                                unit_lemmas(a) & unit_lemmas(b)), slip, values,
                                 self.headline(a) or self.headline(b), figures)
                alike = a.qualifier == b.qualifier and unit_written(a) == unit_written(b)
                level = severity(found, alike, self.conf)
                if level is None:
                    continue
                rank = (SEVERITY_RANK[level], found.score)
                if best is None or rank > best[0]:
                    first, second = (a, b) if a.start < b.start else (b, a)
                    how = typical_slip(figure_value(first), figure_value(second)) or slip
                    best = (rank, (first, second, found, how, level))
        return None if best is None else best[1]

    @property
    def spread(self) -> Mapping[str, int]:
        """In how many sentences of the text each content lemma is (`wording.spread_of`),
        worked out when first looked up: a pair whose sentences share no telling word
        never needs it, and it reads every word of the text."""
        if self._spread is None:
            self._spread = _Spread(self)
        return self._spread

    def headline(self, c: Claim) -> bool:
        """Whether a claim is in the text's headline: its first line, when that is short
        and ends with no full stop."""
        if self._headline is None:
            self._headline = headline_span(self.doc.text)
        start, end = self._headline
        return start <= c.start and c.end <= end


class _Spread(Mapping[str, int]):
    """`wording.spread_of` the judge's text, read on the first lookup. It is true before
    it is read (as `wording.shared` asks before each lookup): an empty spread and a lemma
    found in no sentence weigh alike when `TOPIC` is 1 or more (a share of 1 either way)."""

    def __init__(self, judge: _Judge) -> None:
        from checker.extract.wording import TOPIC

        self._judge = judge
        self._counts: dict[str, int] | None = None
        self._true_unread = TOPIC >= 1

    def _read(self) -> dict[str, int]:
        if self._counts is None:
            from checker.extract.wording import spread_of

            text = self._judge.doc.text
            self._counts = spread_of(text[s:e] for s, e in self._judge.reader.spans.sentences)
        return self._counts

    def __bool__(self) -> bool:
        return self._true_unread or bool(self._read())

    def __getitem__(self, lemma: str) -> int:
        return self._read()[lemma]

    def get(self, lemma: str, default: Any = None) -> Any:
        return self._read().get(lemma, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def in_digits(c: Claim) -> bool:
    """Whether a figure is written in digits ("200", "£4.5bn"), where typing slips happen;
    "two" or "three million" are spelled out."""
    return any(ch.isdigit() for ch in c.text)


def headline_span(text: str) -> tuple[int, int]:
    """(start, end) of a text's headline, (0, 0) when it has none: the first non-blank
    line, of at most 120 characters, with no full stop at its end."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not line or len(line) > 120 or line.endswith((".", "!", "?", ":")) or end >= len(text):
        return (0, 0)
    return (start, start + len(line))


def _finding(a: Claim, b: Claim, found: Evidence, slip: str, level: Severity) -> Finding:
    message = (f"{written(a)} (line {a.line}) and {figure_of(b)} (line {b.line}) "
               f"read as one quantity ({why(found)}), but they disagree ({slip}).")
    message = message[:1].upper() + message[1:]
    details = {"frame": {"score": found.score, "sameness": found.sameness,
                         "reasons": list(found.reasons), "against": list(found.against)},
               "slip": slip, "intervals": [[a.low, a.high], [b.low, b.high]]}
    return make_finding(ID, ID, level, message, [a, b], (), details)
