"""The JSON report: the contract every other format is derived from.

A scan's claim list can be millions of records, so the report is produced in pieces:
plain values go through `json.dumps` as a whole, and the records of a lazy sequence
(`checker.report.Records`) one at a time, indented as `json.dumps(report, indent=2)`
would indent them. The bytes are the same either way; `write` never holds the whole
text in memory.

In the report's "claims", a run of `COPIES_RUN` or more claims identical but for their
place (one figure in one sentence, repeated: a template, a scraped page gone wrong) is
one record, the first claim's, whose "copies" lists the place ("start", "end", "line",
"column", "id") of each of the others, one line each: `{**record, **copy}` is that
claim. The report of such a file stays a small multiple of the file, not of its claims'
sentences. (That list is the one place the layout is not json.dumps's indent=2.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from operator import attrgetter
from pathlib import Path
from typing import Any

from checker.report.claim_json import indented_claims

_INDENT = 2
# How deep a claim sits in the report (the report's dict, its "claims" list, the claim).
REPORT_DEPTH = 2
# Claims in a row, identical but for their place, written as one record with "copies".
COPIES_RUN = 10
# What differs between copies: where each is, and its id (made from where it is).
PLACE_KEYS = ("start", "end", "line", "column", "id")


def render(report: dict[str, Any]) -> str:
    """The report as JSON text, as `json.dumps(report, indent=2)` writes it."""
    return "".join(chunks(report))


def write(report: dict[str, Any], path: str | Path) -> None:
    """Write the report to `path` atomically, piece by piece."""
    from checker.util.fileio import atomic_write_pieces  # not needed where claims are encoded

    atomic_write_pieces(path, chunks(report))


def chunks(report: dict[str, Any]) -> Iterator[str]:
    r"""The report's text in pieces, identical to json.dumps(report, indent=2) + "\n"."""
    if not report:
        yield "{}\n"
        return
    pad = " " * _INDENT
    first = True
    for key, value in report.items():
        yield ("{\n" if first else ",\n") + pad + _dumps(str(key)) + ": "
        first = False
        if key == "claims" and isinstance(value, Sequence) and not isinstance(value, str):
            yield from _lazy_list(value, 1, folded=True)
        elif _is_lazy(value):
            yield from _lazy_list(value, 1)
        else:
            yield _encode(value, 1)
    yield "\n}\n"


def _lazy_list(items: Sequence[Any], depth: int, *, folded: bool = False) -> Iterator[str]:
    """A list's items one at a time; `folded`: claim records, runs of copies folded."""
    inner = "\n" + " " * (_INDENT * (depth + 1))
    empty = True
    pieces = getattr(items, "report_pieces", None)
    if pieces is not None:
        texts = _claim_texts(pieces(), depth + 1)
    elif folded:
        texts = folded_records(items, depth + 1)
    else:
        texts = (_encode(item, depth + 1) for item in items)
    for text in texts:
        yield ("[" if empty else ",") + inner + text
        empty = False
    yield "[]" if empty else "\n" + " " * (_INDENT * depth) + "]"


def _claim_texts(pieces: Iterable[tuple[str, Callable[[], list[Any]]]],
                 depth: int) -> Iterator[str]:
    """A scan's claims, `depth` levels down: each document's text as its worker made it
    for the report (`REPORT_DEPTH`), else its claims encoded here (runs of copies folded;
    a worker leaves no text for claims that may hold one, see `may_fold`)."""
    for text, claims in pieces:
        if text and depth == REPORT_DEPTH:
            yield text
            continue
        some = claims()
        if may_fold(some):
            yield from folded_claims(some, depth)
        else:
            yield from indented_claims(some, depth, _encode)


def may_fold(claims: Sequence[Any]) -> bool:
    """Whether claims (in report order) may hold a run the report folds: COPIES_RUN in a
    row with one text and one sentence. A quick test (`folded_records` checks every
    field); almost every document has no such run."""
    run = 1
    for a, b in pairwise(claims):
        if a.text == b.text and a.quote == b.quote and a.doc == b.doc:
            run += 1
            if run >= COPIES_RUN:
                return True
        else:
            run = 1
    return False


def folded_claims(claims: Sequence[Any], depth: int) -> Iterator[str]:
    """What `folded_records` writes of the claims' records, from the claims themselves
    (no record made for a copy): a scan's stored claims take this way."""
    fields = attrgetter(*_COPY_FIELDS)
    singles: list[Any] = []
    at, total = 0, len(claims)
    while at < total:
        key, end = fields(claims[at]), at + 1
        while end < total and fields(claims[end]) == key:
            end += 1
        if end - at < COPIES_RUN:
            singles += claims[at:end]
        else:
            if singles:
                yield from indented_claims(singles, depth, _encode)
                singles = []
            first = next(iter(indented_claims(claims[at:at + 1], depth, _encode)))
            yield _with_copies(first, (_place_of(c) for c in claims[at + 1:end]), depth)
        at = end
    if singles:
        yield from indented_claims(singles, depth, _encode)


# A claim record's fields that copies share (every field but PLACE_KEYS).
_COPY_FIELDS = ("doc", "text", "quote", "kind", "value", "qualifier", "low", "high", "unit",
                "unit_inferred", "attrs", "rule", "group")


