"""Suggested rules: groups found in a corpus, written as a rule file the loader accepts, and
`scan --auto-rules`. The documents are written for these tests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.commands.suggest_cmd import suggest_rules
from checker.errors import UserError
from checker.extract import extract_text
from checker.rules.load import load_rules
from checker.suggest import confident_rules, suggest, suggestions_yaml

# Three reports of one hearing (they share the rare names Varnholt, Orlaith Tallinder),
# and one document about something else.
DOCS = {
    "a.txt": "date: 2016-11-26\n\nAt the Varnholt hearing, Judge Orlaith Tallinder recalled "
             "the summer of 1988, when more than 30,000 political prisoners were put to death "
             "after a religious decree.\n",
    "b.txt": "date: 2023-07-05\n\nThe Varnholt summit, opened by Judge Orlaith Tallinder, "
             "remembered the 1988 massacre of over 30,000 political prisoners.\n",
    "c.txt": "date: 2022-01-27\n\nJudge Orlaith Tallinder's letter to the Varnholt panel "
             "speaks of the massacre of over 300 political prisoners in 1988. Separately, 463 "
             "experts signed the letter. In all, 463 experts signed it.\n",
    "d.txt": "date: 2024-03-01\n\nThe club sold 12 season tickets and 40 scarves.\n",
}
# Two mining disasters of the same year, where miners "died" in both: two events.
MINES = {
    "e.txt": "In 1988, 412 miners died when the Kestrava pit flooded near Ormsby, the Haldane "
             "inquiry found.\n",
    "f.txt": "The Haldane inquiry into the Kestrava pit flood at Ormsby listed 421 miners who "
             "died in 1988.\n",
    "g.txt": "In 1988, 93 miners died in the Brellin shaft fire at Tolvik, the Sorvane "
             "commission said.\n",
    "h.txt": "The Sorvane commission on the Brellin shaft fire at Tolvik counted 39 miners who "
             "died in 1988.\n",
}


def _suggest(docs: dict[str, str], tmp: Path, **options) -> list:
    from checker.read.sources import ReadOptions
    from checker.suggest import suggest_for

    return suggest_for([str(_write(tmp, docs))], ReadOptions(), jobs=1, **options)[0]


def _write(folder: Path, docs: dict[str, str] = DOCS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_a_recurring_group_becomes_a_confident_rule(tmp_path: Path) -> None:
    [first, *rest] = _suggest(DOCS, tmp_path)
    assert first.confident and first.head == "prisoner"
    assert first.terms and set(first.terms) <= {"orlaith", "tallinder", "varnholt"}
    assert first.units[0] == "political prisoners"
    assert sorted(c.doc for c in first.claims) == ["a.txt", "b.txt", "c.txt"]
    assert first.findings == 1  # over 300 against over 30,000: they already disagree
    assert all(not s.confident for s in rest)


def test_a_group_in_one_document_is_uncertain(tmp_path: Path) -> None:
    uncertain = [s for s in _suggest(DOCS, tmp_path) if not s.confident]
    assert [s.head for s in uncertain] == ["expert"]
    assert uncertain[0].documents == 1


def test_thresholds_are_options(tmp_path: Path) -> None:
    strict = _suggest(DOCS, tmp_path / "a", min_claims=4)
    assert not any(s.confident for s in strict)
    loose = _suggest(DOCS, tmp_path / "b", min_documents=1, min_claims=2)
    assert {s.head for s in loose if s.confident} == {"prisoner", "expert"}


def test_two_events_with_the_same_year_and_verb_stay_apart(tmp_path: Path) -> None:
    """Two disasters of 1988 where miners died: one rule per disaster, named by its own
    rare names, each taking only its own two reports."""
    rules = [s for s in _suggest(MINES, tmp_path, min_claims=2) if s.confident]
    groups = sorted(sorted(c.doc for c in s.claims) for s in rules)
    assert groups == [["e.txt", "f.txt"], ["g.txt", "h.txt"]]
    for s in rules:
        own = {"kestrava", "ormsby", "haldane"} if s.claims[0].doc == "e.txt" else \
            {"brellin", "tolvik", "sorvane"}
        assert s.terms and set(s.terms) <= own
        assert s.findings == 1   # 412/421 and 93/39 disagree, each within its own event


def test_clusters_keep_events_that_share_a_year_apart() -> None:
    from checker.compare.events import EventLinks

    terms = {d: _terms(t) for d, t in MINES.items()}
    links = EventLinks(lambda: terms.items())
    clusters = links.clusters()
    assert sorted(c.documents for c in clusters) == [("e.txt", "f.txt"), ("g.txt", "h.txt")]
    assert links.link("e.txt", "g.txt") is None            # only "1988" in common
    link = links.link("e.txt", "f.txt")
    assert link is not None and {"kestrava", "ormsby", "haldane"} <= set(link.terms)


def _terms(text: str) -> frozenset[str]:
    from checker.compare.events import event_terms

    return event_terms(text, extract_text(text))


def test_written_file_loads_and_means_the_same_rules(tmp_path: Path) -> None:
    suggestions = _suggest(DOCS, tmp_path)
    text = suggestions_yaml(suggestions, len(DOCS))
    path = tmp_path / "suggested.yaml"
    path.write_text(text, "utf-8")
    loaded = load_rules([str(path)])
    expected = confident_rules(suggestions)
    assert [dataclasses.replace(r, source="") for r in loaded] == [
        dataclasses.replace(r, source="") for r in expected]
    assert "# uncertain: 2 claims in 1 document" in text
    assert "# - id: experts-" in text
    assert "they already disagree (1 finding)" in text


def test_nothing_to_suggest_is_said_plainly() -> None:
    assert "nothing to suggest" in suggestions_yaml([], 1)
    assert suggest([]) == []


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = suggestions_yaml(_suggest(DOCS, tmp_path / "a"), 4)
    again = suggest(list(reversed([c for s in _suggest(DOCS, tmp_path / "b")
                                   for c in s.claims])))
    assert first == suggestions_yaml(_suggest(DOCS, tmp_path / "c"), 4)
    assert again  # the same claims in another order still group


def test_command_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus")
    out = tmp_path / "rules" / "suggested.yaml"
    args = [str(corpus), "-o", str(out), "--jobs", "1"]
    result = CliRunner().invoke(suggest_rules, args)
    assert result.exit_code == 0, result.output
    assert load_rules([str(out)])[0].id.startswith("political-prisoners-")
    again = CliRunner().invoke(suggest_rules, args)
    assert isinstance(again.exception, UserError)
    assert "--force" in str(again.exception)
    assert CliRunner().invoke(suggest_rules, [*args, "--force"]).exit_code == 0


def test_command_help_has_an_example() -> None:
    result = CliRunner().invoke(suggest_rules, ["--help"])
    assert "Example" in result.output and "suggest-rules" in result.output


def test_scan_with_auto_rules_finds_the_cross_document_conflict(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus")
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--format", "json",
                                      "--no-cache", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    conflicts = [f for f in report["findings"] if f["rule"].startswith("political-prisoners-")]
    assert len(conflicts) == 1
    flagged = [c["text"] for c in conflicts[0]["claims"] if c["role"] == "flagged"]
    assert flagged == ["over 300 political prisoners"]


def test_auto_rules_and_no_rules_contradict(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus")
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--no-rules"])
    assert result.exit_code == 2
    assert "--auto-rules" in result.output


@pytest.mark.skipif(not Path(__file__).resolve().parents[1].joinpath("../shared/seeds").is_dir(),
                    reason="the seeds are not here")
def test_suggestions_from_the_seeds_load() -> None:
    from checker.read.sources import ReadOptions
    from checker.suggest import suggest_for

    seeds = str(Path(__file__).resolve().parents[1] / "../shared/seeds")
    rules = confident_rules(suggest_for([seeds], ReadOptions(), jobs=1)[0])
    assert any("political prisoners" in r.units and r.document_all for r in rules)


# Three reports of one ferry disaster: people killed, people aboard and people rescued are
# three quantities, though all three count "people".
FERRY = {
    "p.txt": "The Orvane Belle sank off Skellig Point near Tarrow, killing 212 people. She was "
             "carrying 480 people, and 268 people were rescued by trawlers.\n",
    "q.txt": "At Skellig Point the Orvane Belle went down with 480 people aboard; 212 people "
             "died in the cold water off Tarrow.\n",
    "r.txt": "Trawlers from Tarrow rescued 268 people after the Orvane Belle sank at Skellig "
             "Point, where 221 people drowned and 480 people had been aboard.\n",
}


def test_counts_of_one_noun_with_different_fates_are_different_rules(tmp_path: Path) -> None:
    suggestions = _suggest(FERRY, tmp_path, min_claims=2)
    by_fate = {s.fate: sorted(figure(c) for c in s.claims) for s in suggestions
               if s.head == "person"}
    assert by_fate == {"dead": [212, 212, 221], "aboard": [480, 480, 480],
                       "survived": [268, 268]}
    dead = next(s for s in suggestions if s.fate == "dead")
    assert dead.confident and dead.findings == 1           # 221 against 212 twice
    assert "kill" in dead.near_any and "rescue" not in dead.near_any
    assert "killed or dead" in dead.title


def test_the_rule_of_a_fate_takes_only_its_own_figures(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus", FERRY)
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--format", "json",
                                      "--no-cache", "--jobs", "1"])
    report = json.loads(result.stdout)
    flagged = [c["text"] for f in report["findings"] if f["check"] == "conflict"
               for c in f["claims"] if c["role"] == "flagged"]
    assert flagged == ["221 people"], result.output


def figure(c) -> float:
    from checker.model import figure_value

    return figure_value(c)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ([("a", "Sue won 30 awards."), ("b", "Sue won 30 awards in all."),
          ("c", "Sue won 3 awards.")], True),
        # small counts agree by chance: "two matches" in every report is no one quantity
        ([("a", "They won 2 matches."), ("b", "They lost 2 matches."),
          ("c", "They drew 3 matches.")], False),
        # a figure only a copy of one sentence restates is no agreement of two reports
        ([("a", "The firm has 800 staff."), ("b", "The firm has 800 staff."),
          ("c", "The plant has 70 staff.")], False),
        # many different figures: many quantities
        ([("a", "It has 40 staff."), ("b", "It hired 55 staff."), ("c", "It cut 12 staff."),
          ("d", "It has 40 staff in all.")], True),
        ([("a", "It has 40 staff."), ("b", "It hired 55 staff."), ("c", "It cut 12 staff."),
          ("d", "It moved 17 staff.")], False),
    ],
)
def test_one_quantity_needs_a_figure_the_reports_restate(figures, expected) -> None:
    from checker.suggest import one_quantity

    claims = [c for doc, text in figures for c in extract_text(text, doc)
              if c.kind == "count"]
    assert one_quantity(claims) is expected


def test_a_group_whose_figures_all_state_one_fate_asks_for_it(tmp_path: Path) -> None:
    docs = {
        "s.txt": "The storm at Quarrow Bay near Dunmere on Hennet Island flattened 2,870 "
                 "houses.\n",
        "t.txt": "At Quarrow Bay the Hennet Island storm destroyed 2,870 houses around "
                 "Dunmere; of those, only 940 have been rebuilt.\n",
        "u.txt": "Hennet Island officials in Dunmere say the Quarrow Bay storm destroyed 2,780 "
                 "houses.\n",
    }
    corpus = _write(tmp_path / "corpus", docs)
    [rule] = [s for s in _suggest(docs, tmp_path / "s") if s.confident]
    assert rule.fate == "destroyed" and "destroy" in rule.near_any
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--auto-rules", "--format", "json",
                                      "--no-cache", "--jobs", "1"])
    flagged = [c["text"] for f in json.loads(result.stdout)["findings"]
               if f["check"] == "conflict" for c in f["claims"] if c["role"] == "flagged"]
    assert flagged == ["2,780 houses"], result.output     # never the 940 rebuilt


def test_measures_are_never_suggested_as_one_quantity() -> None:
    claims = extract_text("He shot from 10 yards. She shot from 10 yards. It ran 10 yards "
                          "in 9.58 seconds, then 10 seconds.", "a.txt")
    assert suggest(claims) == []
