"""Runs of copies in the JSON report: COPIES_RUN or more claims identical but for their
place are one record with "copies"; expanding it gives every claim back, whatever path
the report took (streamed from the store, in parts, from the cache, or in memory)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.read.sources import ReadOptions, find_sources, read_source
from checker.report import build_report
from checker.report import json as json_format
from checker.report.json import COPIES_RUN, PLACE_KEYS
from checker.run import store as store_module
from checker.run.cache import Cache
from checker.run.pipeline import ScanSettings, scan
from checker.run.worker import process_document

SENTENCE = "The harbour board counted 75 trawlers. "


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def expanded(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for record in records:
        copies = record.pop("copies", [])
        out.append(record)
        out += [{**record, **copy} for copy in copies]
    return out


def scanned(folder: Path, **options: Any) -> tuple[str, list[dict[str, Any]]]:
    result = scan([str(folder)], ScanSettings(), jobs=1, **options)
    text = json_format.render(build_report(result.documents, result.claims, result.findings))
    return text, [c.to_dict() for c in result.claims]


def test_a_run_of_copies_is_one_record_that_expands_to_every_claim(tmp_path: Path) -> None:
    text = "Fishing is quiet.\n" + SENTENCE * 40 + "It rained 3 days.\n" + SENTENCE * 12
    folder = write(tmp_path / "docs", "harbour.txt", text)
    report, claims = scanned(folder)
    data = json.loads(report)
    folded = [r for r in data["claims"] if "copies" in r]
    assert [len(r["copies"]) for r in folded] == [39, 11]
    assert all(set(copy) == set(PLACE_KEYS) for r in folded for copy in r["copies"])
    assert expanded(data["claims"]) == claims
    assert data["summary"]["claims"] == len(claims)
    plain = json.dumps({**data, "claims": claims}, indent=2, ensure_ascii=False)
    assert len(report) < len(plain) / 3


def test_a_short_run_and_copies_of_another_sentence_stay_records(tmp_path: Path) -> None:
    text = SENTENCE * (COPIES_RUN - 1) + "\n" + "".join(
        f"The harbour board counted 75 trawlers on pier {n}. " for n in range(30))
    folder = write(tmp_path / "docs", "harbour.txt", text)
    report, claims = scanned(folder)
    data = json.loads(report)
    assert data["claims"] == claims
    assert report == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_every_path_folds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write(tmp_path / "docs", "harbour.txt", SENTENCE * 50 + "Then 12 left.\n")
    write(folder, "other.txt", "The board met 4 times.\n")
    streamed, _ = scanned(folder)
    assert '"copies": [' in streamed
    docs, claims = [], []
    for source in find_sources([str(folder)]):
        for doc in read_source(source, ReadOptions(), lambda _: None):
            claims += process_document(doc, ScanSettings(), None).claims
            doc.chars, doc.text = len(doc.text), ""
            docs.append(doc)
    result = scan([str(folder)], ScanSettings(), jobs=1)
    in_memory = json_format.render(build_report(docs, claims, result.findings))
    assert in_memory == streamed
    monkeypatch.setattr(store_module, "PART_CLAIMS", 20)  # runs cut at part boundaries
    parted, parted_claims = scanned(folder)
    assert expanded(json.loads(parted)["claims"]) == parted_claims
    cold, _ = scanned(folder, cache=Cache(tmp_path / "c"))
    warm_cache = Cache(tmp_path / "c")
    warm, _ = scanned(folder, cache=warm_cache)
    assert warm_cache.misses == 0 and warm == cold == parted
