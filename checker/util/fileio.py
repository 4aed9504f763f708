"""Atomic file writes: a report or decisions file is either the old one or the new one,
never half of each."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Pieces are joined into writes of about this many characters.
WRITE_CHUNK = 1 << 20


TEMP_SUFFIX = ".tmp"


def atomic_write_text(path: str | Path, text: str,
                      check: Callable[[Path], None] | None = None) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename.
    `check`, given the temporary file, reads it back before the rename and raises when
    it does not hold what was meant: then nothing is written."""
    atomic_write_pieces(path, (text,), check)


def atomic_write_pieces(path: str | Path, pieces: Iterable[str],
                        check: Callable[[Path], None] | None = None) -> None:
    """Write the concatenation of `pieces` to `path` atomically, never holding it all in
    memory (a report of millions of claims arrives piece by piece). Temporary files a
    killed run left beside `path` are removed first (see `remove_stale_temporaries`)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                               dir=target.parent)
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in joined(pieces):
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if check is not None:
            check(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# A temporary file untouched this long is left over, whoever wrote it.
STALE_SECONDS = 3600


def remove_stale_temporaries(target: Path, now: float | None = None) -> None:
    """Remove `.NAME.PID.*.tmp` files beside `target` that a killed run left (a report
    that was being written when the scan died): those whose writer process is gone, and
    any untouched for STALE_SECONDS. A live writer's file is left alone."""
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    prefix = f".{target.name}."
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if old or not (pid.isdigit() and _alive(int(pid))):
                os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows: no signal 0 to ask with
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def joined(pieces: Iterable[str], size: int = WRITE_CHUNK) -> Iterator[str]:
    """The pieces joined into strings of about `size` characters: one write (and, on a
    terminal, one flush) per chunk rather than per piece."""
    buffer: list[str] = []
    total = 0
    for piece in pieces:
        buffer.append(piece)
        total += len(piece)
        if total >= size:
            yield "".join(buffer)
            buffer, total = [], 0
    if buffer:
        yield "".join(buffer)


def _mode_for(target: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0666 less the umask
    (mkstemp's own 0600 would hide reports from the rest of the team)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# How long `locked` waits for another process to release the lock.
LOCK_TIMEOUT = 60.0


@contextmanager
def locked(lock_path: str | Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on the file `lock_path` (created, and removed on release on
    POSIX); TimeoutError after `timeout` seconds. The OS's own locking module (fcntl or
    msvcrt) is imported here, when a lock is taken, never at start-up: checker starts on
    every OS editors use.

    POSIX: flock; a waiter that wakes up holding the lock of a file removed meanwhile
    sees that its inode is no longer the one at the path, and tries again."""
    Path(lock_path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    if os.name == "nt":
        yield from _locked_windows(str(lock_path), deadline)
        return
    import fcntl

    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise TimeoutError(f"{lock_path} is locked") from None
                time.sleep(0.01)
        try:
            current = os.stat(lock_path)
        except FileNotFoundError:
            current = None
        held = os.fstat(fd)
        if current is not None and (current.st_ino, current.st_dev) == (held.st_ino,
                                                                         held.st_dev):
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            os.unlink(lock_path)
        finally:
            os.close(fd)


def _locked_windows(lock_path: str, deadline: float) -> Iterator[None]:
    import msvcrt

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{lock_path} is locked") from None
                time.sleep(0.01)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(fd)
