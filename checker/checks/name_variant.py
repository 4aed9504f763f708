"""name_variant: one person or organisation spelled in near-identical ways across the corpus.

Copies of a name drift like copies of a figure: "Tahar Boumedra" in two articles becomes
"Taher Bomedia" in a third. Surnames and given names are compared separately (rapidfuzz
ratio, accents and case ignored; a name written with an initial is never a variant,
and neither is a plural, a derived word or a prefix: "Sri Lankan"), and two
spellings count as one name only when they also share context: uncommon words around them
("former", "human rights", "Baghdad") or other names in the same documents. So two
different people with similar names ("Mark Thomson" the banker, "Mark Thompson" the
broadcaster) are left alone. The spelling written most often is the reference; each other
spelling is flagged, with how often each is written. Two spellings written equally often
have no majority and are reported only with `report_ties`. Byte-identical copies of a
document count once.

PASS: "Tahar Boumedra, former UN human rights chief ..." and "T. Boumedra said ..." (an initial)
PASS: "Jon Smith, the Leeds goalkeeper ..." and "John Smith, the Scottish Labour leader ..."
FAIL: "Tahar Boumedra, former UN human rights official ..." (twice) and "Taher Bomedia,
former head of the UN human rights office in Baghdad ..."
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from checker.compare import make_finding
from checker.model import Claim, Document, Finding
from checker.names import NameFact, fold, name_facts
from checker.rules.select import singular

ID = "name_variant"
SEVERITY = "warning"
DEFAULT: dict[str, Any] = {
    "surname_similarity": 75,   # rapidfuzz ratio of two surnames (folded) to be variants
    "given_similarity": 75,     # the same for each given name / other word of the name
    "min_shared_context": 10,   # shared uncommon words, + 2 per shared co-occurring name
    "report_ties": False,       # two spellings written equally often: no majority to follow
    "min_word_length": 4,       # a differing word shorter than this is never a variant
    "max_references": 5,        # reference mentions cited per finding
    "max_facts_per_spelling": 200,  # documents of one spelling looked at for context
}
# Capitalised words that name a different thing when one letter changes.
_GENERIC_WORDS = frozenset("""
north south east west northern southern eastern western upper lower central national
international federal royal general
""".split())


def collect(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> list[NameFact]:
    """Worker side: one small fact per distinct name spelling of the document."""
    return name_facts(doc)


@dataclass
class _Spelling:
    text: str
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    facts: list[NameFact] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(f.count for f in self.facts)

    @property
    def documents(self) -> int:
        return len({f.claim.doc for f in self.facts})


def check(facts: list[NameFact], conf: Mapping[str, Any]) -> Iterator[Finding]:
    spellings = _spellings(facts)
    pairs = [(a, b) for a, b in _candidate_pairs(spellings, conf)
             if _same_name(spellings[a], spellings[b], conf)
             and _share_context(spellings[a], spellings[b], conf)]
    for reference, variants in _groups(spellings, pairs):
        for variant in variants:
            if spellings[variant].count == spellings[reference].count and not conf["report_ties"]:
                continue
            yield _finding(spellings[reference], spellings[variant], conf)


def _spellings(facts: list[NameFact]) -> dict[str, _Spelling]:
    out: dict[str, _Spelling] = {}
    seen: set[tuple[str, str]] = set()
    for fact in facts:
        if (fact.digest, fact.spelling) in seen:
            continue  # a byte-identical copy of a document already counted
        seen.add((fact.digest, fact.spelling))
        key = fact.spelling.casefold().replace("’", "'")
        if key not in out:
            tokens = tuple(fact.spelling.split(" "))
            out[key] = _Spelling(fact.spelling, tokens, tuple(fold(t) for t in tokens))
        out[key].facts.append(fact)
    return dict(sorted(out.items()))


def _candidate_pairs(spellings: Mapping[str, _Spelling],
                     conf: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Pairs of spellings (same number of words) whose surnames are alike. Blocked by
    surname initial and length, so no block is ever compared with the whole corpus."""
    by_surname: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key, s in spellings.items():
        by_surname[(len(s.tokens), s.folded[-1])].append(key)
    blocks: dict[tuple[int, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for n, last in sorted(by_surname):
        blocks[(n, last[:1])][len(last)].append(last)
    for (n, _), by_length in sorted(blocks.items()):
        for length in sorted(by_length):
            rows = by_length[length]
            cols = [s for extra in range(4) for s in by_length.get(length + extra, ())]
            scores = process.cdist(rows, cols, scorer=fuzz.ratio,
                                   score_cutoff=conf["surname_similarity"], workers=1)
            for i, row in enumerate(rows):
                for j, col in enumerate(cols):
                    if scores[i, j] and (row < col or len(row) != len(col) or row == col):
                        yield from _spelling_pairs(by_surname[(n, row)], by_surname[(n, col)],
                                                   same=row == col)


def _spelling_pairs(left: list[str], right: list[str], same: bool) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(left):
        for b in (left[i + 1:] if same else right):
            yield (a, b) if a < b else (b, a)


def _same_name(a: _Spelling, b: _Spelling, conf: Mapping[str, Any]) -> bool:
    """Every word alike and at least one spelled differently: not only by accents or case,
    and not by an initial, a plural, a derived word, a prefix or a generic word."""
    differs = False
    last = len(a.folded) - 1
    for i, (x, y) in enumerate(zip(a.folded, b.folded, strict=True)):
        if x == y:
            continue
        if len(x.rstrip(".")) == 1 or len(y.rstrip(".")) == 1:
            return False  # an initial: too little to tell one person from another
        if x.startswith(y) or y.startswith(x) or singular(x) == singular(y):
            return False  # "Lanka"/"Lankan", "Society"/"Societies": another word, not a slip
        if x.count("-") != y.count("-") or x in _GENERIC_WORDS or y in _GENERIC_WORDS:
            return False  # "Anti-Terrorism"/"Terrorism", "Northern"/"Southern"
        if min(len(x), len(y)) < conf["min_word_length"]:
            return False
        threshold = conf["surname_similarity"] if i == last else conf["given_similarity"]
        if fuzz.ratio(x, y) < threshold:
            return False
        for px, py in zip(x.split("-"), y.split("-"), strict=True):
            if px != py and (min(len(px), len(py)) < conf["min_word_length"]
                             or fuzz.ratio(px, py) < threshold):
                return False  # "Idol-type"/"Idol-style": one part is another word
        differs = True
    return differs


def _share_context(a: _Spelling, b: _Spelling, conf: Mapping[str, Any]) -> bool:
    """Some document of one and some document of the other are about the same person:
    enough shared uncommon words and co-occurring names."""
    limit = conf["max_facts_per_spelling"]
    own = set(a.folded) | set(b.folded)
    for fa in a.facts[:limit]:
        for fb in b.facts[:limit]:
            if fa.claim.doc != fb.claim.doc and fa.claim.quote == fb.claim.quote:
                continue  # the same sentence copied: says nothing about who is meant
            shared = len((fa.context & fb.context) - own)
            shared += 2 * len((fa.co_names & fb.co_names) - own)
            if shared >= conf["min_shared_context"]:
                return True
    return False


def _groups(spellings: Mapping[str, _Spelling],
            pairs: list[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """(reference, variants matched with it) per connected group of spellings; the
    reference is the spelling written most often (then in most documents)."""
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted({k for p in pairs for k in p}):
        members[root(key)].append(key)
    matched = set(pairs)
    for group in members.values():
        reference = max(group, key=lambda k: (spellings[k].count, spellings[k].documents,
                                              _neg(k)))
        variants = [k for k in group if k != reference
                    and ((k, reference) in matched or (reference, k) in matched)]
        if variants:
            yield reference, variants


def _neg(key: str) -> tuple[int, ...]:
    """Sort key that prefers the alphabetically first spelling in a tie."""
    return tuple(-ord(ch) for ch in key)


def _finding(ref: _Spelling, var: _Spelling, conf: Mapping[str, Any]) -> Finding:
    tie = var.count == ref.count
    ref_claims = [f.claim for f in ref.facts]
    var_claims = [f.claim for f in var.facts]
    details = {"names": [
        {"spelling": ref.text, "count": ref.count, "documents": ref.documents,
         "role": "flagged" if tie else "reference"},
        {"spelling": var.text, "count": var.count, "documents": var.documents,
         "role": "flagged"},
    ]}
    if tie:
        message = (f"The same name is spelled \u201c{var.text}\u201d ({_times(var.count)}) and "
                   f"\u201c{ref.text}\u201d ({_times(ref.count)}).")
        return make_finding(ID, ID, SEVERITY, message, var_claims + ref_claims, (), details)
    message = (f"\u201c{var.text}\u201d here ({_times(var.count)}), but \u201c{ref.text}\u201d "
               f"{_times(ref.count)} in {_docs(ref.documents)}: probably the same name.")
    references = ref_claims[: conf["max_references"]]
    return make_finding(ID, ID, SEVERITY, message, var_claims, references, details)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _docs(n: int) -> str:
    return f"{n} document{'' if n == 1 else 's'}"
