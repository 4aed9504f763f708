"""The records that flow through the pipeline: Document -> Claim -> Finding.

Every stage takes and returns these plain dataclasses; every report format is a pure
function of their dict forms (`to_dict`), which are the JSON contract of DESIGN.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# The closed vocabularies of the JSON contract, as `Literal` types: the values stay plain
# strings (JSON and equality unchanged), and mypy catches a misspelt one. The tuples list
# each vocabulary's values, in the order reports and help texts give them.
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

# Kinds of claim. Only `count`, `percent` and `amount` are quantities that can be compared
# as magnitudes; the temporal kinds compare as dates; `ordinal` and `label` never compare.
QuantityKind = Literal["count", "percent", "amount"]
TemporalKind = Literal["year", "date", "month", "decade", "relative_year"]
# `share` ("one in four", "a third of": the ratio) and `change` ("rose 4.2%": signed by its
# direction) are figures a rule may select by name, but never counts: no rule takes them
# by default and the drift check leaves them alone. `name` (a person's or organisation's
# name) and `text` (a stretch of damaged text) are cited by the name_variant and encoding
# checks; they are never compared as figures.
Kind = Literal[
    QuantityKind, TemporalKind,
    "share", "change", "ordinal", "duration", "age", "label", "name", "text",
]
QUANTITY_KINDS: tuple[QuantityKind, ...] = get_args(QuantityKind)
TEMPORAL_KINDS: tuple[TemporalKind, ...] = get_args(TemporalKind)
KINDS: tuple[Kind, ...] = get_args(Kind)

Qualifier = Literal[
    "exact", "over", "at_least", "about", "nearly", "up_to", "under", "between", "vague",
]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

# How a finding cites a claim: the claim it disputes, or one it is measured against.
Role = Literal["flagged", "reference"]
ROLES: tuple[Role, ...] = get_args(Role)
# Where a finding stands with the editors: new, or decided (accepted, dismissed), or
# known from the baseline.
Status = Literal["new", "accepted", "dismissed", "baseline"]
STATUSES: tuple[Status, ...] = get_args(Status)


@dataclass(slots=True)
class Document:
    """One text of the corpus. `id` is the path relative to the corpus root, `/`-separated
    (for multi-record files: `path#record-id`)."""

    id: str
    text: str
    path: str = ""            # the file it came from, as given on the command line
    # ISO date the text was published, when known: YYYY-MM-DD, or YYYY-MM / YYYY when the
    # metadata gives only a month or a year
    date: str | None = None
    # front_matter | header | meta | option | record | dateline (a date opening the text)
    # | text (the first full date in the text: a guess)
    date_source: str | None = None
    title: str | None = None
    source: str | None = None  # URL if known
    encoding: str = "utf-8"
    format: str = "txt"
    # Inline suppressions: (line, rule ids) for each `checker: ignore[...]` directive, or
    # (first line, rule ids, last line) for one that covers several lines (an HTML
    # paragraph); an empty tuple of ids means every rule. Filled by the reader.
    suppressions: list[tuple] = field(default_factory=list)
    # The text's length, kept when the text itself is dropped (stored and cached documents).
    chars: int | None = None
    # Where the text's characters are in the file, when the reader changed them (HTML):
    # an object with `position(offset) -> (line, column)`. Used while extracting, never
    # stored or reported.
    source_map: Any = field(default=None, compare=False, repr=False,
                            metadata={"stored": False})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "date": self.date,
            "date_source": self.date_source,
            "title": self.title,
            "source": self.source,
            "encoding": self.encoding,
            "format": self.format,
            "chars": len(self.text) if self.chars is None else self.chars,
        }


@dataclass(slots=True)
class Claim:
    """A numeric or dated statement found in a document, located and normalised.

    `low`/`high` are the interval the text commits to (DESIGN.md, interval semantics);
    for temporal kinds they are years (year, decade, relative_year, month, date: the
    year a date falls in, so a date and a year stated with it compare directly).
    `attrs` holds kind-specific facts: `weekday`, `precision`, `currency`,
    `years`/`direction` for relative years, `scale`, and so on.
    """

    doc: str
    start: int
    end: int
    line: int
    column: int
    text: str
    quote: str
    kind: Kind
    value: float | int | str | None
    qualifier: Qualifier = "exact"
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_inferred: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    rule: str | None = None
    group: str | None = None
    # Where `text` starts in `quote` (-1: unknown), so a report marks this very figure
    # even when the same figure is written twice in the sentence.
    quote_offset: int = -1

    def to_dict(self) -> dict[str, Any]:
        """The claim as the report lists it (fields in declaration order; a report may
        hold millions, so no dataclasses.asdict deep copy)."""
        return {
            "doc": self.doc, "start": self.start, "end": self.end, "line": self.line,
            "column": self.column, "text": self.text, "quote": self.quote, "kind": self.kind,
            "value": plain_number(self.value), "qualifier": self.qualifier,
            "low": plain_number(self.low), "high": plain_number(self.high),
            "unit": self.unit, "unit_inferred": self.unit_inferred,
            "attrs": _copied(self.attrs), "id": self.id, "rule": self.rule, "group": self.group,
        }


@dataclass(slots=True)
class FindingClaim:
    """A claim as cited by a finding: which claim, and whether it is disputed."""

    claim: Claim
    role: Role

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "id": c.id,
            "doc": c.doc,
            "role": self.role,
            "text": c.text,
            "line": c.line,
            "column": c.column,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "value": plain_number(c.value),
            "qualifier": c.qualifier,
            "low": plain_number(c.low),
            "high": plain_number(c.high),
            "unit": c.unit,
            "quote": c.quote,
            "quote_offset": c.quote_offset,
        }


@dataclass(slots=True)
class Finding:
    """A contradiction (or other problem) an editor should look at."""

    rule: str                 # rule id, or the built-in check's id for built-ins
    check: str                # conflict | expected | weekday | years_ago | drift | ...
    severity: Severity
    message: str
    claims: list[FindingClaim]
    status: Status = "new"
    details: dict[str, Any] = field(default_factory=dict)  # slip, consensus, counts...
    id: str = ""

    def flagged(self) -> list[Claim]:
        return [fc.claim for fc in self.claims if fc.role == "flagged"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "check": self.check,
            "severity": self.severity,
            "status": self.status,
            "message": self.message,
            "details": self.details,
            "claims": [fc.to_dict() for fc in self.claims],
        }


def figure_value(claim: Claim) -> float:
    """A figure's value as the number it is, for a claim a stage has already kept to
    numeric figures (a quantity with bounds, a year): there it is never text or None."""
    value = claim.value
    assert isinstance(value, int | float), claim.kind
    return value


def _copied(value: Any) -> Any:
    """A copy of nested dicts and lists (attrs hold only plain values)."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_copied(v) for v in value)
    return value


