"""name_variant: one person or organisation spelled in near-identical ways across the corpus.

## What it finds
One person or organisation spelled in near-identical ways across the corpus ("Teodor
Vashenko" in most places, "Teodar Vashanko" once): given names and surnames are compared
separately, and the spellings must share context (role words, names around them), so two
different people with similar names are left alone. The majority spelling is the
reference.

## Why it matters
Copies of a name drift like copies of a figure: "Teodor Vashenko" in two articles becomes
"Teodar Vashanko" in a third. Surnames and given names are compared separately (rapidfuzz
ratio, accents and case ignored; a name written with an initial is never a variant,
and neither is a plural, a derived word or a prefix: "Nova Scotian"), and two
spellings count as one name only when they also share context: uncommon words around them
("former", "water board", "Tromsø") or other names in the same documents. So two
different people with similar names ("Ian Holden" the goalkeeper, "Iain Holden" the
politician) are left alone. The spelling written most often is the reference; each other
spelling is flagged, with how often each is written. Two spellings written equally often
have no majority and are reported only with `report_ties`. Byte-identical copies of a
document count once.

## Example
PASS: "Teodor Vashenko, former head of the regional water board ..." and "T. Vashenko said
..." (an initial)
PASS: "Ian Holden, the Derby goalkeeper ..." and "Iain Holden, the Welsh party leader ..."
FAIL: "Teodor Vashenko, former head of the regional water board ..." (twice) and "Teodar
Vashanko, former head of the regional water board in Tromsø ..."
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, combinations, groupby, islice, product
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from checker.checks.name_variant.facts import DocumentNames, NameFact, fold
from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import make_finding
from checker.util.english import singular

if TYPE_CHECKING:
    from checker.checks import Memo

ID = "name_variant"
SEVERITY: Severity = "warning"
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


def dump_facts(names: DocumentNames) -> list:
    """The document's name facts as plain data, for the scan store."""
    return names.to_data()


def load_facts(data: Any, checked: bool = True) -> DocumentNames:
    """Name facts back from `dump_facts` data (`checked`: validate it first)."""
    return DocumentNames.from_data(data, checked)


def prepare() -> None:
    """Load the name finder, which `collect` loads on first use (`checks.prepare_checks`)."""
    from checker.checks.name_variant import names  # noqa: F401 - loaded for what follows


def collect(
    doc: Document, claims: list[Claim], conf: Mapping[str, Any]  # noqa: ARG001 - the corpus-check interface
) -> DocumentNames:
    """Worker side: one small fact per distinct name spelling of the document."""
    from checker.checks.name_variant.names import (
        name_facts,  # the name finder: only where files are read
    )

    return DocumentNames(name_facts(doc))


class _Total:
    """What the whole corpus says of one spelling (case and apostrophe aside): the first
    way it is written, how often, in how many documents. Kept for every spelling, so small."""

    __slots__ = ("text", "count", "documents", "last_doc")

    def __init__(self, text: str) -> None:
        self.text = text
        self.count = 0
        self.documents = 0
        self.last_doc: str | None = None


class _Spelling:
    """A spelling that is compared with another: its totals, its words, and the facts of
    its first documents (at most `max_facts_per_spelling`), read in a second pass."""

    __slots__ = ("text", "tokens", "folded", "count", "documents", "facts")

    def __init__(self, total: _Total) -> None:
        self.text = total.text
        self.tokens = tuple(self.text.split(" "))
        self.folded = tuple(fold(t) for t in self.tokens)
        self.count = total.count
        self.documents = total.documents
        self.facts: list[NameFact] = []


class _Spellings(dict[str, _Spelling]):
    """Spellings by key, each built when first asked for: few are ever compared."""

    def __init__(self, totals: Mapping[str, _Total]) -> None:
        super().__init__()
        self.totals = totals

    def __missing__(self, key: str) -> _Spelling:
        spelling = self[key] = _Spelling(self.totals[key])
        return spelling


