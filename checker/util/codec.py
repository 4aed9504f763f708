"""Data-only forms of Document, Claim and Finding, for the scan's store and the cache.

Why: a cache file can be swapped or crafted (CI restores `.checker-cache/` from earlier
runs), and reading a pickle runs whatever the pickle says. A row here is JSON text, and
each record read from it is checked field by field before it becomes a Document, Claim or
Finding: a damaged or crafted row raises `BadRow` (the reader drops it with one warning)
instead of running code, or crashing a later stage with a value of the wrong type.

A record is the list of its dataclass's field values, in field order, and is checked
against the field annotations. So a field added to Claim later (a plain value: text,
number, flag, list or dict of those) is stored and checked with no change here; the cache
never mixes layouts, because its keys change with the model (`cache.code_version`). A field
whose metadata says `stored=False` (a per-run helper) is left out and reads back as its
default. A scan's own claims are kept once, as the JSON report lists them plus what that
leaves out (`dump_claims_rest`): the report is written from that text as is.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from checker.model import ROLES, SEVERITIES, STATUSES, Claim, Document, Finding, FindingClaim

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_loads = json.loads
_NONE = type(None)
# Annotation words -> the JSON-decoded types a value of that annotation may have.
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "None": (_NONE,),
    "dict": (dict,), "list": (list,), "tuple": (list,), "Any": (object,),
    # the model's `Literal` vocabularies are strings
    "Kind": (str,), "Qualifier": (str,), "Severity": (str,), "Role": (str,), "Status": (str,),
}


class BadRow(ValueError):
    """A stored row that is not what this version of checker writes."""


def _types(annotation: Any) -> tuple[type, ...]:
    """The types a JSON value of a field may have, from its annotation ("float | None",
    "dict[str, Any]"); an annotation this does not know accepts anything."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text + "|"):
        depth += (ch == "[") - (ch == "]")
        if ch == "|" and depth == 0:  # a top-level alternative, not one inside [...]
            parts.append(text[start:i])
            start = i + 1
    out: list[type] = []
    for part in parts:
        base = part.strip().split("[", 1)[0]
        if base not in _TYPES:
            return (object,)
        out.extend(_TYPES[base])
    return tuple(dict.fromkeys(out))


class _Layout:
    """How one dataclass is stored: its stored fields, their getter, types and defaults."""

    def __init__(self, cls: type, restore: dict[str, Callable[[Any], Any]] | None = None):
        fields = [f for f in dataclasses.fields(cls) if f.metadata.get("stored", True)]
        self.cls = cls
        self.names = tuple(f.name for f in fields)
        self.values = attrgetter(*self.names)
        self.types = tuple(_types(f.type) for f in fields)
        self.restore = [(i, fn) for i, name in enumerate(self.names)
                        for key, fn in (restore or {}).items() if key == name]
        self.partial = len(fields) != len(dataclasses.fields(cls))

    def row(self, obj: Any) -> tuple:
        return self.values(obj)

    def build(self, row: Any) -> Any:
        if type(row) is not list or len(row) != len(self.names) \
                or not all(map(isinstance, row, self.types)):
            raise BadRow(f"not a stored {self.cls.__name__}")
        for i, fn in self.restore:
            row[i] = fn(row[i])
        if self.partial:
            return self.cls(**dict(zip(self.names, row, strict=True)))
        return self.cls(*row)


def _suppressions(value: list) -> list[tuple]:
    """Document.suppressions: (line, ids) or (first line, ids, last line) entries."""
    out = []
    for entry in value:
        if not (isinstance(entry, list) and len(entry) in (2, 3)
                and isinstance(entry[0], int) and isinstance(entry[1], list)
                and all(isinstance(i, str) for i in entry[1])
                and all(isinstance(n, int) for n in entry[2:])):
            raise BadRow("not a stored suppression")
        out.append((entry[0], tuple(entry[1]), *entry[2:]))
    return out


_CLAIM = _Layout(Claim)
_DOCUMENT = _Layout(Document, {"suppressions": _suppressions})


# -- claims ------------------------------------------------------------------------------

_QUOTE = _CLAIM.names.index("quote")


def dump_claims(claims: Iterable[Claim]) -> str:
    """[sentences, rows]: each distinct sentence written once, the rows pointing at it
    by index (claims of one sentence share it, and a sentence can be long)."""
    row, at = _CLAIM.row, _QUOTE
    quotes: dict[str, int] = {}
    rows = []
    for c in claims:
        values = list(row(c))
        values[at] = quotes.setdefault(values[at], len(quotes))
        rows.append(values)
    return _dumps([list(quotes), rows])


def load_claims(text: str | bytes, checked: bool = True) -> list[Claim]:
    """The claims of `dump_claims`. `checked=False` skips the field checks, for rows this
    process wrote itself (a scan's fresh results): never for rows read from a file that
    outlives the process."""
    if not checked and not _CLAIM.partial:
        quotes, rows = _loads(text)
        at, make = _QUOTE, Claim
        out = []
        for row in rows:
            row[at] = quotes[row[at]]
            out.append(make(*row))
        return out
    data = _list(text)
    if len(data) != 2 or type(data[0]) is not list or type(data[1]) is not list \
            or not all(isinstance(q, str) for q in data[0]):
        raise BadRow("not stored claims")
    quotes, build, at, count = data[0], _CLAIM.build, _QUOTE, len(data[0])
    out = []
    for row in data[1]:
        if type(row) is not list or len(row) <= at or type(row[at]) is not int \
                or not 0 <= row[at] < count:
            raise BadRow("not a stored claim")
        row[at] = quotes[row[at]]
        out.append(build(row))
    return out


