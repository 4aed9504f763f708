"""event_conflict: two reports of one event that state one quantity differently.

## What it finds
Quantity conflicts across documents: two reports of one event (they share rare names,
places and dates, so two disasters of the same year are never compared) that state one
quantity differently by a typical slip ("over 40,000" in two reports, "over 400" in a
third).

## Why it matters
Documents are first matched by event: they must share rare names, places and dates
(`checker.compare.events`), so two articles about two different disasters of one year are never
compared. Within a pair of linked documents, two figures of one kind, currency and noun
whose intervals do not overlap are read through their frames (`checker.compare.sameness`) and
reported when nothing keeps them apart, as in quantity_conflict:

- error: a typical slip (off by one, digits swapped, zeros dropped or added) between two
  figures written the same way, with a strong frame match;
- warning: a typical slip with a fair frame match;
- info: a typical slip with some frame evidence (a shared noun, name or word).

Figures that differ by no typical slip are not reported across documents: reports of
one event written days apart differ as the event unfolds (a toll rises).

Each document counts once: when a third report agrees with one side, the other side is
the one flagged; two reports that disagree are both flagged.

## Example
PASS: "The ferry Marisol sank off Tollan Head with 518 people aboard" in one report, "The
ferry Kestrel capsized near Brakke Sound with 581 people aboard" in another (different
names: not one event)
FAIL: "over 40,000 villagers were displaced in 1994" in two reports of the Quillan inquiry,
"over 400 villagers were displaced in 1994" in a third
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.compare.sameness import Evidence, severity, slip_between, unit_written, why
from checker.compare.slips import typical_slip
from checker.model import Claim, Document, Finding, Severity, figure_value
from checker.model.findings import figure_of, make_finding, written

ID = "event_conflict"
SEVERITY: Severity = "warning"
DEFAULT: dict[str, Any] = {
    "alike": 2.0,        # what sentences saying the same thing add (times the share)
    "noun": 2.0,         # what a noun both figures state adds ("political prisoners")
    "figures": 1.0,      # what other figures of both sentences agreeing add (twice it
                         # taken off when they differ)
    "info": 3.0,         # the evidence score a finding needs at all (checker.compare.sameness)
    "warning": 3.5,      # ... a warning, with this much saying "one statement":
    "warning_sameness": 2.8,
    "error": 5.0,        # ... an error, with this much saying "one statement":
    "error_sameness": 3.2,
    "max_figures": 200,  # figures of one document kept for comparison
}


# Slips that turn a short figure into another ordinary one; as in drift, they weigh only
# for figures of three significant digits or more.
_SHORT_SLIPS = ("off by one", "digits swapped")


@dataclass(slots=True)
class EventFacts:
    """What this check keeps of a document: its event terms and the figures that say what
    they count, as plain sequences (each with its sentence, enough to read its frame
    again; a figure read back from the store stays the list it was decoded as, since most
    are never looked at): kept for every document and read twice, so cheap to pickle."""

    doc: str
    terms: tuple[str, ...]
    figures: tuple[Sequence, ...] = ()

    def claims(self) -> list[Claim]:
        return [_claim(self.doc, f) for f in self.figures]


def _figure(c: Claim) -> tuple:
    return (c.start, c.end, c.line, c.column, c.text, c.quote, c.kind, c.value, c.qualifier,
            c.low, c.high, c.unit, c.unit_inferred, c.attrs.get("currency"), c.id)


def _claim(doc: str, f: Sequence) -> Claim:
    (start, end, line, column, text, quote, kind, value, qualifier, low, high, unit,
     inferred, currency, claim_id) = f
    return Claim(doc, start, end, line, column, text, quote, kind, value, qualifier, low, high,
                 unit, inferred, {"currency": currency} if currency else {}, claim_id)


# The JSON types of a stored figure's fields (see `_figure`).
_NUMBER = (int, float)
_FIGURE_TYPES: tuple[type | tuple[type, ...], ...] = (
    int, int, int, int, str, str, str, (*_NUMBER, str, type(None)), str,
    (*_NUMBER, type(None)), (*_NUMBER, type(None)), (str, type(None)), bool,
    (str, type(None)), str)


def dump_facts(facts: list[EventFacts]) -> list:
    """The facts as plain JSON data for the store and the cache."""
    return [[f.doc, list(f.terms), [list(figure) for figure in f.figures]] for f in facts]


def load_facts(data: Any, checked: bool = True) -> list[EventFacts]:
    """Back from `dump_facts`; BadRow for anything else (unless `checked` is False: data
    this process wrote itself)."""
    from checker.util.codec import BadRow

    if checked and not (isinstance(data, list) and all(
            isinstance(f, list) and len(f) == 3 and isinstance(f[0], str)
            and isinstance(f[1], list) and all(isinstance(t, str) for t in f[1])
            and isinstance(f[2], list)
            and all(isinstance(g, list) and _figure_types(tuple(map(type, g))) for g in f[2])
            for f in data)):
        raise BadRow("not stored event facts")
    return [EventFacts(doc, tuple(terms), tuple(figures)) for doc, terms, figures in data]


@lru_cache(maxsize=1024)
def _figure_types(types: tuple[type, ...]) -> bool:
    """Whether a stored figure whose fields have these types is one `_figure` makes (as
    isinstance checks each field). Stored figures have a few dozen type patterns between
    them: each is checked once, not each figure field by field."""
    return len(types) == len(_FIGURE_TYPES) and all(
        issubclass(t, want) for t, want in zip(types, _FIGURE_TYPES, strict=True))


def prepare() -> None:
    """Load what `check` loads on first use: the event links (and the word frequencies),
    the scope and frame readers, the lemma table (`checks.prepare_checks`)."""
    from checker.compare.events import EventLinks  # noqa: F401 - loaded for what follows
    from checker.extract.frame import owner_of  # noqa: F401
    from checker.extract.rarity import table
    from checker.extract.scope import ScopeReader  # noqa: F401
    from checker.extract.wording import content_lemma

    table()
    content_lemma("figures")


def collect(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> list[EventFacts]:
    """Worker side: the document's facts (a list of one: the store reads facts as lists)."""
    from checker.compare.events import event_terms
    from checker.compare.sameness import comparable

    figures = [_figure(c) for c in claims if comparable(c) and (c.unit or c.kind != "count")]
    return [EventFacts(doc.id, tuple(sorted(event_terms(doc.text, claims))),
                       tuple(figures[:conf["max_figures"]]))]


