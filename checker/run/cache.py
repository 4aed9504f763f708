"""The incremental cache: per-file scan results in SQLite, keyed by what they depend on.

A file's result (its documents, claims, selected claims and built-in findings) depends on
its bytes, the code that processed it, the rules and the read options; the key is a
hash of all four, so a re-run after a one-file change re-reads one file. A file's bytes
are hashed only when its size or modification time changed since the last run.

A result is kept in two parts: a small summary (`results`: warnings, findings, counts)
and its documents as the scan's claim store holds them (`documents`, `facts`,
`members`), so a re-scan copies the rows of every unchanged file into its store in a few
SQL statements (`copy_documents`), with no Python work per claim or per document.

Every row is data-only JSON (`checker.util.codec`), never a pickle: CI restores this file from
earlier runs, and reading a crafted row must not run anything. A row is checked when it
is read (here for summaries and memos, by the claim store for documents and claims); one
that does not read counts as a miss, and its file is processed again, with one warning
per scan. A corrupted, truncated or foreign cache file is detected, rebuilt and warned
about.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import checker
from checker.util import codec

DEFAULT_CACHE_DIR = ".checker-cache"
CACHE_FILE = "cache.sqlite"
APPLICATION_ID = 0x43484B52  # "CHKR"
SCHEMA_VERSION = 7  # 7: a document's small columns first, big pages, facts apart (with
# their digest); 6: a huge document's claims in parts; 5: claims kept as report text and
# the rest; 4: report text beside the claims; 3: JSON rows (2: pickles)
# A result nobody has read for this long is dropped (old versions of edited files, old
# settings, old code): the cache follows the corpus instead of growing for ever.
KEEP_UNUSED_SECONDS = 30 * 86400
# How stale a hit's `used` stamp may get before it is refreshed (one write a day, not
# one per run).
TOUCH_AFTER_SECONDS = 86400

# The modules whose code decides what a file's cached result holds: every module that
# processing a file imports (tests/test_cache.py checks the list), store.py for how its
# documents and claims are packed, and report/json.py for the claims' report text.
_CODE_PARTS = ("model", "errors.py", "util", "read", "extract", "rules", "compare", "checks",
               "run/__init__.py", "run/pipeline.py", "run/worker.py", "run/groups.py",
               "run/store.py", "run/extraction.py",
               "report/__init__.py", "report/json.py", "report/claim_json.py")


def code_version() -> str:
    """A hash of the code that produces cached results: any edit invalidates the cache."""
    root = Path(checker.__file__).parent
    digest = hashlib.sha256(checker.__version__.encode())
    for part in _CODE_PARTS:
        path = root / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            if f.exists():
                digest.update(f.relative_to(root).as_posix().encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _OtherVersion(sqlite3.DatabaseError):
    """A cache written by a version of checker that stores results differently."""


class Cache:
    """SQLite store of per-file results. Every failure degrades to a cache miss."""

    def __init__(self, folder: str | Path, warn: Callable[[str], None] = lambda _: None):
        self.path = Path(folder) / CACHE_FILE
        self.warn = warn
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self.damaged = 0
        self._version: str | None = None
        self._open()

    # -- opening, validating, rebuilding -------------------------------------------------
    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._connect()
        except _OtherVersion:
            self._rebuild("from another version of checker")
        except (sqlite3.DatabaseError, OSError) as exc:
            self._rebuild(f"unreadable ({exc})")

    def _connect(self) -> sqlite3.Connection:
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if fresh:
                self._create(db)
            else:
                app = db.execute("PRAGMA application_id").fetchone()[0]
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if app != APPLICATION_ID:
                    raise sqlite3.DatabaseError("not a checker cache")
                if version != SCHEMA_VERSION:
                    raise _OtherVersion(f"schema version {version}, not {SCHEMA_VERSION}")
                # Walks the key index: cheap, and finds most damage at once. No full
                # integrity check (it reads every page, and the cache only grows): damage
                # found later, on any read or write, rebuilds the cache then (`_guard`).
                db.execute("SELECT count(*) FROM results").fetchone()
                db.execute("SELECT count(*) FROM files").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        # Rows are a document's texts (KBs each): big pages hold them in fewer overflow
        # pages (set before the first table).
        db.execute("PRAGMA page_size=65536")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER,"
                   " mtime_ns INTEGER, digest TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload BLOB,"
                   " used REAL)")
        # The small columns first, the big ones last, biggest last: a query reads a row's
        # columns up to the last it needs, and the copy to a claim store needs some rows'
        # small ones only (`copy_documents`).
        db.execute(f"CREATE TABLE IF NOT EXISTS documents ({_DOCUMENT_COLUMNS},"
                   " PRIMARY KEY (key, pos, part))")
        db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT, pos INTEGER, check_id TEXT,"
                   " digest TEXT, payload BLOB, PRIMARY KEY (key, pos, check_id))")
        db.execute("CREATE TABLE IF NOT EXISTS members (key TEXT, pos INTEGER, grp TEXT,"
                   " payload BLOB)")
        db.execute("CREATE INDEX IF NOT EXISTS members_by_key ON members (key)")
        db.execute("CREATE TABLE IF NOT EXISTS memos (key TEXT PRIMARY KEY, payload BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value)")

    def _rebuild(self, why: str) -> None:
        self.warn(f"{self.path}: cache file is {why}; rebuilding it")
        if self.db is not None:
            self.db.close()
            self.db = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self.db = self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            self.warn(f"{self.path}: cannot create the cache ({exc}); running without it")
            self.db = None

    def _guard(self, action: Callable[[sqlite3.Connection], Any]) -> Any:
        if self.db is None:
            return None
        try:
            return action(self.db)
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"damaged ({exc})")
            return None

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[Any] | None:
        """All rows of a query; None when the cache is damaged (see `_guard`)."""
        return self._guard(lambda db: db.execute(sql, params).fetchall())

    def _execute(self, sql: str, params: Sequence[Any]) -> None:
        self._guard(lambda db: db.execute(sql, params))

    # -- the API -----------------------------------------------------------------------
    def digest(self, path: str) -> str:
        """The content hash of a file, recomputed only when its size or mtime changed."""
        digest = self.digests([path])[0]
        if digest is None:
            file_digest(path)  # raises the OSError that made it unreadable
            raise OSError(f"cannot read {path}")
        return digest

    def digests(self, paths: Sequence[str]) -> list[str | None]:
        """The content hash of each file (None if it cannot be read): what the cache knows
        is read in a few bulk queries; only files whose size or mtime changed are hashed,
        and their new rows are written in one transaction."""
        keys = _absolute_paths(paths)
        known: dict[str, tuple[int, int, str]] = {}
        for chunk in _chunks(sorted(set(keys))):
            rows = self._fetch(f"SELECT path, size, mtime_ns, digest FROM files WHERE path IN "
                               f"({_marks(chunk)})", chunk)
            known.update((path, (size, mtime, digest)) for path, size, mtime, digest in rows or ())
        out: list[str | None] = []
        fresh: list[tuple[str, int, int, str]] = []
        for path, key in zip(paths, keys, strict=True):
            try:
                st = os.stat(path)
                row = known.get(key)
                if row is not None and row[0] == st.st_size and row[1] == st.st_mtime_ns:
                    out.append(row[2])
                    continue
                digest = file_digest(path)
            except OSError:
                out.append(None)
                continue
            fresh.append((key, st.st_size, st.st_mtime_ns, digest))
            out.append(digest)
        if fresh:
            self._guard(lambda db: _write_rows(db, "INSERT OR REPLACE INTO files VALUES "
                                               "(?,?,?,?)", fresh))
        return out

    def contains(self, keys: Sequence[str]) -> list[bool]:
        """Whether the cache holds each key, read from the key index alone (payloads are
        read later, in chunks, so cached results are never all in memory at once). An
        absent key counts as a miss now."""
        present: set[str] = set()
        for chunk in _chunks(sorted(set(keys))):
            rows = self._fetch(f"SELECT key FROM results WHERE key IN ({_marks(chunk)})", chunk)
            present.update(row[0] for row in rows or ())
        out = [key in present for key in keys]
        self.misses += out.count(False)
        return out

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """The cached results of `keys` as JSON data (one query per ~500 keys, each entry
        read once): absent or unreadable entries are left out and count as misses."""
        blobs: dict[str, bytes] = {}
        for chunk in _chunks(sorted(set(keys))):
            rows = self._fetch(
                f"SELECT key, payload FROM results WHERE key IN ({_marks(chunk)})", chunk)
            blobs.update(rows or ())
        found: dict[str, Any] = {}
        for key in keys:
            if key not in found:
                value = self._load(blobs.get(key))
                if value is None:
                    self.misses += 1
                    continue
                found[key] = value
            self.hits += 1
        self._touch(list(found))
        return found

    def _touch(self, keys: list[str]) -> None:
        """Stamp these results as used now, where their stamp is over a day old."""
        now = time.time()
        for chunk in _chunks(keys):
            self._execute(f"UPDATE results SET used=? WHERE used<? AND key IN ({_marks(chunk)})",
                          [now, now - TOUCH_AFTER_SECONDS, *chunk])

    def prune(self, now: float | None = None, force: bool = False) -> int:
        """Drop the results unused for KEEP_UNUSED_SECONDS (with their documents); how
        many went. Runs at most once a day unless forced: it reads every entry."""
        now = time.time() if now is None else now
        last = self._guard(lambda db: db.execute(
            "SELECT value FROM meta WHERE name='pruned'").fetchone())
        if not force and last is not None and isinstance(last[0], int | float) \
                and now - float(last[0]) < TOUCH_AFTER_SECONDS:
            return 0
        cutoff = now - KEEP_UNUSED_SECONDS

        def prune(db: sqlite3.Connection) -> int:
            db.execute("BEGIN")
            gone = db.execute("DELETE FROM results WHERE used<?", (cutoff,)).rowcount
            db.execute("DELETE FROM documents WHERE key NOT IN (SELECT key FROM results)")
            db.execute("DELETE FROM facts WHERE key NOT IN (SELECT key FROM results)")
            db.execute("DELETE FROM members WHERE key NOT IN (SELECT key FROM results)")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (now,))
            db.execute("COMMIT")
            return gone

        done = self._guard(prune)
        return done or 0

    def get(self, key: str) -> Any | None:
        return self.get_many([key]).get(key)

    def _load(self, blob: Any) -> Any | None:
        if blob is None:
            return None
        try:
            return codec.loads(blob)
        except codec.BadRow:  # a miss, replaced by this scan's result
            self.note_damage()
            return None

    def note_damage(self) -> None:
        """An entry did not read: warned about once per scan, however many there are."""
        if not self.damaged:
            self.warn(f"{self.path}: damaged cache entries are ignored and re-read")
        self.damaged += 1

    def put_many(self, items: list[tuple[str, Any]]) -> None:
        """Results as JSON data."""
        if not items:
            return
        now = time.time()
        rows = [(k, codec.dumps(v), now) for k, v in items]

        self._guard(lambda db: _write_rows(db, "INSERT OR REPLACE INTO results VALUES (?,?,?)",
                                           rows))

    def put_sources(self, items: list[tuple[str, Any, Iterable[tuple], list[tuple]]]) -> None:
        """Scan results: (key, summary as JSON data, document rows, member rows), all in one
        transaction. A document row is (pos, *`StoredDocument.row()`, 0), and each part of
        its claims after the first (pos, id, "", 0, claims, distinct, "", report, folds,
        part); a member row (pos, group, packed members), as `ClaimStore` keeps them. The
        document rows may be an iterator, read once, row by row. A document's facts (a
        corpus check's JSON each) are kept in rows of their own."""
        if not items:
            return
        now = time.time()
        results = [(k, codec.dumps(v), now) for k, v, _, _ in items]
        facts: list[tuple[str, int, str, str, str]] = []

        def documents() -> Iterator[tuple]:  # read once, each row's facts taken aside
            for k, _, rows, _ in items:
                for pos, doc_id, document, directives, claims, distinct, by_check, report, \
                        folds, part in rows:
                    if by_check:
                        facts.extend((k, pos, check_id, digest, data)
                                     for check_id, (data, digest) in by_check.items())
                    yield k, pos, doc_id, document, directives, claims, distinct, report, \
                        folds, part

        members = [(k, *row) for k, _, _, rows in items for row in rows]
        keys = [(k,) for k, _, _, _ in items]

        def write(db: sqlite3.Connection) -> None:
            db.execute("BEGIN")
            try:
                for table in ("documents", "facts", "members"):
                    db.executemany(f"DELETE FROM {table} WHERE key=?", keys)
                db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?)", results)
                db.executemany(f"INSERT INTO documents ({_DOCUMENT_ROW})"
                               " VALUES (?,?,?,?,?,?,?,?,?,?)", documents())
                db.executemany("INSERT OR REPLACE INTO facts VALUES (?,?,?,?,?)", facts)
                db.executemany("INSERT INTO members VALUES (?,?,?,?)", members)
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

        self._guard(write)

    def copy_documents(self, store: sqlite3.Connection, hits: list[tuple[int, str]]
                       ) -> set[int] | None:
        """Copy the documents of the cached results `hits` ((src, key) each) into a claim
        store's tables (documents, claims, members, facts; see `checker.run.store`), in one
        transaction of the store. Returns the srcs whose rows are not even JSON (damaged:
        not copied, to be processed again); None, with nothing copied, if the cache cannot
        be read (it is then rebuilt, and every file counts as a miss)."""
        if self.db is None:
            return None
        if not hits:
            return set()
        # Hits first (CROSS JOIN: SQLite keeps the order), so only their rows are read, not
        # those of every other result the cache holds.
        joined = "FROM hits h CROSS JOIN cache.documents d ON d.key = h.key"
        # The plain columns are cast to the types the store reads (a crafted row may hold
        # anything); the JSON ones are checked for their types when the store reads them.
        pos, text = "CAST(d.pos AS INTEGER)", "CAST(d.id AS TEXT)"
        part = "CAST(d.part AS INTEGER)"
        f_pos, f_check = "CAST(f.pos AS INTEGER)", "CAST(f.check_id AS TEXT)"
        try:
            store.execute("ATTACH DATABASE ? AS cache", (str(self.path),))
            store.execute("BEGIN")
            store.execute("CREATE TEMP TABLE hits (src INTEGER, key TEXT PRIMARY KEY)")
            store.executemany("INSERT OR IGNORE INTO hits VALUES (?,?)", hits)
            # Each row is copied if it reads (its JSON is JSON, its report text the items
            # of its claims), in one pass over each table; a file with a row that was not
            # copied is damaged, and what was copied of it is taken out again.
            store.execute(f"INSERT OR IGNORE INTO documents SELECT h.src, {pos}, {text},"
                          f" d.document, CAST(d.directives AS INTEGER) {joined}"
                          f" WHERE d.part = 0 AND {_json('d.document')}")
            copy_claims = (f"INSERT OR IGNORE INTO claims SELECT h.src, {pos}, {text},"
                           f" CAST(d.distinct_count AS INTEGER), d.claims, d.report, {part},"
                           f" CAST(d.folds AS INTEGER) {joined} WHERE ")
            # The report texts are parsed once, on the hope that all are JSON (json_each
            # raises on one that is not); if one is not, once more, checked first.
            store.execute("SAVEPOINT claims")
            try:
                store.execute(copy_claims + _report_items("d.report", "d.claims", False))
            except sqlite3.OperationalError:
                store.execute("ROLLBACK TO claims")
                store.execute(copy_claims + _report_items("d.report", "d.claims"))
            store.execute("RELEASE claims")
            store.execute(f"INSERT OR IGNORE INTO facts SELECT h.src, {f_pos}, {f_check},"
                          " f.payload, CAST(f.digest AS TEXT)"
                          " FROM hits h CROSS JOIN cache.facts f ON f.key = h.key"
                          f" WHERE {_json('f.payload')}")
            store.execute("INSERT INTO members SELECT CAST(m.grp AS TEXT), h.src,"
                          " CAST(m.pos AS INTEGER), m.payload"
                          " FROM hits h CROSS JOIN cache.members m ON m.key = h.key"
                          f" WHERE {_json('m.payload')}")
            damaged = {row[0] for row in store.execute(
                f"SELECT h.src {joined} WHERE NOT EXISTS (SELECT 1 FROM main.claims c"
                f" WHERE c.src = h.src AND c.pos = {pos} AND c.part = {part})"
                " OR d.part = 0 AND NOT EXISTS (SELECT 1 FROM main.documents x"
                f" WHERE x.src = h.src AND x.pos = {pos})"
                " UNION SELECT h.src FROM hits h CROSS JOIN cache.facts f ON f.key = h.key"
                " WHERE NOT EXISTS (SELECT 1 FROM main.facts x WHERE x.check_id = "
                f"{f_check} AND x.src = h.src AND x.pos = {f_pos})"
                " UNION SELECT h.src FROM hits h LEFT JOIN (SELECT src, count(*) AS n"
                " FROM main.members GROUP BY src) b ON b.src = h.src"
                " WHERE (SELECT count(*) FROM cache.members m WHERE m.key = h.key)"
                " IS NOT coalesce(b.n, 0)")}
            if damaged:
                store.execute("CREATE TEMP TABLE damaged (src INTEGER PRIMARY KEY)")
                store.executemany("INSERT INTO damaged VALUES (?)", [(s,) for s in damaged])
                for table in ("documents", "claims", "facts", "members"):
                    store.execute(f"DELETE FROM main.{table} WHERE src IN"
                                  " (SELECT src FROM damaged)")
            store.execute("COMMIT")
            copied = True
        except sqlite3.DatabaseError as exc:
            if store.in_transaction:
                store.execute("ROLLBACK")
            copied = False
            why = f"damaged ({exc})"
        store.execute("DROP TABLE IF EXISTS temp.hits")
        store.execute("DROP TABLE IF EXISTS temp.damaged")
        if any(row[1] == "cache" for row in store.execute("PRAGMA database_list")):
            store.execute("DETACH DATABASE cache")
        if not copied:
            self._rebuild(why)
            return None
        if damaged:
            self.note_damage()
            self.misses += len(damaged)
        return damaged

    # -- memos of corpus checks (the `checks.Memo` protocol) ------------------------------
    def load(self, key: str) -> Any | None:
        """A corpus check's memo saved by a scan of this code version (None if absent)."""
        row = self._guard(lambda db: db.execute(
            "SELECT payload FROM memos WHERE key=?", (self._memo_prefix() + key,)).fetchone())
        return self._load(row[0]) if row else None

    def save(self, key: str, value: Any) -> None:
        """Replace a memo (JSON data); those of other code versions go (they can never be
        read)."""
        blob = codec.dumps(value)
        version = self._memo_prefix()
        self._guard(lambda db: _write_rows(db, "INSERT OR REPLACE INTO memos VALUES (?,?)",
                                           [(version + key, blob)]))
        self._guard(lambda db: db.execute(
            "DELETE FROM memos WHERE substr(key, 1, ?) != ?", (len(version), version)))

    def use_version(self, version: str) -> None:
        """The `code_version()` this scan computed: the memos' keys use it too."""
        self._version = f"{version}:"

    def _memo_prefix(self) -> str:
        if self._version is None:
            self._version = f"{code_version()}:"
        return self._version

    def memo_apart(self) -> MemoFile | None:
        """The memos, for a corpus check run in another process (None without a cache)."""
        if self.db is None:
            return None
        return MemoFile(str(self.path), self._memo_prefix())

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class MemoFile:
    """The memos of corpus checks (the `checks.Memo` protocol) for another process: it
    opens the cache file on its own connection (a forked process may not use its
    parent's) each time, and treats anything that does not read as absent (the scan's
    own process deals with a damaged cache). Picklable: a path and the code version."""

    def __init__(self, path: str, prefix: str) -> None:
        self.path = path
        self.prefix = prefix

    def load(self, key: str) -> Any | None:
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                row = db.execute("SELECT payload FROM memos WHERE key=?",
                                 (self.prefix + key,)).fetchone()
            finally:
                db.close()
            return codec.loads(row[0]) if row else None
        except (sqlite3.Error, codec.BadRow):
            return None

    def save(self, key: str, value: Any) -> None:
        blob = codec.dumps(value)
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                _write_rows(db, "INSERT OR REPLACE INTO memos VALUES (?,?)",
                            [(self.prefix + key, blob)])
                db.execute("DELETE FROM memos WHERE substr(key, 1, ?) != ?",
                           (len(self.prefix), self.prefix))
            finally:
                db.close()
        except sqlite3.Error:
            pass


