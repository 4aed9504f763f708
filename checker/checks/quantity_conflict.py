"""quantity_conflict: two statements of one quantity in a document that cannot both be true.

A headline says "profits rose 12%" and the third paragraph "profits rose 21%": no figure
is repeated, yet the two disagree. Each pair of figures of one kind (and currency) whose
intervals do not overlap, in two different sentences, is read through its frames (the noun
counted, the verb, who, when, where: `checker.sameness`). The pair is reported only when
nothing in the frames keeps the two apart ("in 2003" / "in 2004", "in the capital alone"
/ "nationwide", two different names or nouns) and the evidence is strong enough for the
severity given:

- error: a likely slip (off by one, digits swapped, zeros dropped or added, one digit of
  a long figure: `checker.slips.typical_slip`) between two figures written the same way,
  with a strong frame match;
- warning: a likely slip with a fair frame match;
- info: a likely slip with nothing against it, or no slip but a strong frame match.

A figure repeated in the document and drifted from once is the drift check's (one
finding per disagreement: run_document_checks drops this check's finding when drift
flags the same claims).

PASS: "Profits rose 12% in 2003. ... Profits rose 21% in 2004." (kept apart by time)
PASS: "2,000 homes were flooded in the capital alone. ... 20,000 homes nationwide."
FAIL: "Harrow Steel profits rise 12%" (headline) ... "Profits at Harrow Steel rose 21%
to £40m, the firm said." (digits swapped, same noun, verb and name)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.compare import figure_of, make_finding, written
from checker.model import Claim, Document, Finding
from checker.rules.units import singular
from checker.sameness import (
    NOUN_AND_VERB,
    FrameMatch,
    comparable,
    frame_match,
    may_be_slip,
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
    "some": 2,              # ... and for some evidence, enough for a likely slip
    "max_claims": 400,      # figures of one kind compared pairwise in one document
}


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    # Only figures of one kind and currency counting one thing can be one quantity.
    groups: dict[tuple, list[tuple[int, Claim]]] = {}
    for i, c in enumerate(claims):
        if comparable(c):
            head = singular(c.unit.split()[-1].lower()) if c.unit else ""
            groups.setdefault((c.kind, c.attrs.get("currency"), head), []).append((i, c))
    frames = _Frames(doc, claims)
    for group in groups.values():
        if len(group) < 2:
            continue
        group = group[:conf["max_claims"]]
        for n, (i, a) in enumerate(group):
            for j, b in group[n + 1:]:
                if a.quote == b.quote or not (a.high < b.low or b.high < a.low):
                    continue
                found = _judge(i, a, j, b, frames, conf)
                if found is not None:
                    yield _finding(a, b, *found)


def _judge(i: int, a: Claim, j: int, b: Claim, frames: _Frames, conf: Mapping[str, Any]):
    """(frame match, slip, severity) of a pair of disagreeing figures written with the
    same unit, or None. The cheap tests first: the figures, then who, when and where, and
    only then the nouns and verbs (which need the lemma tables)."""
    slip = typical_slip(a.value, b.value) if may_be_slip(a.value, b.value) else None
    alike = a.qualifier == b.qualifier and unit_written(a) == unit_written(b)
    if slip is None and not (alike and unit_written(a)):
        return None
    near = frames.scope_match(i, j)
    if not near.same:
        return None
    needed = conf["fair"] if slip is not None else conf["strong"]
    if near.score + NOUN_AND_VERB < needed:
        if slip is not None and (alike or near.score >= conf["some"]):
            return near, slip, "info"
        return None
    match = frames.match(i, j)
    level = severity(alike, match, slip, conf)
    return None if level is None else (match, slip, level)


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


def _finding(a: Claim, b: Claim, match, slip: str | None, severity: str) -> Finding:
    why = "; ".join(match.reasons) or "nothing in their sentences sets them apart"
    how = f" ({slip})" if slip else ""
    message = (f"{_capital(written(a))} (line {a.line}) and {figure_of(b)} (line {b.line}) "
               f"read as one quantity ({why}), but they disagree{how}.")
    details = {"frame": {"score": match.score, "reasons": list(match.reasons)}, "slip": slip,
               "intervals": [[a.low, a.high], [b.low, b.high]]}
    return make_finding(ID, ID, severity, message, [a, b], (), details)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

