"""Documents from record files: .jsonl (one JSON object a line), .json, .csv.

Each record becomes one Document with id "<file doc_id>#<record id>"; the record id comes
from the id field, else the 1-based line (jsonl), row (csv) or index (json). Dates are
returned as found; `checker.read.sources` normalises them.

.jsonl is streamed line by line from the open file, so a large export never has to fit
in memory at once; the other formats are decoded whole first.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from checker.errors import UserError
from checker.read.decode import decode_text_bytes, normalize_newlines
from checker.util.hints import closest

_CONTAINER_KEYS = ("documents", "records", "items")
_SOURCE_KEYS = ("source", "url", "link")


@dataclass(frozen=True, slots=True)
class Fields:
    """Which record fields hold the id, the text and the date."""

    id: str = "id"
    text: str = "text"
    date: str = "date"


@dataclass(frozen=True, slots=True)
class Record:
    """One record's document data, before it becomes a Document."""

    id: str
    text: str
    date: str | None
    title: str | None
    source: str | None


def _record(
    obj: Any, number: int, fields: Fields, path: str, where: str, line: int | None
) -> Record:
    if not isinstance(obj, dict):
        raise UserError(
            f"{where} is {type(obj).__name__}, expected an object", path, line
        )
    text = obj.get(fields.text)
    if text is None:
        if fields.text in obj:
            raise UserError(f"{where}: field {fields.text!r} is empty", path, line)
        raise UserError(f"{where} has no {fields.text!r} field{_did_you_mean(fields.text, obj)}",
                        path, line)
    if not isinstance(text, str):
        raise UserError(f"{where}: field {fields.text!r} is not a string", path, line)
    rid = obj.get(fields.id)
    record_id = str(rid).strip() if rid is not None and str(rid).strip() else str(number)
    date = obj.get(fields.date)
    title = obj.get("title")
    source = next((obj[k] for k in _SOURCE_KEYS if obj.get(k)), None)
    return Record(
        id=record_id,
        text=normalize_newlines(text),
        date=str(date) if date not in (None, "") else None,
        title=str(title) if title not in (None, "") else None,
        source=str(source) if source is not None else None,
    )


def _did_you_mean(name: str, keys: Iterable[Any]) -> str:
    names = [str(k) for k in keys]
    close = closest(name, names)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (fields: {', '.join(names[:10])})" if names else ""


def _unique(records: Iterator[tuple[Record, int | None]], path: str) -> Iterator[Record]:
    """Refuse two records with the same id: they would be one document to every report."""
    seen: dict[str, int | None] = {}
    for record, line in records:
        if record.id in seen:
            first = seen[record.id]
            at = f" (first at line {first})" if first is not None else ""
            raise UserError(f"duplicate record id {record.id!r}{at}", path, line)
        seen[record.id] = line
        yield record


def read_jsonl(
    stream: BinaryIO, path: str, fields: Fields, max_bytes: int, warn: Callable[[str], None]
) -> Iterator[Record]:
    """Records of a JSON Lines file, one per non-blank line."""
    return _unique(_jsonl_records(stream, path, fields, max_bytes, warn), path)


def _jsonl_records(
    stream: BinaryIO, path: str, fields: Fields, max_bytes: int, warn: Callable[[str], None]
) -> Iterator[tuple[Record, int | None]]:
    warned = False
    for lineno, raw in enumerate(stream, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if len(raw) > max_bytes:
            warn(f"{path}:{lineno}: record of {len(raw):,} bytes is larger than the "
                 f"limit of {max_bytes:,} bytes; skipped")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line, _ = decode_text_bytes(raw, path, (lambda _: None) if warned else warn)
            warned = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"not valid JSON: {exc.msg}", path, lineno, exc.colno) from None
        yield _record(obj, lineno, fields, path, f"record on line {lineno}", lineno), lineno


def read_json(text: str, path: str, fields: Fields) -> Iterator[Record]:
    """Records of a .json file: an array of objects, an object holding such an array under
    "documents"/"records"/"items", or a single object with the text field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    if isinstance(data, dict):
        key = next((k for k in _CONTAINER_KEYS if isinstance(data.get(k), list)), None)
        if key is not None:
            data = data[key]
        elif fields.text in data:
            data = [data]
        else:
            raise UserError(
                f"expected a list of records, an object with a list under "
                f"{'/'.join(_CONTAINER_KEYS)}, or an object with a {fields.text!r} field",
                path,
            )
    if not isinstance(data, list):
        raise UserError(f"expected a list of records, found {type(data).__name__}", path)
    return _unique(
        ((_record(obj, i, fields, path, f"record {i}", None), None)
         for i, obj in enumerate(data, start=1)),
        path,
    )


def read_csv(text: str, path: str, fields: Fields, max_bytes: int) -> Iterator[Record]:
    """Records of a CSV file with a header row (rows may span lines inside quotes)."""
    return _unique(_csv_records(text, path, fields, max_bytes), path)


def _csv_records(
    text: str, path: str, fields: Fields, max_bytes: int
) -> Iterator[tuple[Record, int | None]]:
    csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=False)
    try:
        header = reader.fieldnames or []
        if fields.text not in header:
            raise UserError(
                f"no {fields.text!r} column in the header{_did_you_mean(fields.text, header)}",
                path, 1,
            )
        start = reader.line_num + 1
        for row_number, row in enumerate(reader, start=1):
            if None in row:  # more cells than header columns: keep going, they are extra
                del row[None]
            yield _record(row, row_number, fields, path, f"row {row_number}", start), start
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"not valid CSV: {exc}", path, reader.line_num) from None
