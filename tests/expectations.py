"""Hold a JSON report against an expectations file (must_find, must_not_find, ...).

The same semantics as the acceptance check the project is judged by: a `find` entry holds
when one finding involves distinct claims matching every item; a `not_find` entry is
broken when one finding involves such claims and at least one of them is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


def _matches(item: dict[str, str], claim: dict[str, Any]) -> bool:
    if "doc" in item and not re.fullmatch(item["doc"], str(claim.get("doc", ""))):
        return False
    if "text" in item and not re.search(item["text"], str(claim.get("text", ""))):
        return False
    return "role" not in item or claim.get("role") == item["role"]


def _assignments(items: list[dict], claims: list[dict]) -> Iterator[list[dict]]:
    candidates = [[c for c in claims if _matches(it, c)] for it in items]

    def walk(i: int, used: list[dict]) -> Iterator[list[dict]]:
        if i == len(items):
            yield used
            return
        for c in candidates[i]:
            if not any(c is u for u in used):
                yield from walk(i + 1, [*used, c])

    if all(candidates):
        yield from walk(0, [])


def found(entry: dict, findings: list[dict]) -> bool:
    return any(any(True for _ in _assignments(entry["claims"], f["claims"])) for f in findings)


def broken_by(entry: dict, findings: list[dict]) -> list[dict]:
    return [
        f for f in findings
        if any(any(c["role"] == "flagged" for c in chosen)
               for chosen in _assignments(entry["claims"], f["claims"]))
    ]


def failures(expected: dict, report: dict, strict_should: bool = False) -> list[str]:
    """One line per expectation that does not hold."""
    findings = report["findings"]
    out = []
    finds = expected.get("must_find", []) + (expected.get("should_find", []) if strict_should
                                             else [])
    for entry in finds:
        if not found(entry, findings):
            out.append(f"missed: {entry['why']}")
    avoid = expected.get("must_not_find", []) + (
        expected.get("should_not_find", []) if strict_should else [])
    for entry in avoid:
        for f in broken_by(entry, findings):
            out.append(f"false: {entry['why']} <- {f['message']}")
    return out
