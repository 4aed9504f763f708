"""The number finder's single text pass (`anchors`) and its shared look-behind (`Before`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import numbers_context, spelled
from checker.extract.anchors import number_anchors
from checker.extract.numbers import find_numbers
from checker.extract.numbers_context import Before, qualifier_before
from checker.extract.numwords import NUMBER_WORDS
from checker.extract.temporal_scan import zeroed
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
    assert number_anchors(text, zeroed(text)) == found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    list("0123456789 .,-oOtwhreixsvn\n\t") + ["one", "Two", "sixty", "é", "٣", "½", " of "]
), max_size=30).map("".join))
def test_anchors_read_from_the_temporal_scan_copy_are_the_same(text: str) -> None:
    assert number_anchors(text, zeroed(text)) == number_anchors(text)


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


# -- the shortcuts in front of the regexes: each must agree with the regex it spares ------

_NEAR_NUMBER_TEXT = st.text(
    alphabet=list("aeinorstuvwxyzhdlfgcm AOTSHF-.,\t\u00a0\u017f\u0130\u212aé1"), max_size=24
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(spelled._NUMBER_STARTS) + ["thou", "through", "onerous"]),
       _NEAR_NUMBER_TEXT, _NEAR_NUMBER_TEXT)
def test_first_word_filter_only_rejects_what_the_regexes_reject(
    word: str, head: str, tail: str
) -> None:
    for text in (word + tail, head + tail, word.capitalize() + tail):
        first = spelled._first_word(text, 0)
        if first is not None and first not in spelled._NUMBER_STARTS:
            assert not spelled._VAGUE.match(text, 0) and not NUMBER_WORDS.match(text, 0)
        elif first is not None and first not in spelled._VAGUE_STARTS:
            assert not spelled._VAGUE.match(text, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("through 3 doors", [3]),
        ("one of 4 people", [4]),
        ("one hundred and twenty men", [120]),
        ("One-third of 9 voters", [1 / 3, 9]),
        ("THOUSANDS of men", [44721]),                  # `_VAGUE` ignores case
    ],
)
def test_word_numbers_behind_the_filter(text: str, expected: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == expected


_BEFORE_TEXT = st.text(alphabet=list("ab ZY.1\t\u00a0\u017f-,"), max_size=50)


@settings(max_examples=400, deadline=None)
@given(_BEFORE_TEXT)
def test_before_reads_what_the_reversed_regex_reads(text: str) -> None:
    reference = re.compile(r"[ \t\u00a0]+([A-Za-z]*)")
    for p in range(len(text) + 1):
        b = Before(text, p)
        window = text[max(0, p - 40):p][::-1]
        assert b.window == window
        m = reference.match(window)
        if m is None:
            assert (b.word, b.lower, b.odd) == (None, "", False)
            continue
        nxt = window[m.end():m.end() + 1]
        assert b.word == m.group(1)[::-1]
        assert b.odd == (not b.word and (nxt == "." or nxt.isdigit()))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("stndrhofJjMmAaDy \t\u00a0\u2009\u017f."), max_size=16))
def test_month_guard_only_skips_what_the_regex_rejects(tail: str) -> None:
    text = "on 8" + tail
    b = Before(text, 3)
    expected = b.lower in numbers_context._MONTH_SET or bool(
        numbers_context._MONTH_AFTER.match(text, 4)
    )
    assert numbers_context.is_month_adjacent(text, b, 4, "8") == expected
