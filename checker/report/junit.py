"""JUnit XML: findings as test results, for CI systems that chart tests (GitLab, Jenkins, ...).

One test suite per rule, one test case per finding. A finding fails its test when it would
fail the run (status new, severity at or above the report's fail-on level); new findings
below that level and findings already decided on or in the baseline are skipped with the
reason, so the test page and the exit code tell the same story. A clean report still has one
passing test case, so CI shows that the check ran.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from checker.model import SEVERITY_RANK

SUITES_NAME = "checker"
CLEAN_CASE = "no contradictions"
# Characters XML 1.0 cannot carry at all (scraped pages do contain them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: dict[str, Any]) -> str:
    """The JUnit XML document, UTF-8 declared, indented, ending with a newline."""
    root = junit_tree(report)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def junit_tree(report: dict[str, Any]) -> ET.Element:
    """The <testsuites> element (what `render` serialises)."""
    fail_on = report.get("summary", {}).get("fail_on", "warning")
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in report.get("findings", []):
        by_rule.setdefault(finding["rule"], []).append(finding)
    root = ET.Element("testsuites", name=SUITES_NAME)
    if not by_rule:
        suite = ET.SubElement(root, "testsuite", name=SUITES_NAME)
        ET.SubElement(suite, "testcase", classname=SUITES_NAME, name=CLEAN_CASE)
        _count(suite, tests=1, failures=0, skipped=0)
    for rule in sorted(by_rule):
        suite = ET.SubElement(root, "testsuite", name=_xml_text(rule))
        failures = skipped = 0
        for finding in by_rule[rule]:
            case = _testcase(suite, finding)
            skip_reason = _skip_reason(finding, fail_on)
            if skip_reason:
                ET.SubElement(case, "skipped", message=_xml_text(skip_reason))
                skipped += 1
            else:
                failure = ET.SubElement(
                    case, "failure", message=_xml_text(finding["message"]),
                    type=_xml_text(finding["check"]),
                )
                failure.text = _xml_text(_failure_text(finding))
                failures += 1
        _count(suite, tests=len(by_rule[rule]), failures=failures, skipped=skipped)
    suites = list(root)
    _count(
        root,
        tests=sum(int(s.get("tests", 0)) for s in suites),
        failures=sum(int(s.get("failures", 0)) for s in suites),
        skipped=sum(int(s.get("skipped", 0)) for s in suites),
    )
    return root


def _testcase(suite: ET.Element, finding: dict[str, Any]) -> ET.Element:
    """A test case named after where the finding is ("doc:line id"), stable across runs."""
    claims = finding.get("claims", [])
    first = next((c for c in claims if c.get("role") == "flagged"), claims[0] if claims else None)
    where = f"{first['doc']}:{first.get('line') or 0}" if first else "-"
    return ET.SubElement(
        suite, "testcase",
        classname=_xml_text(f"checker.{finding['rule']}"),
        name=_xml_text(f"{where} {finding['id']}"),
    )


def _skip_reason(finding: dict[str, Any], fail_on: str) -> str | None:
    """Why a finding does not fail its test, or None when it does."""
    status = finding.get("status", "new")
    if status != "new":
        decision = (finding.get("details") or {}).get("decision") or {}
        said = [str(decision[k]) for k in ("reason", "note") if decision.get(k)]
        return f"{status}: {'; '.join(said)}" if said else status
    if fail_on == "never":
        return f"{finding['severity']}: failing is turned off (fail-on never)"
    if SEVERITY_RANK.get(finding["severity"], 0) < SEVERITY_RANK.get(fail_on, 0):
        return f"{finding['severity']}: below the fail-on level ({fail_on})"
    return None


def _failure_text(finding: dict[str, Any]) -> str:
    """The message, then every cited claim as "role doc:line: quote"."""
    lines = [finding["message"], ""]
    for claim in finding.get("claims", []):
        quote = " ".join((claim.get("quote") or claim.get("text") or "").split())
        lines.append(f"{claim.get('role', '')} {claim['doc']}:{claim.get('line') or 0}: {quote}")
    return "\n".join(lines) + "\n"


def _count(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: control characters and lone surrogates become U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text))
