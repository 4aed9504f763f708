"""Claims of documents as both the scan and `checker extract` take them
(`extract_document`), and `checker extract` without the scan's store: claims streamed
from extraction to output.

A scan keeps every document's claims in its on-disk store because comparison and the
report need them all at once; listing claims needs none of that. Each file is read and
extracted (in worker processes when --jobs asks for them) and its claims come back
already encoded, so the command writes them out in report order as they come.

Report order is by document id, then (start, end, kind) within a document. Files holding
one document each are processed in document-id order, so their claims stream out with
nothing held back. A file of records (.jsonl, .json, .csv) holds many documents, in the
file's own order: its claims are gathered and sorted before they go out (a scan's store
would hold them too). Documents sharing an id are merged, as in a scan's report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.errors import UserError
from checker.model import Claim, Document
from checker.read.sources import ReadOptions, Source, find_sources, read_source
from checker.report.claim_json import claim_lines, indented_claims
from checker.run import engine

RECORD_FORMATS = ("jsonl", "json", "csv")


@dataclass(frozen=True)
class ExtractSettings:
    """What a worker needs to extract and encode one file's claims; picklable."""

    read: ReadOptions = field(default_factory=ReadOptions)
    kinds: frozenset[str] = frozenset()   # empty: every kind
    encoding: str = "jsonl"               # jsonl | json (encoded pieces) | dict (records)


@dataclass(slots=True)
class ExtractedSource:
    """One file's result: per document, its id and its claims as (start, end, kind,
    piece) in text order; the file's warnings; the error that stopped its reading."""

    documents: list[tuple[str, list[tuple[int, int, str, Any]]]]
    warnings: list[str]
    error: UserError | None = None


_settings: ExtractSettings | None = None


def _init_worker(settings: ExtractSettings) -> None:
    global _settings
    _settings = settings


def extract_source(source: Source) -> ExtractedSource:
    """Read one file and extract and encode the claims of each of its documents."""
    assert _settings is not None
    kinds, encode = _settings.kinds, _ENCODERS[_settings.encoding]
    warnings: list[str] = []
    out: list[tuple[str, list[tuple[int, int, str, Any]]]] = []
    try:
        for doc in read_source(source, _settings.read, warnings.append):
            claims = extract_document(doc)
            if kinds:
                claims = [c for c in claims if c.kind in kinds]
            out.append((doc.id, [(c.start, c.end, c.kind, piece)
                                 for c, piece in zip(claims, encode(claims), strict=True)]))
    except UserError as exc:
        return ExtractedSource(out, warnings, exc)
    return ExtractedSource(out, warnings)


def extract_document(doc: Document) -> list[Claim]:
    """The claims of one document (see `checker.extract`), each located in its file: for
    a text the reader changed (HTML), line and column are the source file's."""
    from checker.extract.claims import extract  # lazy: a warm re-scan loads no finder

    claims = extract(doc)
    positions = doc.source_map
    if positions is not None:
        for c in claims:
            c.line, c.column = positions.position(c.start)
    _place_in_quotes(doc.text, claims)
    return claims


def _place_in_quotes(text: str, claims: list[Claim]) -> None:
    """Set each claim's `quote_offset` from the document text: the quote is the slice
    of the text around the claim (found once per sentence: claims of one sentence share
    its string)."""
    last_quote, last_at = None, -1
    for c in claims:
        quote = c.quote
        if not quote:
            continue
        at = last_at if quote is last_quote else -1
        if not (0 <= at <= c.start and c.end <= at + len(quote)):
            at = text.find(quote, max(0, c.end - len(quote)), c.start + len(quote))
            last_quote, last_at = quote, at
        if 0 <= at <= c.start and c.end <= at + len(quote):
            c.quote_offset = c.start - at


def _jsonl_lines(claims: list[Claim]) -> Iterable[str]:
    return claim_lines(claims)


def _json_items(claims: list[Claim]) -> Iterable[str]:
    """Each claim as an item of a JSON array printed with indent=2."""
    from checker.report.json import encode_value  # lazy: JSON Lines listings need none

    return ("  " + item for item in indented_claims(claims, 1, encode_value))


