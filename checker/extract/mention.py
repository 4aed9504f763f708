"""A Mention is what a finder returns: a typed span of the text, not yet located by
line/column nor tied to a document. `checker.extract.extract` turns mentions into Claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Mention:
    """A claim found in the text, before it becomes a `Claim`: span, kind, value, interval."""
    start: int          # offset of the first character of the span (qualifier included)
    end: int            # offset just past the span: text[start:end] is the claim's text
    kind: str           # see checker.model.KINDS
    value: float | int | str | None
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_inferred: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end
