"""Atomic file writes: a report or decisions file is either the old one or the new one,
never half of each."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

# Pieces are joined into writes of about this many characters.
WRITE_CHUNK = 1 << 20


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename."""
    atomic_write_pieces(path, (text,))


def atomic_write_pieces(path: str | Path, pieces: Iterable[str]) -> None:
    """Write the concatenation of `pieces` to `path` atomically, never holding it all in
    memory (a report of millions of claims arrives piece by piece)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in joined(pieces):
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
