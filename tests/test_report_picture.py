"""The group picture's data: which claims it draws, which it marks, its bands, and that a
huge group stays small in the page. Hand-made reports, and one real scan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.commands.settings import run_scan
from checker.report import build_report
from checker.report.html import data_payload, json_for_script
from checker.report.picture import (
    MAX_CITED_ROWS,
    MAX_GROUP_ROWS,
    MAX_ROWS,
    PictureCollector,
    bands_of,
    figure_label,
    quote_around,
)

SCAN_OPTIONS = {"include": (), "exclude": (), "jobs": 1, "id_field": "id", "text_field": "text",
                "date_field": "date", "doc_date": None, "use_cache": False}


def claim(doc: str, start: int, text: str, low: float | None, high: float | None, *,
          rule: str | None = "visitors", group: str | None = None, kind: str = "count",
          unit: str | None = "visitors", role: str | None = None) -> dict[str, Any]:
    c = {"doc": doc, "start": start, "end": start + len(text), "line": 1 + start // 80,
         "column": 1 + start % 80, "text": text, "quote": f"They said {text} came.",
         "kind": kind, "value": low, "qualifier": "exact", "low": low, "high": high,
         "unit": unit, "unit_inferred": False, "rule": rule,
         "group": group if group is not None else rule}
    if role:
        c["role"] = role
    return c


def cited(c: dict[str, Any], role: str) -> dict[str, Any]:
    out = {k: v for k, v in c.items() if k not in ("rule", "group", "unit_inferred")}
    return {**out, "role": role}


def finding(fid: str, rule: str, check: str, claims: list[dict[str, Any]],
            details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": fid, "rule": rule, "check": check, "severity": "error", "status": "new",
            "message": "m", "details": details or {}, "claims": claims}


def collect(findings: list[dict], claims: list[dict]) -> tuple[list[dict], dict[str, dict]]:
    collector = PictureCollector(findings)
    for c in claims:
        collector.add(c)
    return collector.result()


def festival_group() -> tuple[list[dict], list[dict]]:
    """Six claims "over 40,000", one "over 400", one "tens of thousands" in four documents."""
    claims = [claim(f"d{i % 3}.txt", 10 * i, "over 40,000 visitors", 40_000, 80_000)
              for i in range(6)]
    claims.append(claim("d3.txt", 5, "over 400 visitors", 400, 800))
    claims.append(claim("d1.txt", 300, "tens of thousands of visitors", 20_000, 99_999))
    flagged = claims[6]
    consensus = {"figure": "over 40,000", "low": 40_000, "high": 80_000, "count": 7}
    f = finding("f1", "visitors", "conflict",
                [cited(flagged, "flagged"), cited(claims[0], "reference"),
                 cited(claims[1], "reference")], {"consensus": consensus})
    return [f], claims


def test_every_claim_of_the_group_is_drawn_and_the_flagged_one_marked() -> None:
    findings, claims = festival_group()
    pictures, entries = collect(findings, claims)
    assert len(pictures) == 1
    picture, entry = pictures[0], entries["f1"]
    assert picture["scale"] == "log" and picture["claims"] == 8 and picture["documents"] == 4
    rows = picture["rows"]
    assert [r["figure"] for r in rows] == ["over 400", "tens of thousands", "over 40,000"]
    assert [r["n"] for r in rows] == [1, 1, 6] and rows[2]["docs"] == 3
    assert rows[0]["range"] == "400 to 800" and rows[2]["range"] == "40,000 to 80,000"
    assert entry["claims"] == [0, 2, 2]  # the finding's claims, each on its row
    assert entry["rows"] == [0, 1, 2] and "others" not in picture
    [band] = entry["bands"]
    assert band["kind"] == "consensus" and band["figure"] == "over 40,000"
    assert band["x"] == rows[2]["x"]
    assert rows[0]["x"][1] < 30 < 50 < band["x"][0]  # far apart: "before reading a word"
    assert rows[0]["at"] == ["d3.txt", 5, 1, 6]


def test_the_house_figure_widens_the_axis_and_merges_with_the_consensus() -> None:
    findings, claims = festival_group()
    findings[0]["details"]["expected"] = {"figure": "over 40,000", "low": 40_000,
                                          "high": 80_000}
    _, entries = collect(findings, claims)
    assert [b["kind"] for b in entries["f1"]["bands"]] == ["expected consensus"]
    findings[0]["details"]["expected"] = {"figure": "1 million", "low": 1e6, "high": 1e6}
    pictures, entries = collect(findings, claims)
    kinds = [b["kind"] for b in entries["f1"]["bands"]]
    assert kinds == ["expected", "consensus"]
    house = entries["f1"]["bands"][0]
    assert house["range"] == "1 million" and house["x"][0] > pictures[0]["rows"][-1]["x"][1]


def test_a_big_group_stays_small_but_every_claim_is_drawn() -> None:
    claims = [claim(f"d{i % 50}.txt", i, f"{1000 + i % 300} visitors", 1000 + i % 300,
                    1000 + i % 300) for i in range(3000)]
    flagged = claim("d7.txt", 99_999, "10 visitors", 10, 10)
    claims.append(flagged)
    findings = [finding("f1", "visitors", "conflict",
                        [cited(flagged, "flagged")] + [cited(c, "reference") for c in claims[:5]],
                        {"consensus": {"figure": "1,000", "low": 1000, "high": 1000}})]
    pictures, entries = collect(findings, claims)
    picture, entry = pictures[0], entries["f1"]
    assert len(picture["rows"]) <= MAX_GROUP_ROWS + 6
    drawn = sum(r["n"] for r in picture["rows"]) + picture["others"]["n"]
    assert drawn == picture["claims"] == len(claims)
    assert len(entry["rows"]) == MAX_ROWS
    flagged_row = entry["claims"][0]
    assert flagged_row in entry["rows"] and picture["rows"][flagged_row]["figure"] == "10"
    assert all(r in entry["rows"] for r in entry["claims"])  # cited rows are labelled
    assert len(json.dumps(pictures)) + len(json.dumps(entries)) < 20_000


def test_a_tie_in_a_huge_group_stays_bounded() -> None:
    claims = [claim(f"d{i}.txt", 0, f"{5000 + i} visitors", 5000 + i, 5000 + i)
              for i in range(2000)]
    findings = [finding("t", "visitors", "conflict", [cited(c, "flagged") for c in claims],
                        {"figures": []})]
    pictures, entries = collect(findings, claims)
    picture, entry = pictures[0], entries["t"]
    assert len(picture["rows"]) == MAX_CITED_ROWS + MAX_GROUP_ROWS
    assert sum(r["n"] for r in picture["rows"]) + picture["others"]["n"] == 2000
    assert len(entry["rows"]) == MAX_ROWS
    assert sum(i is not None for i in entry["claims"]) == len(picture["rows"])
    assert len(json.dumps(picture)) < 200_000


def test_a_group_shared_by_its_findings_is_one_picture() -> None:
    findings, claims = festival_group()
    other = claim("d4.txt", 0, "over 4 million visitors", 4e6, 8e6)
    claims.append(other)
    findings.append(finding("f2", "visitors", "conflict", [cited(other, "flagged")],
                            findings[0]["details"]))
    pictures, entries = collect(findings, claims)
    assert len(pictures) == 1 and entries["f1"]["picture"] == entries["f2"]["picture"] == 0
    assert pictures[0]["rows"][-1]["range"] == "4 million to 8 million"
    assert entries["f2"]["claims"] == [3]


def test_a_group_per_document_draws_that_document_only() -> None:
    claims = [claim("a.txt", 0, "300 visitors", 300, 300, group="visitors@a.txt"),
              claim("a.txt", 50, "310 visitors", 310, 310, group="visitors@a.txt"),
              claim("a.txt", 90, "300 visitors", 300, 300, group="visitors@a.txt"),
              claim("b.txt", 0, "9,000 visitors", 9000, 9000, group="visitors@b.txt")]
    findings = [finding("f1", "visitors", "conflict", [cited(claims[1], "flagged")],
                        {"consensus": {"figure": "300", "low": 300, "high": 300}})]
    pictures, _ = collect(findings, claims)
    assert [r["figure"] for r in pictures[0]["rows"]] == ["300", "310"]
    assert pictures[0]["claims"] == 3 and pictures[0]["scale"] == "linear"


def test_a_tie_flags_every_figure() -> None:
    claims = [claim("a.txt", 0, "2,412 visitors", 2412, 2412),
              claim("b.txt", 0, "2,412 visitors", 2412, 2412),
              claim("c.txt", 0, "2,415 visitors", 2415, 2415),
              claim("d.txt", 0, "2,415 visitors", 2415, 2415)]
    findings = [finding("t", "visitors", "conflict", [cited(c, "flagged") for c in claims],
                        {"figures": [{"figure": "2,412", "count": 2}]})]
    pictures, entries = collect(findings, claims)
    assert entries["t"]["claims"] == [0, 0, 1, 1] and entries["t"]["bands"] == []
    assert [label for _, label in pictures[0]["ticks"]] == ["2,412", "2,413", "2,414", "2,415"]


def test_a_builtin_finding_draws_its_own_claims() -> None:
    ref = [claim("a.txt", i * 40, "463 delegates", 463, 463, rule=None, unit="delegates")
           for i in range(3)]
    flagged = claim("a.txt", 200, "462 delegates", 462, 462, rule=None, unit="delegates")
    drift = finding("dr", "drift", "drift",
                    [cited(c, "reference") for c in ref] + [cited(flagged, "flagged")],
                    {"repeated": {"figure": "463", "count": 3}})
    weekday = finding("wd", "weekday", "weekday",
                      [cited(claim("a.txt", 300, "Friday, 8 July", 2025, 2025, rule=None,
                                   kind="date"), "flagged")])
    names = finding("nv", "name_variant", "name_variant",
                    [cited(claim("a.txt", 9, "Ann Smyth", None, None, rule=None,
                                 kind="name"), "flagged")])
    pictures, entries = collect([drift, weekday, names], ref + [flagged])
    assert set(entries) == {"dr"} and len(pictures) == 1
    rows = pictures[0]["rows"]
    assert [(r["figure"], r["n"]) for r in rows] == [("462", 1), ("463", 3)]
    assert entries["dr"]["claims"] == [1, 1, 1, 0]


def test_years_print_as_years() -> None:
    pair = [claim("a.txt", 0, "70 years ago", 1945, 1946, rule=None, kind="relative_year",
                  unit=None),
            claim("a.txt", 30, "1914", 1914, 1914, rule=None, kind="year", unit=None)]
    f = finding("ya", "years_ago", "years_ago", [cited(c, "flagged") for c in pair])
    pictures, _ = collect([f], pair)
    picture = pictures[0]
    assert [r["range"] for r in picture["rows"]] == ["1914", "1945 to 1946"]
    assert all("," not in label for _, label in picture["ticks"])


def test_odd_details_are_read_defensively() -> None:
    assert bands_of(None) == [] and bands_of("text") == []
    odd = {"consensus": {"low": "40,000", "high": 80_000}, "expected": {"low": 9, "high": 3},
           "blocs": [{"figure": "2,412", "low": 2412, "high": 2412}, "x", {"low": None},
                     {"low": True, "high": 4}, {"low": float("nan"), "high": 3}]}
    assert bands_of(odd) == [("bloc", 2412.0, 2412.0, "2,412")]
    findings, claims = festival_group()
    findings[0]["details"] = odd
    findings[0]["claims"].append({"doc": "x.txt", "role": "reference", "low": "a"})
    _, entries = collect(findings, claims)
    assert entries["f1"]["bands"][0]["kind"] == "bloc"
    assert entries["f1"]["claims"][-1] is None


def test_labels_and_quotes() -> None:
    assert figure_label({"text": "the 463 signatories", "unit": "signatories"}) == "463"
    assert figure_label({"text": "thousands of prisoners", "unit": "prisoners"}) == "thousands"
    assert figure_label({"text": "Over  30000 people", "unit": "people"}) == "Over 30000"
    assert figure_label({"text": "463", "unit": "signatories", "unit_inferred": True}) == "463"
    long = figure_label({"text": "between 1,350,000 and 1,650,000 and some more words"})
    assert len(long) <= 28 and long.endswith("\u2026")
    words = "word " * 100
    quote = quote_around({"quote": f"{words}the 463 signatories said {words}",
                          "text": "463 signatories"})
    assert "463 signatories" in quote and len(quote) <= 242
    assert quote.startswith("\u2026") and quote.endswith("\u2026")


def test_a_real_scan_pictures_its_rule_group(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {
        "harbour.txt": "The harbour festival drew over 40,000 visitors on its opening weekend.",
        "review.txt": "Over 40,000 visitors came to the harbour festival, the council said.",
        "blog.txt": "Only over 400 visitors turned up at the harbour festival this year.",
        "wire.txt": "The harbour festival, with more than 40,000 visitors, ran for 3 days.",
    }
    for name, text in texts.items():
        (corpus / name).write_text(f"date: 2023-05-0{len(name) % 9}\n\n{text}\n",
                                   encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: festival-visitors\n    match:\n      units: [visitors]\n"
                     "      context:\n        any: [festival]\n", encoding="utf-8")
    result = run_scan((str(corpus),), (str(rules),), False, (), False, dict(SCAN_OPTIONS))
    report = build_report(list(result.documents), list(result.claims), result.findings)
    conflict = next(f for f in report["findings"] if f["rule"] == "festival-visitors")
    payload = data_payload(report, {})
    assert payload == data_payload(report, {})  # same input, same data
    entry = payload["picture_of"][conflict["id"]]
    picture = payload["pictures"][entry["picture"]]
    group = [c for c in report["claims"] if c["rule"] == "festival-visitors"]
    assert picture["claims"] == len(group) == 4 and picture["scale"] == "log"
    flagged = next(i for i, c in zip(entry["claims"], conflict["claims"], strict=True)
                   if c["role"] == "flagged")
    assert picture["rows"][flagged]["figure"].lower() == "over 400"
    band = next(b for b in entry["bands"] if "consensus" in b["kind"])
    assert picture["rows"][flagged]["x"][1] < band["x"][0]
    assert "\u003c" not in json_for_script(payload)
