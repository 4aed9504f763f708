"""The review app in real Chromium: dismiss with a reason, reload, see it kept, re-scan and
see it honoured; and hostile documents whose script must never run, in the static report
and in the app."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, copy_shipped_corpus, new_page, wait_until, write_report

HOSTILE_TXT = ("date: 2024-03-12\n\nThe summit had 463 delegates. "
               "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\"> "
               "<a href=\"javascript:window.__pwned=3\">link</a>\n\n"
               "Later the 462 delegates <script>alert('x')</script> signed it. "
               "In all, 463 delegates came and 463 delegates voted.\n")


def wait_ready(page: Any) -> None:
    page.wait_for_selector("html[data-ready=true]")


def test_dismiss_reload_and_rescan(page: Any, tmp_path: Path, serve_app) -> None:
    corpus, rules = copy_shipped_corpus(tmp_path)
    decisions = tmp_path / "checker-decisions.yaml"
    server = serve_app(corpus, rules, decisions)
    page.goto(server.url)
    wait_ready(page)
    card = page.locator("#findings .finding").first
    finding_id = card.get_attribute("data-id")
    card.locator(".toggle").click()
    card.locator("button[data-action=dismiss]").click()
    assert "needs a reason" in card.locator(".decide .error").inner_text()
    card.locator(".decide input").fill("The 462 counts before the last signature came in")
    card.locator("button[data-action=dismiss]").click()
    page.wait_for_selector(f"#finding-{finding_id} .decision")
    assert "Dismissed by Test Editor" in card.locator(".decision").inner_text()

    page.reload()
    wait_ready(page)
    card = page.locator(f"#finding-{finding_id}")
    assert card.locator(".badge.status").inner_text() == "dismissed"
    card.locator(".toggle").click()
    kept = card.locator(".decision").inner_text()
    assert "Test Editor" in kept and "462 counts before the last signature" in kept

    done = subprocess.run(
        [sys.executable, "-m", "checker", "scan", "--format", "json", "--no-cache",
         "--decisions", str(decisions)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    statuses = {f["id"]: f["status"] for f in json.loads(done.stdout)["findings"]}
    assert statuses[finding_id] == "dismissed"

    card.locator("button[data-action=reset]").click()
    wait_until(page, f"document.querySelector('#finding-{finding_id} .badge.status')"
                     ".textContent === 'new'")
    assert "decisions: {}" in decisions.read_text(encoding="utf-8")
    assert not page.errors and not page.dialogs


def hostile_corpus(root: Path) -> Path:
    corpus = root / "hostile"
    corpus.mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "hostile.html", corpus / "hostile.html")
    (corpus / "scripted.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    return corpus


def visit_everything(page: Any) -> None:
    """Open every finding and every document, so every piece of text gets rendered."""
    for toggle in page.locator("#findings .toggle").all():
        toggle.click()
    ids = [li.get_attribute("data-doc") for li in page.locator("#doc-list li").all()]
    for doc_id in ids:
        page.locator("#tab-documents").click()
        page.locator(f"#doc-list li[data-doc='{doc_id}'] a").click()
        page.wait_for_selector("#doc h2")
        for link in page.locator("#doc a").all():
            href = link.get_attribute("href") or ""
            assert href.startswith(("#", "http://", "https://")), href


def assert_nothing_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    assert page.locator("script:not([type])").count() == 1  # only our own


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_documents_never_run_script(browser: Any, bypass_csp: bool, tmp_path: Path,
                                            serve_app) -> None:
    """With the page's Content-Security-Policy, and with it switched off: the escaping
    alone must keep every document's markup inert."""
    pages = new_page(browser, bypass_csp=bypass_csp)
    page = next(pages)
    corpus = hostile_corpus(tmp_path)
    out = tmp_path / "report.html"
    report = write_report(corpus, None, out)
    assert report["findings"], "the hostile text should still be checked"
    page.goto(out.as_uri())
    wait_ready(page)
    visit_everything(page)
    page.locator("#doc-list li[data-doc='hostile.html'] a").click()
    wait_until(page, "document.querySelector('#doc h2').textContent.indexOf('Delegates') >= 0")
    assert 'Delegates <script>alert("title")</script> gather' in page.inner_text("#doc h2")
    assert_nothing_ran(page)

    server = serve_app(corpus, None, tmp_path / "decisions.yaml")
    page.goto(server.url)
    wait_ready(page)
    visit_everything(page)
    page.locator("#doc-list li[data-doc='scripted.txt'] a").click()
    wait_until(page, "document.querySelector('#doc h2').textContent === 'scripted.txt'")
    assert "<script>window.__pwned=1</script>" in page.locator("#doc .text").inner_text()
    assert_nothing_ran(page)
    pages.close()

