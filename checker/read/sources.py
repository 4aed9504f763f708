"""Find the documents of a corpus and read them: paths -> Sources -> Documents.

`find_sources` walks the paths (sorted, hidden files and unknown extensions skipped,
include/exclude globs applied); `read_source` turns one file into Documents (one per
record for .jsonl/.json/.csv); `read_corpus` does both and refuses an empty corpus.
A file that cannot be read (binary, empty, too large, a broken link) is skipped with a
warning; a file that is wrong (a broken JSON line) is a UserError.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.errors import UserError
from checker.model import Document
from checker.read.decode import BinaryContent, bom_encoding, decode_bytes
from checker.read.directives import blank_directives, find_directives
from checker.read.meta import (
    date_header,
    is_unknown_date,
    normalize_date,
    normalize_partial_date,
    read_header_block,
)

if TYPE_CHECKING:
    # Lazy for start-up, as `read.html` is: a corpus of plain texts reads no records and
    # no Markdown, so loads neither module.
    from checker.read import records

FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".csv": "csv",
}
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: where it is, its document id, and how to read it."""

    path: str     # as given or joined from what was given; for opening
    doc_id: str   # relative to the folder given (a file given directly: its name), "/"
    format: str   # txt | md | html | jsonl | json | csv


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How documents are read from records and where their date comes from."""
    id_field: str = "id"
    text_field: str = "text"
    date_field: str = "date"
    date: str | None = None          # date of every document (date_source "option")
    max_bytes: int = 256 * 1024 * 1024  # per file; per line for .jsonl (streamed)


def print_to_stderr(message: str) -> None:
    """The default warning printer: `checker: warning: ...` on stderr."""
    print(f"checker: warning: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------- finding


def find_sources(
    paths: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    warn: Warn | None = None,
) -> list[Source]:
    """Every file to read under `paths`, in a deterministic order (paths as given, each
    folder's files sorted by doc_id). The same file reached twice is read once."""
    included = [compile_glob(p) for p in include]
    excluded = [compile_glob(p) for p in exclude]
    sources: list[Source] = []
    seen_files: set[str] = set()
    by_id: dict[str, str] = {}
    for given in paths:
        if not os.path.lexists(given):
            raise UserError("no such file or folder", given)
        if os.path.isdir(given):
            found = _walk(given, warn)
        else:
            ext = os.path.splitext(given)[1].lower()
            found = [(Source(given, os.path.basename(given), FORMATS.get(ext, "txt")),
                      os.path.realpath(given))]
        for source, real in found:
            if included and not any(m(source.doc_id) for m in included):
                continue
            if any(m(source.doc_id) for m in excluded):
                continue
            if real in seen_files:
                continue
            seen_files.add(real)
            if source.doc_id in by_id:
                raise UserError(
                    f"two files would both be document {source.doc_id!r}: "
                    f"{by_id[source.doc_id]} and {source.path}; scan their common folder instead"
                )
            by_id[source.doc_id] = source.path
            sources.append(source)
    return sources


def _walk(root: str, warn: Warn | None) -> list[tuple[Source, str]]:
    """Each file under `root` with its real path, sorted by doc_id. One scandir per
    folder; a file's real path is its folder's plus its name unless it is a link, so a
    large corpus costs no per-file path resolution (a warm re-scan lists it every run)."""
    found: list[tuple[Source, str]] = []
    visited: set[str] = set()
    pending = [(root, "")]            # (folder, its doc_id prefix)
    while pending:
        folder, prefix = pending.pop()
        real = os.path.realpath(folder)
        if real in visited:  # a symlink loop, or a folder linked twice
            continue
        visited.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            if warn is not None:
                warn(f"{exc.filename or folder}: cannot list folder ({exc.strerror}); skipped")
            continue
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not name.startswith(".") and name not in _SKIPPED_DIRS:
                    pending.append((entry.path, f"{prefix}{name}/"))
                continue
            fmt = FORMATS.get(os.path.splitext(name)[1].lower())
            if name.startswith(".") or fmt is None:
                continue
            link = entry.is_symlink()
            real_file = os.path.realpath(entry.path) if link else os.path.join(real, name)
            found.append((Source(entry.path, prefix + name, fmt), real_file))
    found.sort(key=lambda item: item[0].doc_id)
    return found


def compile_glob(pattern: str) -> Callable[[str], bool]:
    """A matcher for document ids (forward slashes). `*` and `?` stay within one folder,
    `**` crosses folders (`**/` also matches no folder), `[...]` is a character class.
    A pattern without "/" matches any single part of the id ("*.md", "drafts"); one with
    "/" matches the whole id ("drafts/**", "2016/*.txt"); a trailing "/" means "under"."""
    pattern = pattern.strip()
    if pattern.endswith("/"):
        pattern += "**"
    regex = re.compile(_glob_regex(pattern.lstrip("/")), re.DOTALL)
    if "/" in pattern.strip("/") or pattern.startswith("/"):
        return lambda doc_id: regex.match(doc_id) is not None
    return lambda doc_id: any(regex.match(part) for part in doc_id.split("/"))


def _glob_regex(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            negate = body[:1] in ("!", "^")
            body = re.sub(r"([\\\]^])", r"\\\1", body[1:] if negate else body)
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out) + r"\Z"


# ---------------------------------------------------------------------------- reading


def read_corpus(
    paths: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    options: ReadOptions = ReadOptions(),  # noqa: B008 - frozen, safe to share
    warn: Warn = print_to_stderr,
) -> Iterator[Document]:
    """Every Document under `paths`; UserError when there is none at all."""
    if not paths:
        raise UserError("no path given")
    _option_date(options)
    count = 0
    for source in find_sources(paths, include, exclude, warn):
        for doc in read_source(source, options, warn):
            count += 1
            yield doc
    if count == 0:
        raise UserError(f"no documents found in {', '.join(paths)}")


def read_source(source: Source, options: ReadOptions, warn: Warn) -> Iterator[Document]:
    """The Documents of one file (none when it is skipped with a warning)."""
    forced_date = _option_date(options)
    if source.format == "jsonl":
        docs = _read_jsonl(source, _fields(options), options.max_bytes, warn)
    else:
        docs = _read_whole(source, options, warn)
    for doc in docs:
        if forced_date is not None:
            doc.date, doc.date_source = forced_date, "option"
        yield doc


def _fields(options: ReadOptions) -> records.Fields:
    """Which record fields hold what, for a file of records."""
    from checker.read import records

    return records.Fields(options.id_field, options.text_field, options.date_field)


def _read_whole(source: Source, options: ReadOptions, warn: Warn) -> Iterator[Document]:
    max_bytes = options.max_bytes
    data = _read_bytes(source.path, max_bytes, warn)
    if data is None:
        return
    try:
        text, encoding = decode_bytes(data, source.path, warn)
    except BinaryContent:
        warn(f"{source.path}: binary file; skipped")
        return
    del data
    if source.format == "json":
        from checker.read import records

        yield from _record_docs(source, records.read_json(text, source.path, _fields(options)),
                                encoding, warn)
    elif source.format == "csv":
        from checker.read import records

        yield from _record_docs(
            source, records.read_csv(text, source.path, _fields(options), max_bytes), encoding,
            warn,
        )
    else:
        yield _file_doc(source, text, encoding, warn)


def _file_doc(source: Source, text: str, encoding: str, warn: Warn) -> Document:
    doc = Document(id=source.doc_id, text=text, path=source.path, encoding=encoding,
                   format=source.format)
    if source.format in ("md", "html"):
        if source.format == "md":
            from checker.read.markdown import read_markdown

            doc.text, meta = read_markdown(text, source.path, warn)
            directives = find_directives(text, doc.text, "md", source.path, warn)
            doc.suppressions = [d.entry() for d in directives]
        else:
            # Lazy for start-up: BeautifulSoup is loaded only by a corpus with HTML in it.
            from checker.read.html import read_html

            doc.text, meta = read_html(text)
            doc.suppressions = list(meta.suppressions)
            doc.source_map = meta.positions
        doc.title, doc.source = meta.title, meta.source
        if meta.date is not None:
            origin = "front_matter" if source.format == "md" else "meta"
            _set_date(doc, meta.date, origin, source.path, warn)
    else:
        _plain_text_suppressions(doc, source.path, warn)
    if source.format != "html" and doc.date_source != "front_matter":
        _read_header(doc, source.path, warn)
    return doc


def _read_header(doc: Document, path: str, warn: Warn) -> None:
    """A plain text's (or front-matter-less Markdown's) header: a block of `key: value`
    lines (blanked out of the text; see `markup.read_header_block`), else a lone date at
    the very start ("date 2023-07-05 ...", left in the text)."""
    header = read_header_block(doc.text)
    if header is None:
        iso = date_header(doc.text, path, warn)
        if iso is not None:
            doc.date, doc.date_source = iso, "header"
        return
    doc.text = header.text
    doc.title = doc.title or header.meta.title
    doc.source = doc.source or header.meta.source
    if header.meta.date is not None:
        _set_date(doc, header.meta.date, "header", f"{path}:{header.date_line}", warn)


def _record_docs(
    source: Source, recs: Iterator[records.Record], encoding: str, warn: Warn
) -> Iterator[Document]:
    for rec in recs:
        doc = Document(
            id=f"{source.doc_id}#{rec.id}", text=rec.text, path=source.path,
            title=rec.title, source=rec.source, encoding=encoding, format=source.format,
        )
        _plain_text_suppressions(doc, f"{source.path}#{rec.id}", warn)
        if rec.date is not None:
            _set_date(doc, rec.date, "record", f"{source.path}#{rec.id}", warn)
        yield doc


def _plain_text_suppressions(doc: Document, where: str, warn: Warn) -> None:
    """Read `checker: ignore[...]` lines of a plain text and blank them out of the text."""
    directives = find_directives(doc.text, doc.text, "txt", where, warn)
    if directives:
        doc.suppressions = [d.entry() for d in directives]
        doc.text = blank_directives(doc.text, directives)


def _read_jsonl(
    source: Source, fields: records.Fields, max_bytes: int, warn: Warn
) -> Iterator[Document]:
    if _check_file(source.path, None, warn) is None:
        return
    try:
        stream = open(source.path, "rb")  # noqa: SIM115 - the `with` below closes it
    except OSError as exc:
        warn(f"{source.path}: cannot read ({exc.strerror}); skipped")
        return
    from checker.read import records

    with stream:
        head = stream.read(4)
        stream.seek(0)
        if (bom_encoding(head) or "utf-8").startswith("utf-8"):
            recs = records.read_jsonl(stream, source.path, fields, max_bytes, warn)
            yield from _record_docs(source, recs, "utf-8", warn)
            return
    # UTF-16/32 JSON Lines: rare; decode whole, then stream the UTF-8 re-encoding.
    data = _read_bytes(source.path, max_bytes, warn)
    if data is None:
        return
    text, encoding = decode_bytes(data, source.path, warn)
    recs = records.read_jsonl(io.BytesIO(text.encode("utf-8")), source.path, fields,
                              max_bytes, warn)
    yield from _record_docs(source, recs, encoding, warn)


def _check_file(path: str, max_bytes: int | None, warn: Warn) -> int | None:
    """The file's size if it is a readable, non-empty regular file (within the limit)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        what = "broken link" if os.path.islink(path) else exc.strerror
        warn(f"{path}: cannot read ({what}); skipped")
        return None
    if stat.S_ISDIR(info.st_mode):
        warn(f"{path}: is a folder, not a file; skipped")
        return None
    if not stat.S_ISREG(info.st_mode):
        warn(f"{path}: not a regular file; skipped")
        return None
    if info.st_size == 0:
        warn(f"{path}: empty file; skipped")
        return None
    if max_bytes is not None and info.st_size > max_bytes:
        warn(f"{path}: {info.st_size:,} bytes is larger than the limit of "
             f"{max_bytes:,} bytes; skipped")
        return None
    return info.st_size


def _read_bytes(path: str, max_bytes: int, warn: Warn) -> bytes | None:
    size = _check_file(path, max_bytes, warn)
    if size is None:
        return None
    try:
        # Ask for the size we saw (plus one, to notice growth): a read of n bytes allocates
        # n up front, and max_bytes is 256 MB. A bare descriptor, not a buffered file
        # object: a corpus is thousands of small files, each opened once.
        fd = os.open(path, _READ_FLAGS)
        try:
            return _read_up_to(fd, min(size, max_bytes) + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        warn(f"{path}: cannot read ({exc.strerror}); skipped")
        return None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_up_to(fd: int, n: int) -> bytes:
    """Up to `n` bytes from `fd`: fewer only at the end of the file."""
    data = os.read(fd, n)
    if not data or len(data) == n:
        return data
    pieces = [data]
    n -= len(data)
    while n:
        data = os.read(fd, n)
        if not data:
            break
        pieces.append(data)
        n -= len(data)
    return b"".join(pieces)


def _option_date(options: ReadOptions) -> str | None:
    if options.date is None:
        return None
    iso = normalize_date(options.date)
    if iso is None:
        raise UserError(f"cannot read the date {options.date!r} (use YYYY-MM-DD)")
    return iso


def _set_date(doc: Document, raw: str, origin: str, where: str, warn: Warn) -> None:
    """A metadata date, at the precision written ("2010-07" is a month); a date that says
    it is unknown is no date, silently."""
    if is_unknown_date(raw):
        return
    iso = normalize_partial_date(raw)
    if iso is None:
        warn(f"{where}: cannot read the date {raw!r}; ignored")
        return
    doc.date, doc.date_source = iso, origin
