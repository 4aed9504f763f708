"""Rules a user does not have to write: groups of claims about the same quantity, found in
a corpus, as Rule records or as a commented YAML rule file.

Documents are first grouped by event (`checker.compare.events`: the rare names, places and dates
they share), the same clusters the event_conflict check compares within. A group is then
the counts of one thing (the head noun of their unit: "political prisoners", "prisoners
of war" -> prisoner) in the documents of one event, so a suggested rule names one event
by its distinguishing terms (`document: {all: [...]}`: names every report of it holds)
and never mixes two events that merely share "died" and a year. Where the counts of one
thing go with two or more different fates ("killing 716 people", "1,130 people aboard",
"390 people were rescued": `RELATIONS`, read from each figure's own clause), each fate is
a group of its own, its rule taking the figures near its words (`near: {any: [...]}`),
and the figures with none of them a group that takes no such word. A group is *confident*
when it holds at least `min_claims` claims from `min_documents` documents; the others
(a quantity of one document, or of documents that share no event) are written commented
out for a person to judge.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from checker.compare.events import Cluster
from checker.compare.groups import compare_group
from checker.compare.slips import typical_slip
from checker.model import Claim, figure_value
from checker.model.findings import written
from checker.rules.rule import Rule
from checker.rules.units import unit_phrase

SUGGEST_KINDS = ("count",)
MIN_CLAIMS = 3
MIN_DOCUMENTS = 2
MAX_UNITS = 6
MAX_EVENT_TERMS = 3
MAX_LISTED_CLAIMS = 8
_SLUG = re.compile(r"[^a-z0-9]+")
# Units that say nothing about what is counted, and measures: "from eight yards", "in 7.27
# seconds" are distances and times of many moments of one event, never one quantity.
_VAGUE_HEADS = frozenset("time thing way year day week month hour minute second point per "
                         "cent percent other one yard metre meter mile foot feet inch "
                         "kilometre kilometer km m kg gram kilo pound ton tonne".split())
# What happened to the people or things counted: the verb or relation word of a figure's
# clause (`checker.extract.frame`, lemmas) -> the fate it states, and the words a rule
# looks for near a figure to take it (any form of each word).
RELATIONS: dict[str, tuple[str, ...]] = {
    "dead": ("kill", "die", "dead", "drown", "perish", "death", "massacre", "execute",
             "murder", "slaughter"),
    "injured": ("injure", "wound", "hurt", "injured"),
    "aboard": ("aboard", "onboard", "carry", "board"),
    "survived": ("survive", "rescue", "save", "alive", "escape", "survivor"),
    "missing": ("missing", "unaccounted", "disappear"),
    "recovered": ("recover", "retrieve"),
    "arrested": ("arrest", "detain", "jail", "imprison"),
    "displaced": ("displace", "evacuate", "flee", "homeless"),
    "destroyed": ("destroy", "damage", "flatten", "raze", "collapse"),
    "rebuilt": ("rebuild", "repair", "restore"),
    "hired": ("hire", "employ", "recruit", "create"),
    "cut": ("cut", "axe", "shed", "sack", "lay"),
}
_RELATION_OF = {w: fate for fate, words in RELATIONS.items() for w in words}
_FATE_WORDS = {"dead": "killed or dead", "survived": "who survived or were rescued",
               "arrested": "arrested or detained"}


@dataclass
class Suggestion:
    """One suggested rule: the quantity, the event it is about, the claims it would take,
    and whether they already disagree."""

    id: str
    head: str
    units: tuple[str, ...]
    terms: tuple[str, ...]              # the event's terms: all of them in the document
    event: str = ""                     # the event, named by its terms
    claims: list[Claim] = field(default_factory=list)
    findings: int = 0                   # findings a scan with this rule alone would report
    confident: bool = True
    fate: str = ""                      # what happened to what is counted (`RELATIONS`)
    near_any: tuple[str, ...] = ()      # a figure needs one of these words in its clause
    near_none: tuple[str, ...] = ()     # ... and none of these

    @property
    def documents(self) -> int:
        return len({c.doc for c in self.claims})

    @property
    def title(self) -> str:
        where = f" in the reports of one event ({self.event})" if self.event else \
            " in one document"
        fate = f" {_FATE_WORDS.get(self.fate, self.fate)}" if self.fate else ""
        return f"Counts of {self.units[0]}{fate}{where}"

    def rule(self, source: str = "suggested") -> Rule:
        """The Rule this suggestion stands for, as `load_rules` would build it from YAML."""
        docs = () if self.terms else tuple(sorted({c.doc.split("#", 1)[0] for c in self.claims}))
        return Rule(id=self.id, title=self.title, kinds=SUGGEST_KINDS, units=self.units,
                    units_inferred=False, near_any=self.near_any, near_none=self.near_none,
                    document_all=self.terms, docs=docs, window="sentence", source=source)


def suggest(claims: Iterable[Claim], clusters: Sequence[Cluster] = (),
            min_claims: int = MIN_CLAIMS, min_documents: int = MIN_DOCUMENTS
            ) -> list[Suggestion]:
    """Suggested groups for `claims` (every claim of a scan) in the event `clusters` of the
    corpus, confident ones first, each list in a stable order."""
    event_of = {d: c for c in clusters for d in c.documents}
    everything = sorted(claims, key=lambda c: (c.doc, c.start, c.end))
    by_group: dict[tuple, list[Claim]] = defaultdict(list)
    for c in everything:
        head = _head(c)
        if head is not None:
            cluster = event_of.get(c.doc)
            by_group[(cluster.documents if cluster else (c.doc,), head)].append(c)
    fates = _Fates(everything)
    out: list[Suggestion] = []
    taken_ids: set[str] = set()
    for (docs, head, fate, near_any, near_none), members in sorted(
            _by_fate(by_group, fates).items()):
        if len(members) < 2:
            continue
        cluster = event_of.get(docs[0])
        terms = _event_terms(cluster) if cluster else ()
        units = tuple(u for u, _ in Counter(_unit_text(c) for c in members)
                      .most_common(MAX_UNITS))
        anchor = terms[0] if terms else docs[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
        name = f"{units[0]}-{fate}-{anchor}" if fate else f"{units[0]}-{anchor}"
        s = Suggestion(_unique(_slug(name), taken_ids), head, units, terms,
                       cluster.name() if cluster else "", members, fate=fate,
                       near_any=near_any, near_none=near_none)
        s.confident = (cluster is not None and len(members) >= min_claims
                       and s.documents >= min_documents
                       and one_quantity(members, min(min_documents, 2)))
        s.findings = len(compare_group(s.rule(), s.claims))
        out.append(s)
    out.sort(key=lambda s: (not s.confident, -s.documents, -len(s.claims), s.id))
    return out


def one_quantity(members: Sequence[Claim], documents: int = 2) -> bool:
    """Whether a group of counts reads as one quantity the reports restate, rather than
    one noun counted many times over ("two matches", "three awards", "six seconds"): a
    figure of two digits or more, stated in two sentences or more of `documents`
    documents or more (a copy of a sentence restates nothing), holds at least half of the
    group; or the group gives two figures a typical slip apart (412 / 421 miners). Figures
    under ten agree by chance, and a group of many different figures is many quantities."""
    by_value: dict[float, list[Claim]] = defaultdict(list)
    for c in members:
        by_value[figure_value(c)].append(c)
    value, agreeing = max(by_value.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if value < 10 or 2 * len(agreeing) < len(members):
        return False
    if len(by_value) == 2 and min(by_value) >= 10 and typical_slip(*sorted(by_value)):
        return True
    sentences = {" ".join(c.quote.lower().split()): c.doc for c in agreeing}
    return len(sentences) >= 2 and len(set(sentences.values())) >= documents


def _by_fate(by_group: dict[tuple, list[Claim]], fates: _Fates) -> dict[tuple, list[Claim]]:
    """Each group of counts of one thing, split by fate where its figures state two or
    more ("killing 716 people" / "1,130 people aboard"): one group per fate, and one of
    the figures that state none (their rule leaves every fate's words out). A group whose
    figures all state one fate asks for it; any other group stays whole, as "over 30,000
    political prisoners" / "the massacre of over 300 political prisoners" are one quantity
    however each sentence puts it."""
    out: dict[tuple, list[Claim]] = {}
    for (docs, head), members in by_group.items():
        of = {id(c): fates.of(c) for c in members} if len(members) > 1 else {}
        stated = sorted({f for f in of.values() if f})
        if len(stated) == 1 and all(of.values()):
            # Every figure states one fate: the rule asks for it, so that a bare figure
            # of the same noun with another fate ("only 3,100 rebuilt") stays out.
            out[(docs, head, stated[0], RELATIONS[stated[0]], ())] = members
            continue
        if len(stated) < 2:
            out[(docs, head, "", (), ())] = members
            continue
        for fate in stated:
            out[(docs, head, fate, RELATIONS[fate], ())] = [
                c for c in members if of[id(c)] == fate]
        words = tuple(w for fate in stated for w in RELATIONS[fate])
        out[(docs, head, "", (), words)] = [c for c in members if not of[id(c)]]
    return out


class _Fates:
    """The fate each figure's own clause states (`RELATIONS`), read from its sentence
    (the claim's quote) with the other figures of that sentence, once per sentence."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self._sentences: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for c in claims:
            if c.quote_offset >= 0:
                self._sentences[(c.doc, c.start - c.quote_offset)].append(c)
        self._read: dict[int, str] = {}

    def of(self, c: Claim) -> str:
        if c.quote_offset < 0:
            return ""
        if id(c) not in self._read:
            self._read_sentence(self._sentences[(c.doc, c.start - c.quote_offset)])
        return self._read.get(id(c), "")

    def _read_sentence(self, sentence: list[Claim]) -> None:
        from checker.extract.frame import frames_of

        first = sentence[0].start - sentence[0].quote_offset
        rebased = [dataclasses.replace(c, start=c.start - first, end=c.end - first)
                   for c in sentence]
        for c, frame in zip(sentence, frames_of(sentence[0].quote, rebased), strict=True):
            self._read[id(c)] = _RELATION_OF.get(frame.verb or "", "")


def confident_rules(suggestions: Sequence[Suggestion]) -> list[Rule]:
    """The rules `scan --auto-rules` uses: the confident suggestions only."""
    return [s.rule() for s in suggestions if s.confident]


def suggest_for(paths: Sequence[str], read, include: Sequence[str] = (),
                exclude: Sequence[str] = (), jobs: int = 0, warn=lambda _: None,
                min_claims: int = MIN_CLAIMS, min_documents: int = MIN_DOCUMENTS,
                ) -> tuple[list[Suggestion], int]:
    """(suggestions, documents read) for a corpus: one scan that extracts every claim
    and collects the event terms of each document (no other check runs)."""
    from checker.checks import CORPUS_CHECK_IDS, DOCUMENT_CHECK_IDS, corpus_facts_loader
    from checker.compare.events import EventLinks
    from checker.run.pipeline import ScanSettings, scan

    others = frozenset(i for i in (*DOCUMENT_CHECK_IDS, *CORPUS_CHECK_IDS)
                       if i != "event_conflict")
    result = scan(paths, ScanSettings(read=read, disabled_checks=others), include, exclude,
                  jobs, warn)
    try:
        facts: Iterable[Any] = (
            result.store.facts("event_conflict", corpus_facts_loader("event_conflict"))
            if result.store is not None else [])
        clusters = EventLinks(lambda: ((f.doc, frozenset(f.terms)) for f in facts)).clusters()
        return (suggest(result.claims, clusters, min_claims, min_documents),
                len(result.documents))
    finally:
        result.close()


def _event_terms(cluster: Cluster) -> tuple[str, ...]:
    """The terms a rule needs in a document to take it as a report of the event: the
    heaviest names found in every document of the cluster (a year alone would let in
    other events of that year), as a rule can look for them (no ISO dates)."""
    usable = [t for t in cluster.terms[:cluster.in_all] if not (t[:1].isdigit() and "-" in t)]
    names = [t for t in usable if not t.isdigit()]
    return tuple((names or usable)[:MAX_EVENT_TERMS - 1])


def _head(c: Claim) -> str | None:
    if c.kind not in SUGGEST_KINDS or not c.unit or c.low is None:
        return None
    phrase = unit_phrase(c.unit)
    if phrase is None or phrase.head in _VAGUE_HEADS or len(phrase.head) < 3:
        return None
    return phrase.head


def _unit_text(c: Claim) -> str:
    return " ".join((c.unit or "").lower().split())


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:60].strip("-") or "quantity"


def _unique(rule_id: str, taken: set[str]) -> str:
    candidate, n = rule_id, 2
    while candidate in taken:
        candidate, n = f"{rule_id}-{n}", n + 1
    taken.add(candidate)
    return candidate


# -- YAML --------------------------------------------------------------------------------

def suggestions_yaml(suggestions: Sequence[Suggestion], documents: int) -> str:
    """A rule file `checker scan --rules` accepts: confident rules live, uncertain ones
    commented out, each with the claims it would take."""
    confident = [s for s in suggestions if s.confident]
    lines = [
        "# Rules suggested by `checker suggest-rules` from "
        f"{documents} document{'s' if documents != 1 else ''}.",
        "# Each rule groups the counts of one thing in the documents about one event (named",
        "# by the rare names, places and dates they share: `document: {all: [...]}`).",
        "# Check each one names ONE quantity, rename it, add `expect:` with your house figure.",
        "# Uncertain groups (too few claims or documents, or a single document) are commented",
        "# out: uncomment the ones that are right. The language is described in docs/rules.md.",
        "",
    ]
    if not suggestions:
        lines.append("# No group of related figures was found: nothing to suggest.")
        return "\n".join(lines) + "\n"
    if confident:
        lines.append("rules:")
    else:
        lines += ["# No confident group: every suggestion below is commented out.",
                  "# rules:"]
    for s in suggestions:
        lines.append("")
        lines += [f"  # {note}" for note in _notes(s)]
        body = _rule_lines(s)
        if not s.confident:
            body = [f"  # {line[2:]}" for line in body]
        lines += body
    return "\n".join(lines) + "\n"


def _notes(s: Suggestion) -> list[str]:
    state = (f"they already disagree ({s.findings} finding{'s' if s.findings != 1 else ''})"
             if s.findings else "they agree so far")
    head = "uncertain: " if not s.confident else ""
    docs = f"{s.documents} document{'s' if s.documents != 1 else ''}"
    notes = [f"{head}{len(s.claims)} claims in {docs}; {state}:"]
    for c in s.claims[:MAX_LISTED_CLAIMS]:
        notes.append(f"  {c.doc}:{c.line}:{c.column}  {' '.join(written(c).split())}")
    if len(s.claims) > MAX_LISTED_CLAIMS:
        notes.append(f"  ... and {len(s.claims) - MAX_LISTED_CLAIMS} more")
    return notes


def _rule_lines(s: Suggestion) -> list[str]:
    rule = s.rule()
    lines = [
        f"  - id: {s.id}",
        f"    title: {_scalar(s.title)}",
        "    kind: count",
    ]
    if rule.docs:
        lines.append(f"    docs: {_flow(rule.docs)}")
    lines += ["    match:", f"      units: {_flow(s.units)}", "      inferred: false"]
    if s.near_any or s.near_none:
        near = ", ".join(f"{key}: {_flow(words)}" for key, words in
                         (("any", s.near_any), ("none", s.near_none)) if words)
        lines.append(f"      near: {{{near}}}")
    if s.terms:
        lines.append(f"      document: {{all: {_flow(s.terms)}}}")
    lines.append("      window: sentence")
    return lines


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=10_000).removesuffix("\n...\n").strip()


def _flow(items: Sequence[str]) -> str:
    return yaml.safe_dump(list(items), default_flow_style=True, width=10_000).strip()