# The cache's documents table (see `Cache._create`), and the order of a document row's
# fields in `put_sources`.
_DOCUMENT_COLUMNS = ("key TEXT, pos INTEGER, part INTEGER DEFAULT 0, id TEXT,"
                     " directives INTEGER, distinct_count INTEGER, folds INTEGER DEFAULT 0,"
                     " document BLOB, claims BLOB, report TEXT")
_DOCUMENT_ROW = "key, pos, id, document, directives, claims, distinct_count, report, folds, part"


# Keys per bulk query: well under SQLite's limit on bound parameters.
CHUNK_KEYS = 500


def _json(column: str) -> str:
    """SQL that is true when `column` holds JSON text (never raises on a blob)."""
    return f"(CASE WHEN typeof({column}) = 'text' THEN json_valid({column}) ELSE 0 END)"


def _report_items(report: str, claims: str, checked: bool = True) -> str:
    """SQL that is true when `report` holds the JSON report's items (JSON objects,
    comma-separated), as many as the claims' rest `claims` describes (see
    `codec.dump_claims_rest`): it is then written into reports as is. Never raises on a
    value of the wrong type; nor on text that is not JSON if `checked` (SQLite's json_each
    raises on it, so json_valid then parses the report text first: twice in all)."""
    items = f"'[' || {report} || ']'"
    valid = f" OR NOT json_valid({items})" if checked else ""
    return (f"(CASE WHEN typeof({report}) != 'text' OR NOT {_json(claims)}{valid} THEN 0"
            f" ELSE (SELECT count(*) = total(type = 'object')"
            f" AND count(*) IS json_array_length({claims}, '$[0]')"
            f" AND count(*) IS json_array_length({claims}, '$[1]') FROM json_each({items}))"
            " END)")


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for at in range(0, len(items), CHUNK_KEYS):
        yield items[at:at + CHUNK_KEYS]