# A claim as the JSON report lists it (`Claim.to_dict`) leaves out its quote offset, and
# writes an integral float as an int; a scan stores that text (its report is written from
# it as is) with this "rest", and reads claims back from the two.
_REPORTED = ("doc", "start", "end", "line", "column", "text", "quote", "kind", "value",
             "qualifier", "low", "high", "unit", "unit_inferred", "attrs", "id", "rule",
             "group")
_NUMBERS = ((8, 1), (10, 2), (11, 4))  # value, low, high: (field index, bit in the mask)
_FLOAT = float


def dump_claims_rest(claims: list[Claim]) -> str:
    """[quote offsets, masks]: for each claim, what its report record leaves out. A mask
    bit says value, low or high is a float the report writes as an int (`plain_number`)."""
    masks = []
    for c in claims:
        mask = 0
        value, low, high = c.value, c.low, c.high
        if type(value) is _FLOAT and value.is_integer() and -1e15 < value < 1e15:
            mask = 1
        if type(low) is _FLOAT and low.is_integer() and -1e15 < low < 1e15:
            mask |= 2
        if type(high) is _FLOAT and high.is_integer() and -1e15 < high < 1e15:
            mask |= 4
        masks.append(mask)
    return _dumps([[c.quote_offset for c in claims], masks])


def load_reported_claims(report: str | bytes, rest: str | bytes,
                         checked: bool = True) -> list[Claim]:
    """The claims of a report text (the JSON report's records, comma-separated) and its
    `dump_claims_rest`. `checked=False` skips the field checks (rows this process wrote)."""
    if isinstance(report, bytes):
        report = report.decode("utf-8", "replace") if checked else report.decode()
    if not checked and not _CLAIM.partial:
        records = _loads("[" + report + "]")
        offsets, masks = _loads(rest)
        out = []
        for record, offset, mask in zip(records, offsets, masks, strict=True):
            row = list(record.values())
            if mask:
                for at, bit in _NUMBERS:
                    if mask & bit:
                        row[at] = _FLOAT(row[at])
            row.append(offset)
            out.append(Claim(*row))
        return out
    records = _list("[" + report + "]") if isinstance(report, str) else _list(report)
    data = _list(rest)
    if not (len(data) == 2 and type(data[0]) is list and type(data[1]) is list
            and len(data[0]) == len(data[1]) == len(records)
            and all(type(n) is int for n in data[0]) and all(type(n) is int for n in data[1])):
        raise BadRow("not stored claims")
    out = []
    for record, offset, mask in zip(records, data[0], data[1], strict=True):
        if type(record) is not dict or tuple(record) != _REPORTED:
            raise BadRow("not a reported claim")
        row = list(record.values())
        for at, bit in _NUMBERS:
            if mask & bit:
                if type(row[at]) is not int:
                    raise BadRow("not a reported claim")
                row[at] = _FLOAT(row[at])
        row.append(offset)
        out.append(_CLAIM.build(row))
    return out


def claim_row(claim: Claim) -> tuple:
    """A claim as a tuple of its fields, for the store."""
    return _CLAIM.row(claim)


def claim_from_row(row: Any) -> Claim:
    """A claim back from `claim_row`."""
    return _CLAIM.build(row)


# -- documents ---------------------------------------------------------------------------

def dump_document(doc: Document) -> str:
    """A document as compact JSON text."""
    return _dumps(_DOCUMENT.row(doc))


def load_document(text: str | bytes, checked: bool = True) -> Document:
    """A document back from `dump_document` (`checked`: validate it first)."""
    if not checked and not _DOCUMENT.partial and not _DOCUMENT.restore:
        return Document(*_loads(text))
    return _DOCUMENT.build(_parse(text))


# -- findings (the cache keeps each file's built-in findings) ----------------------------

def finding_data(f: Finding) -> list:
    """A finding as a JSON-ready list."""
    return [f.rule, f.check, f.severity, f.message, f.status, f.details, f.id,
            [[fc.role, _CLAIM.row(fc.claim)] for fc in f.claims]]


def finding_from_data(data: Any) -> Finding:
    """A finding back from `finding_data`; BadRow for data that is not one."""
    if not (type(data) is list and len(data) == 8
            and all(isinstance(v, str) for v in data[:5]) and isinstance(data[5], dict)
            and isinstance(data[6], str) and isinstance(data[7], list)
            and data[2] in SEVERITIES and data[4] in STATUSES):
        raise BadRow("not a stored finding")
    cited = []
    for item in data[7]:
        if not (type(item) is list and len(item) == 2 and item[0] in ROLES):
            raise BadRow("not a stored finding claim")
        cited.append(FindingClaim(_CLAIM.build(item[1]), item[0]))
    rule, check, severity, message, status, details, finding_id, _ = data
    details.pop("decision", None)  # set by the review stage from the decisions file only
    return Finding(rule, check, severity, message, cited, status, details, finding_id)


# -- any JSON value ----------------------------------------------------------------------

def dumps(value: Any) -> str:
    """Compact JSON of plain data (what rows hold); TypeError for anything else."""
    return _dumps(value)


def loads(text: str | bytes) -> Any:
    """A row's JSON value; BadRow when it is not JSON."""
    return _parse(text)


def _parse(text: Any) -> Any:
    if not isinstance(text, str | bytes):
        raise BadRow("not JSON text")
    try:
        return _loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadRow(f"not JSON ({exc.__class__.__name__})") from None


def _list(text: Any) -> list:
    value = _parse(text)
    if type(value) is not list:
        raise BadRow("not a list of records")
    return value
