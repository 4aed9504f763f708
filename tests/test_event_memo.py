"""event_conflict with the scan cache as its memo: a warm re-scan judges only the pairs of
documents whose facts changed, and reports what a scan without the cache reports, byte
for byte, whatever changed. The documents are written for these tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.checks import event_memo
from checker.run import engine, pipeline
from tests.scanning import beside_starts, cached_report, json_report

_TEXT = ("The Merrowgate tunnel inquiry under Judge Ysolde Carrick heard that {figure} "
         "commuters were stranded on 14 March 2011. Engineer Tobiah Quarrendon {verb}.\n")
DOCS = {
    "a.txt": _TEXT.format(figure="4,500", verb="gave evidence"),
    "b.txt": _TEXT.format(figure="4,500", verb="was recalled"),
    "c.txt": _TEXT.format(figure="450", verb="spoke last"),
    "d.txt": "In Dunvarra, the Pellingham ferry carried 212 passengers in 1997, said "
             "Captain Aldous Freyne of the Korrigan line.\n",
    "e.txt": "Captain Aldous Freyne said the Pellingham ferry of the Korrigan line left "
             "Dunvarra with 221 passengers in 1997.\n",
}


def _corpus(root: Path) -> Path:
    root.mkdir()
    for name, text in DOCS.items():
        (root / name).write_text(text, "utf-8")
    return root



def _judged(monkeypatch) -> list[tuple[str, ...]]:
    """The pairs judged afresh (not taken from the memo), as their documents."""
    calls: list[tuple[str, ...]] = []
    real = event_memo.judge_pair

    def counting(judge, ka, kb, link, place):
        docs = {c.doc for cs in (*ka.values(), *kb.values()) for c in cs}
        calls.append(tuple(sorted(docs)))
        return real(judge, ka, kb, link, place)

    monkeypatch.setattr(event_memo, "judge_pair", counting)
    return calls


def test_a_warm_rescan_judges_only_the_changed_documents_pairs(tmp_path: Path,
                                                                monkeypatch) -> None:
    corpus = _corpus(tmp_path / "docs")
    judged = _judged(monkeypatch)
    cold = cached_report(corpus, tmp_path / "c")
    assert '"check": "event_conflict"' in cold
    assert len(judged) == 4  # a-b, a-c, b-c, d-e
    judged.clear()
    assert cached_report(corpus, tmp_path / "c") == cold == json_report(corpus)
    assert judged == []
    (corpus / "c.txt").write_text(_TEXT.format(figure="45,000", verb="spoke last"), "utf-8")
    assert cached_report(corpus, tmp_path / "c") == json_report(corpus)
    assert sorted(judged) == [("a.txt", "c.txt"), ("b.txt", "c.txt")]


def test_links_are_made_again_only_when_a_documents_terms_change(tmp_path: Path,
                                                                  monkeypatch) -> None:
    from checker.compare import events

    corpus = _corpus(tmp_path / "docs")
    made: list[int] = []
    real = events.EventLinks.linked
    monkeypatch.setattr(events.EventLinks, "linked", lambda self: made.append(1) or real(self))
    cached_report(corpus, tmp_path / "c")
    assert made == [1]
    (corpus / "c.txt").write_text(_TEXT.format(figure="45,000", verb="spoke last"), "utf-8")
    warm = cached_report(corpus, tmp_path / "c")
    assert made == [1]  # a figure changed, not the terms: the links are remembered
    assert warm == json_report(corpus)
    made.clear()
    (corpus / "c.txt").write_text(_TEXT.format(figure="450", verb="met Iolo Brangwyn"))
    warm = cached_report(corpus, tmp_path / "c")
    assert made == [1]  # a new name: linked again
    assert warm == json_report(corpus)


@pytest.mark.parametrize("change", ["figure", "names", "delete", "add", "text only"])
def test_a_warm_rescan_after_a_change_equals_a_scan_without_the_cache(
        tmp_path: Path, change: str) -> None:
    corpus = _corpus(tmp_path / "docs")
    cached_report(corpus, tmp_path / "c")
    if change == "figure":
        (corpus / "a.txt").write_text(_TEXT.format(figure="450", verb="gave evidence"))
    elif change == "names":
        (corpus / "b.txt").write_text("Judge Ysolde Carrick heard that 4,500 tickets were "
                                      "sold in Lisbon.\n")
    elif change == "delete":
        (corpus / "e.txt").unlink()
    elif change == "add":
        (corpus / "f.txt").write_text(_TEXT.format(figure="4,050", verb="agreed"))
    else:
        with (corpus / "d.txt").open("a", encoding="utf-8") as fh:
            fh.write("\nMore was said.\n")
    assert cached_report(corpus, tmp_path / "c") == json_report(corpus)


@pytest.mark.skipif(not engine.forks_beside(2), reason="needs two cores and fork")
def test_the_check_run_beside_the_scan_keeps_its_memo_too(tmp_path: Path,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_FRESH_APART", 0)  # the corpus checks apart
    corpus = _corpus(tmp_path / "docs")
    started = beside_starts(monkeypatch)
    cold = cached_report(corpus, tmp_path / "c", jobs=2)
    assert pipeline._corpus_checks_apart in started
    saved = sqlite3.connect(tmp_path / "c" / "cache.sqlite").execute(
        "SELECT count(*) FROM memos WHERE key LIKE '%event_conflict:%'").fetchone()[0]
    assert saved == 1
    judged = _judged(monkeypatch)  # in this process: the check runs here with --jobs 1
    assert cached_report(corpus, tmp_path / "c", jobs=1) == cold
    assert judged == []



@pytest.mark.parametrize("memo", ["[1, 2]", '{"docs": {}, "pairs": {"x y": [[[9, 9, 1.0, 1.0, '
                                  '[], [], null, "error"]], [], []]}}', "spoiled"])
def test_a_memo_that_does_not_fit_is_not_trusted(tmp_path: Path, memo: str) -> None:
    corpus = _corpus(tmp_path / "docs")
    cold = cached_report(corpus, tmp_path / "c")
    db = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    if memo == "spoiled":  # every remembered judgment points past the figures
        (key, data), = db.execute("SELECT key, payload FROM memos WHERE key LIKE "
                                  "'%event_conflict:%'").fetchall()
        db.execute("UPDATE memos SET payload=? WHERE key=?",
                   (data.replace("[[0,", "[[7,").replace("[[1,", "[[7,"), key))
        # and every document's remembered figures are more than it has
        db.execute("UPDATE memos SET payload=replace(payload, ',1]]', ',9]]') WHERE key=?",
                   (key,))
    else:
        db.execute("UPDATE memos SET payload=? WHERE key LIKE '%event_conflict:%'", (memo,))
    db.commit()
    db.close()
    assert cached_report(corpus, tmp_path / "c") == cold


@pytest.mark.parametrize("digest", [None, 42, "", "not a digest we wrote"])
def test_a_stored_digest_that_is_not_ours_reads_the_facts_again(tmp_path: Path,
                                                                digest: object) -> None:
    corpus = _corpus(tmp_path / "docs")
    cold = cached_report(corpus, tmp_path / "c")
    db = sqlite3.connect(tmp_path / "c" / "cache.sqlite")
    db.execute("UPDATE facts SET digest=? WHERE check_id='event_conflict'", (digest,))
    db.commit()
    db.close()
    assert cached_report(corpus, tmp_path / "c") == cold
    assert cached_report(corpus, tmp_path / "c") == cold  # with what that scan remembered
