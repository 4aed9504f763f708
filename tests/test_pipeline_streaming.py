"""The streaming scan: claims go through the on-disk store and come back in report order,
and the result is the one the plain in-memory computation gives."""

from __future__ import annotations

import json
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pytest

from checker.compare.groups import compare_group
from checker.model import Claim, Document
from checker.read.sources import ReadOptions, find_sources, read_source
from checker.report import Records, build_report
from checker.report import json as json_format
from checker.report.json import claims_text
from checker.rules.rule import Rule
from checker.rules.select import compile_rules
from checker.run.pipeline import ScanSettings, _without_repeats, scan
from checker.run.store import ClaimStore, StoredDocument, pack_claims
from checker.run.worker import process_document
from checker.util import codec

RULES = (
    Rule(id="signatories", units=("signatories",), context_any=("letter",)),
    Rule(id="prisoners", units=("political prisoners", "prisoners"), tolerance=0.0),
)
ARTICLES = [
    "date: 2022-01-27\n\nAn open letter with 463 signatories reached the UN. "
    "The letter's 463 signatories asked for an inquiry.\n",
    "date: 2022-01-28\n\nThe letter, signed by 462 signatories, was read aloud.\n\n"
    "Over 30,000 political prisoners were killed that summer.\n",
    "date: 2016-05-02\n\nOver 300 political prisoners were executed. Seventy years ago, in "
    "1914, the war began. On Thursday, January 27, 2022 the letter of 463 signatories "
    "was sent.\n",
    "date: 2023-03-01\n\nMore than 30,000 political prisoners died; 463 signatories "
    "backed the letter.\n",
]


def write_corpus(root: Path, copies: int = 1) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for i, text in enumerate(ARTICLES):
            (root / f"d{n:03d}-{i}.txt").write_text(text.replace("letter", f"letter {n}"),
                                                    "utf-8")
    return root


def in_memory(paths: list[str], settings: ScanSettings):
    """The scan as plain lists in memory: what streaming must reproduce."""
    compiled = compile_rules(list(settings.rules))
    docs: list[Document] = []
    claims: list[Claim] = []
    builtin = []
    groups: dict[str, list[Claim]] = defaultdict(list)
    for source in find_sources(paths):
        for doc in read_source(source, ReadOptions(), lambda m: None):
            found = process_document(doc, settings, compiled)
            doc.chars, doc.text = len(doc.text), ""
            docs.append(doc)
            builtin.extend(found.findings)
            keys = set()
            for c in found.selected:
                groups[c.group or c.rule or ""].append(c)
                claims.append(c)
                keys.add((c.start, c.end, c.kind))
            claims += [c for c in found.claims if (c.start, c.end, c.kind) not in keys]
    by_rules = []
    rules = {r.id: r for r in settings.rules}
    for key in sorted(groups):
        by_rules += compare_group(rules[groups[key][0].rule], groups[key])
    return docs, claims, _without_repeats(builtin, by_rules) + by_rules


