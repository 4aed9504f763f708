"""The report dict and the formats derived from it (JSON, text, CSV)."""

from __future__ import annotations

import io
import json

import pandas as pd

from checker.model import Claim, Document, Finding, FindingClaim, finding_id
from checker.report import build_report, failing
from checker.report import csv as csv_format
from checker.report import json as json_format
from checker.report import text as text_format


def claim(doc: str, start: int, text: str, value: float, quote: str) -> Claim:
    return Claim(doc=doc, start=start, end=start + len(text), line=2, column=start + 1,
                 text=text, quote=quote, kind="count", value=value, low=value, high=value,
                 unit="signatories", id=f"{doc}-{start}")


def sample() -> tuple[list[Document], list[Claim], list[Finding]]:
    a = claim("a.txt", 10, "The 462", 462, "The 462 called on the UN, \"again\", to act.")
    b = claim("a.txt", 90, "463", 463, "A letter by 463 officials.")
    fcs = [FindingClaim(a, "flagged"), FindingClaim(b, "reference")]
    f = Finding(rule="sig", check="conflict", severity="error",
                message="462 here; 463 in 1 other place (off by one).", claims=fcs,
                details={"slip": "off by one"})
    f.id = finding_id("sig", "conflict", fcs)
    info = Finding(rule="weekday", check="weekday", severity="info", message="note",
                   claims=[FindingClaim(b, "flagged")], status="dismissed")
    docs = [Document(id="a.txt", text="", path="corpus/a.txt", date="2022-01-27")]
    return docs, [a, b], [info, f]


def test_report_shape_and_order() -> None:
    docs, claims, findings = sample()
    report = build_report(docs, claims, findings, fail_on="warning")
    assert list(report) == ["version", "tool", "summary", "documents", "findings", "claims"]
    assert [f["rule"] for f in report["findings"]] == ["sig", "weekday"]
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 0, "info": 1}
    assert report["summary"]["by_status"]["dismissed"] == 1
    assert report["summary"]["failed"] is True
    assert report["findings"][0]["claims"][0]["value"] == 462  # an int, not 462.0


def test_failing_respects_status_and_threshold() -> None:
    _, _, findings = sample()
    assert [f.rule for f in failing(findings, "info")] == ["sig"]  # dismissed one never fails
    assert failing(findings, "never") == []


def test_json_round_trip_is_lossless_and_deterministic() -> None:
    docs, claims, findings = sample()
    report = build_report(docs, claims, findings)
    text = json_format.render(report)
    assert json.loads(text) == report
    assert json_format.render(build_report(docs, claims, list(reversed(findings)))) == text


def test_csv_tables_round_trip_through_pandas() -> None:
    docs, claims, findings = sample()
    report = build_report(docs, claims, findings)
    table = pd.read_csv(io.StringIO(csv_format.render(report)))
    assert list(table["role"]) == ["flagged", "reference", "flagged"]
    assert list(table["value"]) == [462, 463, 463]
    assert table.loc[0, "quote"] == 'The 462 called on the UN, "again", to act.'
    claims_table = pd.read_csv(io.StringIO(csv_format.tables(report)["claims.csv"]))
    assert set(claims_table["text"]) == {"The 462", "463"}


def test_text_marks_the_figure_in_each_excerpt() -> None:
    docs, claims, findings = sample()
    out = text_format.render(build_report(docs, claims, findings))
    assert "**The 462** called on the UN" in out
    assert "A letter by **463** officials." in out
    assert "a.txt:2:11" in out
    assert out.rstrip().endswith("failing (--fail-on warning).")


def test_excerpt_trims_long_sentences_around_the_figure() -> None:
    quote = "word " * 100 + "the 462 here " + "word " * 100
    out = text_format.excerpt(quote, "462", width=60)
    assert "**462**" in out and out.startswith("…") and out.endswith("…")
    assert len(out) <= 62
