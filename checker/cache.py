"""The incremental cache: per-file scan results in SQLite, keyed by what they depend on.

A file's result (its documents, claims, selected claims and built-in findings) depends on
its bytes, the code that processed it, the rules and the read options; the key is a
hash of all four, so a re-run after a one-file change re-reads one file. A file's bytes
are hashed only when its size or modification time changed since the last run.

A corrupted, truncated or foreign cache file is detected, rebuilt and warned about.
The cache is a local working file (like .pyc files): it is trusted as such.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import checker

DEFAULT_CACHE_DIR = ".checker-cache"
CACHE_FILE = "cache.sqlite"
APPLICATION_ID = 0x43484B52  # "CHKR"
SCHEMA_VERSION = 1

# The modules whose code decides what a file's cached result holds.
_CODE_PARTS = ("corpus.py", "decode.py", "markup.py", "records.py", "textspans.py",
               "model.py", "pipeline.py", "extract", "checks", "rules")


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
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Cache:
    """SQLite store of per-file results. Every failure degrades to a cache miss."""

    def __init__(self, folder: str | Path, warn: Callable[[str], None] = lambda m: None):
        self.path = Path(folder) / CACHE_FILE
        self.warn = warn
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open()

    # -- opening, validating, rebuilding -------------------------------------------------
    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._connect()
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
                if app != APPLICATION_ID or version != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError("not a checker cache of this version")
                db.execute("SELECT count(*) FROM results").fetchone()
                ok = db.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise sqlite3.DatabaseError(ok)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER,"
                   " mtime_ns INTEGER, digest TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload BLOB,"
                   " used REAL)")

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

    # -- the API -----------------------------------------------------------------------
    def digest(self, path: str) -> str:
        """The content hash of a file, recomputed only when its size or mtime changed."""
        st = os.stat(path)
        key = os.path.abspath(path)
        row = self._guard(lambda db: db.execute(
            "SELECT size, mtime_ns, digest FROM files WHERE path=?", (key,)).fetchone())
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return row[2]
        digest = file_digest(path)
        self._guard(lambda db: db.execute(
            "INSERT OR REPLACE INTO files VALUES (?,?,?,?)",
            (key, st.st_size, st.st_mtime_ns, digest)))
        return digest

    def get(self, key: str) -> Any | None:
        row = self._guard(lambda db: db.execute(
            "SELECT payload FROM results WHERE key=?", (key,)).fetchone())
        if row is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads(row[0])
        except Exception as exc:  # a damaged payload is a miss, and is replaced
            self.warn(f"{self.path}: damaged cache entry ({exc.__class__.__name__}); re-reading")
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put_many(self, items: list[tuple[str, Any]]) -> None:
        if not items:
            return
        now = time.time()
        rows = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), now) for k, v in items]

        def write(db: sqlite3.Connection) -> None:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?)", rows)
            db.execute("COMMIT")

        self._guard(write)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def clear(folder: str | Path) -> bool:
    """Delete the cache files; True if there was a cache."""
    path = Path(folder) / CACHE_FILE
    existed = path.exists()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return existed
