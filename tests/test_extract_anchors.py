"""The number finder's single text pass (`anchors`) and its shared look-behind (`Before`)."""

from __future__ import annotations

import pytest

from checker.extract.anchors import number_anchors
from checker.extract.numbers import find_numbers
from checker.extract.numbers_context import Before, qualifier_before
from checker.extract.units import unit_after


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("463 signatories", ["463"]),
        ("over 30,000 prisoners", ["30", "000"]),           # each digit run starts once
        ("Three men and twenty-one women", ["Three", "twenty", "one"]),
        ("someone gave money to the phone", []),           # "one" inside words
        ("café éight", []),                                # after a non-ASCII letter
        ("scores of people; scores\tof goals", ["scores of"]),
        ("£600m and 3.5%", ["600", "3", "5"]),
        ("one", ["one"]),                                  # at offset 0
    ],
)
def test_anchors_mark_where_numbers_may_start(text: str, words: list[str]) -> None:
    found = number_anchors(text)
    assert [text[p:p + len(w)] for p, w in zip(found, words, strict=False)] == words
    assert len(found) == len(words)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 300 people", "over"),
        ("approx. 300 people", "about"),
        ("HOVER 300 people", "exact"),      # "over" inside a word is no qualifier
        ("up to 300 people", "up_to"),
        ("(300 people)", "exact"),
    ],
)
def test_qualifier_before_reads_the_words_before_the_number(text: str, qualifier: str) -> None:
    p = text.index("300")
    assert qualifier_before(text, p, Before(text, p))[0] == qualifier


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (" political prisoners were", "political prisoners"),
        (" Men And boys went", "men and boys"),
        (" of the people", None),
        (" in 2016", None),
    ],
)
def test_unit_after_stops_at_the_noun(text: str, unit: str | None) -> None:
    found = unit_after(text, 0)
    assert (found[0] if found else None) == unit
    if found:
        assert text[:found[2]].lower().endswith(found[1])


def test_numbers_in_same_sentence_keep_their_own_claims() -> None:
    text = "Some 463 signatories and 462 others signed; 3 left."
    assert [m.value for m in find_numbers(text)] == [463, 462, 3]
