"""Rules a user does not have to write: groups of claims about the same quantity, found in
a corpus, as Rule records or as a commented YAML rule file.

A group is the counts of one thing (the head noun of their unit: "political prisoners",
"prisoners of war" -> prisoner) whose sentences share a recurring term ("1988"). Years
anchor first (a figure "in 1988" is about one event), then the terms found in the most
documents. Terms that come with the anchor in most of the group's sentences ("massacre")
widen it, so the same figure written in a sentence without the year still joins. A group
is *confident* when it holds at least `min_claims` claims from `min_documents` documents;
the others are written commented out for a person to judge.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import yaml

from checker.compare import compare_group, written
from checker.model import Claim
from checker.names import salient_words
from checker.rules.rule import Rule
from checker.rules.units import unit_phrase

SUGGEST_KINDS = ("count",)
MIN_CLAIMS = 3
MIN_DOCUMENTS = 2
MAX_UNITS = 6
MAX_COMPANIONS = 3
MAX_LISTED_CLAIMS = 8
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_SLUG = re.compile(r"[^a-z0-9]+")
# Units that say nothing about what is counted.
_VAGUE_HEADS = frozenset("time thing way year day week month hour minute point per cent "
                         "percent other one".split())


@dataclass
class Suggestion:
    """One suggested rule: the quantity, the claims it would take, and whether they
    already disagree."""

    id: str
    head: str
    units: tuple[str, ...]
    terms: tuple[str, ...]              # context: any of these in the figure's sentence
    claims: list[Claim] = field(default_factory=list)
    findings: int = 0                   # findings a scan with this rule alone would report
    confident: bool = True

    @property
    def documents(self) -> int:
        return len({c.doc for c in self.claims})

    @property
    def title(self) -> str:
        terms = " / ".join(f'"{t}"' for t in self.terms)
        return f"Counts of {self.units[0]} near {terms}"

    def rule(self, source: str = "suggested") -> Rule:
        """The Rule this suggestion stands for, as `load_rules` would build it from YAML."""
        return Rule(id=self.id, title=self.title, kinds=SUGGEST_KINDS, units=self.units,
                    context_any=self.terms, window="sentence", source=source)


def suggest(claims: Iterable[Claim], min_claims: int = MIN_CLAIMS,
            min_documents: int = MIN_DOCUMENTS) -> list[Suggestion]:
    """Suggested groups for `claims` (every claim of a scan), confident ones first,
    each list in a stable order."""
    by_head: dict[str, list[tuple[Claim, frozenset[str]]]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.doc, c.start, c.end)):
        head = _head(c)
        if head is not None:
            by_head[head].append((c, _terms(c)))
    out: list[Suggestion] = []
    taken_ids: set[str] = set()
    for head in sorted(by_head):
        for s in _groups_of(head, by_head[head]):
            s.id = _unique(s.id, taken_ids)
            s.confident = len(s.claims) >= min_claims and s.documents >= min_documents
            s.findings = len(compare_group(s.rule(), s.claims))
            out.append(s)
    out.sort(key=lambda s: (not s.confident, -s.documents, -len(s.claims), s.id))
    return out


def confident_rules(suggestions: Sequence[Suggestion]) -> list[Rule]:
    """The rules `scan --auto-rules` uses: the confident suggestions only."""
    return [s.rule() for s in suggestions if s.confident]


def _head(c: Claim) -> str | None:
    if c.kind not in SUGGEST_KINDS or not c.unit or c.low is None:
        return None
    phrase = unit_phrase(c.unit)
    if phrase is None or phrase.head in _VAGUE_HEADS or len(phrase.head) < 3:
        return None
    return phrase.head


def _terms(c: Claim) -> frozenset[str]:
    """Recurring-term candidates of a claim: uncommon words and years of its sentence,
    without the words of the claim itself."""
    own = salient_words(c.text) | salient_words(c.unit or "")
    return frozenset(salient_words(c.quote) - own)


def _groups_of(head: str, members: list[tuple[Claim, frozenset[str]]]) -> list[Suggestion]:
    """Greedy: the best anchor term, widened by its companions; then the next anchor
    among the claims not yet taken."""
    docs_with: dict[str, set[str]] = defaultdict(set)
    for c, terms in members:
        for t in terms:
            docs_with[t].add(c.doc)
    anchors = sorted(
        (t for t in docs_with if sum(1 for _, ts in members if t in ts) >= 2),
        key=lambda t: (not _YEAR.match(t), -len(docs_with[t]), t),
    )
    taken: set[int] = set()
    groups: list[Suggestion] = []
    for anchor in anchors:
        with_anchor = [i for i, (_, ts) in enumerate(members) if anchor in ts]
        if sum(1 for i in with_anchor if i in taken) * 2 >= len(with_anchor):
            continue
        terms = (anchor, *_companions(anchor, [members[i][1] for i in with_anchor], docs_with))
        chosen = [i for i, (_, ts) in enumerate(members) if i not in taken and ts & set(terms)]
        if len(chosen) < 2:
            continue
        taken.update(chosen)
        claims = [members[i][0] for i in chosen]
        units = tuple(u for u, _ in Counter(_unit_text(c) for c in claims).most_common(MAX_UNITS))
        groups.append(Suggestion(_slug(f"{units[0]}-{anchor}"), head, units, terms, claims))
    return groups


def _companions(anchor: str, term_sets: list[frozenset[str]],
                docs_with: dict[str, set[str]]) -> list[str]:
    """Terms in more than half of the anchor's sentences, found in 2+ documents."""
    counts = Counter(t for ts in term_sets for t in ts if t != anchor)
    half = len(term_sets) / 2
    keep = [t for t, n in counts.items() if n > half and n >= 2 and len(docs_with[t]) >= 2]
    return sorted(keep, key=lambda t: (-counts[t], t))[:MAX_COMPANIONS]


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
        "# Each rule groups the counts of one thing whose sentences share a recurring term.",
        "# Check each one names ONE quantity, rename it, add `expect:` with your house figure.",
        "# Uncertain groups (too few claims or documents) are commented out: uncomment the",
        "# ones that are right. The language is described in docs/rules.md.",
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
    return [
        f"  - id: {s.id}",
        f"    title: {_scalar(s.title)}",
        "    kind: count",
        "    match:",
        f"      units: {_flow(s.units)}",
        f"      context: {{any: {_flow(s.terms)}}}",
        "      window: sentence",
    ]


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=10_000).removesuffix("\n...\n").strip()


def _flow(items: Sequence[str]) -> str:
    return yaml.safe_dump(list(items), default_flow_style=True, width=10_000).strip()

