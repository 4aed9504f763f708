"""SARIF 2.1.0: the report for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).

A pure function of the report dict. Each finding becomes one result: its flagged claims are
the locations, the claims they were measured against are related locations, and the finding
id is the partial fingerprint so a code-scanning service tracks the same alert across runs.
Findings an editor has already decided on (or that are in the baseline) are still reported,
with an external suppression, so the service shows them as closed rather than forgetting them.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "checker/v1"
SOURCE_ROOT = "%SRCROOT%"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_LEVEL_RANK = {"note": 1, "warning": 2, "error": 3}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def render(report: dict[str, Any]) -> str:
    """The SARIF log as JSON text: one run, rules in id order, results in report order."""
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: dict[str, Any]) -> dict[str, Any]:
    """The SARIF log as a dict (what `render` serialises)."""
    findings = report.get("findings", [])
    paths = {d["id"]: d.get("path") or d["id"] for d in report.get("documents", [])}
    rules = _rules(findings)
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    tool = report.get("tool", {})
    driver: dict[str, Any] = {"name": tool.get("name", "checker")}
    if tool.get("version"):
        driver["version"] = tool["version"]
        driver["semanticVersion"] = tool["version"]
    driver["rules"] = rules
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, rule_index, paths) for f in findings],
            }
        ],
    }


def _rules(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One reporting descriptor per rule id; its default level is its most severe finding's."""
    checks: dict[str, set[str]] = {}
    level: dict[str, str] = {}
    for f in findings:
        rule = f["rule"]
        checks.setdefault(rule, set()).add(f["check"])
        this = LEVELS.get(f["severity"], "warning")
        if _LEVEL_RANK[this] > _LEVEL_RANK.get(level.get(rule, ""), 0):
            level[rule] = this
    return [
        {
            "id": rule,
            "name": rule,
            "shortDescription": {
                "text": f"checker rule {rule} (checks: {', '.join(sorted(checks[rule]))})"
            },
            "defaultConfiguration": {"level": level[rule]},
        }
        for rule in sorted(checks)
    ]


def _result(
    finding: dict[str, Any], rule_index: dict[str, int], paths: dict[str, str]
) -> dict[str, Any]:
    claims = finding.get("claims", [])
    flagged = [c for c in claims if c.get("role") == "flagged"] or claims[:1]
    flagged_ids = {id(c) for c in flagged}
    references = [c for c in claims if id(c) not in flagged_ids]
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index[finding["rule"]],
        "level": LEVELS.get(finding["severity"], "warning"),
        "message": {"text": finding["message"]},
        "locations": [_location(c, paths) for c in flagged],
    }
    if references:
        result["relatedLocations"] = [
            {**_location(c, paths), "id": i, "message": {"text": f"reference: {c['text']}"}}
            for i, c in enumerate(references, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding["id"]}
    status = finding.get("status", "new")
    if status != "new":
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": _justification(finding)}
        ]
    result["properties"] = {"check": finding["check"], "status": status}
    return result


def _justification(finding: dict[str, Any]) -> str:
    """Why the finding is suppressed: its status, then the editor's reason and note."""
    decision = (finding.get("details") or {}).get("decision") or {}
    said = [str(decision[k]) for k in ("reason", "note") if decision.get(k)]
    status = finding.get("status", "")
    return f"{status}: {'; '.join(said)}" if said else status


def _location(claim: dict[str, Any], paths: dict[str, str]) -> dict[str, Any]:
    path = paths.get(claim["doc"]) or claim["doc"]
    physical: dict[str, Any] = {"artifactLocation": artifact_location(path)}
    region = _region(claim)
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative paths against %SRCROOT%, absolute ones as file URIs.

    A multi-record document id (`file.jsonl#record`) names the file before the `#`.
    """
    path = path.replace("\\", "/").split("#", 1)[0]
    while path.startswith("./"):
        path = path[2:]
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    if _WINDOWS_DRIVE.match(path):
        return {"uri": "file:///" + quote(path, safe="/:")}
    return {"uri": quote(path), "uriBaseId": SOURCE_ROOT}


def _region(claim: dict[str, Any]) -> dict[str, Any]:
    """Start and end of the claim's text; the end column is one past its last character."""
    line, column, text = claim.get("line"), claim.get("column"), claim.get("text") or ""
    if not line:
        return {}
    region: dict[str, Any] = {"startLine": line}
    if column:
        lines = text.split("\n")
        end_line = line + len(lines) - 1
        end_column = (column if len(lines) == 1 else 1) + len(lines[-1])
        region.update(startColumn=column, endLine=end_line, endColumn=end_column)
    if text:
        region["snippet"] = {"text": text}
    return region
