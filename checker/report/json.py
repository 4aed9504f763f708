"""The JSON report: the contract every other format is derived from.

A scan's claim list can be millions of records, so the report is produced in pieces:
plain values go through `json.dumps` as a whole, and the records of a lazy sequence
(`checker.report.Records`) one at a time, indented as `json.dumps(report, indent=2)`
would indent them. The bytes are the same either way; `write` never holds the whole
text in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from checker.report.claim_json import indented_claims

_INDENT = 2
# How deep a claim sits in the report (the report's dict, its "claims" list, the claim).
REPORT_DEPTH = 2


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
        if _is_lazy(value):
            yield from _lazy_list(value, 1)
        else:
            yield _encode(value, 1)
    yield "\n}\n"


def _lazy_list(items: Sequence[Any], depth: int) -> Iterator[str]:
    inner = "\n" + " " * (_INDENT * (depth + 1))
    empty = True
    pieces = getattr(items, "report_pieces", None)
    texts = (_encode(item, depth + 1) for item in items) if pieces is None else _claim_texts(
        pieces(), depth + 1)
    for text in texts:
        yield ("[" if empty else ",") + inner + text
        empty = False
    yield "[]" if empty else "\n" + " " * (_INDENT * depth) + "]"


def _claim_texts(pieces: Iterable[tuple[str, Callable[[], list[Any]]]],
                 depth: int) -> Iterator[str]:
    """A scan's claims, `depth` levels down: each document's text as its worker made it
    for the report (`REPORT_DEPTH`), else its claims encoded here."""
    for text, claims in pieces:
        if text and depth == REPORT_DEPTH:
            yield text
        else:
            yield from indented_claims(claims(), depth, _encode)


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
