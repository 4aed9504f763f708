"""event_conflict: two reports of one event that state one quantity differently.

Documents are first matched by event: they must share rare names, places and dates
(`checker.events`), so two articles about two different disasters of one year are never
compared. Within a pair of linked documents, two figures of one kind, currency and noun
whose intervals do not overlap are read through their frames (`checker.sameness`) and
reported when nothing keeps them apart, as in quantity_conflict:

- error: a typical slip (off by one, digits swapped, zeros dropped or added) between two
  figures written the same way, with a strong frame match;
- warning: a typical slip with a fair frame match;
- info: a typical slip with some frame evidence (a shared noun, name or word).

Figures that differ by no typical slip are not reported across documents: reports of
one event written days apart differ as the event unfolds (a toll rises).

Each document counts once: when a third report agrees with one side, the other side is
the one flagged; two reports that disagree are both flagged.

PASS: "Ferry Aurora: 412 aboard" in one report, "Aurora ... 421 aboard" in a report of
another ferry (different names: not one event)
FAIL: "Over 30,000 prisoners were executed in the 1988 massacre" in two reports of the
Boumedra hearing, "over 300 prisoners were executed in the 1988 massacre" in a third
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.compare import figure_of, make_finding, written
from checker.model import Claim, Document, Finding
from checker.sameness import FrameMatch, scope_match, severity, slip_between, unit_written
from checker.slips import significant_digits

ID = "event_conflict"
SEVERITY = "warning"
DEFAULT: dict[str, Any] = {
    # Frame-match scores, one more than quantity_conflict asks: a whole sentence is read
    # for who, when and where, and reports of one event days apart differ as it unfolds.
    "strong": 6,
    "fair": 4,
    "some": 2,
    "max_figures": 200,  # figures of one document kept for comparison
}


# Slips that turn a short figure into another ordinary one; as in drift, they weigh only
# for figures of three significant digits or more.
_SHORT_SLIPS = ("off by one", "digits swapped")


@dataclass(slots=True)
class EventFacts:
    """What this check keeps of a document: its event terms and the figures that say what
    they count, as plain tuples (each with its sentence, enough to read its frame again):
    kept for every document and read three times, so cheap to pickle."""

    doc: str
    terms: tuple[str, ...]
    figures: tuple[tuple, ...] = ()

    def claims(self) -> list[Claim]:
        return [_claim(self.doc, f) for f in self.figures]


def _figure(c: Claim) -> tuple:
    return (c.start, c.end, c.line, c.column, c.text, c.quote, c.kind, c.value, c.qualifier,
            c.low, c.high, c.unit, c.unit_inferred, c.attrs.get("currency"), c.id)


def _claim(doc: str, f: tuple) -> Claim:
    (start, end, line, column, text, quote, kind, value, qualifier, low, high, unit,
     inferred, currency, claim_id) = f
    return Claim(doc, start, end, line, column, text, quote, kind, value, qualifier, low, high,
                 unit, inferred, {"currency": currency} if currency else {}, claim_id)


def collect(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> list[EventFacts]:
    """Worker side: the document's facts (a list of one: the store reads facts as lists)."""
    from checker.events import event_terms
    from checker.sameness import comparable

    figures = [_figure(c) for c in claims if comparable(c) and (c.unit or c.kind != "count")]
    return [EventFacts(doc.id, tuple(sorted(event_terms(doc.text, claims))),
                       tuple(figures[:conf["max_figures"]]))]


def check(facts: Iterable[EventFacts], conf: Mapping[str, Any],
          memo: Any = None) -> Iterator[Finding]:
    """`facts` in document order, read three times (a list, or the scan store's view):
    twice to link the documents (`EventLinks`), once more to keep the figures of the
    linked ones only."""
    from checker.events import EventLinks

    links = EventLinks(lambda: ((f.doc, frozenset(f.terms)) for f in facts if f.figures))
    linked = links.linked()
    if not linked:
        return
    wanted = {d for pair in linked for d in pair}
    keyed = {f.doc: _by_quantity(f.claims()) for f in facts if f.doc in wanted}
    judge = _Judge(conf)
    conflicts: list[_Conflict] = []
    for (a, b), link in linked.items():
        ka, kb = keyed[a], keyed[b]
        for key in sorted(ka.keys() & kb.keys()):
            conflicts += judge.pairs(ka[key], kb[key], link, key[2])
    yield from _findings(conflicts, judge)


def _by_quantity(figures: list[Claim]) -> dict[tuple, list[Claim]]:
    """A document's figures by what can be one quantity (`sameness.quantity_key`)."""
    from checker.sameness import quantity_key

    out: dict[tuple, list[Claim]] = {}
    for c in figures:
        out.setdefault(quantity_key(c), []).append(c)
    return out


