"""`checker eval --mutate`: planted errors, the same for the same seed, scored against a
scan of a copy; the corpus itself untouched. The documents are written for these tests."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.compare.slips import typical_slip
from checker.evaluate.plant import plant_repeated, slips_of
from checker.extract import extract_text
from checker.model import Document

DOCS = {
    "mill.txt": "date: 2021-05-04\n\nTarn Mills to shed 1,460 jobs\n\nTarn Mills will shed "
                "1,460 jobs at its Selby works, Tarn Mills said on Tuesday, 4 May 2021. The "
                "works opened in 1987, and 312 staff will stay.\n",
    "mill-2.txt": "date: 2021-05-05\n\nUnions at Tarn Mills in Selby condemned the loss of "
                  "1,460 jobs announced on Tuesday. The Selby works of Tarn Mills has 1,772 "
                  "staff.\n",
    "port.txt": "date: 2020-02-10\n\nHarbour fees rose 18% at Corvane, where 2,350 ships "
                "called last year. Fees at Corvane rose 18% again this spring. In 1995, 30 "
                "years ago, the port was rebuilt.\n",
    "fair.txt": "date: 2019-09-01\n\nThe Lindqvist fair drew 48,000 visitors; in 2018, 47,000 "
                "visitors came. Organisers of the Lindqvist fair counted 48,000 visitors.\n",
}


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in DOCS.items():
        (root / name).write_text(text, "utf-8")
    return root


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["eval", *args, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_same_seed_plants_and_finds_the_same(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    one = _run("--mutate", str(corpus), "--seed", "3", "--details", str(tmp_path / "a.json"))
    two = _run("--mutate", str(corpus), "--seed", "3", "--details", str(tmp_path / "b.json"))
    assert one == two
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before   # never changed
    details = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert details["plants"], "something was planted"
    for plant in details["plants"]:
        assert plant["before"] != plant["after"]


def test_the_summary_ends_the_output(tmp_path: Path) -> None:
    lines = _run("--mutate", str(_corpus(tmp_path)), "--seed", "1").splitlines()
    assert lines[-6].startswith("kind of error")
    assert lines[-5].startswith("figure stated twice, one copy slipped")
    assert lines[-1].startswith("Findings on the ")
    assert "per 100" in lines[-1]


def test_eval_needs_mutate(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(_corpus(tmp_path))])
    assert result.exit_code == 2 and "--mutate" in result.output


def test_a_missing_corpus_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "--mutate", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no such file or folder" in result.output


@pytest.mark.parametrize("numeral", ["463", "1,460", "30,000", "18", "4.5", "2,350"])
def test_slips_are_written_like_the_figure(numeral: str) -> None:
    for how, new in slips_of(numeral).items():
        assert new != numeral
        assert ("," in new) == ("," in numeral) or len(new.replace(",", "")) < 4, how
        assert ("." in new) == ("." in numeral), how


def test_a_planted_slip_is_a_typical_slip_that_contradicts() -> None:
    text = DOCS["mill.txt"]
    doc = Document("mill.txt", text)
    claims = extract_text(text, "mill.txt")
    plant = plant_repeated(doc, claims, random.Random(5), lambda p: True)
    assert plant is not None and plant.before.startswith("1,460")
    old = float(plant.before.split()[0].replace(",", ""))
    new = float(plant.after.split()[0].replace(",", ""))
    assert typical_slip(new, old) is not None
    planted = plant.planted_text(text)
    (start, end), = plant.spans
    assert planted[start:end] == plant.edits[0].new


def _plants_by_doc(texts: dict[str, str], seed: int) -> dict[str, tuple]:
    from checker.evaluate.measure import choose_plants
    from checker.extract import extract

    docs = {name: Document(id=name, text=text) for name, text in texts.items()}
    claims = {name: extract(doc) for name, doc in docs.items()}
    return {p.doc: (p.kind, p.how, p.before, p.after, p.spans)
            for p in choose_plants(docs, claims, seed, per_kind=100)}


def test_a_changed_document_changes_only_its_own_plant() -> None:
    """Each plant draws from a generator of its own: a document whose figures differ (a
    new version of the checker reading it otherwise) leaves every other plant as it was."""
    texts = {
        f"town-{i}.txt": (f"Ardle council hires {140 + i} wardens\n\nArdle council said it "
                          f"will hire {140 + i} wardens this year. The {140 + i} wardens "
                          f"start in June, the council said, with {20 + i} vans.\n")
        for i in range(12)
    }
    before = _plants_by_doc(texts, seed=7)
    assert len(before) >= 8
    changed = sorted(before)[3]
    texts[changed] = "Ardle council will hire some wardens this year, it said.\n"   # no figure
    after = _plants_by_doc(texts, seed=7)
    assert changed not in after
    assert after == {d: p for d, p in before.items() if d != changed}
