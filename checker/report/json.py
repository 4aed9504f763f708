"""The JSON report: the contract every other format is derived from.

A scan's claim list can be millions of records, so the report is produced in pieces:
plain values go through `json.dumps` as a whole, and the records of a lazy sequence
(`checker.report.Records`) one at a time, indented as `json.dumps(report, indent=2)`
would indent them. The bytes are the same either way; `write` never holds the whole
text in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from checker.fileio import atomic_write_pieces

_INDENT = 2


def render(report: dict[str, Any]) -> str:
    return "".join(chunks(report))


def write(report: dict[str, Any], path: str | Path) -> None:
    """Write the report to `path` atomically, piece by piece."""
    atomic_write_pieces(path, chunks(report))


def chunks(report: dict[str, Any]) -> Iterator[str]:
    """The report's text in pieces, identical to json.dumps(report, indent=2) + "\\n"."""
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
    for item in items:
        yield ("[" if empty else ",") + inner + _encode(item, depth + 1)
        empty = False
    yield "[]" if empty else "\n" + " " * (_INDENT * depth) + "]"


def _nested(text: str, depth: int) -> str:
    """A value dumped at the top level, re-indented to sit `depth` levels down (JSON
    strings never hold a raw newline, so every newline is a line break)."""
    return text.replace("\n", "\n" + " " * (_INDENT * depth))


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=_INDENT, ensure_ascii=False)


def _encode(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=2, ensure_ascii=False) writes it, `depth` levels down.
    With an indent, json falls back to its pure-Python encoder, which is the slow part of
    a big report; this writes the same bytes with a third of the work."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ",\n" + " " * (_INDENT * (depth + 1))
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                return _nested(_dumps(value), depth)  # keys json converts: leave it to json
            items.append(_string(key) + ": " + _encode(item, depth + 1))
        return ("{\n" + " " * (_INDENT * (depth + 1)) + inner.join(items)
                + "\n" + " " * (_INDENT * depth) + "}")
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = ",\n" + " " * (_INDENT * (depth + 1))
        return ("[\n" + " " * (_INDENT * (depth + 1))
                + inner.join(_encode(item, depth + 1) for item in value)
                + "\n" + " " * (_INDENT * depth) + "]")
    return _nested(_dumps(value), depth)  # anything else: json's own rules and errors


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _is_lazy(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | list | tuple)
