"""How big the HTML report of a large corpus is, and how fast it opens and filters in
real headless Chromium.

    .venv/bin/python bench/html_report.py [CORPUS] [--rules DIR] [--out FILE] [--screenshot PNG]

CORPUS defaults to ../shared/data/bbc (built-in checks only unless --rules is given).
Prints one line per measurement; the browser part needs Playwright and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.commands.settings import apply_review_files, run_scan  # noqa: E402
from checker.report import build_report  # noqa: E402
from checker.report.html import load_texts, render  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCAN_OPTIONS = {"include": (), "exclude": (), "jobs": 0, "id_field": "id", "text_field": "text",
                "date_field": "date", "doc_date": None, "use_cache": False}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/data/bbc"))
    parser.add_argument("--rules", help="Rule folder (default: built-in checks only).")
    parser.add_argument("--out", default="reports/bench-report.html")
    parser.add_argument("--screenshot", help="Also save a screenshot of the report here.")
    parser.add_argument("--runs", type=int, default=3, help="Page loads to time.")
    parser.add_argument("--exclude", action="append", metavar="GLOB",
                        help="Skip documents matching GLOB (default: the BBC folder's "
                             "README.TXT and SOURCE.md, which are not articles).")
    args = parser.parse_args()
    options = {**SCAN_OPTIONS, "exclude": tuple(args.exclude or ("README.TXT", "SOURCE.md"))}

    started = time.perf_counter()
    result = run_scan((args.corpus,), (args.rules,) if args.rules else (), not args.rules,
                      (), False, options)
    extra = apply_review_files(result.findings, None, on_warning=lambda _m: None)
    report = build_report(list(result.documents), list(result.claims), result.findings,
                          "warning", extra)
    scanned = time.perf_counter()
    texts = load_texts(report)
    loaded = time.perf_counter()
    page = render(report, texts)
    rendered = time.perf_counter()
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    summary = report["summary"]
    print(f"corpus: {args.corpus}: {summary['documents']} documents, {summary['claims']} "
          f"claims, {summary['findings']} findings")
    print(f"scan: {scanned - started:.1f} s; re-read texts: {loaded - scanned:.2f} s "
          f"({len(texts)} texts); render: {rendered - loaded:.2f} s")
    print(f"report: {out} {out.stat().st_size / 1e6:.2f} MB")
    browse(out, report, args.runs, args.screenshot)


def browse(path: Path, report: dict, runs: int, screenshot: str | None) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser: skipped (pip install playwright)")
        return
    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} not installed)")
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        loads = []
        for _ in range(runs):
            began = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-ready=true]", timeout=60_000)
            loads.append(time.perf_counter() - began)
        print(f"browser load to ready: median {statistics.median(loads) * 1000:.0f} ms "
              f"over {runs} loads (min {min(loads) * 1000:.0f} ms)")
        severity = timed(page, "select('f-severity', 'warning')")
        search = timed(page, "search('year')")
        clear = timed(page, "search('')")
        print(f"filter by severity: {severity:.1f} ms; search (incl. 120 ms typing pause): "
              f"{search:.0f} ms; clear search: {clear:.0f} ms")
        per_doc = Counter(c["doc"] for c in report["claims"])
        busiest = max(report["documents"], key=lambda d: (per_doc[d["id"]], d["id"]))
        show_document(page, busiest, "first")
        show_document(page, report["documents"][0], "next")
        open_picture(page, report)
        if screenshot:
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-ready=true]")
            page.screenshot(path=screenshot)
            print(f"screenshot: {screenshot}")
        browser.close()


def show_document(page, doc: dict, label: str) -> None:
    """Time the documents view of one document, from the link to the marked text."""
    shown = page.evaluate("""id => new Promise(done => {
      const t0 = performance.now();  // the page's own hashchange handler runs first
      addEventListener('hashchange', () => { document.body.offsetHeight;
        done(performance.now() - t0); }, {once: true});
      location.hash = '#doc=' + encodeURIComponent(id);
    })""", doc["id"])
    marks = page.locator("#doc mark.claim").count()
    print(f"documents view ({label} shown) of {doc['id']} ({marks} claims marked): "
          f"{shown:.0f} ms")


def open_picture(page, report: dict) -> None:
    """Time opening the finding whose group picture draws the most claims (the picture is
    drawn when its finding first opens), and say how much of the page the pictures take."""
    from checker.report.html import json_for_script
    from checker.report.picture import PictureCollector

    collector = PictureCollector(report["findings"])
    for claim in report["claims"]:
        collector.add(claim)
    pictures, picture_of = collector.result()
    size = len(json_for_script(pictures)) + len(json_for_script(picture_of))
    print(f"group pictures: {len(pictures)} for {len(picture_of)} findings, "
          f"{size / 1e3:.1f} kB of data")
    if not picture_of:
        return
    finding = max(picture_of, key=lambda f: (pictures[picture_of[f]["picture"]]["claims"], f))
    picture = pictures[picture_of[finding]["picture"]]
    shown = page.evaluate("""id => new Promise(done => {
      const t0 = performance.now();  // the page's own hashchange handler draws it first
      addEventListener('hashchange', () => { document.body.offsetHeight;
        done(performance.now() - t0); }, {once: true});
      location.hash = '#finding=' + encodeURIComponent(id);
    })""", finding)
    bars = page.locator(f"#finding-{finding} figure.picture a.row").count()
    print(f"open the finding with the largest picture ({picture['claims']} claims, "
          f"{bars} bars): {shown:.0f} ms")


def timed(page, action: str) -> float:
    """Milliseconds from a filter action until the page has re-counted the findings and
    laid out again (the search box waits 120 ms after the last key: included)."""
    return page.evaluate(f"""() => new Promise(done => {{
      function select(id, v) {{ var s = document.getElementById(id); s.value = v;
        s.dispatchEvent(new Event('change')); }}
      function search(v) {{ var q = document.getElementById('q'); q.value = v;
        q.dispatchEvent(new Event('input')); }}
      const shown = document.getElementById('shown');
      const t0 = performance.now();
      new MutationObserver((_, obs) => {{ obs.disconnect(); document.body.offsetHeight;
        done(performance.now() - t0); }}).observe(shown, {{childList: true}});
      {action};
    }})""")


if __name__ == "__main__":
    main()
