"""The content lemmas two statements are compared by (checker.extract.wording)."""

from __future__ import annotations

from checker.extract.wording import content_lemma, spread_of, unit_lemmas
from checker.model import Claim


def _claim(unit: str) -> Claim:
    return Claim(doc="d", start=0, end=3, line=1, column=1, text="463", quote="463",
                 kind="count", value=463, qualifier="exact", low=463, high=463, unit=unit)


def test_common_and_scale_words_are_dropped() -> None:
    assert unit_lemmas(_claim("million political prisoners")) == {"political", "prisoner"}
    assert unit_lemmas(_claim("the days")) == {"day"}


def test_a_word_reads_the_same_however_often_it_is_seen() -> None:
    """The lemmas are remembered per word as written: asking twice, or in another case,
    gives what the dictionary gives."""
    first = spread_of(["Signatories signed the letter.", "The signatories met."])
    again = spread_of(["Signatories signed the letter.", "The signatories met."])
    assert first == again
    assert first[content_lemma("signatories")] == 2
    assert first[content_lemma("Signatories")] == 2
    assert "the" not in first


def test_spread_counts_sentences_not_words() -> None:
    spread = spread_of(["Harrow Steel cut 40 jobs, Harrow said.", "Steel prices rose."])
    assert spread["harrow"] == 1
    assert spread["steel"] == 2