def check(facts: Iterable[EventFacts], conf: Mapping[str, Any],
          memo: Any = None) -> Iterator[Finding]:  # noqa: ARG001 - the corpus-check interface
    """`facts` in document order, read three times (a list, or the scan store's view):
    twice to link the documents (`EventLinks`), once more to keep the figures of the
    linked ones only. With a `memo` (the scan cache's) and the store's view, what was
    worked out before for the same facts is not worked out again (`event_memo`)."""
    from checker.compare.events import EventLinks

    if memo is not None and hasattr(facts, "digests"):
        from checker.checks import event_memo

        try:
            found = _remembering(facts, conf, memo)
        except event_memo.Stale:
            pass
        else:
            yield from found
            return
    links = EventLinks(_TermsRead(facts))
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
            conflicts += judge.pairs(ka[key], kb[key], link)
    yield from _findings(conflicts, lambda c: len(judge.agreeing[id(c)]) + 1)


def _remembering(facts: Any, conf: Mapping[str, Any], memo: Any) -> list[Finding]:
    """`check` over the store's view of the facts, with the memo (see `event_memo`)."""
    from checker.checks.event_memo import Remembered, Stale, judge_pair, memo_key
    from checker.compare.events import EventLinks

    key = memo_key(conf)
    memory = Remembered(memo.load(key))
    entries = memory.entries(facts.digests(), facts.read)
    linked = memory.linked()
    if linked is None:
        linked = EventLinks(lambda: ((e.doc, e.terms) for e in entries if e.figures)).linked()
        memory.keep_links(linked)
    by_doc = {e.doc: e for e in entries}
    figures: dict[tuple, tuple[list[Claim], dict[tuple, list[Claim]]]] = {}
    place: dict[int, int] = {}

    def figures_of(e: Any) -> tuple[list[Claim], dict[tuple, list[Claim]]]:
        found = figures.get(e.slot)
        if found is None:
            value = facts.read(e.location)
            if value is None or len(value) <= e.index or len(value[e.index].figures) != e.figures:
                raise Stale("the facts do not read as remembered")
            claims = value[e.index].claims()
            place.update((id(c), i) for i, c in enumerate(claims))
            found = figures[e.slot] = (claims, _by_quantity(claims))
        return found

    judge = _Judge(conf)
    agreeing: dict[tuple, set[str]] = defaultdict(set)
    pending = []
    for (a, b), link in linked.items():
        ea, eb = by_doc[a], by_doc[b]
        judged = memory.judged(ea, eb)
        if judged is None:
            judged = judge_pair(judge, figures_of(ea)[1], figures_of(eb)[1], link, place)
        memory.keep(ea, eb, judged)
        conflicts, agree_a, agree_b = judged
        for i in agree_a:
            agreeing[ea.slot, i].add(b)
        for i in agree_b:
            agreeing[eb.slot, i].add(a)
        pending += [(ea, eb, link, c) for c in conflicts]
    where: dict[int, tuple] = {}
    out: list[_Conflict] = []
    for ea, eb, link, (i, j, score, sameness, reasons, against, slip, level) in pending:
        x, y = figures_of(ea)[0][i], figures_of(eb)[0][j]
        where[id(x)], where[id(y)] = (ea.slot, i), (eb.slot, j)
        out.append(_Conflict(x, y, link, Evidence(score, sameness, tuple(reasons),
                                                  tuple(against)), slip, level))
    if memory.changed():
        memo.save(key, memory.data())
    return list(_findings(out, lambda c: len(agreeing[where[id(c)]]) + 1))


