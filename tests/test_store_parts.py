"""A huge document's claims are stored in parts (`PART_CLAIMS` each): the report, the
claims read back, rule groups' citations and the cache give what one part gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Claim, Document
from checker.report import build_report
from checker.report import json as json_format
from checker.report.json import claims_text
from checker.run import store as store_module
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan
from checker.run.store import ClaimStore, StoredDocument, StoredPart, pack_claims, part_bounds
from checker.run.worker import pack_document, process_document
from tests.test_pipeline_streaming import RULES, write_corpus


def report_of(result) -> str:
    return json_format.render(build_report(result.documents, result.claims, result.findings))


def test_parts_never_split_the_claims_of_one_place() -> None:
    def claim(start: int, kind: str = "count") -> Claim:
        return Claim(doc="d", start=start, end=start + 1, line=1, column=start + 1,
                     text="1", quote="q", kind=kind, value=1)

    claims = [claim(0), claim(1), claim(1, "year"), claim(2), claim(2), claim(2), claim(3)]
    bounds = list(part_bounds(claims, 2))
    assert bounds == [(0, 2), (2, 6), (6, 7)]  # the three claims at 2 stay together
    assert list(part_bounds([], 2)) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_scan_in_small_parts_gives_the_same_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    corpus = write_corpus(tmp_path / "docs", copies=5)  # 20 files: a pool with 2 jobs
    settings = ScanSettings(rules=RULES)
    whole = scan([str(corpus)], settings, jobs=jobs)
    expected, expected_claims = report_of(whole), [c.to_dict() for c in whole.claims]
    distinct = whole.claims.distinct_count
    monkeypatch.setattr(store_module, "PART_CLAIMS", 2)
    parted = scan([str(corpus)], settings, jobs=jobs)
    parts = parted.store.db.execute("SELECT max(part) FROM claims").fetchone()[0]
    assert parts and parts > 1, "the documents must be stored in several parts"
    assert report_of(parted) == expected
    assert [c.to_dict() for c in parted.claims] == expected_claims
    assert parted.claims.distinct_count == distinct
    cited = [fc.claim for f in parted.findings for fc in f.claims]
    assert cited and all(c.text in c.quote for c in cited)  # full claims, from any part


def test_parts_go_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "docs", copies=2)
    settings = ScanSettings(rules=RULES)
    expected = report_of(scan([str(corpus)], settings, jobs=1))
    monkeypatch.setattr(store_module, "PART_CLAIMS", 2)
    cold = scan([str(corpus)], settings, jobs=1, cache=Cache(tmp_path / "c"))
    assert report_of(cold) == expected
    cache = Cache(tmp_path / "c")
    warm = scan([str(corpus)], settings, jobs=1, cache=cache)
    assert cache.misses == 0 and cache.damaged == 0
    assert warm.store.db.execute("SELECT max(part) FROM claims").fetchone()[0] > 1
    assert report_of(warm) == expected


def test_a_document_sharing_its_id_is_merged_across_parts(tmp_path: Path) -> None:
    def claim(doc: str, start: int) -> Claim:
        return Claim(doc=doc, start=start, end=start + 3, line=1, column=start + 1,
                     text="463", quote="q", kind="count", value=463)

    def stored(doc: str, starts: list[int]) -> StoredDocument:
        claims = [claim(doc, s) for s in starts]
        first, rest = claims[:1], claims[1:]
        more = [StoredPart.of(pack_claims([c]), claims_text([c]), 1, 1) for c in rest]
        return StoredDocument(Document(doc, ""), pack_claims(first), len(claims), 1, {},
                              report=claims_text(first), more=more)

    store = ClaimStore(tmp_path)
    store.add(0, 0, stored("same.txt", [30, 50, 70]))
    store.add(1, 0, stored("same.txt", [10, 50]))
    store.add(2, 0, stored("z.txt", [5, 6]))
    store.finish()
    assert [(c.doc, c.start) for c in store.claims()] == [
        ("same.txt", 10), ("same.txt", 30), ("same.txt", 50), ("same.txt", 50),
        ("same.txt", 70), ("z.txt", 5), ("z.txt", 6)]
    pieces = [(text, [c.start for c in claims()]) for text, claims in store.claim_pieces()]
    assert pieces[0] == ("", [10, 30, 50, 50, 70])
    assert [p[1] for p in pieces[1:]] == [[5], [6]] and all(p[0] for p in pieces[1:])
    assert store.distinct_claims() == 4 + 2
    store.close()


def test_a_huge_documents_parts_travel_compressed(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(f"Pier {n} landed {100 + n} crates on day {n % 28 + 1}. " for n in range(600))
    doc = Document("pier.txt", text)
    monkeypatch.setattr(store_module, "PART_CLAIMS", 100)
    out = pack_document(process_document(doc, ScanSettings(), None))
    stored = out.stored
    assert stored.count > 1000 and len(stored.more) >= 10
    assert all(p.count <= 100 for p in stored.more)  # no rules: one claim per place
    assert stored.count - sum(p.count for p in stored.more) <= 100  # the first part's
    texts = [p.texts() for p in stored.more]
    assert all(report.startswith("{") and report.endswith("}") for _, report in texts)
    assert sum(len(p.packed) for p in stored.more) < sum(len(r) for _, r in texts) / 5