def test_streamed_scan_equals_the_in_memory_scan(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs", copies=3)
    settings = ScanSettings(rules=RULES)
    result = scan([str(corpus)], settings, jobs=1)
    docs, claims, findings = in_memory([str(corpus)], settings)
    assert findings, "the sample corpus must give findings"
    streamed = json_format.render(build_report(result.documents, result.claims,
                                               result.findings))
    expected = json_format.render(build_report(docs, claims, findings))
    assert streamed == expected
    assert [f.id for f in result.findings] == [f.id for f in findings]


def test_any_number_of_jobs_gives_the_same_bytes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs", copies=6)  # 24 files: enough for a pool
    settings = ScanSettings(rules=RULES)
    outputs = set()
    for jobs in (1, 2):
        result = scan([str(corpus)], settings, jobs=jobs)
        outputs.add(json_format.render(build_report(result.documents, result.claims,
                                                    result.findings)))
    assert len(outputs) == 1


def test_cited_claims_are_the_full_ones(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    result = scan([str(corpus)], ScanSettings(rules=RULES), jobs=1)
    cited = [fc.claim for f in result.findings if f.rule in ("signatories", "prisoners")
             for fc in f.claims]
    assert cited and all(c.quote and ":" not in c.quote[:3] for c in cited)
    assert all(c.text in c.quote for c in cited)


@pytest.mark.parametrize("copies", [1, 4])
def test_report_records_stream_in_report_order(tmp_path: Path, copies: int) -> None:
    corpus = write_corpus(tmp_path / "docs", copies=copies)
    result = scan([str(corpus)], ScanSettings(rules=RULES), jobs=1)
    claims = list(result.claims)
    assert len(claims) == len(result.claims)
    keys = [(c.doc, c.start, c.end, c.kind, c.rule or "") for c in claims]
    assert keys == sorted(keys)
    assert [d.id for d in result.documents] == sorted(d.id for d in result.documents)


# -- the JSON writer: lazy records give exactly json.dumps(indent=2) -----------------------
@pytest.mark.parametrize("items", [[], [{"a": 1}], [{"a": [1, {"b": "x\ny"}], "c": {}}, {}]])
def test_lazy_records_render_as_json_dumps_would(items: list, tmp_path: Path) -> None:
    report = {"version": 1, "documents": [], "claims": Records(items, dict),
              "rules": [{"id": "r"}], "empty": {}}
    text = json_format.render(report)
    plain = {**report, "claims": list(items)}
    assert text == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    json_format.write(report, tmp_path / "r.json")
    assert (tmp_path / "r.json").read_text("utf-8") == text


def test_documents_sharing_an_id_merge_in_report_order(tmp_path: Path) -> None:
    def claim(doc: str, start: int) -> Claim:
        return Claim(doc=doc, start=start, end=start + 3, line=1, column=start + 1,
                     text="463", quote="q", kind="count", value=463)

    store = ClaimStore(tmp_path)
    for src, starts in enumerate(([30, 50], [10, 50])):
        claims = [claim("same.txt", s) for s in starts]
        store.add(src, 0, StoredDocument(Document("same.txt", ""), pack_claims(claims),
                                         len(claims), len(claims), {},
                                         report=claims_text(claims)))
    store.finish()
    assert [c.start for c in store.claims()] == [10, 30, 50, 50]
    assert store.distinct_claims() == 3
    store.close()
    assert not list(tmp_path.iterdir())


CLEAN = (
    "date: 2021-03-{day:02d}\n\nThe council of district {n} spent 4.5 million on roads in "
    "2019 and {n},200 residents asked for more. About 300 buses ran each day, and 12% of "
    "trips were late. The plan, agreed on 3 March 2021, runs for ten years. Mayor Anna "
    "Kowalska and Councillor Tomasz Nowak of Ward {n} backed it; Ewa Zielinska did not.\n"
)
# A news-sized article: two paragraphs, about twenty claims (the test below compares what
# a document leaves in memory with what its claims would take).
ARTICLE = CLEAN + (
    "\nSince 2015 the district has opened 14 schools and closed 3; some 2,400 pupils moved "
    "and 60 teachers retired. In 2020 the budget rose by 8% to 12.5 million, and over 900 "
    "homes were built. Director Marek Lewandowski said {n} more would follow by 2030.\n"
)


def test_memory_stays_flat_as_the_corpus_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims, documents and the name facts of the corpus-wide name check go to the store,
    not to memory: an extra document costs a small part of what its claims would take.
    The store's write batch is made small so that both corpora span many batches."""
    monkeypatch.setattr("checker.run.store.BATCH_ROWS", 20)
    peaks, claim_bytes = [], []
    for copies in (100, 1000):
        corpus = tmp_path / f"docs{copies}"
        corpus.mkdir()
        for n in range(copies):
            (corpus / f"d{n:04d}.txt").write_text(ARTICLE.format(day=1 + n % 28, n=n),
                                                  "utf-8")
        if copies == 100:  # imports, compiled patterns and caches are not the corpus's
            scan([str(corpus)], ScanSettings(rules=RULES), jobs=1).close()
        tracemalloc.start()
        result = scan([str(corpus)], ScanSettings(rules=RULES), jobs=1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(result.documents) == copies and len(result.claims) > 15 * copies
        assert not result.findings
        claim_bytes.append(len(codec.dump_claims(list(result.claims))))
        result.close()
        peaks.append(peak)
    # 900 documents apart: the interpreter's free lists and the figure parser's cache (a
    # bounded few hundred KB to 2 MB that tracemalloc counts as in use; each document here
    # writes figures of its own) stay a small part of what is measured per document.
    per_document = (peaks[1] - peaks[0]) / 900
    claims_per_document = (claim_bytes[1] - claim_bytes[0]) / 900
    # What stays per document: its path, id and size, and its text's fingerprint (the name
    # check counts copies once): measured 860 bytes against 3,300 of claims.
    assert per_document < claims_per_document / 2, (peaks, claim_bytes)
