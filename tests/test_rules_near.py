"""Claim-level selection: several quantities in one sentence, `~` for figures without a
unit, `units_none`, and `near` words in the figure's own clause or N words of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import UserError
from checker.extract import extract
from checker.model import Document
from checker.rules.load import load_rules
from checker.rules.rule import Rule
from checker.rules.select import DocumentJudge, compile_rules, select_claims

TEXT = (
    "The barge carried 2,140 passengers; only 615 survived and 1,388 drowned.\n"
    "Divers searched for 9 days, and by Friday 212 bodies had been recovered.\n"
    "The flood killed 64 people, including 19 children, and 27 more were injured.\n"
)
DOC = Document(id="river.txt", text=TEXT)
CLAIMS = extract(Document(id="river.txt", text=TEXT))


def taken(rule: Rule) -> list[str]:
    return [c.text for c in select_claims(DOC, CLAIMS, [rule])]


DEATHS = Rule("deaths", units=("deaths", "dead", "victims", "bodies"), units_bare=True,
              near_any=("drowned", "died", "killed", "recovered"),
              near_none=("survived", "rescued", "injured"))


def test_a_deaths_rule_takes_one_figure_of_three_in_one_sentence() -> None:
    assert taken(DEATHS) == ["1,388", "212 bodies"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # named units take figures whose unit is written or inferred from the sentence
        (Rule("r", units=("passengers",)), ["2,140 passengers", "615", "1,388"]),
        (Rule("r", units=("people",), context_any=("flood",)), ["64 people", "27"]),
        # `~` alone takes the figures with no unit written (and their inferred nouns)
        (Rule("r", units_bare=True, context_any=("barge",)), ["615", "1,388"]),
        (Rule("r", units=("passengers",), units_bare=True, context_any=("barge",)),
         ["2,140 passengers", "615", "1,388"]),
        # near: words of the figure's own clause, in any form ("drown" finds "drowned")
        (Rule("r", units_bare=True, near_any=("drown",)), ["1,388"]),
        (Rule("r", units_bare=True, near_any=("survive",)), ["615"]),
        (Rule("r", units=("passengers",), near_any=("carry",)), ["2,140 passengers"]),
        # near.none leaves the figure whose own clause has the word, not its neighbours
        (Rule("r", units=("people", "children"), units_bare=True, context_any=("flood",),
              near_none=("injured",)), ["64 people", "19 children"]),
        # units_none wins over a rule that takes every unit
        (Rule("r", context_any=("flood",), units_none=("children",)),
         ["64 people", "27"]),
        # within N words instead of the clause
        (Rule("r", units_bare=True, near_any=("barge",), near_within=3), []),
        (Rule("r", units=("passengers",), near_any=("barge",), near_within=3),
         ["2,140 passengers"]),
        (Rule("r", units_bare=True, near_any=("survived",), near_within=2), ["615", "1,388"]),
    ],
)
def test_claim_level_selection(rule: Rule, expected: list[str]) -> None:
    assert taken(rule) == expected


def reasons(rule: Rule) -> dict[str, str | None]:
    judge = DocumentJudge(DOC, CLAIMS, compile_rules([rule]))
    return {c.text: judge.exclusion(0, i) for i, c in enumerate(CLAIMS)}


def test_each_left_claim_has_the_condition_that_excluded_it() -> None:
    why = reasons(DEATHS)
    assert why["1,388"] is None
    assert why["2,140 passengers"] == "unit 'passengers' is not in units"
    assert why["615"] == "'survived' is in its clause (near.none)"
    assert why["9 days"].startswith("kind 'duration' is not count")
    assert why["64 people"] == "unit 'people' is not in units"
    why = reasons(Rule("r", units=("people",), near_any=("drowned",), near_within=6))
    assert why["64 people"] == why["27"] == "no word of near.any within 6 words of it"
    why = reasons(Rule("r", units=("victims",), context_any=("divers",)))
    assert why["212 bodies"] == "unit 'bodies' is not in units"
    why = reasons(Rule("r", units=("passengers",), context_any=("flood",)))
    assert why["27"] == "unit 'people' (inferred) is not in units"
    why = reasons(Rule("r", units_bare=True, units_none=("children",),
                       context_none=("flood",)))
    assert why["19 children"] == "unit 'children' is in units_none"
    assert why["27"] == "'flood' is in its sentence (context.none)"


def load_one(tmp_path: Path, text: str) -> Rule:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    (rule,) = load_rules([str(path)])
    return rule


def test_the_new_keys_load(tmp_path: Path) -> None:
    rule = load_one(tmp_path, """
