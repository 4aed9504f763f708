"""The group picture in real Chromium: a flagged "over 400" drawn apart from "over 40,000",
bars that lead to their claims, by mouse and by keyboard, a phone's width, the review app,
and figures carrying markup that stays text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import new_page, write_report

from checker.report.html import render

ARTICLES = {
    "harbour.txt": "The harbour festival drew over 40,000 visitors on its opening weekend, "
                   "and the ferries ran every twenty minutes.",
    "council.txt": "Over 40,000 visitors came to the harbour festival, the council said on "
                   "Monday.",
    "wire.txt": "The harbour festival, with more than 40,000 visitors, ran for three days.",
    "blog.txt": "Only over 400 visitors turned up at the harbour festival this year, a "
                "local blog claimed.",
    "radio.txt": "Tens of thousands of visitors filled the quays during the harbour festival.",
}
RULES = ("rules:\n  - id: festival-visitors\n    title: Visitors to the harbour festival\n"
         "    match:\n      units: [visitors]\n      context:\n        any: [festival]\n")


def festival_corpus(root: Path) -> tuple[Path, Path]:
    corpus = root / "corpus"
    corpus.mkdir()
    for day, (name, text) in enumerate(sorted(ARTICLES.items()), start=1):
        (corpus / name).write_text(f"date: 2023-06-0{day}\n\n{text}\n", encoding="utf-8")
    rules = root / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    return corpus, rules


@pytest.fixture(scope="module")
def festival(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("festival")
    corpus, rules = festival_corpus(root)
    out = root / "report.html"
    report = write_report(corpus, rules, out)
    return out, report


def the_conflict(report: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    finding = next(f for f in report["findings"] if f["rule"] == "festival-visitors")
    flagged = next(c for c in finding["claims"] if c["role"] == "flagged")
    return finding, flagged


def open_finding(page: Any, path: Path, finding_id: str) -> Any:
    page.goto(path.as_uri() + f"#finding={finding_id}")
    page.wait_for_selector("html[data-ready=true]")
    card = page.locator(f"#finding-{finding_id}")
    card.locator("figure.picture svg").wait_for()
    return card


def test_the_flagged_figure_stands_apart(page: Any, festival) -> None:
    path, report = festival
    finding, flagged = the_conflict(report)
    assert flagged["text"].lower().startswith("over 400")
    card = open_finding(page, path, finding["id"])
    picture = card.get_by_role("group", name=re.compile("Where the figures lie"))
    assert picture.is_visible()
    name = picture.get_attribute("aria-labelledby").split()[0]
    assert "log scale" in page.locator(f"[id='{name}']").text_content()
    group = [c for c in report["claims"] if c["rule"] == "festival-visitors"]
    assert f"{len(group)} claims" in page.locator(f"[id='{name}']").text_content()
    flagged_bar = card.locator("a.row.flagged .bar")
    assert flagged_bar.count() == 1
    assert card.locator("a.row.flagged .label").text_content().lower() == "over 400"
    band = card.locator("rect.band").first.bounding_box()
    bar = flagged_bar.bounding_box()
    assert bar["x"] + bar["width"] < band["x"] - 100  # far left of the consensus, on a laptop
    for other in card.locator("a.row.reference .bar").all():  # the consensus: they overlap
        box = other.bounding_box()
        assert box["x"] <= band["x"] + band["width"] and band["x"] <= box["x"] + box["width"]
    ticks = card.locator(".tick-label").all_text_contents()
    assert "10,000" in ticks and all(re.fullmatch(r"[\d,]+( million)?", t) for t in ticks)
    description = card.locator("svg desc").text_content()
    assert "over 400" in description.lower() and "flagged" in description
    assert "Red: flagged" in card.locator("figcaption").text_content()
    assert not page.errors


def test_a_bar_leads_to_its_claim(page: Any, festival) -> None:
    path, report = festival
    finding, flagged = the_conflict(report)
    card = open_finding(page, path, finding["id"])
    card.locator("a.row.flagged .bar").click()
    page.locator("#doc mark.target").wait_for()
    assert page.locator("#documents-view").is_visible()
    target = page.locator("#doc mark.target")
    assert target.inner_text() == flagged["text"]
    assert page.inner_text("#doc h2") == flagged["doc"]
    assert not page.errors


def test_keyboard_reaches_the_bars(page: Any, festival) -> None:
    path, report = festival
    finding, flagged = the_conflict(report)
    card = open_finding(page, path, finding["id"])
    card.locator(".toggle").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('row')"):
            break
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label and re.search(r"\d", label) and ".txt" in label
    first_row = card.locator("a.row").first
    assert page.evaluate("document.activeElement") == first_row.evaluate("e => e")
    # rows go from the smallest figure up: "over 400" first; in focus, it lights up its
    # excerpt below the picture
    assert "flagged" in first_row.get_attribute("class")
    assert card.locator("section.flagged .excerpt.lit").count() == 1
    page.keyboard.press("Enter")
    page.locator("#doc mark.target").wait_for()
    assert page.locator("#documents-view").is_visible()
    assert page.locator("#doc mark.target").count() == 1
    assert not page.errors


def test_a_phone_shows_the_whole_picture(browser: Any, festival) -> None:
    path, report = festival
    finding, _ = the_conflict(report)
    pages = new_page(browser)
    page = next(pages)
    page.set_viewport_size({"width": 390, "height": 844})
    card = open_finding(page, path, finding["id"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    svg = card.locator("figure.picture svg").bounding_box()
    for text in card.locator("figure.picture svg text").all():
        box = text.bounding_box()
        assert svg["x"] - 2 <= box["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"] + 2
    assert not page.errors
    pages.close()


def test_the_review_app_draws_it_too(page: Any, tmp_path: Path, serve_app) -> None:
    corpus, rules = festival_corpus(tmp_path)
    server = serve_app(corpus, rules, tmp_path / "decisions.yaml")
    page.goto(server.url)
    page.wait_for_selector("html[data-ready=true]")
    card = page.locator("#findings .finding[data-id]").filter(
        has_text=re.compile("over 400", re.IGNORECASE)).first
    card.locator(".toggle").click()
    assert card.locator("figure.picture a.row.flagged").count() == 1
    card.locator(".decide input").fill("The blog counted one evening only")
    card.locator("button[data-action=dismiss]").click()
    card.locator(".decision").wait_for()
    assert card.locator("figure.picture a.row.flagged").count() == 1
    assert not page.errors


def test_figures_with_markup_stay_text(page: Any, tmp_path: Path) -> None:
    hostile = '<img src=x onerror="window.__pwned=1">'
    claims = [
        {"id": f"c{i}", "doc": "a.txt", "start": 40 * i, "end": 40 * i + 9,
         "line": i + 1, "column": 1, "text": f"{n} {hostile}", "kind": "count", "value": n,
         "qualifier": "exact", "low": n, "high": n, "unit": None, "unit_inferred": False,
         "quote": f"{hostile} said {n}", "rule": hostile, "group": hostile}
        for i, n in enumerate((400, 40_000, 40_000))
    ]
    cited = [{**c, "role": "flagged" if i == 0 else "reference"} for i, c in enumerate(claims)]
    report = {
        "version": 1, "tool": {"name": "checker", "version": "0"},
        "summary": {"documents": 1, "claims": 3, "findings": 1, "fail_on": "warning"},
        "documents": [{"id": "a.txt", "path": "", "format": "txt"}],
        "findings": [{"id": "h1", "rule": hostile, "check": "conflict", "severity": "error",
                      "status": "new", "message": hostile, "claims": cited,
                      "details": {"consensus": {"figure": hostile, "low": 40_000,
                                                "high": 40_000}}}],
        "claims": claims, "rules": [],
    }
    out = tmp_path / "hostile.html"
    out.write_text(render(report), encoding="utf-8")
    page.goto(out.as_uri() + "#finding=h1")
    page.wait_for_selector("html[data-ready=true]")
    labels = page.locator("figure.picture .label").all_text_contents()
    assert any("400 <img src=x" in label for label in labels)  # cut short, as text
    assert hostile in page.locator("figure.picture .band-label").text_content()
    assert page.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not page.errors
