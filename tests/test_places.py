"""Places: line and column in the source file for every format, HTML included, and the
figure marked where the claim is, not where its text first occurs in the sentence."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.report import build_report, github, markdown, sarif, split_at_figure
from checker.report.text import excerpt
from checker.run.pipeline import ScanSettings, scan

PAGE = ("<!DOCTYPE html>\r\n<html><head><title>Toll &amp; count</title>\r\n"
        "<script>var x = \"463 people\";</script>\r\n<style>p { color: red }</style>"
        "</head>\r\n<body>\r\n<nav style=\"display:none\">Menu 12 items</nav>\r\n"
        "<div hidden>Old figure 900 dead</div>\r\n<h1>Report on the flood</h1>\r\n"
        "<p>The flood killed\r\n   <b>463</b> people &mdash; officials said&nbsp;on Monday,"
        " and a\r\n   further 1,200 homes were lost.</p>\r\n"
        "<table><tr><td>Dead</td><td>463</td></tr><tr><td>Homes</td><td>1,200</td></tr>"
        "</table>\r\n<p>Again &ldquo;463 people&rdquo; died.</p>\r\n"
        "<p>Later, 462 people were counted.</p>\r\n<p>In all 463 people died.</p>\r\n"
        "</body></html>\r\n")


def _page(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    path = folder / "flood.html"
    path.write_bytes(PAGE.encode("utf-8"))
    return folder


def test_html_claims_point_at_their_figure_in_the_file(tmp_path: Path) -> None:
    folder = _page(tmp_path)
    done = CliRunner().invoke(cli, ["extract", str(folder), "-f", "jsonl"])
    lines = PAGE.split("\r\n")
    claims = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(claims) >= 6
    for c in claims:
        source = lines[c["line"] - 1]
        assert source[c["column"] - 1:].startswith(c["text"].split()[0]), c
    assert {c["line"] for c in claims if c["text"].startswith("1,200")} == {11, 12}


def test_annotations_and_sarif_use_the_file_lines(tmp_path: Path) -> None:
    folder = _page(tmp_path)
    result = scan([str(folder)], ScanSettings(), jobs=1)
    report = build_report(result.documents, result.claims, result.findings)
    drift = [f for f in report["findings"] if f["check"] == "drift"]
    assert drift, report["findings"]
    flagged = [c for c in drift[0]["claims"] if c["role"] == "flagged"][0]
    assert (flagged["line"], flagged["column"]) == (14, 11)
    assert "line=14,col=11" in github.render(report)
    region = sarif.sarif_log(report)["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (14, 11)
    result.close()


def test_a_directive_covers_every_source_line_of_its_html_paragraph(tmp_path: Path) -> None:
    folder = _page(tmp_path)
    page = folder / "flood.html"
    page.write_bytes(PAGE.replace("<p>Later,", "<p><!-- checker: ignore[drift] -->\r\nLater,")
                     .encode("utf-8"))
    done = CliRunner().invoke(cli, ["scan", str(folder), "--no-cache", "--no-config",
                                    "--no-rules", "-f", "json", "--report-unused-suppressions"])
    report = json.loads(done.stdout)
    assert not [f for f in report["findings"] if f["check"] == "drift"]
    assert report["summary"]["suppressed"] == 1 and "unused" not in done.stderr


SENTENCE = "Of the 463 people, 463 people voted, and 12 abstained."


def test_the_excerpt_marks_the_claim_s_own_occurrence() -> None:
    second = SENTENCE.index("463 people", 10)
    assert excerpt(SENTENCE, "463 people", offset=second) == \
        "Of the 463 people, **463 people** voted, and 12 abstained."
    assert excerpt(SENTENCE, "463 people") == \
        "Of the **463 people**, 463 people voted, and 12 abstained."  # offset unknown
    claim = {"text": "463 people", "quote": SENTENCE, "quote_offset": second, "doc": "a"}
    assert "463 people, **463 people** voted" in markdown.excerpt(claim).replace("\\", "")
    spaced = "Of  the 463 people,\n 463   people voted."
    assert split_at_figure(spaced, "463   people", spaced.index("463   ")) == (
        "Of the 463 people, ", "463 people", " voted.")


def test_a_scan_cites_the_offset_of_the_flagged_copy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The letter had 463 signatories. All 463 signatories met. The 463 signatories "
        "wrote. Of the 462 signatories, 462 signatories voted.\n", encoding="utf-8")
    result = scan([str(tmp_path)], ScanSettings(), jobs=1)
    report = build_report(result.documents, result.claims, result.findings)
    result.close()
    flagged = [c for f in report["findings"] for c in f["claims"] if c["role"] == "flagged"]
    assert sorted(c["quote_offset"] for c in flagged) == [7, 24]
    for c in flagged:
        assert c["quote"][c["quote_offset"]:].startswith(c["text"])
