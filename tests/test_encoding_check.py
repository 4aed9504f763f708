"""The encoding check: mojibake, lost letters and U+FFFD, never an ordinary question mark."""

from __future__ import annotations

import pytest

from checker.checks import BUILTIN_CHECKS, encoding, run_document_checks
from checker.model import Document, Finding


def _check(text: str) -> list[Finding]:
    return list(encoding.check(Document("doc.txt", text), [], encoding.DEFAULT))


@pytest.mark.parametrize(("text", "damaged", "damage", "repaired"), [
    ("Marcin ?wi?cicki, the former mayor of Warsaw, spoke.", "?wi?cicki", "lost", None),
    ("The envoy Ko?ciuszko left.", "Ko?ciuszko", "lost", None),
    ("Who is Marcin ?wi?cicki?", "?wi?cicki", "lost", None),
    ("The cafÃ© reopened on Monday.", "cafÃ©", "mojibake", "café"),
    ("Former mayor ÅšwiÄ™cicki spoke.", "ÅšwiÄ™cicki", "mojibake", "Święcicki"),
    ("The talks moved to Gen\ufffdve in May.", "Gen\ufffdve", "replacement", None),
])
def test_damaged_words_are_found_and_repaired(text: str, damaged: str, damage: str,
                                              repaired: str | None) -> None:
    [finding] = _check(text)
    [claim] = finding.flagged()
    assert claim.text == damaged
    assert text[claim.start:claim.end] == damaged
    assert (claim.kind, claim.value, claim.attrs["damage"]) == ("text", repaired, damage)
    assert finding.details["damage"] == damage
    assert finding.severity == "warning"


@pytest.mark.parametrize("text", [
    "Who signed the letter? Nobody knows.",
    "Details at example.org/page?id=3&lang=en and www.example.org/?q=prisoners today.",
    "“Is it over?” she asked. (?) marks a doubt.",
    "Was it 1988? Yes.",
    "Łódź, São Paulo and Zürich cost £5 — “fine”.",
    "Really? no.",
    "Questions?",
    "Is it? Was it?? Why?!",
])
def test_ordinary_text_gives_no_finding(text: str) -> None:
    assert _check(text) == []


def test_each_place_of_a_damaged_word_is_cited_with_its_position() -> None:
    text = "Intro line.\nMarcin ?wi?cicki spoke. Later ?wi?cicki left."
    [finding] = _check(text)
    places = [(c.line, c.column) for c in finding.flagged()]
    assert places == [(2, 8), (2, 31)]
    assert finding.details["count"] == 2
    assert finding.flagged()[0].quote == "Marcin ?wi?cicki spoke."


def test_registered_and_runs_by_default() -> None:
    assert "encoding" in BUILTIN_CHECKS
    doc = Document("doc.txt", "The cafÃ© reopened.")
    assert [f.check for f in run_document_checks(doc, [])] == ["encoding"]
    assert run_document_checks(doc, [], disabled=["encoding"]) == []


def test_findings_per_document_are_capped() -> None:
    text = " ".join(f"a?b{chr(97 + i)}c" for i in range(26))
    assert len(_check(text)) == encoding.DEFAULT["max_findings_per_document"]


@pytest.mark.parametrize(("tail", "expected"), [
    ("", []),
    (" Marcin ?wi?cicki spoke last.", ["?wi?cicki"]),
    (" Is ?wi?cicki here?", ["?wi?cicki"]),
])
def test_lost_letters_after_many_ordinary_question_marks(tail: str,
                                                         expected: list[str]) -> None:
    text = " ".join(f"Was it {i}? Who knows?" for i in range(500)) + tail
    assert [c.text for f in _check(text) for c in f.flagged()] == expected
