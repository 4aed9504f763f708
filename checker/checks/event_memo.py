"""What event_conflict remembers between scans, so a re-scan redoes only what changed.

The check reads every document's facts twice (to link documents by their event terms,
then for the figures of the linked ones) and judges the figures of each linked pair.
With the scan cache as its memo (`checks.Memo`) it keeps, by the digest of each
document's stored facts, the document's event terms; by the digest of every document's
terms, the event links between them; and, by the digests of both documents, what judging
each linked pair found (the conflicts, and which figures agree). Equal digests mean equal
inputs, hence equal terms, links and judgments: a re-scan after one file changed reads and
decodes the facts of that file only, links the documents again only if its terms changed
(the links depend on every document's terms), and judges only the pairs it has not judged
before. Its findings are the same as without the memo, byte for byte.

The memo follows the corpus: each scan keeps the documents and pairs it saw. Past
`MAX_DOCUMENTS` documents nothing is remembered (the memo would grow with the corpus). A
memo that does not read as what `save` writes is ignored, as if absent.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.compare.events import Link
from checker.model import SEVERITIES, Claim

VERSION = 2
MAX_DOCUMENTS = 50_000


class Stale(Exception):
    """The memo does not fit the facts (it was not written for them): start afresh."""


@dataclass(slots=True)
class Entry:
    """One document's facts: where they are stored, their identity and their terms."""

    location: tuple[int, int]
    index: int          # of the facts in the stored row (one a document)
    ident: str | None   # the row's digest and the index, as the memo knows it (if any)
    doc: str
    terms: frozenset[str]
    figures: int        # how many

    @property
    def slot(self) -> tuple[tuple[int, int], int]:
        """Where the facts are, as this scan knows them (unique, unlike a digest)."""
        return self.location, self.index


# A judged pair: its conflicts (figure of a, figure of b, score, sameness, reasons,
# against, slip, severity), and the figures of each side that agree with the other.
Judged = tuple[list[list[Any]], list[int], list[int]]


def memo_key(conf: Mapping[str, Any]) -> str:
    """The memo's name: the check's options are part of what it remembers."""
    options = json.dumps(dict(conf), sort_keys=True, default=str)
    return f"event_conflict:v{VERSION}:{hashlib.sha256(options.encode()).hexdigest()[:16]}"


class Remembered:
    """The memo as read, and what this scan adds to it (`save` writes it back)."""

    def __init__(self, data: Any) -> None:
        self.docs, self.pairs = _read(data)
        self.links = _links(data)
        self.seen_docs: dict[str, list[list[Any]]] = {}
        self.seen_pairs: dict[str, Judged] = {}
        self.seen_links: tuple[str, list[list[Any]]] | None = None
        self.terms_digest = ""

    def entries(self, digests: Iterable[tuple[tuple[int, int], str | None]],
                read: Callable[[tuple[int, int]], Any]) -> list[Entry]:
        """Each document's entry, in scan order: from the memo where its digest is known,
        else read (`read(location)`: its facts, None when damaged). Stale past
        MAX_DOCUMENTS."""
        out: list[Entry] = []
        terms = hashlib.sha256()
        for location, digest in digests:
            if digest in self.seen_docs:  # two rows cannot hold one document's facts
                digest = None
            summary = self.docs.get(digest) if digest is not None else None
            if summary is None:
                facts = read(location)
                if facts is None:
                    continue
                summary = [[f.doc, _joined(f.terms), len(f.figures)] for f in facts]
            if digest is not None:
                self.seen_docs[digest] = summary
            for index, (doc, joined, figures) in enumerate(summary):
                words = joined.split(" ") if isinstance(joined, str) and joined else joined
                ident = f"{digest}.{index}" if digest is not None else None
                out.append(Entry(location, index, ident, doc, frozenset(words), figures))
                if figures:
                    terms.update("\x00".join([doc, *words, "\x01"]).encode())
            if len(out) > MAX_DOCUMENTS:
                raise Stale("too many documents to remember")
        self.terms_digest = terms.hexdigest()
        return out

    def linked(self) -> dict[tuple[str, str], Link] | None:
        """The event links made before from the same documents' terms (`entries` read
        them), if any: the links depend on nothing else."""
        if self.links is None or self.links[0] != self.terms_digest:
            return None
        return {(a, b): Link(score, tuple(terms)) for a, b, score, terms in self.links[1]}

    def keep_links(self, linked: dict[tuple[str, str], Link]) -> None:
        self.seen_links = (self.terms_digest, [[a, b, link.score, list(link.terms)]
                                               for (a, b), link in linked.items()])

    def judged(self, a: Entry, b: Entry) -> Judged | None:
        """What judging the pair found before, if it was judged (and fits their figures)."""
        if a.ident is None or b.ident is None:
            return None
        found = self.pairs.get(f"{a.ident} {b.ident}")
        if found is None:
            return None
        conflicts, agree_a, agree_b = found
        if not (all(0 <= c[0] < a.figures and 0 <= c[1] < b.figures for c in conflicts)
                and all(0 <= i < a.figures for i in agree_a)
                and all(0 <= i < b.figures for i in agree_b)):
            return None
        return found

    def keep(self, a: Entry, b: Entry, judged: Judged) -> None:
        if a.ident is not None and b.ident is not None:
            self.seen_pairs[f"{a.ident} {b.ident}"] = judged

    def changed(self) -> bool:
        """Whether this scan saw documents or pairs the memo does not hold, or not all
        that it holds."""
        return self.seen_docs.keys() != self.docs.keys() \
            or self.seen_pairs.keys() != self.pairs.keys() \
            or self.seen_links is not None and self.seen_links[0] != (self.links or ("",))[0]

    def data(self) -> dict[str, Any]:
        links = self.seen_links or self.links
        return {"docs": self.seen_docs,
                "pairs": {k: list(v) for k, v in self.seen_pairs.items()},
                "links": list(links) if links else None}


