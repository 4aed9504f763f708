"""quantity_conflict: two statements of one quantity in a document that cannot both be true.

A headline says "profits rose 12%" and the third paragraph "profits rose 21%": no figure
is repeated, yet the two disagree, by a typical slip (`checker.slips.typical_slip`: off
by one, two digits swapped, a zero or two dropped or added, one digit of a long figure).
Each such pair of figures of one kind, currency and noun, in two different sentences,
is read through its frames (the noun counted, the verb, who, when and where:
`checker.sameness`) and reported unless something keeps the two apart ("in 2003" /
"in 2004", "in the capital alone" / "nationwide", two different names or nouns):

- error: the figures are written alike (same unit, same qualifier) and the frames match
  strongly (the same noun and verb, or the same name, or words both sentences share);
- warning: written alike, and the frames match fairly;
- info: nothing keeps them apart, and no more speaks against them than for them (two
  different verbs and nothing in common is against).

Figures that differ by no typical slip are left alone: in ordinary news two different
figures of one noun are two quantities far more often than a contradiction (a rule says
which figures are one quantity). A figure repeated in the document and drifted from
once is the drift check's: run_document_checks keeps one finding per disagreement.

PASS: "Profits rose 12% in 2003. ... Profits rose 21% in 2004." (kept apart by time)
PASS: "2,000 homes were flooded in the capital alone. ... 20,000 homes nationwide."
PASS: "The plant cut 120 jobs. ... It hired 210 workers." (different nouns and verbs)
FAIL: "Harrow Steel profits rise 12%" (headline) ... "Profits at Harrow Steel rose 21%
to £40m, the firm said." (digits swapped, same noun, verb and name)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.drift import difference_stated
from checker.compare import figure_of, make_finding, written
from checker.model import Claim, Document, Finding
from checker.sameness import (
    NOUN_AND_VERB,
    FrameMatch,
    comparable,
    digits_of_value,
    frame_match,
    quantity_key,
    scope_match,
    severity,
    uncommon_words,
    unit_written,
)
from checker.slips import typical_slip

ID = "quantity_conflict"
SEVERITY = "warning"
DEFAULT: dict[str, Any] = {
    "strong": 5,            # frame-match score for "strong" (see checker.sameness)
    "fair": 3,              # ... for "fair"
    "max_claims": 400,      # figures of one kind compared pairwise in one document
    "crowd": 20,            # more different figures of one thing than this: no info
}


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    # Only figures of one kind and currency counting one thing can be one quantity.
    groups: dict[tuple, list[tuple[int, Claim]]] = {}
    for i, c in enumerate(claims):
        if comparable(c) and (c.unit or c.kind != "count"):   # a bare "25": an age, a score
            groups.setdefault(quantity_key(c), []).append((i, c))
    frames = _Frames(doc, claims)
    for group in groups.values():
        if len(group) < 2:
            continue
        group = group[:conf["max_claims"]]
        # Among many different figures of one thing (a table, a list of results) some are
        # a slip apart by chance: there, only well-founded findings (warning or above).
        crowded = len({c.value for _, c in group}) > conf["crowd"]
        digits = [digits_of_value(c.value) for _, c in group]
        cores = [d.rstrip("0") for d in digits]
        for n, (i, a) in enumerate(group):
            for m in range(n + 1, len(group)):
                j, b = group[m]
                if a.quote == b.quote or not (a.high < b.low or b.high < a.low):
                    continue
                # The quick test of slip_between, inlined: this runs for every pair.
                if abs(a.value - b.value) != 1 and cores[n] != cores[m] and (
                        len(digits[n]) != len(digits[m])
                        or sum(p != q for p, q in zip(digits[n], digits[m])) > 2):  # noqa: B905
                    continue
                slip = typical_slip(a.value, b.value)
                if slip is None:
                    continue
                if _contrasted(a, b, group) or difference_stated(doc.text, a, b.value) \
                        or difference_stated(doc.text, b, a.value):
                    continue
                found = _judge(i, a, j, b, frames, conf)
                if found is not None and not (crowded and found[1] == "info"):
                    yield _finding(a, b, found[0], slip, found[1])


def _contrasted(a: Claim, b: Claim, group: list[tuple[int, Claim]]) -> bool:
    """One figure's sentence also states the other's value: "463 to 462", "from £3m to
    £30m" compares the two, so the other sentence's figure is no slip."""
    return any((c.quote == a.quote and c.value == b.value)
               or (c.quote == b.quote and c.value == a.value) for _, c in group)


def _judge(i: int, a: Claim, j: int, b: Claim, frames: _Frames, conf: Mapping[str, Any]):
    """(frame match, severity) of two figures a typical slip apart, or None. Who, when
    and where first; the nouns and verbs (which need the lemma tables) only when they
    can raise the severity."""
    alike = a.qualifier == b.qualifier and unit_written(a) == unit_written(b)
    near = frames.scope_match(i, j)
    if not near.same:
        return None
    if near.score + NOUN_AND_VERB < conf["fair"] or not alike:   # info at most: no lemmas
        level = severity(alike, near, conf)
        return None if level is None else (near, level)
    match = frames.match(i, j)
    level = severity(alike, match, conf)
    return None if level is None else (match, level)


class _Frames:
    """Frames and sentence words of a document's claims, read only for the pairs that
    get this far (most documents need none)."""

    def __init__(self, doc: Document, claims: list[Claim]) -> None:
        self.doc, self.claims = doc, claims
        self._reader = None
        self.words: dict[int, frozenset[str]] = {}

    @property
    def reader(self):
        if self._reader is None:
            from checker.extract.frame import FrameReader

            self._reader = FrameReader(self.doc.text, self.claims)
        return self._reader

    def _words(self, k: int) -> frozenset[str]:
        if k not in self.words:
            self.words[k] = uncommon_words(self.claims[k].quote)
        return self.words[k]

    def scope_match(self, i: int, j: int) -> FrameMatch:
        return scope_match(self.claims[i], self.reader.who_when_where(i), self.claims[j],
                           self.reader.who_when_where(j), self._words(i), self._words(j))

    def match(self, i: int, j: int) -> FrameMatch:
        return frame_match(self.claims[i], self.reader.frame(i), self.claims[j],
                           self.reader.frame(j), self._words(i), self._words(j))


def _finding(a: Claim, b: Claim, match, slip: str, level: str) -> Finding:
    why = "; ".join(match.reasons) or "nothing in their sentences sets them apart"
    how = f" ({slip})" if slip else ""
    message = (f"{written(a)} (line {a.line}) and {figure_of(b)} (line {b.line}) "
               f"read as one quantity ({why}), but they disagree{how}.")
    message = message[:1].upper() + message[1:]
    details = {"frame": {"score": match.score, "reasons": list(match.reasons)}, "slip": slip,
               "intervals": [[a.low, a.high], [b.low, b.high]]}
    return make_finding(ID, ID, level, message, [a, b], (), details)
