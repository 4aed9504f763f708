"""Properties of extraction on arbitrary text: never crashes, spans and positions agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import extract_text
from checker.extract.numwords import words_to_number

# Text rich in the characters the finders react to, mixed with arbitrary unicode.
_PIECES = st.sampled_from([
    "0", "1", "9", "30,000", "1.5", " million", "bn", "m", "%", " per cent", "$", "£", "€",
    "-", "–", " to ", " and ", "between ", "over ", "more than ", "about ", "thousands",
    "of ", "two", "Thirty", "twenty-one", "a dozen", "half a ", "The ", "the ", "people",
    " ", "\n", ".", ",", ":", "/", "th", "st", "[", "]", "@", "http://", "www.", "ago",
    "years", "July ", "1988", "2012-13", "aged ", "-year-old", "\u00a0", "\u202f",
])
TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=40).map("".join)


def _check(text: str) -> None:
    lines = text.split("\n")
    for c in extract_text(text):
        assert text[c.start:c.end] == c.text
        assert c.start < c.end
        # line/column point at the claim's first character
        line = lines[c.line - 1]
        assert line[c.column - 1:c.column - 1 + len(c.text.split("\n")[0])] == (
            c.text.split("\n")[0]
        )


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_number_rich_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_words_to_number_never_raises(text: str) -> None:
    value = words_to_number(text)
    assert value is None or value >= 0