def plain_number(value: Any) -> Any:
    """Integral floats as ints, so JSON reads `463`, not `463.0`; anything else unchanged.
    Beyond 1e15 a float is left alone: its digits are not exact. The one such helper:
    `checker.util.numbers` hands it to the stages above the model."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def normalize_quote(text: str) -> str:
    """Whitespace- and case-insensitive form of a text, for fingerprints."""
    return " ".join(text.split()).lower()


def claim_id(doc: str, kind: str, text: str, occurrence: int) -> str:
    """Stable id: survives edits elsewhere in the document (no offsets, no line numbers)."""
    return _claim_id(doc, kind, normalize_quote(text), occurrence)


def _claim_id(doc: str, kind: str, normalized: str, occurrence: int) -> str:
    key = f"{doc}\x00{kind}\x00{normalized}\x00{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def assign_claim_ids(claims: list[Claim]) -> None:
    """Give each claim of one document its stable id (claims must be in text order)."""
    seen: dict[tuple[str, str], int] = {}
    sha1 = hashlib.sha1
    for c in claims:
        # `normalize_quote` and `_claim_id` inlined (same key, same digest): this runs
        # once per claim of the corpus.
        kind = c.kind
        normalized = " ".join(c.text.split()).lower()
        key = (kind, normalized)
        n = seen.get(key, 0)
        seen[key] = n + 1
        c.id = sha1(f"{c.doc}\x00{kind}\x00{normalized}\x00{n}".encode()).hexdigest()[:12]


def finding_id(rule: str, check: str, claims: list[FindingClaim]) -> str:
    """Fingerprint of a finding from content, not positions: rule, check, and each cited
    claim's document, text and sentence. Unrelated edits leave it unchanged."""
    parts = sorted(
        f"{fc.role}\x01{fc.claim.doc}\x01{normalize_quote(fc.claim.text)}\x01"
        f"{normalize_quote(fc.claim.quote)}"
        for fc in claims
    )
    key = "\x00".join([rule, check, *parts])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
