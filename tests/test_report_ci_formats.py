"""SARIF, GitHub annotations, JUnit XML and Markdown: each a pure function of the report dict."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.report import github, junit, markdown, sarif

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"
HOSTILE = 'Ratio: 50% of 1,000 differs\nfrom <script>alert("x")</script> here.'


def _claim(doc: str, role: str, text: str, line: int, column: int, quote: str,
           value: float, **extra: object) -> dict:
    claim = {"id": f"{doc}:{line}:{column}", "doc": doc, "role": role, "text": text,
             "line": line, "column": column, "start": line * 100 + column,
             "end": line * 100 + column + len(text), "kind": "count", "value": value,
             "qualifier": "exact", "low": value, "high": value, "unit": "signatories",
             "quote": quote}
    claim.update(extra)
    return claim


LETTER = "articles/2022/letter.txt"
IRAN = "news/iran/report.md"


def _report() -> dict:
    letter_quote = "Our open letter now has 463 signatories from forty countries."
    findings = [
        {"id": "3f2a9c0d1e2b4a5c", "rule": "letter-signatories", "check": "conflict",
         "severity": "error", "status": "new",
         "message": "462 here; 463 in 2 other places in this document (off by one).",
         "details": {"slip": "off by one"},
         "claims": [
             _claim(LETTER, "flagged", "The 462", 12, 1,
                    "The 462 asked the *United Nations* to act | now, said @someone_else.",
                    462),
             _claim(LETTER, "reference", "463", 3, 25, letter_quote, 463),
             _claim(LETTER, "reference", "463", 20, 9, "All 463 names are listed below.", 463),
         ]},
        {"id": "77aa00bb11cc22dd", "rule": "massacre-1988-victims", "check": "conflict",
         "severity": "warning", "status": "new", "message": HOSTILE, "details": {},
         "claims": [
             _claim(IRAN, "flagged", "over 300", 4, 18,
                    "In 1988 the regime executed over 300 political prisoners.", 300,
                    qualifier="over"),
             _claim(LETTER, "reference", "over 30,000", 30, 5,
                    "Over 30,000 political prisoners were executed in 1988.", 30000,
                    qualifier="over"),
         ]},
        {"id": "0011223344556677", "rule": "weekday", "check": "weekday", "severity": "info",
         "status": "dismissed", "message": "Thursday does not match 27 January 2021.",
         "details": {"decision": {"reason": "quoted from an older release", "note": "ok"}},
         "claims": [_claim(IRAN, "flagged", "Thursday, January 27, 2021", 2, 1,
                           "Thursday, January 27, 2021", "2021-01-27", kind="date")]},
    ]
    return {
        "version": 1,
        "tool": {"name": "checker", "version": "0.1.0"},
        "summary": {"documents": 2, "claims": 40, "findings": 3,
                    "by_severity": {"error": 1, "warning": 1, "info": 1},
                    "by_check": {"conflict": 2, "weekday": 1},
                    "by_status": {"new": 2, "accepted": 0, "dismissed": 1, "baseline": 0},
                    "fail_on": "warning", "failed": True},
        "documents": [
            {"id": LETTER, "path": "corpus/articles/2022/letter.txt", "date": "2022-01-27",
             "date_source": "text", "title": None, "source": None, "encoding": "utf-8",
             "format": "txt", "chars": 5012},
            {"id": IRAN, "path": "", "date": None, "date_source": None, "title": None,
             "source": None, "encoding": "utf-8", "format": "md", "chars": 900},
        ],
        "findings": findings,
        "claims": [],
    }


@pytest.fixture
def report() -> dict:
    return _report()


@pytest.fixture
def empty_report() -> dict:
    r = _report()
    r["findings"] = []
    r["summary"].update(findings=0, failed=False,
                        by_status={"new": 0, "accepted": 0, "dismissed": 0, "baseline": 0})
    return r


FORMATS = [sarif, github, junit, markdown]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda m: m.__name__)
def test_render_is_deterministic_pure_and_ends_with_newline(fmt, report) -> None:
    before = copy.deepcopy(report)
    first = fmt.render(report)
    assert first == fmt.render(copy.deepcopy(report))
    assert report == before
    assert first.endswith("\n")


# ---- SARIF -------------------------------------------------------------------------------

def _validate_sarif(text: str) -> dict:
    log = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors]
    return log


def test_sarif_validates_and_maps_findings(report) -> None:
    log = _validate_sarif(sarif.render(report))
    assert log["$schema"] == sarif.SCHEMA_URI and log["version"] == "2.1.0"
    run, = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("checker", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == [
        "letter-signatories", "massacre-1988-victims", "weekday"]
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [
        "error", "warning", "note"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert results[1]["message"]["text"] == HOSTILE


def test_sarif_locations_regions_and_references(report) -> None:
    first = json.loads(sarif.render(report))["runs"][0]["results"][0]
    loc, = first["locations"]
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "corpus/articles/2022/letter.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 8,
        "snippet": {"text": "The 462"}}
    related = first["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert [r["message"]["text"] for r in related] == ["reference: 463", "reference: 463"]
    assert related[0]["physicalLocation"]["region"]["startLine"] == 3
    assert first["partialFingerprints"] == {"checker/v1": "3f2a9c0d1e2b4a5c"}
    assert first["properties"] == {"check": "conflict", "status": "new"}
    assert "suppressions" not in first


def test_sarif_falls_back_to_document_id_and_suppresses_decided(report) -> None:
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    iran = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert iran == {"uri": "news/iran/report.md", "uriBaseId": "%SRCROOT%"}
    assert results[2]["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "dismissed: quoted from an older release; ok"}]
    assert results[2]["properties"]["status"] == "dismissed"


def test_sarif_empty_report_is_valid(empty_report) -> None:
    run, = _validate_sarif(sarif.render(empty_report))["runs"]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_sarif_multiline_claim_region() -> None:
    claim = _claim("a.txt", "flagged", "27\nJanuary", 5, 40, "q", 1)
    region = sarif._region(claim)
    assert (region["endLine"], region["endColumn"]) == (6, 8)


@pytest.mark.parametrize("path, expected", [
    ("corpus/a b.txt", {"uri": "corpus/a%20b.txt", "uriBaseId": "%SRCROOT%"}),
    (".\\corpus\\x.txt", {"uri": "corpus/x.txt", "uriBaseId": "%SRCROOT%"}),
    ("./feeds/wire.jsonl#item-7", {"uri": "feeds/wire.jsonl", "uriBaseId": "%SRCROOT%"}),
    ("/srv/news/x.txt", {"uri": "file:///srv/news/x.txt"}),
    ("C:\\news\\x.txt", {"uri": "file:///C:/news/x.txt"}),
])
def test_sarif_artifact_location(path, expected) -> None:
    assert sarif.artifact_location(path) == expected


# ---- GitHub annotations ------------------------------------------------------------------

def test_github_one_line_per_flagged_claim_of_new_findings(report) -> None:
    lines = github.render(report).splitlines()
    assert len(lines) == 2  # the dismissed weekday finding is left out
    assert lines[0].startswith(
        "::error file=corpus/articles/2022/letter.txt,line=12,col=1,endColumn=8,"
        "title=letter-signatories (conflict)::462 here; 463 in 2 other places")
    assert lines[1].startswith(
        "::warning file=news/iran/report.md,line=4,col=18,endColumn=26,"
        "title=massacre-1988-victims (conflict)::")


def test_github_escapes_message_and_cites_references(report) -> None:
    warning = github.render(report).splitlines()[1]
    message = warning.split("::", 2)[2]
    assert message.startswith("Ratio: 50%25 of 1,000 differs%0Afrom <script>")
    assert "%0Areference corpus/articles/2022/letter.txt:30: Over 30,000" in message
    assert "\n" not in message and "\r" not in message


def test_github_info_is_notice_and_properties_escaped(report) -> None:
    finding = report["findings"][2]
    finding.update(status="new", rule="odd:rule,name")
    line = github.render(report).splitlines()[-1]
    assert line.startswith("::notice file=news/iran/report.md,line=2,col=1,endColumn=27,")
    assert "title=odd%3Arule%2Cname (weekday)::" in line


@pytest.mark.parametrize("raw, data, prop", [
    ("50%", "50%25", "50%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: 1, y", "x: 1, y", "x%3A 1%2C y"),
    ("%0A", "%250A", "%250A"),
])
def test_github_escaping(raw, data, prop) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def test_github_empty_report_prints_nothing(empty_report) -> None:
    assert github.render(empty_report) == ""


# ---- JUnit XML -------------------------------------------------------------------------

def test_junit_structure_and_counts(report) -> None:
    root = ET.fromstring(junit.render(report))
    assert root.tag == "testsuites" and root.get("name") == "checker"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "2", "1")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["letter-signatories", "massacre-1988-victims", "weekday"]
    case, = suites["letter-signatories"].findall("testcase")
    assert case.get("classname") == "checker.letter-signatories"
    assert case.get("name") == f"{LETTER}:12 3f2a9c0d1e2b4a5c"
    failure = case.find("failure")
    assert failure.get("type") == "conflict"
    assert failure.get("message").startswith("462 here; 463")
    assert f"flagged {LETTER}:12: The 462 asked" in failure.text
    assert f"reference {LETTER}:3: Our open letter" in failure.text
    hostile = suites["massacre-1988-victims"].find("testcase/failure")
    assert hostile.get("message") == HOSTILE
    skipped = suites["weekday"].find("testcase/skipped")
    assert skipped.get("message") == "dismissed: quoted from an older release; ok"


def test_junit_new_findings_below_fail_on_are_skipped(report) -> None:
    report["summary"]["fail_on"] = "error"
    root = ET.fromstring(junit.render(report))
    assert (root.get("failures"), root.get("skipped")) == ("1", "2")
    skipped = root.find("testsuite[@name='massacre-1988-victims']/testcase/skipped")
    assert skipped.get("message") == "warning: below the fail-on level (error)"


def test_junit_survives_control_characters(report) -> None:
    report["findings"][0]["claims"][0]["quote"] = "The 462\x00 asked\x1b[31m."
    root = ET.fromstring(junit.render(report))
    assert "The 462\ufffd asked\ufffd[31m." in root.find(".//failure").text


def test_junit_empty_report_has_one_passing_case(empty_report) -> None:
    root = ET.fromstring(junit.render(empty_report))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["no contradictions"]
    assert list(cases[0]) == []
    assert (root.get("tests"), root.get("failures")) == ("1", "0")


def test_junit_reads_with_junitparser(report) -> None:
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromstring(junit.render(report).encode("utf-8"))
    suites = list(xml)
    assert [s.name for s in suites] == ["letter-signatories", "massacre-1988-victims", "weekday"]
    assert sum(s.failures for s in suites) == 2 and sum(s.skipped for s in suites) == 1


# ---- Markdown ----------------------------------------------------------------------------

def test_markdown_verdict_table_and_excerpts(report) -> None:
    md = markdown.render(report)
    assert md.startswith(markdown.MARKER + "\n## ❌ 2 contradictions found\n")
    assert "| conflict | 1 | 1 | 0 | 2 |" in md
    assert "### letter\\-signatories" in md
    assert f"Flagged — {markdown.escape(LETTER)}:12" in md
    assert "> **The 462** asked the \\*United Nations\\* to act \\| now" in md
    assert "> Our open letter now has **463** signatories from forty countries." in md
    assert "Not counted above (already reviewed or in the baseline): 1 dismissed." in md
    assert "weekday" not in md.split("Not counted above")[0].lower()


def test_markdown_never_lets_document_text_inject(report) -> None:
    md = markdown.render(report)
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "@someone" not in md and "@\u200bsomeone\\_else" in md
    hostile_line = next(line for line in md.splitlines() if "Ratio" in line)
    assert "differs from" in hostile_line  # the newline did not end the block


@pytest.mark.parametrize("raw, expected", [
    ("a*b_c", "a\\*b\\_c"),
    ("[link](http://x)", "\\[link\\]\\(http://x\\)"),
    ("`code` | <b>", "\\`code\\` \\| \\<b\\>"),
    ("0.4% and 1.13", "0.4% and 1.13"),
    ("see #12 and @ann", "see \\#\u200b12 and @\u200bann"),
    ("&amp;", "\\&amp;"),
])
def test_markdown_escape(raw, expected) -> None:
    assert markdown.escape(raw) == expected


def test_markdown_quote_cannot_start_a_list(report) -> None:
    flagged = report["findings"][0]["claims"][0]
    flagged["quote"] = "1. The 462 signed it."
    assert "\n> 1\\. **The 462** signed it.\n" in markdown.render(report)


def test_markdown_caps_findings(report) -> None:
    template = report["findings"][0]
    report["findings"] = [dict(template, id=f"{i:016x}") for i in range(120)]
    md = markdown.render(report)
    assert md.count("**error** · conflict") == markdown.MAX_FINDINGS
    assert "… and 70 more not shown here" in md


def test_markdown_stays_under_github_comment_limit(report) -> None:
    template = report["findings"][1]
    long_quote = "word " * 5000 + "over 300 prisoners " + "word " * 5000
    claims = [dict(c, quote=long_quote) for c in template["claims"] * 10]
    report["findings"] = [dict(template, id=f"{i:016x}", claims=claims) for i in range(60)]
    md = markdown.render(report)
    assert len(md) < 65_536
    assert "more flagged places" in md and "more not shown here" in md


def test_markdown_below_fail_on_is_a_warning_verdict(report) -> None:
    report["summary"].update(fail_on="error", failed=False)
    report["findings"] = report["findings"][1:]
    assert "## ⚠️ 1 possible contradiction (below the fail-on level: error)" in (
        markdown.render(report))


def test_markdown_empty_report(empty_report) -> None:
    md = markdown.render(empty_report)
    assert "## ✅ No contradictions" in md
    assert "| Check |" not in md and "Not counted above" not in md
    assert "<sub>checker 0.1.0 · 2 documents · 40 claims · fail on: warning</sub>" in md
