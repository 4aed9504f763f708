"""A claim's JSON text as the reports print it, written field by field.

Why: a report or a `checker extract` listing holds one record per claim (tens of
thousands for a few MB of news), and building each claim's dict (`Claim.to_dict`) only
to have `json` walk it again costs more than extracting the claim did. These functions
write the very bytes `json.dumps(claim.to_dict(), ensure_ascii=False)` (a JSON Lines
record) and the JSON report's indented encoder (`checker.report.json`) give, from the
claim's attributes, with the field names written once. A field holding anything other
than a plain value goes through `json` itself, so its bytes (and errors) stay json's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from checker.model import Claim

__all__ = ["claim_line", "claim_lines", "indented_claims"]

_string = json.encoder.encode_basestring
_json_line = json.JSONEncoder(ensure_ascii=False).encode
_INF = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _whole_or_float(value: float) -> str:
    """A float as `to_dict` gives it to json: integral ones as ints."""
    if value.is_integer() and abs(value) < 1e15:
        return int.__repr__(int(value))
    return _float(value)


# A claim's value, low or high, by exact type (`to_dict` writes integral floats as ints).
_NUMBER: dict[type, Callable[[Any], str]] = {
    float: _whole_or_float,
    int: int.__repr__,
    str: _string,
    type(None): lambda _: "null",
}
_TEXT_OR_NULL: dict[type, Callable[[Any], str]] = {
    str: _string,
    type(None): lambda _: "null",
}
_INTS = (int, int, int, int)
_STRS = (str, str, str, str, str, str)


def _plain_fields(c: Claim) -> tuple[str, ...] | None:
    """The encoded fields of `c` in `to_dict` order ("" for quote and attrs, written by
    the caller); None when a field is not a plain value of its usual type (then `json`
    writes the claim)."""
    number, text = _NUMBER.get, _TEXT_OR_NULL.get
    value, low, high = number(type(c.value)), number(type(c.low)), number(type(c.high))
    unit, rule, group = text(type(c.unit)), text(type(c.rule)), text(type(c.group))
    if (value is None or low is None or high is None or unit is None or rule is None
            or group is None or type(c.unit_inferred) is not bool
            or (type(c.start), type(c.end), type(c.line), type(c.column)) != _INTS
            or (type(c.doc), type(c.text), type(c.kind), type(c.qualifier), type(c.id),
                type(c.quote)) != _STRS):
        return None
    return (_string(c.doc), int.__repr__(c.start), int.__repr__(c.end), int.__repr__(c.line),
            int.__repr__(c.column), _string(c.text), "", _string(c.kind), value(c.value),
            _string(c.qualifier), low(c.low), high(c.high), unit(c.unit),
            "true" if c.unit_inferred else "false", _string(c.id), rule(c.rule),
            group(c.group))


_KEYS = ("doc", "start", "end", "line", "column", "text", "quote", "kind", "value",
         "qualifier", "low", "high", "unit", "unit_inferred", "attrs", "id", "rule", "group")


class _Quotes:
    """The encoded sentence of the last claim: claims of one sentence share its string."""

    __slots__ = ("quote", "text")

    def __init__(self) -> None:
        self.quote: str | None = None
        self.text = ""

    def __call__(self, quote: str) -> str:
        if quote is not self.quote:
            self.quote, self.text = quote, _string(quote)
        return self.text


def claim_line(c: Claim, quote: Callable[[str], str] = _string) -> str:
    """`json.dumps(c.to_dict(), ensure_ascii=False)`: one JSON Lines record, no newline."""
    f = _plain_fields(c)
    if f is None:
        return _json_line(c.to_dict())
    return (f'{{"doc": {f[0]}, "start": {f[1]}, "end": {f[2]}, "line": {f[3]}, '
            f'"column": {f[4]}, "text": {f[5]}, "quote": {quote(c.quote)}, "kind": {f[7]}, '
            f'"value": {f[8]}, "qualifier": {f[9]}, "low": {f[10]}, "high": {f[11]}, '
            f'"unit": {f[12]}, "unit_inferred": {f[13]}, "attrs": {_compact(c.attrs)}, '
            f'"id": {f[14]}, "rule": {f[15]}, "group": {f[16]}}}')


def _compact(attrs: Any) -> str:
    """A claim's attrs as `json.dumps` writes them: a dict of text keys and plain values
    directly (keys, texts and non-zero floats memoised: "precision": 1.0 is on most
    claims), anything else by `json`."""
    if type(attrs) is not dict:
        return _json_line(attrs)
    if not attrs:
        return "{}"
    parts = []
    keys, floats = _KEYS_SEEN, _ATTR_FLOATS_SEEN
    for key, value in attrs.items():
        if type(key) is not str:
            return _json_line(attrs)
        head = keys.get(key)
        if head is None:
            head = _remembered(keys, key, f"{_string(key)}: ")
        kind = type(value)
        if kind is float:
            encoded = floats.get(value)
            if encoded is None:
                encoded = _float(value)
                if value:                    # 0.0 and -0.0 share a key, not a text
                    if len(floats) >= 4096:
                        floats.clear()
                    floats[value] = encoded
        elif kind is str:
            encoded = _word(value) or ""
        else:
            scalar = _SCALARS.get(kind)
            if scalar is None:
                return _json_line(attrs)
            encoded = scalar(value)
        parts.append(head + encoded)
    return "{" + ", ".join(parts) + "}"


def _remembered(memo: dict[str, str], key: str, encoded: str) -> str:
    """Store `encoded` for `key` in a memo of words that recur (attrs keys, kinds, units),
    emptied when it grows past a few thousand entries (units are open-ended)."""
    if len(memo) >= 4096:
        memo.clear()
    memo[key] = encoded
    return encoded


# Encoded forms of the strings that recur from claim to claim: attrs keys (with their
# ": "), and kinds, qualifiers, units, rules and groups.
_KEYS_SEEN: dict[str, str] = {}
_WORDS_SEEN: dict[str, str] = {}
_FLOATS_SEEN: dict[float, str] = {}
_ATTR_FLOATS_SEEN: dict[float, str] = {}   # written as floats ("1.0"), unlike the above


def _word(value: Any) -> str | None:
    """A text-or-null field (kind, qualifier, unit, rule, group) encoded; None when it
    holds something else."""
    if value is None:
        return "null"
    if type(value) is not str:
        return None
    encoded = _WORDS_SEEN.get(value)
    return encoded if encoded is not None else _remembered(_WORDS_SEEN, value, _string(value))


def _number(value: Any) -> str | None:
    """A value, low or high as `to_dict` gives it to json (integral floats as ints);
    None for a value of any other type. Floats are memoised: figures and bounds recur
    ("1", "2016", "0.5"); 0.0 and -0.0 share a key, and both are written "0"."""
    kind = type(value)
    if kind is float:
        encoded = _FLOATS_SEEN.get(value)
        if encoded is None:
            if value.is_integer() and -1e15 < value < 1e15:
                encoded = int.__repr__(int(value))
            else:
                encoded = _float(value)
            if len(_FLOATS_SEEN) >= 4096:
                _FLOATS_SEEN.clear()
            _FLOATS_SEEN[value] = encoded
        return encoded
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is str:
        return _string(value)
    return None


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _string,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}


_UNSET = object()


def claim_lines(claims: Iterable[Claim]) -> Iterator[str]:
    """`claim_line` of each claim, with a newline: a JSON Lines listing.

    One loop with the encoded document id and sentence kept from the claim before (a
    document's claims share the one, a sentence's the other) and the recurring words
    memoised; a claim holding anything but plain values goes through `json`."""
    last_doc: object = _UNSET
    last_quote: object = _UNSET
    doc = quote = None
    number, word, string, compact, words = _number, _word, _string, _compact, _WORDS_SEEN
    for c in claims:
        if c.doc is not last_doc:
            last_doc = c.doc
            doc = string(last_doc) if type(last_doc) is str else None
        if c.quote is not last_quote:
            last_quote = c.quote
            quote = string(last_quote) if type(last_quote) is str else None
        value, low, high = number(c.value), number(c.low), number(c.high)
        kind = words.get(c.kind) if type(c.kind) is str else None   # memo read inline
        if kind is None:
            kind = word(c.kind)
        qualifier = words.get(c.qualifier) if type(c.qualifier) is str else None
        if qualifier is None:
            qualifier = word(c.qualifier)
        unit = "null" if c.unit is None else word(c.unit)    # the common Nones inline
        rule = "null" if c.rule is None else word(c.rule)
        group = "null" if c.group is None else word(c.group)
        start, end, line, column = c.start, c.end, c.line, c.column
        text, inferred, cid = c.text, c.unit_inferred, c.id
        if (doc is None or quote is None or value is None or low is None or high is None
                or kind is None or qualifier is None or unit is None or rule is None
                or group is None
                or type(start) is not int or type(end) is not int or type(line) is not int
                or type(column) is not int or type(inferred) is not bool
                or type(text) is not str or type(cid) is not str):
            yield _json_line(c.to_dict()) + "\n"
            continue
        yield (f'{{"doc": {doc}, "start": {start}, "end": {end}, "line": {line}, '
               f'"column": {column}, "text": {string(text)}, "quote": {quote}, '
               f'"kind": {kind}, "value": {value}, "qualifier": {qualifier}, "low": {low}, '
               f'"high": {high}, "unit": {unit}, '
               f'"unit_inferred": {"true" if inferred else "false"}, '
               f'"attrs": {compact(c.attrs)}, "id": {string(cid)}, "rule": {rule}, '
               f'"group": {group}}}\n')


def indented_claims(claims: Iterable[Claim], depth: int,
                    encode: Callable[[Any, int], str]) -> Iterator[str]:
    """Each claim as the JSON report's encoder `encode(value, depth)` writes its
    `to_dict()` `depth` levels down (indent 2); `encode` writes the attrs and any claim
    whose fields are not plain values."""
    pad = "\n" + "  " * (depth + 1)
    # Between two fields: `,`, a line break, the indent and the next field's key.
    j = [f',{pad}"{key}": ' for key in _KEYS]
    head, tail = "{" + pad + '"doc": ', "\n" + "  " * depth + "}"
    quote = _Quotes()
    for c in claims:
        f = _plain_fields(c)
        if f is None:
            yield encode(c.to_dict(), depth)
            continue
        attrs = c.attrs
        yield "".join((
            head, f[0], j[1], f[1], j[2], f[2], j[3], f[3], j[4], f[4], j[5], f[5],
            j[6], quote(c.quote), j[7], f[7], j[8], f[8], j[9], f[9], j[10], f[10],
            j[11], f[11], j[12], f[12], j[13], f[13],
            j[14], encode(attrs, depth + 1) if attrs else "{}",
            j[15], f[14], j[16], f[15], j[17], f[16], tail,
        ))
