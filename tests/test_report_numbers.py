"""Numbers as reports print them: intervals as people write them, bounds without float
noise, and each document's real length, fresh or from the cache."""

from __future__ import annotations

import json
from pathlib import Path

from checker.extract import extract_text
from checker.extract.intervals import written_interval
from checker.report import build_report
from checker.report import json as json_format
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan


def test_intervals_are_written_as_people_write_them() -> None:
    (claim,) = extract_text("About 1.5 million people fled.")
    assert (claim.low, claim.high) == (1_350_000, 1_650_000)
    assert written_interval(claim.low, claim.high) == "1,350,000-1,650,000"
    assert written_interval(463, 463) == "463"
    assert written_interval(2.45, 2.55) == "2.45-2.55"
    assert written_interval(None, None) == ""


def test_scaled_figures_have_clean_values_and_bounds() -> None:
    claims = extract_text("A deal worth $8.2bn, up 0.2% on a $16.6bn bid.")
    for c in claims:
        for number in (c.value, c.low, c.high):
            assert len(repr(float(number)).rstrip("0").rstrip(".")) <= 14, (c.text, number)


def report_of(paths: list[str], cache: Cache | None = None) -> dict:
    result = scan(paths, ScanSettings(), jobs=1, cache=cache)
    try:
        text = json_format.render(build_report(result.documents, result.claims,
                                               result.findings))
    finally:
        result.close()
    return json.loads(text)


def test_documents_report_their_real_length_fresh_and_cached(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    texts = {"a.txt": "The barge carried 2,140 passengers.\n",
             "b.md": "---\ntitle: B\n---\nOnly 615 survived; 1,388 drowned.\n"}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    for _ in range(2):                               # fresh, then every file from the cache
        chars = {d["id"]: d["chars"] for d in report_of([str(corpus)], cache)["documents"]}
        assert chars["a.txt"] == len(texts["a.txt"])
        assert 0 < chars["b.md"] <= len(texts["b.md"])
    cache.close()