def check(facts: Iterable[NameFact], conf: Mapping[str, Any],
          memo: Memo | None = None) -> Iterator[Finding]:
    """`facts` in document order, read twice (a list, or the scan store's view of them):
    first for the totals of every spelling, then for the facts of the few spellings that
    are alike. Memory follows the number of distinct spellings, not of documents.

    `memo` (the scan cache's) keeps which spellings were compared and which pairs were
    alike, so a re-scan compares only the spellings it has not seen before."""
    totals = _totals(facts)
    spellings = _Spellings(totals)
    alike = [(a, b) for a, b in _candidate_pairs(totals, conf, memo)
             if _same_name(spellings[a], spellings[b], conf)]
    if not alike:
        return
    limit = max(conf["max_facts_per_spelling"], conf["max_references"])
    for key, kept in _facts_of(facts, {k for pair in alike for k in pair}, limit).items():
        spellings[key].facts = kept
    contexts = _Contexts()
    pairs = [(a, b) for a, b in alike
             if _share_context(spellings[a], spellings[b], conf, contexts)]
    for reference, variants in _groups(spellings, pairs):
        for variant in variants:
            if spellings[variant].count == spellings[reference].count and not conf["report_ties"]:
                continue
            yield _finding(spellings[reference], spellings[variant], conf)


def _key(spelling: str) -> str:
    return spelling.casefold().replace("\u2019", "'")


def _documents(facts: Iterable[Any]) -> Iterator[DocumentNames]:
    """Each document's names, in the order given, byte-identical copies of a document
    once. `facts` is the scan store's view (it gives each document's DocumentNames) or
    NameFacts in document order, each document's together (tests, other callers)."""
    per_document = getattr(facts, "per_document", None)
    if per_document is not None:
        documents: Iterable[Any] = per_document()
    else:
        documents = (DocumentNames(_first_of_each_spelling(run))
                     for _, run in groupby(facts, key=_DOC))
    seen_texts: set[int] = set()
    for names in documents:
        if not isinstance(names, DocumentNames):
            names = DocumentNames(list(names))
        if not names.spellings or names.digest in seen_texts:
            continue
        seen_texts.add(names.digest)
        yield names


_DOC = attrgetter("doc", "digest")


def _first_of_each_spelling(facts: Iterable[NameFact]) -> list[NameFact]:
    seen: set[str] = set()
    out: list[NameFact] = []
    for fact in facts:
        if fact.spelling not in seen:
            seen.add(fact.spelling)
            out.append(fact)
    return out


def _totals(facts: Iterable[Any]) -> dict[str, _Total]:
    """Every spelling's totals, by key, keys sorted. Reads each document's summary only."""
    totals: dict[str, _Total] = {}
    for names in _documents(facts):
        doc = names.doc
        for spelling, count in zip(names.spellings, names.counts, strict=True):
            key = _key(spelling)
            total = totals.get(key)
            if total is None:
                total = totals[key] = _Total(spelling)
            total.count += count
            if doc != total.last_doc:  # a document's facts come together
                total.documents += 1
                total.last_doc = doc
    return {key: totals[key] for key in sorted(totals)}


def _facts_of(facts: Iterable[Any], wanted: set[str],
              limit: int) -> dict[str, list[NameFact]]:
    """The first `limit` facts of each wanted spelling key, in the order given. Only the
    documents that hold a wanted spelling unpack their facts."""
    kept: dict[str, list[NameFact]] = {key: [] for key in wanted}
    for names in _documents(facts):
        hits = [(i, group) for i, spelling in enumerate(names.spellings)
                if (group := kept.get(_key(spelling))) is not None and len(group) < limit]
        if hits:
            unpacked = names.facts
            for i, group in hits:
                if len(group) < limit:
                    group.append(unpacked[i])
    return kept




def _folded(spelling: str) -> str:
    """fold() of each word of the spelling, space-joined (not ASCII: see _candidate_pairs)."""
    return " ".join(fold(t) for t in spelling.split(" "))


