"""Properties of extraction on arbitrary text: never crashes, spans and positions agree."""

from __future__ import annotations

import pytest
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


# -- constructs that must survive whatever text surrounds them ---------------------------

_NEUTRAL = st.sampled_from([
    "The", "report", "said", "officials", "that", "were", "counted", "the", "north", "it",
    "is", "not", "clear", "why", "Ms", "Lee", "added", "by", "road", ",", ";", ".", ":",
    "(", ")", "\n", "—", "\u00a0", "“", "”",
])
_CONTEXT = st.lists(_NEUTRAL, max_size=8).map(" ".join)
_FIGURES = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(0, 99), st.integers(1, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}"),
)


def _around(before: str, phrase: str, after: str) -> tuple[str, int]:
    text = f"{before} {phrase} {after}"
    return text, len(before) + 1


@settings(max_examples=300, deadline=None)
@given(_CONTEXT, _FIGURES, st.sampled_from(["-{} ", "\u2212{} ", "minus {} ", "-{}% ",
                                           "-{} °C ", "(-{})"]), _CONTEXT)
def test_a_figure_keeps_its_sign(before: str, figure: str, form: str, after: str) -> None:
    text, at = _around(before, form.format(figure), after)
    value = -float(figure)
    signed = [c for c in extract_text(text)
              if isinstance(c.value, int | float) and c.start <= text.index(figure, at) < c.end]
    assert signed and signed[0].value == pytest.approx(value), (text, signed)


@settings(max_examples=300, deadline=None)
@given(_CONTEXT, st.integers(2, 499), st.integers(1, 499),
       st.sampled_from(["between {} and {} households", "from {} to {} households",
                        "{}-{} households", "{} to {} households", "between {} to {} flats"]),
       _CONTEXT)
def test_a_range_keeps_both_ends(before: str, low: int, span: int, form: str,
                                 after: str) -> None:
    high = low + span
    text, at = _around(before, form.format(f"{low:,}", f"{high:,}"), after)
    ranges = [c for c in extract_text(text) if c.attrs.get("range") == [low, high]]
    assert ranges, (text, [(c.text, c.kind, c.attrs) for c in extract_text(text)])
    assert ranges[0].qualifier == "between" and ranges[0].kind == "count"


@settings(max_examples=300, deadline=None)
@given(_CONTEXT, st.integers(1, 99), st.integers(1, 9), st.integers(100, 999),
       st.sampled_from(["rose", "fell", "jumped", "slipped"]), _CONTEXT)
def test_a_change_keeps_its_two_figures(before: str, whole: int, tenth: int, level: int,
                                        verb: str, after: str) -> None:
    change = float(f"{whole}.{tenth}")
    text, _ = _around(before, f"shares {verb} {change}% to {level}p", after)
    claims = extract_text(text)
    sign = -1 if verb in ("fell", "slipped") else 1
    assert [c.value for c in claims if c.kind == "change"] == [pytest.approx(sign * change)]
    assert [c.value for c in claims if c.kind == "amount"] == [level]
    assert not [c for c in claims if c.qualifier == "between"]


@settings(max_examples=300, deadline=None)
@given(_CONTEXT, st.integers(1, 99), st.integers(0, 9),
       st.sampled_from(["Category {}", "level {}", "[{}]", "[note {}]", "injuries.{}",
                        "version {}.{}", "v{}.{}.1", "G{}", "A{}0", "No {}", "Resolution {}9"]),
       _CONTEXT)
def test_labels_footnotes_and_versions_are_never_counts(before: str, n: int, m: int, form: str,
                                                        after: str) -> None:
    phrase = form.format(n, m)
    text, at = _around(before, phrase, after)
    end = at + len(phrase)
    counted = [c for c in extract_text(text) if c.kind in ("count", "amount", "percent",
                                                           "share", "change")
               and c.start < end and at < c.end]
    assert not counted, (text, [(c.text, c.kind) for c in counted])