def _place_of(claim: Any) -> dict[str, Any]:
    return {"start": claim.start, "end": claim.end, "line": claim.line,
            "column": claim.column, "id": claim.id}


def folded_records(records: Iterable[dict[str, Any]], depth: int) -> Iterator[str]:
    """Claim records (report order) `depth` levels down, each run of COPIES_RUN or more
    identical but for their place written as its first with "copies" (the module's
    docstring)."""
    run: list[dict[str, Any]] = []
    for record in records:
        if run and _copy_of(run[0], record):
            run.append(record)
            continue
        yield from _run_texts(run, depth)
        run = [record]
    yield from _run_texts(run, depth)


def _run_texts(run: list[dict[str, Any]], depth: int) -> Iterator[str]:
    """A run's records: one with "copies" when it is long enough. Each copy is one line
    (`{"start": 57, "end": 72, ...}`): a folded run can be a million copies."""
    if len(run) >= COPIES_RUN:
        places = ({key: record[key] for key in PLACE_KEYS} for record in run[1:])
        yield _with_copies(_encode(run[0], depth), places, depth)
    else:
        for record in run:
            yield _encode(record, depth)


def _with_copies(first: str, places: Iterable[dict[str, Any]], depth: int) -> str:
    """A record's text (`depth` levels down) with "copies": the places, one line each."""
    close = _pad(depth) + "}"
    assert first.endswith(close)
    copies = ("," + _pad(depth + 2)).join(
        json.dumps(place, ensure_ascii=False) for place in places)
    return (first[:-len(close)] + "," + _pad(depth + 1) + '"copies": [' + _pad(depth + 2)
            + copies + _pad(depth + 1) + "]" + close)


def _copy_of(first: dict[str, Any], record: dict[str, Any]) -> bool:
    """Whether `record` is `first` at another place (every other field equal)."""
    if record.get("text") != first.get("text") or record.get("quote") != first.get("quote"):
        return False
    if record.keys() != first.keys() or "copies" in record \
            or not all(key in record for key in PLACE_KEYS):
        return False
    return all(record[key] == value for key, value in first.items() if key not in PLACE_KEYS)


def claims_text(claims: Iterable[Any]) -> str:
    """Claims as the JSON report lists them (`REPORT_DEPTH` levels down, joined by the
    list's separator): what a worker makes for each document (`StoredDocument.report`)."""
    return ("," + _pad(REPORT_DEPTH)).join(indented_claims(claims, REPORT_DEPTH, _encode))


def _nested(text: str, depth: int) -> str:
    """A value dumped at the top level, re-indented to sit `depth` levels down (JSON
    strings never hold a raw newline, so every newline is a line break)."""
    return text.replace("\n", "\n" + " " * (_INDENT * depth))


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=_INDENT, ensure_ascii=False)


def _encode(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=2, ensure_ascii=False) writes it, `depth` levels down.
    With an indent, json falls back to its pure-Python encoder, which is the slow part of
    a big report; this writes the same bytes with a fraction of the work: scalars are
    written by an exact-type lookup, without a call per value, and keys are encoded once."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            kind = type(item)
            scalar = _SCALARS.get(kind)
            if scalar is not None and (kind is not float or item):  # not 0.0: it is -0.0
                piece = _PIECES.get((key, kind, item))
                if piece is not None:
                    parts.append(piece)
                    continue
            name = _KEYS.get(key) or _key(key)
            if name is None:
                return _nested(_dumps(value), depth)  # keys json converts: leave it to json
            if scalar is None:
                parts.append(name + _encode(item, depth + 1))
                continue
            piece = name + scalar(item)
            if len(_PIECES) < 8192 and (kind is not float or item):
                _PIECES[(key, kind, item)] = piece
            parts.append(piece)
        inner = _pad(depth + 1)
        return "{" + inner + ("," + inner).join(parts) + _pad(depth) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        parts = []
        for item in value:
            scalar = _SCALARS.get(type(item))
            parts.append(scalar(item) if scalar is not None else _encode(item, depth + 1))
        inner = _pad(depth + 1)
        return "[" + inner + ("," + inner).join(parts) + _pad(depth) + "]"
    return _nested(_dumps(value), depth)  # anything else: json's own rules and errors


_string = json.encoder.encode_basestring
encode_value = _encode  # `value` as the report writes it, `depth` levels down
_PADS = ["\n" + " " * (_INDENT * depth) for depth in range(32)]
_KEYS: dict[str, str] = {}  # key -> its encoding and the separator after it
# (key, type, scalar value) -> `"key": value`: a claim's attrs repeat a few hundred pairs
# ("precision": "day", "currency": "£") across a report.
_PIECES: dict[tuple[Any, type, Any], str] = {}


def _pad(depth: int) -> str:
    """A line break and the indent of `depth`."""
    return _PADS[depth] if depth < len(_PADS) else "\n" + " " * (_INDENT * depth)


def _key(key: Any) -> str | None:
    """`"key": ` for a str key (remembered: reports repeat a few dozen keys), else None."""
    if not isinstance(key, str):
        return None
    text = _string(key) + ": "
    if len(_KEYS) < 4096:
        _KEYS[key] = text
    return text


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


# Exact types only: a subclass (an enum, a str subclass) goes to json's own rules.
_SCALARS: dict[type, Any] = {
    str: _string,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}


def _is_lazy(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | list | tuple)