def _candidate_pairs(totals: Mapping[str, _Total], conf: Mapping[str, Any],
                     memo: Memo | None = None) -> list[tuple[str, str]]:
    """Pairs of spelling keys (sorted) whose folded spellings are candidates: the same
    number of words, surnames alike, and the other words possibly so (`_folded_pairs`).
    Spellings that fold alike ("O'Brien", "O’Brien") are always candidates.

    With a `memo`, the folded spellings compared before and the pairs found among them
    are reused: only spellings not seen before are compared, each with all the others
    (`_pairs_with`), since whether two spellings are a candidate pair depends on those
    two alone."""
    keys = list(totals)
    by_folded: dict[str, list[int]] = defaultdict(list)
    for index, total in enumerate(totals.values()):
        text = total.text
        # fold() of an ASCII word is the word lower-cased.
        by_folded[text.lower() if text.isascii() else _folded(text)].append(index)
    folded_pairs = (_folded_pairs(list(by_folded), conf) if memo is None
                    else _remembered_pairs(by_folded, conf, memo))
    out: set[tuple[int, int]] = set()  # indices into `keys`
    for a, b in folded_pairs:
        out.update(product(by_folded[a], by_folded[b]))
    if conf["surname_similarity"] <= 100 and conf["given_similarity"] <= 101:
        for same in by_folded.values():
            out.update(combinations(same, 2))
    return sorted((keys[a], keys[b]) if a < b else (keys[b], keys[a]) for a, b in out)


def _memo_key(conf: Mapping[str, Any]) -> str:
    return f"{ID}:pairs:{conf['surname_similarity']}:{conf['given_similarity']}"


# Above this many spellings not seen before, all are compared again at once (in C).
_MAX_NEW_SPELLINGS = 500


def _remembered_pairs(by_folded: Mapping[str, list[int]], conf: Mapping[str, Any],
                      memo: Memo) -> set[tuple[str, str]]:
    """`_folded_pairs` of the current spellings, from the memo plus the new spellings."""
    key = _memo_key(conf)
    seen, pairs = _memo_state(memo.load(key))
    new = [f for f in by_folded if f not in seen]
    if len(new) > _MAX_NEW_SPELLINGS:
        pairs = _folded_pairs(list(by_folded), conf)
        seen = set(by_folded)
    elif new:
        pairs |= _pairs_with(new, list(by_folded), conf)
        seen |= set(new)
    current = {(a, b) for a, b in pairs if a in by_folded and b in by_folded}
    mostly_gone = len(seen) > 2 * len(by_folded) + 1000  # spellings gone from the corpus
    if mostly_gone:
        seen, pairs = set(by_folded), current
    if new or mostly_gone:
        memo.save(key, {"seen": sorted(seen), "pairs": sorted([a, b] for a, b in pairs)})
    return current


def _memo_state(data: Any) -> tuple[set[str], set[tuple[str, str]]]:
    """(spellings compared, pairs found) from the memo's data; nothing when it is not
    what `_remembered_pairs` saves."""
    if isinstance(data, dict) and isinstance(data.get("seen"), list) \
            and isinstance(data.get("pairs"), list) \
            and all(isinstance(s, str) for s in data["seen"]) \
            and all(isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p)
                    for p in data["pairs"]):
        return set(data["seen"]), {(a, b) for a, b in data["pairs"]}
    return set(), set()


def _split(folded: str) -> tuple[int, str, str]:
    """(number of words, the words before the surname, the surname) of a folded spelling."""
    given, _, last = folded.rpartition(" ")
    return (given.count(" ") + 2 if given else 1), given, last