# Documents whose event terms are kept in memory between EventLinks' two reads (each as
# one joined string, some 300 bytes a document); past this many, the terms are read from
# the facts again, so memory stays bounded.
_KEEP_TERMS = 50_000
_SEP = "\x00"


class _TermsRead:
    """(document, event terms) of each document with figures, for `EventLinks`: the
    facts are read (and decoded) once, and the second read replays the terms kept from
    the first, unless the corpus was too big to keep them (`_KEEP_TERMS`)."""

    def __init__(self, facts: Iterable[EventFacts]) -> None:
        self.facts = facts
        self.kept: list[tuple[str, str]] | None = None

    def __call__(self) -> Iterator[tuple[str, frozenset[str]]]:
        if self.kept is not None:
            for doc, joined in self.kept:
                yield doc, frozenset(joined.split(_SEP)) if joined else frozenset()
            return
        kept: list[tuple[str, str]] | None = []
        for f in self.facts:
            if f.figures:
                if kept is not None:
                    joined = _SEP.join(f.terms)
                    # Split back exactly: no empty term, no separator in a term.
                    exact = not f.terms or ("" not in f.terms
                                            and joined.count(_SEP) == len(f.terms) - 1)
                    if len(kept) >= _KEEP_TERMS or not exact:
                        kept = None
                    else:
                        kept.append((f.doc, joined))
                yield f.doc, frozenset(f.terms)
        self.kept = kept


def _by_quantity(figures: list[Claim]) -> dict[tuple, list[Claim]]:
    """A document's figures by what can be one quantity (`sameness.quantity_key`)."""
    from checker.compare.sameness import quantity_key

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
    severity: Severity


class _Judge:
    """Compares the figures of two linked documents. Each figure's sentence is read once:
    its time and place (`checker.extract.scope`, the sentence taken whole) and its content words
    (`checker.extract.wording`)."""

    def __init__(self, conf: Mapping[str, Any]) -> None:
        self.conf = conf
        self._scopes: dict[int, dict[str, tuple[str, ...]]] = {}
        self._contexts: dict[int, Any] = {}
        self.agreeing: dict[int, set[str]] = defaultdict(set)   # figure -> docs agreeing
        self.digits: dict[int, str] = {}

    def pairs(self, xs: list[Claim], ys: list[Claim], link) -> list[_Conflict]:
        """The disagreements between figures of one kind, currency and noun of two linked
        documents."""
        out = []
        # Two documents that each state both figures do not dispute them ("17% ... 16%"
        # in an article and in its copy).
        values_x, values_y = {x.value for x in xs}, {y.value for y in ys}
        for x in xs:
            for y in ys:
                if not (x.high < y.low or y.high < x.low):  # type: ignore[operator]  # figures have bounds
                    if x.value == y.value:
                        self.agreeing[id(x)].add(y.doc)
                        self.agreeing[id(y)].add(x.doc)
                    continue
                if y.value in values_x and x.value in values_y:
                    continue
                slip = slip_between(x, y, self.digits)
                if slip is None:   # reports of one event differ as it unfolds: slips only
                    continue
                found = self.weigh(x, y, slip)
                alike = x.qualifier == y.qualifier and unit_written(x) == unit_written(y)
                level = severity(found, alike, self.conf)
                if level is not None:
                    out.append(_Conflict(x, y, link, found, slip, level))
        return out

    def weigh(self, x: Claim, y: Claim, slip: str) -> Evidence:
        """How much says two figures of two reports are one statement (see the module
        doc); different times or places keep them apart."""
        from checker.compare.sameness import owner_apart, place_apart, slip_weight, time_apart
        from checker.extract.wording import shared, weight

        sx, sy = self.scope(x), self.scope(y)
        why_apart = time_apart(sx["time"], sy["time"]) or place_apart(sx["place"], sy["place"]) \
            or owner_apart(_owner(x), _owner(y))
        if why_apart:
            return Evidence(0.0, apart=why_apart)
        cx, cy = self.context(x), self.context(y)
        words = shared(cx, cy)
        total = (total_weight(cx) + total_weight(cy)) / 2
        alike = min(1.0, words.weight / total) if total else 0.0
        conf = self.conf
        sameness = words.weight / 2 + conf["alike"] * alike
        reasons = [f"their sentences say {100 * alike:.0f}% the same: "
                   + ", ".join(f"'{w}'" for w in words.words[:4])]
        against: list[str] = []
        noun = _stated_noun(x, y)
        if noun:
            sameness += min(conf["noun"], sum(weight(w) for w in noun))
            reasons.append(f"both count '{' '.join(noun)}'")
        ox, oy = _other_figures(x), _other_figures(y)
        if ox and ox == oy:
            sameness += conf["figures"]
            reasons.append("the other figures of their sentences agree")
        elif ox and oy:
            sameness -= conf["figures"] * 2
            against.append("the other figures of their sentences differ too ("
                           + ", ".join(sorted(ox ^ oy)[:4]) + ")")
        score = sameness + slip_weight(slip, figure_value(x), figure_value(y))
        return Evidence(round(score, 2), round(sameness, 2), tuple(reasons), tuple(against))

    def scope(self, c: Claim) -> dict[str, tuple[str, ...]]:
        """Who, when and where of a figure, read from its own sentence taken whole."""
        found = self._scopes.get(id(c))
        if found is None:
            from checker.extract.scope import ScopeReader

            at = max(c.quote.find(c.text), 0)
            whole = (0, len(c.quote))
            found = self._scopes[id(c)] = ScopeReader(c.quote).scope(
                (at, at + len(c.text)), whole, whole)
        return found

    def context(self, c: Claim):
        found = self._contexts.get(id(c))
        if found is None:
            from checker.extract.wording import context

            found = self._contexts[id(c)] = context(c)
        return found


