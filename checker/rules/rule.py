"""The Rule record: one named quantity and which claims are about it.

Loaded from YAML by `checker.rules.load`; read by `checker.rules.select` (which claims
belong to it) and by `checker.compare.groups` (how to compare them).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Qualifier, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule: what it selects, how figures are grouped and compared."""
    id: str
    title: str = ""
    kinds: tuple[str, ...] = ("count",)
    units: tuple[str, ...] = ()            # fuzzy-matched against Claim.unit (rapidfuzz)
    units_bare: bool = False               # `~` in units: also figures with no unit written
    units_none: tuple[str, ...] = ()       # never a claim whose unit matches one of these
    units_inferred: bool = True            # false: only figures whose unit is written
    context_all: tuple[str, ...] = ()      # every term must appear in the window
    context_any: tuple[str, ...] = ()      # at least one term must appear (if any given)
    context_none: tuple[str, ...] = ()     # no term may appear
    window: str | int = "sentence"         # "sentence" | "paragraph" | "document" | N
    near_all: tuple[str, ...] = ()         # every term (any form) near the figure
    near_any: tuple[str, ...] = ()         # at least one term near the figure
    near_none: tuple[str, ...] = ()        # no term near the figure
    near_within: str | int = "clause"      # "clause" (the figure's own) or N words either side
    document_all: tuple[str, ...] = ()     # every term must appear somewhere in the document
    document_any: tuple[str, ...] = ()     # at least one term must appear in the document
    document_none: tuple[str, ...] = ()    # no term may appear in the document
    docs: tuple[str, ...] = ()             # document globs; empty = all documents
    across: str = "corpus"                 # "corpus" | "document"
    tolerance: float = 0.0                 # relative, 0.05 = 5 %
    tolerance_abs: float = 0.0             # absolute, in the claim's own unit
    tolerance_set: bool = False            # given: replaces the widths of approximate figures
    expect_value: float | None = None      # the house figure
    expect_qualifier: Qualifier = "exact"
    expect_high: float | None = None       # for `between` expectations
    severity: Severity = "error"
    message: str | None = None             # template, see README ("Message templates")
    source: str = ""                       # "rules/x.yaml:12" where the rule was defined