def _records(claims: list[Claim]) -> Iterable[dict[str, Any]]:
    return [c.to_dict() for c in claims]


# How the claims of a document are encoded, each: a JSON Lines record, an indented JSON
# array item, or a record (dict) for the table and CSV formats.
_ENCODERS: dict[str, Callable[[list[Claim]], Iterable[Any]]] = {
    "jsonl": _jsonl_lines, "json": _json_items, "dict": _records,
}


def claims_in_report_order(
    paths: Sequence[str],
    settings: ExtractSettings,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    jobs: int = 0,
    warn: Callable[[str], None] = lambda _: None,
) -> Iterator[Any]:
    """Each claim's encoded piece, in report order (document id, start, end, kind); for
    JSON Lines, a document's lines may come joined as one piece."""
    sources = find_sources(paths, include, exclude)
    if not sources:
        raise UserError(f"no documents found in {', '.join(paths)}")
    ordered, streamable = _reading_order(sources)
    # Sizes shape the chunks sent to worker processes; one process needs none (a stat
    # per file saved).
    sizes = None if jobs == 1 else [engine.file_size(s.path) for s in ordered]
    results = engine.map_ordered(
        extract_source, ordered, jobs, _init_worker, (settings,), sizes, show=False,
    )
    documents = 0
    if streamable:
        lines = settings.encoding == "jsonl"
        for source, result in zip(ordered, results, strict=True):
            documents += _take(result, warn)
            if source.format in RECORD_FORMATS:
                yield from _merged(result.documents)
            elif lines:   # a document's JSON lines as one piece: nothing goes between them
                for _, claims in result.documents:
                    if claims:
                        yield "".join([piece for _, _, _, piece in claims])
            else:
                for _, claims in result.documents:
                    yield from (piece for _, _, _, piece in claims)
    else:  # a file's id falls among a record file's ids: sort everything at the end
        gathered: list[tuple[str, list[tuple[int, int, str, Any]]]] = []
        for result in results:
            documents += _take(result, warn)
            gathered += result.documents
        yield from _merged(gathered)
    if not documents:
        raise UserError(f"no readable documents in {', '.join(paths)}")


def _take(result: ExtractedSource, warn: Callable[[str], None]) -> int:
    """Pass a file's warnings on (raise its error); how many documents it held."""
    for message in result.warnings:
        warn(message)
    if result.error is not None:
        raise result.error
    return len(result.documents)


def _reading_order(sources: list[Source]) -> tuple[list[Source], bool]:
    """The sources sorted so that their documents come out in id order, and whether that
    holds: a record file's documents are `ID#record`, which no other file's id may fall
    among (a file named `a.jsonl#x.txt` beside `a.jsonl` would)."""
    def key(s: Source) -> str:
        return s.doc_id + "#" if s.format in RECORD_FORMATS else s.doc_id

    ordered = sorted(sources, key=key)
    keys = [key(s) for s in ordered]
    # Sorted, the ids that start with a record file's prefix come right after it.
    clash = any(
        s.format in RECORD_FORMATS and i + 1 < len(keys) and keys[i + 1].startswith(keys[i])
        for i, s in enumerate(ordered)
    )
    return (sources, False) if clash else (ordered, True)


def _merged(documents: list[tuple[str, list[tuple[int, int, str, Any]]]]) -> Iterator[Any]:
    """The pieces of several documents in report order: by id (stable), documents sharing
    an id merged by (start, end, kind)."""
    documents = sorted(documents, key=lambda d: d[0])
    at = 0
    while at < len(documents):
        end = at + 1
        while end < len(documents) and documents[end][0] == documents[at][0]:
            end += 1
        if end - at == 1:
            yield from (piece for _, _, _, piece in documents[at][1])
        else:
            claims = [c for _, cs in documents[at:end] for c in cs]
            claims.sort(key=lambda c: (c[0], c[1], c[2]))
            yield from (piece for _, _, _, piece in claims)
        at = end
