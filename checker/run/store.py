"""A scan's claims on disk, so memory stays flat however large the corpus.

The scan writes each document as it is processed (its record, its claims in report order,
and the claims each rule group selected from it) and keeps nothing of it in memory. The
report then reads documents and claims back in report order, and comparison reads the
claims of one rule group at a time. Claims travel as per-document batches of data-only
JSON (`checker.util.codec`): one row per document keeps SQLite and per-claim Python work small.

Rows copied from the cache are read like any other: a row that is not what this version
writes (damaged, or crafted) is dropped, with one warning for the whole scan, and
`on_damage` is told which file it belonged to (the scan then evicts its cache entry).

A stored document is located by (src, pos): the index of its file in the scan and its
index within that file. Group members are "light" claims (no sentence, no attrs) tagged
with that location in `quote`; `full_claim` brings back the real one for citing.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.model import Claim, Document
from checker.util import codec
from checker.util.codec import BadRow

# Rows buffered before one executemany in one transaction, and characters: a huge
# document's claims are many big rows, written as they come rather than all held.
BATCH_ROWS = 2000
BATCH_CHARS = 32 << 20
# A document's claims are kept in parts of at most this many (report order, never
# splitting claims at one place): no row, and no string made or read for one, grows
# with the document. Almost every document is one part.
PART_CLAIMS = 4000
# Full claims kept in memory for citing group members (`full_claim`).
FULL_CLAIMS = 200_000
_NO_ATTRS: dict[str, Any] = {}
DAMAGE_WARNING = ("damaged rows in the cache were ignored (their files are re-read on the "
                  "next scan); `checker cache clear` starts the cache afresh")


def report_order(c: Claim) -> tuple:
    """The order of the report's claim list (the one `build_report` sorts by)."""
    return (c.doc, c.start, c.end, c.kind, c.rule or "")


def pack_claims(claims: list[Claim]) -> str:
    """What the store keeps of claims besides their report text (`claims_text`): see
    `codec.dump_claims_rest`."""
    return codec.dump_claims_rest(claims)


def pack_members(selected: list[Claim]) -> str:
    """A document's selected claims without what comparison never reads (sentence,
    attrs): a million-claim group then fits in a few hundred MB."""
    return codec.dump_claims([replace(c, quote="", attrs=_NO_ATTRS) for c in selected])


def location_tag(src: int, pos: int) -> str:
    """"src:pos": where a document is, as the store keys it."""
    return f"{src}:{pos}"


def group_key(claim: Claim) -> str:
    """The rule group a selected claim belongs to (its rule's, with no group)."""
    return claim.group or claim.rule or ""


def unpack_members(pieces: Iterable[tuple[int, int, str]],
                   on_bad: Callable[[int], None] | None = None,
                   group: str | None = None, fresh: set[int] | frozenset[int] = frozenset()
                   ) -> list[Claim]:
    """Light claims of (src, pos, packed) pieces, in the order given, each tagged in
    `quote` with where its full record is. A piece that does not read (or, given the
    `group`, holds a claim of another) is skipped, and `on_bad` told its src. Pieces of
    the `fresh` srcs (written by this process) are read without the field checks."""
    out: list[Claim] = []
    for src, pos, blob in pieces:
        tag = location_tag(src, pos)
        try:
            claims = codec.load_claims(blob, src not in fresh)
            if group is not None and any(group_key(c) != group for c in claims):
                raise BadRow("members of another group")
        except BadRow:
            if on_bad is not None:
                on_bad(src)
            continue
        for c in claims:
            c.quote = tag
        out.extend(claims)
    return out