def judge_pair(judge: Any, ka: Mapping[tuple, list[Claim]], kb: Mapping[tuple, list[Claim]],
               link: Any, place: Mapping[int, int]) -> Judged:
    """Judge two linked documents' figures (by quantity, as the check does) and keep what
    was found as data: figures by their index in their document (`place`, by id)."""
    judge.agreeing = defaultdict(set)
    found = []
    for key in sorted(ka.keys() & kb.keys()):
        found += judge.pairs(ka[key], kb[key], link)
    conflicts = [[place[id(c.a)], place[id(c.b)], c.match.score, c.match.sameness,
                  list(c.match.reasons), list(c.match.against), c.slip, c.severity]
                 for c in found]
    side_a = {id(c) for cs in ka.values() for c in cs}
    agree_a = sorted(place[i] for i in judge.agreeing if i in side_a)
    agree_b = sorted(place[i] for i in judge.agreeing if i not in side_a)
    return conflicts, agree_a, agree_b


def _read(data: Any) -> tuple[dict[str, list[list[Any]]], dict[str, Judged]]:
    """(documents, pairs) of a memo `Remembered.data` wrote; nothing when it is not that."""
    if not (isinstance(data, dict) and isinstance(data.get("docs"), dict)
            and isinstance(data.get("pairs"), dict)):
        return {}, {}
    docs, pairs = data["docs"], data["pairs"]
    if all(_summary(v) for v in docs.values()) and all(_judged(v) for v in pairs.values()):
        return docs, {k: (v[0], v[1], v[2]) for k, v in pairs.items()}
    return {}, {}


def _links(data: Any) -> tuple[str, list[list[Any]]] | None:
    """(digest of the terms, links) of a memo `Remembered.data` wrote; None when absent
    or not that."""
    links = data.get("links") if isinstance(data, dict) else None
    if isinstance(links, list) and len(links) == 2 and isinstance(links[0], str) \
            and isinstance(links[1], list) and all(
                isinstance(p, list) and len(p) == 4 and isinstance(p[0], str)
                and isinstance(p[1], str) and isinstance(p[2], int | float)
                and not isinstance(p[2], bool) and isinstance(p[3], list)
                and all(isinstance(t, str) for t in p[3]) for p in links[1]):
        return links[0], links[1]
    return None


def _joined(terms: Sequence[str]) -> str | list[str]:
    """A document's terms as the memo keeps them: space-joined (one string reads faster
    than many), unless a term holds a space or is empty (then as they are)."""
    joined = " ".join(terms)
    if all(t and " " not in t for t in terms):
        return joined
    return list(terms)


def _summary(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(f, list) and len(f) == 3 and isinstance(f[0], str)
        and (isinstance(f[1], str) or isinstance(f[1], list)
             and all(isinstance(t, str) for t in f[1]))
        and type(f[2]) is int for f in value)


def _judged(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 3 and isinstance(value[0], list) \
        and all(_conflict(c) for c in value[0]) and _indexes(value[1]) and _indexes(value[2])


def _conflict(c: Any) -> bool:
    return isinstance(c, list) and len(c) == 8 and type(c[0]) is int and type(c[1]) is int \
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in c[2:4]) \
        and all(isinstance(r, list) and all(isinstance(s, str) for s in r) for r in c[4:6]) \
        and (c[6] is None or isinstance(c[6], str)) and c[7] in SEVERITIES


def _indexes(value: Any) -> bool:
    return isinstance(value, list) and all(type(i) is int for i in value)