def _marks(chunk: list[str]) -> str:
    return ",".join("?" * len(chunk))


def _absolute_paths(paths: Sequence[str]) -> list[str]:
    """os.path.abspath of each file path, resolving each folder once (not once per file)."""
    folders: dict[str, str] = {}
    out: list[str] = []
    for path in paths:
        folder, name = os.path.split(path)
        absolute = folders.get(folder)
        if absolute is None:
            absolute = folders[folder] = os.path.abspath(folder)
        if not name:
            out.append(os.path.abspath(path))
        else:  # os.path.join, without its checks: `name` is a plain file name
            out.append(absolute + name if absolute.endswith(os.sep) else absolute + os.sep + name)
    return out


def _write_rows(db: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
    """All rows in one transaction (one commit, not one per row)."""
    db.execute("BEGIN")
    try:
        db.executemany(sql, rows)
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def evict(path: str | Path, keys: Sequence[str]) -> None:
    """Drop the results of `keys` from the cache file at `path` (their rows did not read:
    the next scan re-reads those files). Best effort, on a connection of its own: the
    scan's own may be closed by the time a damaged row is found."""
    try:
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        _write_rows(db, "DELETE FROM results WHERE key=?", [(k,) for k in keys])
    except sqlite3.Error:
        pass
    finally:
        db.close()


def clear(folder: str | Path) -> bool:
    """Delete the cache files; True if there was a cache."""
    path = Path(folder) / CACHE_FILE
    existed = path.exists()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return existed
