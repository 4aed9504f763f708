"""The static HTML report of the shipped corpus in real Chromium: filter, search, open a
finding, see both excerpts, follow a link to the document view, navigate by keyboard.

With CHECKER_SCREENSHOT=docs/report.png set, also writes the README's screenshot."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_shipped_corpus, wait_until, write_report

VISIBLE = "#findings .finding:not(.hidden-by-filter)"


@pytest.fixture(scope="module")
def shipped_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("shipped")
    corpus, rules = copy_shipped_corpus(root)
    out = root / "report.html"
    return out, write_report(corpus, rules, out)


def open_report(page: Any, path: Path, fragment: str = "") -> None:
    page.goto(path.as_uri() + fragment)
    page.wait_for_selector("html[data-ready=true]")


def test_filters_narrow_the_findings(page: Any, shipped_report) -> None:
    path, report = shipped_report
    findings = report["findings"]
    assert findings, "the shipped corpus should have findings to review"
    open_report(page, path)
    assert page.locator(VISIBLE).count() == len(findings)
    page.select_option("#f-severity", "warning")
    warnings = [f for f in findings if f["severity"] == "warning"]
    assert page.locator(VISIBLE).count() == len(warnings)
    check = warnings[0]["check"]
    page.select_option("#f-check", check)
    both = [f for f in warnings if f["check"] == check]
    assert page.locator(VISIBLE).count() == len(both)
    assert page.inner_text("#shown") == f"Showing {len(both)} of {len(findings)} findings."
    page.click("#f-clear")  # the form's reset applies the cleared filters a tick later
    wait_until(page, f"document.querySelectorAll('{VISIBLE}').length === {len(findings)}")
    words = findings[0]["message"].split()[:3]
    page.fill("#q", " ".join(words))
    expected = [f for f in findings if " ".join(words).lower() in f["message"].lower()]
    wait_until(page, f"document.querySelectorAll('{VISIBLE}').length === {len(expected)}")
    assert findings[0]["id"] == page.locator(VISIBLE).first.get_attribute("data-id")
    page.fill("#q", "no such words anywhere")
    wait_until(page, f"document.querySelectorAll('{VISIBLE}').length === 0")
    assert not page.errors and not page.dialogs


def test_open_a_finding_shows_both_excerpts(page: Any, shipped_report) -> None:
    path, report = shipped_report
    conflict = next(f for f in report["findings"]
                    if f["details"].get("consensus") and any(c["role"] == "reference"
                                                             for c in f["claims"]))
    flagged = next(c for c in conflict["claims"] if c["role"] == "flagged")
    reference = next(c for c in conflict["claims"] if c["role"] == "reference")
    open_report(page, path)
    page.select_option("#f-check", conflict["check"])
    card = page.locator(f"#finding-{conflict['id']}")
    assert not card.locator(".excerpts").is_visible()
    card.locator(".toggle").click()
    flagged_box = card.locator("section.flagged .excerpt").first
    reference_box = card.locator("section.reference .excerpt").first
    assert flagged_box.is_visible() and reference_box.is_visible()
    assert flagged_box.locator("mark").inner_text().lower() == flagged["text"].lower()
    assert reference_box.locator("mark").inner_text().lower() == reference["text"].lower()
    consensus = conflict["details"]["consensus"]["figure"]
    assert consensus in card.locator(".explain").inner_text()
    # side by side on a laptop: the reference column starts to the right of the flagged one
    assert reference_box.bounding_box()["x"] > flagged_box.bounding_box()["x"] + 100
    flagged_box.locator("a.where").click()
    assert page.locator("#documents-view").is_visible()
    target = page.locator("#doc mark.target")
    assert target.is_visible() and target.inner_text() == flagged["text"]
    assert not page.errors


def test_keyboard_navigation(page: Any, shipped_report) -> None:
    path, report = shipped_report
    open_report(page, path)
    page.keyboard.press("j")
    first = report["findings"][0]["id"]
    assert page.evaluate("document.activeElement.closest('.finding').dataset.id") == first
    page.keyboard.press("o")
    assert page.locator(f"#finding-{first} .body").is_visible()
    page.keyboard.press("j")
    second = report["findings"][1]["id"]
    assert page.evaluate("document.activeElement.closest('.finding').dataset.id") == second
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()


def test_documents_view_and_phone_width(page: Any, shipped_report) -> None:
    path, report = shipped_report
    doc = next(d for d in report["documents"]
               if any(c["doc"] == d["id"] for c in report["claims"]))
    claims = {(c["start"], c["end"]) for c in report["claims"] if c["doc"] == doc["id"]}
    open_report(page, path, "#documents")
    page.locator(f"#doc-list li[data-doc='{doc['id']}'] a").click()
    assert page.locator("#doc mark.claim").count() >= 1
    assert page.locator("#doc mark.claim").count() <= len(claims)
    page.set_viewport_size({"width": 390, "height": 844})
    open_report(page, path)
    card = page.locator("#findings .finding").first
    card.locator(".toggle").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"


def test_screenshot_for_the_readme(page: Any, shipped_report) -> None:
    target = os.environ.get("CHECKER_SCREENSHOT")
    if not target:
        pytest.skip("set CHECKER_SCREENSHOT=docs/report.png to write the screenshot")
    path, report = shipped_report
    conflict = next(f for f in report["findings"] if f["details"].get("consensus"))
    page.set_viewport_size({"width": 1280, "height": 1200})
    open_report(page, path, f"#finding={conflict['id']}")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=target, full_page=False)
    assert Path(target).stat().st_size > 10_000
