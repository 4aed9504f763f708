"""Claim frames: each figure's own clause, the noun it counts and the verb it goes with."""

from __future__ import annotations

import pytest

from checker.extract import extract_text
from checker.extract.frame import Frame, FrameReader, frames_of


def frames(text: str) -> dict[str, tuple[str, str | None, bool, str | None]]:
    """Claim text -> (clause text, noun, noun stated, verb)."""
    claims = extract_text(text)
    return {
        c.text: (text[f.clause[0]:f.clause[1]], f.noun, f.noun_stated, f.verb)
        for c, f in zip(claims, frames_of(text, claims), strict=True)
    }


def test_three_figures_in_one_sentence_get_three_clauses() -> None:
    got = frames("The barge carried 2,140 passengers; only 615 survived and 1,388 drowned.")
    assert got["2,140 passengers"] == (
        "The barge carried 2,140 passengers", "passenger", True, "carry")
    assert got["615"] == ("only 615 survived", "passenger", False, "survive")
    assert got["1,388"] == ("1,388 drowned", "passenger", False, "drown")


@pytest.mark.parametrize(
    ("text", "claim", "clause", "verb"),
    [
        ("The blast killed 27 workers, while 64 were injured.", "64",
         "while 64 were injured", "injure"),
        ("Floods hit 90 villages, of whom 41 residents died later.", "41 residents",
         "of whom 41 residents died later", "die"),
        ("Of the 3,300 miners below ground, 2,950 escaped.", "2,950",
         "2,950 escaped", "escape"),
        ("Crews rescued 212 sailors (17 of them cadets) before dawn.", "17",
         "17 of them cadets", None),
        ("Officials said 58 people were reported dead by noon.", "58 people",
         "58 people were reported dead by noon", "dead"),
        ("The toll rose to 96 on Friday.", "96", "The toll rose to 96 on Friday", "rise"),
        ("Relatives of the crew say 305 sailors drowned.", "305 sailors",
         "305 sailors drowned", "drown"),
        ("The coastguard told reporters that 88 crew were missing.", "88 crew",
         "88 crew were missing", "missing"),
        ("The yard added 300 welders in May.", "300 welders",
         "The yard added 300 welders in May", "add"),           # "added" as a verb
        ("She added that 40 staff had left.", "40 staff", "40 staff had left", "leave"),
        ("The count reached 412 on Monday, officials said, as divers searched for survivors.",
         "412", "The count reached 412 on Monday, officials said", "reach"),
        ("As many as 60 boats sank, as expected in such a storm.", "As many as 60 boats",
         "As many as 60 boats sank, as expected in such a storm", "sink"),
        ("Some 1,700 pilgrims were aboard.", "Some 1,700 pilgrims",
         "Some 1,700 pilgrims were aboard", "aboard"),
        ("Between 40 and 50 cabins flooded.", "Between 40 and 50 cabins",
         "Between 40 and 50 cabins flooded", "flood"),
    ],
)
def test_clause_and_verb(text: str, claim: str, clause: str, verb: str | None) -> None:
    got = frames(text)[claim]
    assert (got[0], got[3]) == (clause, verb)


def test_a_rule_reads_what_was_said_not_who_said_it() -> None:
    # "survivors" names who speaks, not what 716 counts; the 410 did survive.
    got = frames("Survivors' groups say 716 people died and 410 survived.")
    assert got["716 people"][0] == "716 people died"
    assert "urvivor" not in got["716 people"][0]
    assert got["410"][3] == "survive"


def test_nouns_are_lemmas_and_say_whether_they_were_written() -> None:
    got = frames("The 318 signatories met twice. Later 12 of the signatories withdrew.")
    assert got["318 signatories"][1:3] == ("signatory", True)
    assert got["12"][1:3] == ("signatory", True)           # "of the signatories"
    got = frames("Four men and 31 persons were freed; 22 people stayed.")
    assert got["31 persons"][1] == got["22 people"][1] == "person"


def test_back_reference_noun_is_inferred() -> None:
    text = "More than 500 delegates signed the charter. The 499 then asked for a vote."
    got = frames(text)
    assert got["The 499"][1:] == ("delegate", False, "ask")


def test_two_nouns_joined_by_and_stay_one_clause() -> None:
    got = frames("About 6,100 women and girls were moved to camps.")
    (clause, noun, stated, verb) = got["About 6,100 women and girls"]
    assert clause == "About 6,100 women and girls were moved to camps"
    assert (stated, verb) == (True, "move")


def test_years_and_dates_have_clauses_but_no_noun() -> None:
    got = frames("In 2011, 43 crew members were lost at sea.")
    assert got["2011"][1] is None
    crew = next(v for k, v in got.items() if k.startswith("43"))
    assert crew[1:] == ("crew", True, "lose")


def test_reader_is_lazy_and_keyword_built() -> None:
    text = "The ferry took 310 passengers and 75 cars; 9 went missing."
    claims = extract_text(text)
    reader = FrameReader(text, claims)
    last = reader.frame(len(claims) - 1)
    assert last == Frame(clause=last.clause, noun="passenger", noun_stated=False,
                         verb="missing")
    assert last.to_attrs()["verb"] == "missing"
    assert Frame.from_attrs(last.to_attrs()) == last
