"""CSV audit tables through pandas: every claim, and every claim of every finding.

Document text is untrusted: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is one a spreadsheet may run as a formula ("=HYPERLINK(...)" in a scraped quote), so
such text cells get a leading `'` (OWASP's advice for CSV injection). Numbers stay numbers.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

FINDING_COLUMNS = [
    "finding_id", "rule", "check", "severity", "status", "message", "role", "claim_id",
    "doc", "line", "column", "text", "kind", "value", "qualifier", "low", "high", "unit",
    "quote",
]
CLAIM_COLUMNS = [
    "id", "doc", "line", "column", "start", "end", "text", "kind", "value", "qualifier",
    "low", "high", "unit", "unit_inferred", "rule", "group", "quote", "attrs",
]


def findings_table(report: dict[str, Any]) -> pd.DataFrame:
    """One row per claim per finding, with its role, values, interval, quote and status."""
    rows = []
    for f in report["findings"]:
        for c in f["claims"]:
            rows.append({
                "finding_id": f["id"], "rule": f["rule"], "check": f["check"],
                "severity": f["severity"], "status": f["status"], "message": f["message"],
                "role": c["role"], "claim_id": c["id"], "doc": c["doc"], "line": c["line"],
                "column": c["column"], "text": c["text"], "kind": c["kind"],
                "value": c["value"], "qualifier": c["qualifier"], "low": c["low"],
                "high": c["high"], "unit": c["unit"], "quote": c["quote"],
            })
    return pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)


def claims_table(report: dict[str, Any]) -> pd.DataFrame:
    """The report's claims as a table, one row each, attributes as JSON."""
    rows = []
    for c in report["claims"]:
        row = {k: c.get(k) for k in CLAIM_COLUMNS}
        row["attrs"] = json.dumps(c.get("attrs") or {}, sort_keys=True, ensure_ascii=False)
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=CLAIM_COLUMNS)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: object) -> object:
    """A text cell a spreadsheet will show, never evaluate."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(table: pd.DataFrame) -> str:
    """The table as CSV text, cells a spreadsheet could run made inert."""
    table = table.copy()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].map(inert)
    return table.to_csv(index=False, lineterminator="\n")


def render(report: dict[str, Any]) -> str:
    """The findings table (the one a reviewer reads); `tables` gives both."""
    return to_csv(findings_table(report))


def tables(report: dict[str, Any]) -> dict[str, str]:
    """File name -> CSV text, for writing the whole audit into a folder."""
    return {
        "findings.csv": to_csv(findings_table(report)),
        "claims.csv": to_csv(claims_table(report)),
    }
