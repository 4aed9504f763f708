"""Contradictions across documents found with no rule: documents linked by the event they
report (rare names, places, dates), then figures compared within the event. The
documents are written for these tests."""

from __future__ import annotations

from pathlib import Path

from checker.checks import event_conflict
from checker.extract import extract_text
from checker.extract.rarity import zipf
from checker.model import Document
from checker.run.pipeline import ScanSettings, scan


def facts(docs: dict[str, str]) -> list[event_conflict.EventFacts]:
    out = []
    for doc_id, text in docs.items():
        doc = Document(doc_id, text)
        out += event_conflict.collect(doc, extract_text(text, doc_id), event_conflict.DEFAULT)
    return out


def findings(docs: dict[str, str]) -> list:
    return list(event_conflict.check(facts(docs), event_conflict.DEFAULT))


HEARING = {
    "a.txt": "At the Varnholt hearing, Judge Orlaith Tallinder heard that over 30,000 political "
             "prisoners were executed in 1988.",
    "b.txt": "Judge Orlaith Tallinder told the Varnholt panel that over 30,000 political "
             "prisoners were executed in 1988.",
    "c.txt": "The Varnholt hearing chaired by Orlaith Tallinder was told that over 300 political "
             "prisoners were executed in 1988.",
}


def test_the_odd_report_of_one_event_is_flagged() -> None:
    found = findings(HEARING)
    assert found and all(f.check == "event_conflict" for f in found)
    flagged = {(c.doc, c.text) for f in found for c in f.flagged()}
    assert flagged == {("c.txt", "over 300 political prisoners")}
    message = found[0].message
    assert "Varnholt" in message or "Tallinder" in message or "Orlaith" in message
    assert "two zeros" in message


def test_two_reports_that_disagree_are_both_flagged() -> None:
    (finding,) = findings({d: HEARING[d] for d in ("a.txt", "c.txt")})
    assert sorted(c.doc for c in finding.flagged()) == ["a.txt", "c.txt"]


def test_two_events_of_one_year_are_never_compared() -> None:
    docs = {
        "e.txt": "In 1988, 412 miners died when the Kestrava pit flooded near Ormsby.",
        "g.txt": "In 1988, 421 miners died in the Brellin shaft fire at Tolvik.",
    }
    assert findings(docs) == []


def test_figures_differing_by_no_slip_are_left_to_rules() -> None:
    docs = {
        "a.txt": "Judge Orlaith Tallinder of the Varnholt panel said 120 witnesses spoke.",
        "b.txt": "The Varnholt panel under Orlaith Tallinder heard 175 witnesses in all.",
    }
    assert findings(docs) == []


def test_a_scan_reports_it_with_no_rules(tmp_path: Path) -> None:
    for name, text in HEARING.items():
        (tmp_path / name).write_text(text, "utf-8")
    result = scan([str(tmp_path)], ScanSettings(), jobs=1)
    try:
        checks = sorted({f.check for f in result.findings})
    finally:
        result.close()
    assert "event_conflict" in checks


def test_rare_names_come_from_wordfreq() -> None:
    assert zipf("the") > 7 and 4 < zipf("died") < 6
    assert zipf("tallinder") == 0.0


class _CountedReads(list):
    """Facts that count how often they are read through."""

    reads = 0

    def __iter__(self):
        self.reads += 1
        return super().__iter__()


def test_facts_are_read_twice_and_the_terms_kept_between(monkeypatch) -> None:
    expected = findings(HEARING)
    counted = _CountedReads(facts(HEARING))
    assert list(event_conflict.check(counted, event_conflict.DEFAULT)) == expected
    assert counted.reads == 2   # terms once (kept for the second link pass), figures once
    monkeypatch.setattr(event_conflict, "_KEEP_TERMS", 1)
    counted = _CountedReads(facts(HEARING))
    assert list(event_conflict.check(counted, event_conflict.DEFAULT)) == expected
    assert counted.reads == 3   # too many to keep: the terms are read again
