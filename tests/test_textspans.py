"""Sentence and paragraph spans: local lookups agree with the full split."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.textspans import TextSpans

TEXT = (
    "Mr. Smith said 463 people came. Then 462 left!\nA new line here.\n\n"
    "Para two starts. Dr. Who met 3.5 men at No. 10 on Jan. 5. J. Doe agreed. “Fine.” Next."
)


@pytest.mark.parametrize(
    "needle, sentence",
    [
        ("463", "Mr. Smith said 463 people came."),
        ("462", "Then 462 left!"),
        ("new line", "A new line here."),
        ("3.5", "Dr. Who met 3.5 men at No. 10 on Jan. 5."),
        ("Doe", "J. Doe agreed."),
        ("Next", "Next."),
    ],
)
def test_sentence_at(needle: str, sentence: str) -> None:
    spans = TextSpans(TEXT)
    assert spans.quote(TEXT.index(needle)) == sentence


def test_paragraph_and_window() -> None:
    spans = TextSpans(TEXT)
    s, e = spans.paragraph_at(TEXT.index("3.5"))
    assert TEXT[s:e].startswith("Para two") and TEXT[s:e].endswith("Next.")
    s, e = spans.window(TEXT.index("462"), 1)
    assert TEXT[s:e] == "Mr. Smith said 463 people came. Then 462 left!\nA new line here."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .!?\n\"“”ABZ09", max_size=120))
def test_local_lookup_matches_the_full_split(text: str) -> None:
    spans = TextSpans(text)
    for offset, ch in enumerate(text):
        if ch.isalnum():
            i = spans.sentence_index(offset)
            assert spans.sentence_at(offset) == spans.sentences[i]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .!?\n\"“”ABZ09", max_size=120), st.integers(0, 2))
def test_window_matches_the_full_split(text: str, around: int) -> None:
    spans = TextSpans(text)
    sentences = spans.sentences
    for offset, ch in enumerate(text):
        if ch.isalnum():
            i = spans.sentence_index(offset)
            lo = sentences[max(0, i - around)][0]
            hi = sentences[min(len(sentences) - 1, i + around)][1]
            assert spans.window(offset, around) == (lo, hi)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .!?\n\"'“”’)ABZ09…", max_size=160))
def test_walking_with_a_floor_matches_the_local_lookup(text: str) -> None:
    """Offsets taken in order, each search floored at the boundary the previous
    lookup returned (as extraction quotes claims), find the same sentences."""
    spans = TextSpans(text)
    boundary = 0
    for offset in range(len(text)):
        floor = boundary if boundary <= offset else 0
        start, end, boundary = spans.sentence_bounds(offset, floor)
        assert (start, end) == spans.sentence_at(offset)


@pytest.mark.parametrize(
    ("text", "needle", "sentence"),
    [
        ("He met Gen. Smith there. Then 4 left.", "Smith", "He met Gen. Smith there."),
        ("Talks ended. 4 left.", "4", "4 left."),                   # 5+ letters: no abbreviation
        ("See fig. 4 here. Then 5 more.", "4", "See fig. 4 here."),
        ("A (Mr. 4 Men) band. 5 came.", "4", "A (Mr. 4 Men) band."),
        ("Plan B. 4 went.", "4", "Plan B. 4 went."),             # "B.": read as an initial
        ("She works at Acme Inc. 4 staff", "4", "She works at Acme Inc. 4 staff"),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, needle: str, sentence: str) -> None:
    assert TextSpans(text).quote(text.index(needle)) == sentence


@pytest.mark.parametrize("text", ["A.? 0", "Gen.! Then 4 left.", "A.\n0"])
def test_a_terminator_inside_a_run_is_judged_with_the_run(text: str) -> None:
    """Found by the property test above: "?" read alone after an abbreviation's full stop
    ended a sentence that the whole run "A.?" does not, so a walk floored at that
    boundary cut the next sentence short."""
    spans = TextSpans(text)
    boundary = 0
    for offset in range(len(text)):
        start, end, boundary = spans.sentence_bounds(offset, boundary if boundary <= offset
                                                     else 0)
        assert (start, end) == spans.sentence_at(offset)


# --- hard-wrapped lines and citation markers ------------------------------------------

WRAPPED = (
    "Dear colleagues, the survey team counted 1,380 damaged homes along the\n"
    "river after the storm, and another 212 homes in the hills were reported by\n"
    "the county office on Friday. Volunteers from the three towns cleared the\n"
    "roads within 48 hours, which the mayor called remarkable given the scale.\n"
    "\n"
    "Insurance claims\n"
    "Officials said about 900 claims were filed in the first week, a figure the\n"
    "insurers expect to rise to about 2,000 by the end of the month as more\n"
    "owners return.\n"
)


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    spans = TextSpans(WRAPPED)
    quote = spans.quote(WRAPPED.index("212"))
    assert quote.startswith("Dear colleagues") and quote.endswith("on Friday.")
    assert "1,380" in quote
    later = spans.quote(WRAPPED.index("2,000"))
    assert later.startswith("Officials said") and later.endswith("owners return.")
    assert spans.quote(WRAPPED.index("Insurance")) == "Insurance claims"   # a short line


def test_lines_of_a_text_that_is_not_wrapped_stay_sentences() -> None:
    text = ("Flood update\nThe river rose 2 metres overnight in the lower town and the "
            "bridge was closed to traffic for the whole of the following day\n"
            "Schools stay shut on Monday\n" * 3)
    spans = TextSpans(text)
    assert spans.quote(text.index("2 metres")).startswith("The river")
    assert spans.quote(text.index("Monday")) == "Schools stay shut on Monday"


def test_a_lower_case_line_continues_the_sentence() -> None:
    text = "The letter was signed by 463\nformer officials and rights advocates."
    assert TextSpans(text).quote(0) == text


def test_list_items_and_blank_lines_still_end_sentences() -> None:
    text = "Results\n- 412 votes for\n- 388 against\n\nTurnout was 61 per cent"
    spans = TextSpans(text)
    assert spans.quote(text.index("412")) == "- 412 votes for"
    assert spans.quote(text.index("61")) == "Turnout was 61 per cent"


@pytest.mark.parametrize(
    "text, needle, sentence",
    [
        ("Dozens of victims.[8] After the flood 40 homes were empty.", "40",
         "After the flood 40 homes were empty."),
        ("Dozens of victims.[note 3] After the flood 40 homes were empty.", "40",
         "After the flood 40 homes were empty."),
        ("It came after the flood.The 40 homes were empty.", "40", "The 40 homes were empty."),
        ("It came after the flood.The 40 homes were empty.", "flood",
         "It came after the flood."),
        ("The report (p. 12) said 40 homes.", "40", "The report (p. 12) said 40 homes."),
    ],
)
def test_citation_markers_and_glued_full_stops_split(text: str, needle: str,
                                                      sentence: str) -> None:
    assert TextSpans(text).quote(text.index(needle)) == sentence


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .!?\n[]8Tt\"“”ABZ09", max_size=160))
def test_local_lookup_matches_the_full_split_with_wrapping(text: str) -> None:
    spans = TextSpans(text)
    for offset, ch in enumerate(text):
        if ch.isalnum():
            i = spans.sentence_index(offset)
            assert spans.sentence_at(offset) == spans.sentences[i]