def _folded_pairs(folded: list[str], conf: Mapping[str, Any]) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, of distinct folded spellings with the same number of words
    whose surnames are alike and whose other words may be. Surnames are blocked by initial
    and length, so no block is ever compared with the whole corpus; each distinct surname
    is compared once (`_alike_surnames`), and the pairs of spellings they give are
    screened by their other words (`_screen_given_names`)."""
    words = [_split(f) for f in folded]
    given = [w[1] for w in words]
    by_surname: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, (n, _, last) in enumerate(words):
        by_surname[(n, last)].append(index)
    # Blocks of surnames: same number of words and initial, by length then spelling.
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for n, last in sorted(by_surname):
        blocks[(n, last[:1])].append(last)
    for surnames in blocks.values():
        surnames.sort(key=len)  # stable: by length, then spelling

    def pair_runs() -> Iterator[Iterator[tuple[int, int]]]:
        for (n, _), surnames in blocks.items():
            for i, j in _alike_surnames(surnames, conf["surname_similarity"]):
                yield product(by_surname[(n, surnames[i])], by_surname[(n, surnames[j])])
        if conf["surname_similarity"] <= 100:  # a surname is alike itself
            for same in by_surname.values():
                if len(same) > 1:
                    yield combinations(same, 2)

    # In batches: a common surname with many given names makes many pairs.
    pairs: set[tuple[str, str]] = set()
    all_pairs = chain.from_iterable(pair_runs())
    while batch := list(islice(all_pairs, _PAIRS_PER_BATCH)):
        for a, b in _screen_given_names(batch, given, conf["given_similarity"]):
            pairs.add((folded[a], folded[b]) if folded[a] < folded[b]
                      else (folded[b], folded[a]))
    return pairs


def _pairs_with(new: list[str], folded: list[str],
                conf: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The pairs `_folded_pairs` would find between each of `new` and any of `folded`,
    found one new spelling at a time (few are new on a re-scan)."""
    cutoff, threshold = conf["surname_similarity"], conf["given_similarity"]
    blocks: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
    for f in folded:
        n, given, last = _split(f)
        blocks[(n, last[:1])].append((f, given, last))
    out: set[tuple[str, str]] = set()
    for f in new:
        n, given, last = _split(f)
        for other, other_given, other_last in blocks.get((n, last[:1]), ()):
            if other == f or abs(len(other_last) - len(last)) > 3:
                continue
            if other_last == last:
                if cutoff > 100:
                    continue
            elif not 0 < fuzz.ratio(last, other_last) >= cutoff:
                continue
            if threshold > 1 and not (
                    0 < fuzz.ratio(given, other_given) >= threshold - 1):
                continue
            out.add((f, other) if f < other else (other, f))
    return out


def _screen_given_names(pairs: list[tuple[int, int]], given: list[str],
                        threshold: float) -> list[tuple[int, int]]:
    """The pairs whose words before the surname, joined, are at least `threshold` alike (a
    little less: the joined score may round differently). Every word alike (or the same)
    means the joined words are at least as alike, so no pair `_same_name` accepts is lost."""
    if threshold <= 1:
        return pairs
    ratio, cutoff = fuzz.ratio, threshold - 1
    return [(a, b) for a, b in pairs if ratio(given[a], given[b], score_cutoff=cutoff)]


_PAIRS_PER_BATCH = 1 << 16


def _alike_surnames(surnames: list[str], cutoff: float) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of distinct surnames (sorted by length, then spelling) at most
    3 letters longer and at least `cutoff` alike: each surname against the ones after it
    within 3 letters, in one call to rapidfuzz (C) each. (Its batch `cdist` is a little
    faster, but needs numpy, whose import costs a scan more than these calls.)."""
    lengths = [len(s) for s in surnames]
    extract, ratio = process.extract, fuzz.ratio
    for i, surname in enumerate(surnames):
        stop = bisect_right(lengths, lengths[i] + 3, i + 1)
        if stop > i + 1:
            for _, _, k in extract(surname, surnames[i + 1:stop], scorer=ratio,
                                   score_cutoff=cutoff, limit=None):
                yield i, i + 1 + k


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


class _Contexts:
    """Each fact's context words and co-occurring names, read once per check and only for
    the facts of spellings that are compared."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def of(self, fact: NameFact) -> tuple[frozenset[str], frozenset[str]]:
        known = self._known.get(id(fact))
        if known is None:
            known = self._known[id(fact)] = (fact.context, fact.co_names)
        return known


def _share_context(a: _Spelling, b: _Spelling, conf: Mapping[str, Any],
                   contexts: _Contexts) -> bool:
    """Some document of one and some document of the other are about the same person:
    enough shared uncommon words and co-occurring names."""
    limit = conf["max_facts_per_spelling"]
    own = set(a.folded) | set(b.folded)
    for fa in a.facts[:limit]:
        words_a, names_a = contexts.of(fa)
        for fb in b.facts[:limit]:
            if fa.doc != fb.doc and fa.quote == fb.quote:
                continue  # the same sentence copied: says nothing about who is meant
            words_b, names_b = contexts.of(fb)
            shared = len((words_a & words_b) - own)
            shared += 2 * len((names_a & names_b) - own)
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