@dataclass(slots=True)
class _Conflict:
    a: Claim
    b: Claim
    link: Any
    match: Any
    slip: str | None
    severity: str


class _Judge:
    """Compares the figures of two linked documents; who, when and where are read from
    each figure's own sentence, once per figure."""

    def __init__(self, conf: Mapping[str, Any]) -> None:
        self.conf = conf
        self._scopes: dict[int, dict[str, tuple[str, ...]]] = {}
        self._words: dict[int, frozenset[str]] = {}
        self.agreeing: dict[int, set[str]] = defaultdict(set)   # figure -> docs agreeing
        self.digits: dict[int, str] = {}

    def pairs(self, xs: list[Claim], ys: list[Claim], link, head: str) -> list[_Conflict]:
        """The disagreements between figures of one kind, currency and noun (`head`) of
        two linked documents."""
        out = []
        # Two documents that each state both figures do not dispute them ("17% ... 16%"
        # in an article and in its copy).
        values_x, values_y = {x.value for x in xs}, {y.value for y in ys}
        for x in xs:
            for y in ys:
                if not (x.high < y.low or y.high < x.low):
                    if x.value == y.value:
                        self.agreeing[id(x)].add(y.doc)
                        self.agreeing[id(y)].add(x.doc)
                    continue
                if y.value in values_x and x.value in values_y:
                    continue
                slip = slip_between(x, y, self.digits)
                if slip is None:   # reports of one event differ as it unfolds: slips only
                    continue
                alike = x.qualifier == y.qualifier and unit_written(x) == unit_written(y)
                match = scope_match(x, self.scope(x), y, self.scope(y), self.words(x),
                                    self.words(y))
                if not match.same:
                    continue
                if head and not x.unit_inferred and not y.unit_inferred:
                    match = FrameMatch(match.score + 2, (f"both count '{head}'", *match.reasons),
                                       doubt=match.doubt)
                level = severity(alike, match, self.conf)
                if level == "info" and match.score < self.conf["some"]:
                    continue   # across documents a slip alone is not enough
                if level in ("error", "warning") and slip in _SHORT_SLIPS \
                        and min(significant_digits(x.value), significant_digits(y.value)) < 3:
                    level = "info"   # 13/14 matches, 15%/51%: as often two counts as a slip
                if level is not None:
                    out.append(_Conflict(x, y, link, match, slip, level))
        return out

    def scope(self, c: Claim) -> dict[str, tuple[str, ...]]:
        """Who, when and where of a figure, read from its own sentence taken whole (no
        clauses, no lemmas: across documents the nouns are compared as written and the
        verbs not at all, and the extraction code is not loaded for it)."""
        found = self._scopes.get(id(c))
        if found is None:
            from checker.scope import ScopeReader

            at = max(c.quote.find(c.text), 0)
            whole = (0, len(c.quote))
            found = self._scopes[id(c)] = ScopeReader(c.quote).scope(
                (at, at + len(c.text)), whole, whole)
        return found

    def words(self, c: Claim) -> frozenset[str]:
        found = self._words.get(id(c))
        if found is None:
            from checker.sameness import uncommon_words

            found = self._words[id(c)] = uncommon_words(c.quote)
        return found


def _findings(conflicts: list[_Conflict], judge: _Judge) -> Iterator[Finding]:
    """One finding per disagreement: the side fewer documents agree with is flagged; on
    a tie both are."""
    for c in conflicts:
        support_a = len(judge.agreeing[id(c.a)]) + 1
        support_b = len(judge.agreeing[id(c.b)]) + 1
        if support_a == support_b:
            flagged, refs = [c.a, c.b], []
        elif support_a < support_b:
            flagged, refs = [c.a], [c.b]
        else:
            flagged, refs = [c.b], [c.a]
        odd, other = (c.a, c.b) if c.a in flagged else (c.b, c.a)
        why = "; ".join(c.match.reasons) or "nothing in their sentences sets them apart"
        how = f" ({c.slip})" if c.slip else ""
        message = (f"{written(odd)} here, but {figure_of(other)} in {other.doc}: "
                   f"both report one event ({c.link.named()}) and the figures read as one "
                   f"quantity ({why}), but they disagree{how}.")
        message = message[:1].upper() + message[1:]
        details = {"event": list(c.link.terms[:8]), "event_score": c.link.score,
                   "frame": {"score": c.match.score, "reasons": list(c.match.reasons)},
                   "slip": c.slip}
        yield make_finding(ID, ID, c.severity, message, flagged, refs, details)