id: deaths
match:
  units: [deaths, dead, ~]
  units_none: [days, months]
  near: {any: [drowned, died], none: [survived], within: 6}
""")
    assert (rule.units, rule.units_bare, rule.units_none) == (
        ("deaths", "dead"), True, ("days", "months"))
    assert (rule.near_any, rule.near_none, rule.near_within) == (
        ("drowned", "died"), ("survived",), 6)
    rule = load_one(tmp_path, "id: bare\nmatch: {units: ~, near: {any: [sank]}}\n")
    assert (rule.units, rule.units_bare, rule.near_within) == ((), True, "clause")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: a\nmatch:\n  units: [dead]\n  near: {any: [x], withn: 3}\n",
         "4:20: unknown key 'withn' in near; did you mean 'within'?"),
        ("id: a\nmatch:\n  units: [dead]\n  near: {any: [x], within: clase}\n",
         "4:28: within must be clause or a number of words like 6; got 'clase'; "
         "did you mean 'clause'?"),
        ("id: a\nmatch:\n  units: [dead]\n  near: [died]\n",
         "4:9: near must be a mapping (key: value lines); got a list"),
        ("id: a\nmatch:\n  units: [dead]\n  units_none: [days, ~]\n",
         "4:22: units_none lists units to leave out; '~' (no unit) belongs in units"),
        ("id: a\nmatch:\n  unit_none: [days]\n",
         "3:3: unknown key 'unit_none' in match; did you mean 'units_none'?"),
    ],
)
def test_new_keys_are_validated(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_rules([str(path)])
    assert str(caught.value) == f"{path}:{expected}"


def test_a_state_word_after_a_bare_figure_is_its_unit() -> None:
    doc = Document(id="d.txt", text="By Sunday 1,388 dead and 40 missing were counted.")
    claims = extract(doc)
    rule = Rule("r", units=("dead", "deaths"))
    assert [c.text for c in select_claims(doc, claims, [rule])] == ["1,388"]
    assert [c.text for c in select_claims(doc, claims, [Rule("r", units=("missing",))])] \
        == ["40"]


def test_near_reads_what_was_said_not_who_said_it() -> None:
    text = ("Families of the crew say 305 sailors drowned and 41 survived.\n"
            "The count of dead rose to 318 on Monday, officials said, as divers searched "
            "for survivors.\n")
    doc = Document(id="ship.txt", text=text)
    claims = extract(doc)
    survivors = Rule("survivors", units=("sailors",), units_bare=True,
                     near_any=("survived", "survivors"))
    assert [c.text for c in select_claims(doc, claims, [survivors])] == ["41"]


def test_inferred_false_reads_only_units_written_next_to_the_figure(tmp_path: Path) -> None:
    # "27 more" after "64 people" is inferred to count people; with inferred: false it is
    # a bare figure, which only ~ takes.
    assert taken(Rule("r", units=("people",), context_any=("flood",))) == ["64 people", "27"]
    written = Rule("r", units=("people",), context_any=("flood",), units_inferred=False)
    assert taken(written) == ["64 people"]
    assert reasons(written)["27"] == "unit 'people' is only inferred (inferred: false)"
    bare_too = Rule("r", units=("people",), units_bare=True, context_any=("flood",),
                    units_inferred=False)
    assert "27" in taken(bare_too)
    rule = load_one(tmp_path, "id: r\nmatch:\n  units: [people]\n  inferred: false\n")
    assert rule.units_inferred is False
    with pytest.raises(UserError) as caught:
        load_one(tmp_path, "id: r\nmatch:\n  units: [people]\n  inferred: maybe\n")
    assert "inferred must be true or false" in str(caught.value)
    assert ":4:" in str(caught.value)