_FIGURE = re.compile(r"\d[\d,.]*\d|\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
                     r"|ninth|tenth|last|next)\b", re.IGNORECASE)


def _other_figures(c: Claim) -> frozenset[str]:
    """The figures and ordinals of a claim's sentence other than its own ("second place",
    "$44.7m", "2004"): two copies of one report give the same ones."""
    at = max(c.quote.find(c.text), 0)
    rest = c.quote[:at] + " " + c.quote[at + len(c.text):]
    return frozenset(m.group().lower().rstrip(".,") for m in _FIGURE.finditer(rest))


def _stated_noun(x: Claim, y: Claim) -> tuple[str, ...]:
    """The words of the noun both figures count, when each states it ("over 300
    political prisoners", "30,000 Iranian political prisoners": political, prisoner)."""
    from checker.extract.wording import unit_lemmas

    return tuple(sorted(unit_lemmas(x) & unit_lemmas(y)))


def _owner(c: Claim) -> tuple[str, ...]:
    """What the figure is a part of ("51% of Yukos"), read from its own sentence."""
    from checker.extract.frame import owner_of

    at = max(c.quote.find(c.text), 0)
    return owner_of(c.quote, at + len(c.text), len(c.quote))


def total_weight(c) -> float:
    """The summed weight of a context's lemmas (`checker.extract.wording.weight`), near ones in
    full and the rest half, as `shared` counts them against each other."""
    from checker.extract.wording import weight

    return sum(weight(w) * (0.75 if w in c.near else 0.5) for w in c.every)


def _findings(conflicts: list[_Conflict], support: Callable[[Claim], int]
              ) -> Iterator[Finding]:
    """One finding per disagreement: the side fewer documents agree with (`support`: the
    documents stating a figure, its own included) is flagged; on a tie both are."""
    for c in conflicts:
        support_a = support(c.a)
        support_b = support(c.b)
        if support_a == support_b:
            flagged, refs = [c.a, c.b], []
        elif support_a < support_b:
            flagged, refs = [c.a], [c.b]
        else:
            flagged, refs = [c.b], [c.a]
        odd, other = (c.a, c.b) if c.a in flagged else (c.b, c.a)
        # The slip as it turns the figure more reports give into the odd one ("two zeros
        # dropped" for 400 against 40,000), whichever order the pair was compared in.
        slip = typical_slip(figure_value(odd), figure_value(other)) if refs else c.slip
        how = f" ({slip})" if slip else ""
        message = (f"{written(odd)} here, but {figure_of(other)} in {other.doc}: "
                   f"both report one event ({c.link.named()}) and the figures read as one "
                   f"quantity ({why(c.match)}), but they disagree{how}.")
        message = message[:1].upper() + message[1:]
        details = {"event": list(c.link.terms[:8]), "event_score": c.link.score,
                   "frame": {"score": c.match.score, "sameness": c.match.sameness,
                             "reasons": list(c.match.reasons)},
                   "slip": slip}
        yield make_finding(ID, ID, c.severity, message, flagged, refs, details)