def part_bounds(claims: Sequence[Claim], most: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of claims in report order: at most `most` (default
    PART_CLAIMS) claims each (more only where one place holds more), never splitting the
    claims of one (start, end, kind), so each part counts its distinct places alone."""
    most = most or PART_CLAIMS
    start, total = 0, len(claims)
    while start < total:
        end = min(start + most, total)
        while end < total and _place(claims[end]) == _place(claims[end - 1]):
            end += 1
        yield start, end
        start = end


def _place(c: Claim) -> tuple[int, int, str]:
    return (c.start, c.end, c.kind)


@dataclass(slots=True)
class StoredPart:
    """Claims of a document after its first `PART_CLAIMS`, packed like its first part
    (`claims`, `report`), and compressed until they are written (a huge document's parts,
    as text, are a few times its size; compressed, a fraction)."""

    packed: bytes               # zlib of the claims' rest, a line break, their report text
    count: int
    distinct: int
    folds: bool = False         # may hold a run of copies the report folds (`may_fold`)

    @classmethod
    def of(cls, claims: str, report: str, count: int, distinct: int,
           folds: bool = False) -> StoredPart:
        """A part from its `pack_claims` (JSON on one line) and its `claims_text`."""
        return cls(zlib.compress(f"{claims}\n{report}".encode(), 1), count, distinct, folds)

    def texts(self) -> tuple[str, str]:
        """(claims, report) as `of` was given them."""
        claims, _, report = zlib.decompress(self.packed).decode().partition("\n")
        return claims, report


def _part_rows(parts: list[StoredPart]) -> Iterator[tuple[int, str, int, str, int]]:
    for n, part in enumerate(parts, 1):
        claims, report = part.texts()
        yield n, claims, part.distinct, report, int(part.folds)


@dataclass(slots=True)
class StoredDocument:
    """What the store keeps of one processed document (built worker side, picklable)."""

    document: Document          # text dropped
    claims: str                 # pack_claims of its first part's claims (with `report`)
    count: int                  # how many claims, all parts
    distinct: int               # distinct (start, end, kind) among its first part's
    members: dict[str, str]     # rule group -> pack_members of the claims it selected
    facts: dict[str, str] = field(default_factory=dict)  # corpus check -> its facts' JSON
    # The document's JSON, made where the document was processed (a worker), once.
    document_json: str = ""
    # Its first part's claims as the JSON report lists them (`claims_text`), made there
    # too: the report writes them as is, and the claims are read back from it and `claims`.
    report: str = ""
    more: list[StoredPart] = field(default_factory=list)  # the other parts, in order
    folds: bool = False  # its first part may hold a run of copies the report folds
    # Each corpus check's facts' digest (`facts_digest`), made where they were (a worker).
    facts_digests: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.document_json:
            self.document_json = codec.dump_document(self.document)
        if len(self.facts_digests) != len(self.facts):
            self.facts_digests = {k: facts_digest(v) for k, v in self.facts.items()}

    def row(self) -> tuple[str, str, int, str, int, dict[str, tuple[str, str]], str, int]:
        """(id, the document's JSON, its `checker: ignore` directives, claims, distinct,
        facts (corpus check -> their JSON and its digest), report, folds): what the store
        and the cache keep of the document (the cache copies it back into a store as is)."""
        doc = self.document
        facts = {k: (v, self.facts_digests[k]) for k, v in self.facts.items()}
        return (doc.id, self.document_json, len(doc.suppressions), self.claims,
                self.distinct, facts, self.report, int(self.folds))

    def part_rows(self) -> Iterator[tuple[int, str, int, str, int]]:
        """(part, claims, distinct, report, folds) of each part after the first (numbered
        from 1), one at a time as they are read: what the store and the cache keep."""
        return _part_rows(self.more)  # these parts, even once `ClaimStore.add` took them


class ClaimStore:
    """A scratch SQLite file in a temporary folder, deleted by `close`."""

    def __init__(self, folder: str | Path | None = None,
                 warn: Callable[[str], None] = lambda _: None) -> None:
        self._dir = tempfile.mkdtemp(prefix="checker-scan-", dir=folder)
        self.path = Path(self._dir) / "claims.sqlite"
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        # Scratch data: no journal, no fsync; a crash loses nothing worth keeping. Rows are
        # a document's texts (KBs each): big pages hold them in fewer overflow pages, which
        # makes inserting and reading them cheaper (set before the first table).
        for pragma in ("page_size=65536", "journal_mode=OFF", "synchronous=OFF",
                       "temp_store=FILE", "cache_size=-16000"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE documents (src INTEGER, pos INTEGER, id TEXT,"
                        " payload BLOB, directives INTEGER, PRIMARY KEY (src, pos))")
        self.db.execute("CREATE TABLE claims (src INTEGER, pos INTEGER, doc TEXT,"
                        " distinct_count INTEGER, payload BLOB, report TEXT,"
                        " part INTEGER DEFAULT 0, folds INTEGER DEFAULT 0,"
                        " PRIMARY KEY (src, pos, part))")
        self.db.execute("CREATE TABLE members (grp TEXT, src INTEGER, pos INTEGER,"
                        " payload BLOB)")
        self.db.execute("CREATE TABLE facts (src INTEGER, pos INTEGER, check_id TEXT,"
                        " payload BLOB, digest TEXT, PRIMARY KEY (check_id, src, pos))")
        self._docs: list[tuple] = []
        self._claims: list[tuple] = []
        self._members: list[tuple] = []
        self._facts: list[tuple] = []
        self._chars = 0
        self.documents_count = 0
        self.claims_count = 0
        self._indexed = False
        self._full: dict[tuple[int, int, int], list[Claim]] = {}
        self._full_count = 0
        self.warn = warn
        self.on_damage: Callable[[int], None] | None = None
        self.damaged: set[int] = set()
        # Files whose rows this process wrote (`add`): read back without field checks.
        # Rows copied from the cache are checked.
        self.fresh: set[int] = set()

    def note_damage(self, srcs: Iterable[int]) -> None:
        """Rows of these files did not read in another process (`StoreReader`)."""
        for src in sorted(srcs):
            self._damage(src)

    def _damage(self, src: int) -> None:
        """A row of file `src` did not read: drop it; warn once per scan."""
        if not self.damaged:
            self.warn(DAMAGE_WARNING)
        if src not in self.damaged:
            self.damaged.add(src)
            if self.on_damage is not None:
                self.on_damage(src)

    # -- writing ---------------------------------------------------------------------------
    def add(self, src: int, pos: int, stored: StoredDocument) -> None:
        """Write one processed document (buffered; see `flush`), taking its parts."""
        doc = stored.document
        self._docs.append((src, pos, doc.id, stored.document_json, len(doc.suppressions)))
        self._claims.append((src, pos, doc.id, stored.distinct, stored.claims, stored.report, 0,
                             int(stored.folds)))
        self._chars += len(stored.claims) + len(stored.report)
        # The parts are taken from `stored` (in order), each let go once written: the
        # UTF-8 copy SQLite makes of a string stays with it as long as it lives.
        more, stored.more = stored.more[::-1], []
        for part in range(1, len(more) + 1):
            p = more.pop()
            claims, report = p.texts()
            self._claims.append((src, pos, doc.id, p.distinct, claims, report, part,
                                 int(p.folds)))
            self._chars += len(claims) + len(report)
            del p, claims, report
            if self._chars >= BATCH_CHARS:
                self.flush()
        for group, blob in stored.members.items():
            self._members.append((group, src, pos, blob))
        for check_id, data in stored.facts.items():
            self._facts.append((src, pos, check_id, data, stored.facts_digests[check_id]))
        self.documents_count += 1
        self.claims_count += stored.count
        self.fresh.add(src)
        if len(self._docs) + len(self._members) >= BATCH_ROWS or self._chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        if not (self._docs or self._members or self._claims):
            return
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO documents VALUES (?,?,?,?,?)", self._docs)
        self.db.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?)", self._claims)
        self.db.executemany("INSERT INTO members VALUES (?,?,?,?)", self._members)
        self.db.executemany("INSERT INTO facts VALUES (?,?,?,?,?)", self._facts)
        self.db.execute("COMMIT")
        self._docs, self._claims, self._members, self._facts = [], [], [], []
        self._chars = 0

    def count_copied(self, documents: int, claims: int) -> None:
        """Count documents whose rows were copied in whole from the cache."""
        self.documents_count += documents
        self.claims_count += claims

    def forget(self, src: int) -> None:
        """Drop what is stored of one file (copied from a cache entry found damaged)."""
        self.flush()
        self.fresh.discard(src)
        for table in ("documents", "claims", "members", "facts"):
            self.db.execute(f"DELETE FROM {table} WHERE src=?", (src,))

    def finish(self) -> None:
        """Flush and index for reading (indexes after the bulk insert are cheaper)."""
        self.flush()
        if not self._indexed:
            self.db.execute("CREATE INDEX documents_by_id ON documents (id, src, pos)")
            self.db.execute("CREATE INDEX claims_by_doc ON claims (doc, src, pos)")
            self.db.execute("CREATE INDEX members_by_group ON members (grp, src, pos)")
            self._indexed = True

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> Iterator[Document]:
        """Every document, sorted by id (then scan order)."""
        return self._documents("SELECT src, payload FROM documents ORDER BY id, src, pos")

    def documents_with_directives(self) -> Iterator[Document]:
        """The documents holding `checker: ignore` directives, sorted like `documents`."""
        return self._documents("SELECT src, payload FROM documents WHERE directives > 0"
                               " ORDER BY id, src, pos")

    def _documents(self, sql: str) -> Iterator[Document]:
        for src, payload in self.db.execute(sql):
            try:
                yield codec.load_document(payload)
            except BadRow:
                self._damage(src)

    def _claims_of(self, src: int, payload: Any, report: Any) -> list[Claim]:
        try:
            return codec.load_reported_claims(report, payload, src not in self.fresh)
        except BadRow:
            self._damage(src)
            return []

    def claims(self) -> Iterator[Claim]:
        """Every claim in report order; documents sharing an id are merged first."""
        shared = self._shared_ids()
        batch: list[Claim] = []
        for src, doc, payload, report in self.db.execute(
            "SELECT src, doc, payload, report FROM claims ORDER BY doc, src, pos, part"
        ):
            if batch and batch[0].doc != doc:
                yield from sorted(batch, key=report_order)
                batch = []
            if doc in shared:
                batch.extend(self._claims_of(src, payload, report))
            else:
                yield from self._claims_of(src, payload, report)
        yield from sorted(batch, key=report_order)

    def _shared_ids(self) -> set[str]:
        """The document ids that more than one stored document has (merged in reports)."""
        return {row[0] for row in self.db.execute(
            "SELECT doc FROM claims GROUP BY doc HAVING min(src) < max(src)"
            " OR min(pos) < max(pos)")}

    def claim_pieces(self) -> Iterator[tuple[str, Callable[[], list[Claim]]]]:
        """For each document in report order, a part at a time: its claims as the JSON
        report lists them, the text its worker made (`StoredDocument.report`; "" when the
        document is merged with others of its id, or the part may hold copies the report
        folds), and a function giving its claims.
        So the report writes most documents' claims without decoding them."""
        shared = self._shared_ids()
        rows = self.db.execute("SELECT src, doc, payload, report, folds FROM claims"
                               " ORDER BY doc, src, pos, part")
        batch: list[tuple[int, Any, Any]] = []
        current: str | None = None
        for src, doc, payload, report, folds in rows:
            if batch and doc != current:
                yield self._merged(batch)
                batch = []
            if doc not in shared:
                yield self._piece(src, payload, report, folds)
                continue
            batch.append((src, payload, report))
            current = doc
        if batch:
            yield self._merged(batch)

    def _piece(self, src: int, payload: Any, report: Any, folds: Any
               ) -> tuple[str, Callable[[], list[Claim]]]:
        if type(report) is str and not folds:
            return report, lambda: self._claims_of(src, payload, report)
        return "", lambda: self._claims_of(src, payload, report)

    def _merged(self, rows: list[tuple[int, Any, Any]]
                ) -> tuple[str, Callable[[], list[Claim]]]:
        def merged() -> list[Claim]:
            claims = [c for src, payload, report in rows
                      for c in self._claims_of(src, payload, report)]
            return sorted(claims, key=report_order)

        return "", merged

    def distinct_claims(self) -> int:
        """How many distinct (doc, start, end, kind) the claims hold."""
        shared = sorted(self._shared_ids())
        total = self.db.execute("SELECT coalesce(sum(distinct_count), 0) FROM claims"
                                " WHERE doc NOT IN (SELECT doc FROM claims GROUP BY doc"
                                " HAVING min(src) < max(src) OR min(pos) < max(pos))"
                                ).fetchone()[0]
        for doc in shared:
            keys: set[tuple[int, int, str]] = set()
            for src, payload, report in self.db.execute(
                    "SELECT src, payload, report FROM claims WHERE doc=?", (doc,)):
                keys.update((c.start, c.end, c.kind)
                            for c in self._claims_of(src, payload, report))
            total += len(keys)
        return int(total)

    def facts(self, check_id: str, load: Callable[..., Any] = lambda data, _checked=True: data
              ) -> StoredFacts:
        """The facts a corpus check collected, in scan order, re-read on each pass;
        `load(data, checked)` turns one document's stored data back into the check's facts
        (BadRow if it cannot; checked=False for rows this process wrote)."""
        return StoredFacts(self, check_id, load)

    def groups(self) -> list[str]:
        """The rule groups that selected any claim, sorted."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT grp FROM members ORDER BY grp")]

    def member_pieces(
        self, group: str, only: set[int] | None = None
    ) -> list[tuple[int, int, str]]:
        """(src, pos, packed members) of one group in scan order; `only` those srcs. Each
        piece is read once here, so one that does not read is dropped (and warned about)
        before it travels to a Dask worker."""
        rows = self.db.execute(
            "SELECT src, pos, payload FROM members WHERE grp=? ORDER BY src, pos", (group,))
        out = []
        for src, pos, payload in rows:
            if only is not None and src not in only:
                continue
            if src in self.fresh or unpack_members([(src, pos, payload)], self._damage, group):
                out.append((src, pos, payload))
        return out

    def member_sources(self, group: str) -> set[int]:
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT src FROM members WHERE grp=?", (group,))}

    def group_rule(self, group: str) -> str | None:
        """The rule whose claims make up `group` (None when no member row reads)."""
        for row in self.db.execute(
                "SELECT src, pos, payload FROM members WHERE grp=? ORDER BY src, pos", (group,)):
            members = unpack_members([row], self._damage, group, self.fresh)
            if members:
                return members[0].rule
        return None

    def group_members(self, group: str) -> list[Claim]:
        """The light claims of one group, in scan order (see `unpack_members`)."""
        rows = self.db.execute(
            "SELECT src, pos, payload FROM members WHERE grp=? ORDER BY src, pos", (group,))
        return unpack_members(rows, self._damage, group, self.fresh)

    def full_claim(self, light: Claim) -> Claim:
        """The stored claim a light group member stands for (the light claim itself, its
        sentence unknown, when the stored row is missing or damaged)."""
        src, _, pos = light.quote.partition(":")
        key = (int(src), int(pos))
        wanted = (light.start, light.end, light.kind, light.rule, light.group, light.text)
        for part in self._parts(key):
            for c in part:
                if (c.start, c.end, c.kind, c.rule, c.group, c.text) == wanted:
                    return c
        self._damage(key[0])
        return replace(light, quote="")

    def _parts(self, key: tuple[int, int]) -> Iterator[list[Claim]]:
        """The claims of one stored document, a part at a time (kept for the next
        lookups, up to FULL_CLAIMS of them)."""
        part = 0
        while True:
            claims = self._full.get((*key, part))
            if claims is None:
                row = self.db.execute("SELECT payload, report FROM claims"
                                      " WHERE src=? AND pos=? AND part=?", (*key, part)
                                      ).fetchone()
                if row is None:
                    return
                claims = self._claims_of(key[0], *row)
                self._full_count += len(claims)
                if self._full_count > FULL_CLAIMS:
                    self._full.clear()
                    self._full_count = len(claims)
                self._full[(*key, part)] = claims
            yield claims
            part += 1

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)


class StoreReader:
    """A finished store read from another process: one forked after the store was
    written, which may not use the writer's SQLite connection, so opens its own. Reads
    corpus-check facts (`facts`); the srcs of rows it finds damaged are kept in
    `damaged`, for the writer to act on (`ClaimStore.note_damage`)."""

    def __init__(self, path: str | Path, fresh: Iterable[int]) -> None:
        self.db = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
        self.fresh = set(fresh)
        self.damaged: set[int] = set()

    def _damage(self, src: int) -> None:
        self.damaged.add(src)

    def facts(self, check_id: str, load: Callable[..., Any]) -> StoredFacts:
        return StoredFacts(self, check_id, load)  # type: ignore[arg-type]  # reads as a ClaimStore does

    def close(self) -> None:
        self.db.close()


class StoredSequence(Sequence):
    """A read-only, re-iterable view of records the store yields in report order; `len` is
    known up front. Indexing reads the records once into memory (fine for small scans)."""

    report_ordered = True

    def __init__(self, read: Callable[[], Iterator[Any]], length: int) -> None:
        self._read = read
        self._length = length
        self._items: list[Any] | None = None

    def __iter__(self) -> Iterator[Any]:
        if self._items is not None:
            return iter(self._items)
        return self._read()

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: Any) -> Any:
        if self._items is None:
            self._items = list(self._read())
        return self._items[index]

    def __bool__(self) -> bool:
        return self._length > 0


class StoredClaims(StoredSequence):
    """The scan's claims, already in report order, with their distinct count."""

    def __init__(self, store: ClaimStore, length: int) -> None:
        super().__init__(store.claims, length)
        self._store = store
        self._distinct: int | None = None

    def report_pieces(self) -> Iterator[tuple[str, Callable[[], list[Claim]]]]:
        """The claims per document, with the report text made for them (see
        `ClaimStore.claim_pieces`)."""
        return self._store.claim_pieces()

    @property
    def distinct_count(self) -> int:
        if self._distinct is None:
            self._distinct = self._store.distinct_claims()
        return self._distinct


class StoredFacts:
    """One corpus check's facts, read from the store in scan order each time it is iterated
    (a check may read them twice; they are never all in memory at once)."""

    def __init__(self, store: ClaimStore, check_id: str,
                 load: Callable[..., Any] = lambda data, _checked=True: data) -> None:
        self._store = store
        self._check_id = check_id
        self._load = load
        self._checked: set[int] = set()  # rows from the cache found good on a first pass

    def __iter__(self) -> Iterator[Any]:
        for value in self.per_document():
            yield from value

    def per_document(self) -> Iterator[Any]:
        """What the check collected of each document (that collected anything), in scan
        order, as collected: a check may read a summary of each without its facts."""
        rows = self._store.db.execute(
            "SELECT src, payload FROM facts WHERE check_id=? ORDER BY src, pos",
            (self._check_id,))
        fresh, checked = self._store.fresh, self._checked
        for src, payload in rows:
            trusted = src in fresh or src in checked
            try:
                value = self._load(codec.loads(payload), not trusted)
            except BadRow:
                self._store._damage(src)
                continue
            if not trusted:
                checked.add(src)
            if value is not None:
                yield value

    def digests(self) -> Iterator[tuple[tuple[int, int], str | None]]:
        """(location, digest of the stored row: `facts_digest`, made with the row) of
        each document the check collected anything of, in scan order, without reading
        the rows: a check that remembers what it derived from a row (a `checks.Memo`)
        reads only the rows it has not seen (`read`). None for a digest that is not text
        (damaged: `read` then reads the row, and says if it is damaged too)."""
        rows = self._store.db.execute(
            "SELECT src, pos, digest FROM facts WHERE check_id=? ORDER BY src, pos",
            (self._check_id,))
        for src, pos, digest in rows:
            yield (src, pos), digest if isinstance(digest, str) and digest else None

    def read(self, location: tuple[int, int]) -> Any | None:
        """What the check collected of the document at `location` (see `digests`), read
        and checked as `per_document` reads it; None when it is absent or damaged."""
        row = self._store.db.execute(
            "SELECT payload FROM facts WHERE check_id=? AND src=? AND pos=?",
            (self._check_id, *location)).fetchone()
        if row is None:
            return None
        src = location[0]
        trusted = src in self._store.fresh or src in self._checked
        try:
            value = self._load(codec.loads(row[0]), not trusted)
        except BadRow:
            self._store._damage(src)
            return None
        self._checked.add(src)
        return value


def facts_digest(payload: str) -> str:
    """A corpus check's facts' digest: facts with one digest are the same. Kept beside
    them in the store and the cache; like the cache's keys, it is trusted as written."""
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()
