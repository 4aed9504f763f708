"""Name mentions and the name_variant corpus check, on documents written for these tests."""

from __future__ import annotations

import pytest

from checker.checks import CORPUS_CHECKS, name_variant
from checker.model import Document, Finding
from checker.names import find_names, fold, name_facts


@pytest.mark.parametrize(("text", "names"), [
    ("Dr. Tahar Boumedra spoke first.", ["Tahar Boumedra"]),
    ("said Irish Senator David Norris on Friday", ["David Norris"]),
    ("beat Slovakia's Daniela Hantuchova in straight sets", ["Daniela Hantuchova"]),
    ("Ursula von der Leyen met Bashar al-Assad.", ["Ursula von der Leyen", "Bashar al-Assad"]),
    ("Mr. T Boumedra said so.", ["T Boumedra"]),
    ("Joachim Rücker and Pierre Sané agreed.", ["Joachim Rücker", "Pierre Sané"]),
    ("The Paris's report.", []),
    ("Nothing here is capitalised except This.", []),
])
def test_find_names(text: str, names: list[str]) -> None:
    assert [m.spelling for m in find_names(text)] == names


def test_mention_offsets_point_at_the_name() -> None:
    text = "Yesterday Dr. Tahar Boumedra's team met."
    [m] = find_names(text)
    assert text[m.start:m.end] == "Tahar Boumedra"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Sané") == fold("SANE") == "sane"


def test_name_facts_one_per_spelling_with_context() -> None:
    doc = Document("a.txt", "Struan Stevenson opened.\nTahar Boumedra, a former UN official, "
                            "spoke. Later Tahar Boumedra left.")
    facts = {f.spelling: f for f in name_facts(doc)}
    fact = facts["Tahar Boumedra"]
    assert fact.count == 2
    assert (fact.claim.line, fact.claim.column, fact.claim.kind) == (2, 1, "name")
    assert "former" in fact.context and "official" in fact.context
    assert "stevenson" in fact.co_names


# -- the check ------------------------------------------------------------------------

_LETTER = ("{name}, the former head of the UN human rights office in Baghdad, presented "
           "the letter on the 1988 massacre of political prisoners at Church House in "
           "London. Struan Stevenson and Maryam Rajavi also spoke.\n")


def _run(docs: dict[str, str], **conf: object) -> list[Finding]:
    facts = []
    for doc_id, text in docs.items():
        facts += name_variant.collect(Document(doc_id, text), [], {})
    return list(name_variant.check(facts, {**name_variant.DEFAULT, **conf}))


def test_registered_as_corpus_check() -> None:
    assert CORPUS_CHECKS["name_variant"].severity == "warning"


def test_a_real_variant_is_reported_against_the_majority() -> None:
    findings = _run({
        "a.txt": _LETTER.format(name="Tahar Boumedra"),
        "b.txt": "Intro.\n" + _LETTER.format(name="Tahar Boumedra"),
        "c.txt": "Other intro.\n\n" + _LETTER.format(name="Taher Bomedia"),
    })
    assert len(findings) == 1
    f = findings[0]
    assert [(c.doc, c.text) for c in f.flagged()] == [("c.txt", "Taher Bomedia")]
    refs = [(fc.claim.doc, fc.claim.text) for fc in f.claims if fc.role == "reference"]
    assert refs == [("a.txt", "Tahar Boumedra"), ("b.txt", "Tahar Boumedra")]
    assert f.details["names"][0] == {"spelling": "Tahar Boumedra", "count": 2, "documents": 2,
                                     "role": "reference"}
    assert f.details["names"][1]["count"] == 1
    assert "Taher Bomedia" in f.message and "Tahar Boumedra" in f.message


def test_two_different_people_with_similar_names_are_left_alone() -> None:
    banker = ("Mark Thomson, chief economist at a Glasgow savings bank, expects mortgage "
              "lending to slow as interest rates climb this spring.\n")
    broadcaster = ("Mark Thompson, director general of the broadcaster, defended the licence "
                   "fee before the culture committee at Westminster.\n")
    assert _run({"a.txt": banker, "b.txt": "Intro.\n" + banker, "c.txt": broadcaster}) == []


def test_an_initial_is_not_a_variant() -> None:
    findings = _run({
        "a.txt": _LETTER.format(name="Tahar Boumedra"),
        "b.txt": "Intro.\n" + _LETTER.format(name="Tahar Boumedra"),
        "c.txt": _LETTER.format(name="Mr. T Boumedra"),
    })
    assert findings == []


def test_byte_identical_copies_count_once() -> None:
    copy = "Copy.\n" + _LETTER.format(name="Taher Bomedia")
    findings = _run({
        "a.txt": _LETTER.format(name="Tahar Boumedra"),
        "b.txt": "Intro.\n" + _LETTER.format(name="Tahar Boumedra"),
        "c1.txt": copy, "c2.txt": copy, "c3.txt": copy,
    })
    assert len(findings) == 1
    assert findings[0].details["names"][1] == {
        "spelling": "Taher Bomedia", "count": 1, "documents": 1, "role": "flagged"}


def test_a_tie_is_reported_only_when_asked() -> None:
    docs = {"a.txt": _LETTER.format(name="Tahar Boumedra"),
            "b.txt": "Intro.\n" + _LETTER.format(name="Taher Bomedia")}
    assert _run(docs) == []
    [finding] = _run(docs, report_ties=True)
    assert {c.text for c in finding.flagged()} == {"Tahar Boumedra", "Taher Bomedia"}


@pytest.mark.parametrize(("a", "b"), [
    ("Sri Lanka", "Sri Lankan"),                 # a word and its derivative
    ("Building Society Association", "Building Societies Association"),  # a plural
    ("Northern Hemisphere", "Southern Hemisphere"),  # generic words
    ("Terrorism Bill", "Anti-Terrorism Bill"),   # a prefix
    ("Pop Idol-style", "Pop Idol-type"),         # one part is another word
])
def test_related_words_are_not_spelling_slips(a: str, b: str) -> None:
    docs = {"a.txt": _LETTER.format(name=a), "b.txt": "Intro.\n" + _LETTER.format(name=a),
            "c.txt": _LETTER.format(name=b)}
    assert _run(docs) == []


def test_output_is_deterministic() -> None:
    docs = {"a.txt": _LETTER.format(name="Tahar Boumedra"),
            "b.txt": "Intro.\n" + _LETTER.format(name="Tahar Boumedra"),
            "c.txt": _LETTER.format(name="Taher Bomedia")}
    first = [f.to_dict() for f in _run(docs)]
    again = [f.to_dict() for f in _run(dict(reversed(list(docs.items()))))]
    assert first == again
