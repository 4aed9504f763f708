"""Text on one huge line, or one giant sentence: every claim's quote stays bounded (its
sentence, or a window around the figure) and extraction reads the same figures as it
does on short lines. Timings live in bench/long_lines.py, not here."""

from __future__ import annotations

from checker.extract import extract_text
from checker.extract.textspans import MAX_QUOTE, QUOTE_SIDE, TextSpans, bounded_quote

_SENTENCE = ("The council counted 1,380 flooded homes and 412 closed roads on the coast, "
             "and about 60 volunteers worked through the night. ")


def _limit(claim_len: int) -> int:
    return max(MAX_QUOTE, 2 * QUOTE_SIDE + claim_len)


def test_a_giant_sentence_gives_windows_not_the_whole_text() -> None:
    text = _SENTENCE.replace(". ", " ") * 2000          # ~250 KB, no sentence end at all
    claims = extract_text(text)
    assert len(claims) == 3 * 2000
    for c in claims:
        assert c.text in c.quote
        assert len(c.quote) <= _limit(len(c.text))
        assert c.quote in text


def test_one_huge_line_keeps_its_sentences_as_quotes() -> None:
    text = _SENTENCE * 2000                            # one line, 2,000 short sentences
    claims = extract_text(text)
    assert {c.quote for c in claims} == {_SENTENCE.strip()}
    assert [c.value for c in claims[:3]] == [1380, 412, 60]


def test_a_long_sentence_under_the_limit_is_quoted_whole() -> None:
    sentence = "Officials said " + "that the 14 bridges stood, " * 30 + "and 9 fell."
    assert len(sentence) <= MAX_QUOTE
    assert all(c.quote == sentence for c in extract_text(sentence))


def test_window_is_cut_at_spaces_and_holds_the_claim() -> None:
    text = "word " * 400 + "exactly 7,412 people " + "word " * 400
    start = text.index("7,412")
    quote = TextSpans(text).quote(start, start + 5)
    assert "7,412" in quote
    assert quote.startswith("word") and quote.endswith(("word", "people"))
    assert len(quote) <= 2 * QUOTE_SIDE + 5
    assert bounded_quote("short one", 0, 9, 6, 9) == "short one"


def test_list_items_are_still_told_from_sentence_ends_on_a_long_line() -> None:
    assert extract_text("1. An apple\n2. A pear") == []
    long_line = "x" * 5000 + " in 2004. The 12 people left."
    values = [c.value for c in extract_text(long_line)]
    assert values == [2004, 12]
