"""Real headless Chromium (Debian's `chromium`) driven by Playwright for Python.

Skips cleanly when Playwright or the browser is absent. `.ci/run` installs both."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.commands.settings import run_scan
from checker.report import build_report
from checker.report.html import load_texts, render
from checker.review.app import ReviewApp, make_server
from checker.review.stage import apply_review_files

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
SCAN_OPTIONS = {"include": (), "exclude": (), "jobs": 1, "id_field": "id", "text_field": "text",
                "date_field": "date", "doc_date": None, "use_cache": False}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("CI") and not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not installed: .ci/run installs it (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs and script errors (tests assert there are none)."""
    yield from new_page(browser)


def new_page(browser: Any, bypass_csp: bool = False) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  bypass_csp=bypass_csp)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll a JS expression through `evaluate` (the page's CSP forbids the string eval
    that `wait_for_function` uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        time.sleep(0.05)


def scan(corpus: Path, rules: Path | None = None, decisions: Path | None = None):
    """(scan result, report dict) as `checker scan` makes them."""
    result = run_scan((str(corpus),), (str(rules),) if rules else (), rules is None, (), False,
                      dict(SCAN_OPTIONS))
    extra = apply_review_files(result.findings, str(decisions) if decisions else None,
                               on_warning=lambda _m: None)
    report = build_report(list(result.documents), list(result.claims), result.findings,
                          "warning", extra)
    report["rules"] = [{"id": r.id, "title": r.title, "severity": r.severity,
                        "source": r.source} for r in result.rules]
    return result, report


def write_report(corpus: Path, rules: Path | None, out: Path) -> dict[str, Any]:
    """Scan, render the static HTML report to `out`; return the report dict."""
    _, report = scan(corpus, rules)
    out.write_text(render(report, load_texts(report)), encoding="utf-8")
    return report


def copy_shipped_corpus(into: Path) -> tuple[Path, Path]:
    shutil.copytree(REPO / "corpus", into / "corpus")
    shutil.copytree(REPO / "rules", into / "rules")
    return into / "corpus", into / "rules"


@pytest.fixture
def serve_app():
    """Start the review app on a free loopback port in a thread; yields a starter."""
    servers = []

    def start(corpus: Path, rules: Path | None, decisions: Path) -> Any:
        result, report = scan(corpus, rules)
        app = ReviewApp(result.documents, result.claims, result.findings, str(decisions),
                        by="Test Editor", rules=report["rules"])
        app.texts = load_texts(report)
        server = make_server(app, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
