"""Name mentions and the name_variant corpus check, on documents written for these tests."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from checker.checks import CORPUS_CHECKS, name_variant
from checker.checks.name_variant import names
from checker.checks.name_variant.names import find_names, fold, name_facts, salient_words
from checker.extract.textspans import TextSpans
from checker.model import Document, Finding


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


# -- the fast paths agree with the plain ones ------------------------------------------

_TEXTS = [
    "Dr. Tahar Boumedra spoke. Later Tahar Boumedra left, and Dr Tahar Boumedra wrote.",
    "Irish Senator David Norris met David Norris's aides. The Prime Minister said no.",
    "U.S. officials met J. R. Hartley in St. Louis on Monday. Gen. Sir Mike Jackson came.",
    "Ursula von der Leyen and Bashar al-Assad met.\nal-Assad Family Trust paid Mr. Tony BLAIR.",
    "Tony Blair said so! Tony McDonald denied it? \u201cTony Blair\u201d (the PM) left\u2026 Then.",
    "Joachim R\u00fccker and Pierre San\u00e9 agreed. \u0130stanbul Grand Bazaar shut. Jo Sane.",
    "No names at all here.",
    "",
]


_NAME_TOKENS = ["Tony", "Blair", "al-Assad", "Al", "von", "der", "Mr.", "J.", "J", "the",
                "St.", "O'Brien", "Jean-Pierre", "R\u00fccker", "x", "de", "bin", "McDonald",
                "\n", ".", ",", "-", "'s", "\u2019"]


@given(st.lists(st.sampled_from(_NAME_TOKENS), max_size=14),
       st.lists(st.sampled_from([" ", "", "  "]), min_size=14, max_size=14))
def test_fast_name_patterns_find_what_the_reference_pattern_finds(tokens, gaps) -> None:
    text = "".join(t + g for t, g in zip(tokens, gaps, strict=False))
    fast = [(m.start(), m.group()) for m in names._name_pattern(text).finditer(text)]
    plain = [(m.start(), m.group()) for m in names.reference_name_pattern().finditer(text)]
    assert fast == plain


@pytest.mark.parametrize("text", _TEXTS)
def test_fast_name_patterns_on_sample_texts(text: str) -> None:
    fast = [(m.start(), m.group()) for m in names._name_pattern(text).finditer(text)]
    plain = [(m.start(), m.group()) for m in names.reference_name_pattern().finditer(text)]
    assert fast == plain


def _reference_mentions(text: str) -> dict[str, list[int]]:
    """name_facts' grouping written the plain way: every mention cleaned, in text order."""
    out: dict[str, list[int]] = {}
    for m in names._without_sentence_openers(find_names(text)):
        out.setdefault(m.spelling, []).append(m.start)
    return out


@pytest.mark.parametrize("text", _TEXTS)
def test_mentions_by_spelling_match_find_names(text: str) -> None:
    got = names._mentions_by_spelling(text)
    assert list(got.items()) == list(_reference_mentions(text).items())


@pytest.mark.parametrize("text", _TEXTS)
def test_fact_quotes_and_context_are_the_sentences_of_the_mentions(text: str) -> None:
    spans = TextSpans(text)
    for fact in name_facts(Document("a.txt", text)):
        starts = _reference_mentions(text)[fact.spelling]
        assert fact.quote == spans.quote(fact.start)
        words: set[str] = set()
        for start in starts[:3]:
            words |= salient_words(spans.quote(start))
        words -= {fold(t) for t in fact.spelling.split()}
        assert fact.context == frozenset(sorted(words)[:names.MAX_CONTEXT_WORDS])


def _brute_force_variants(spellings: list[str], conf: dict) -> set[tuple[str, str]]:
    """Every pair the check may match, found by comparing all pairs: same number of words,
    surnames with the same initial, at most 3 letters apart and alike, then _same_name."""
    totals = name_variant._totals(
        [f for i, s in enumerate(spellings) for f in name_facts(Document(f"{i}.txt", s))])
    items = {k: name_variant._Spelling(v) for k, v in totals.items()}
    out = set()
    for a, sa in items.items():
        for b, sb in items.items():
            x, y = sa.folded[-1], sb.folded[-1]
            if (a < b and len(sa.folded) == len(sb.folded) and x[:1] == y[:1]
                    and abs(len(x) - len(y)) <= 3
                    and fuzz.ratio(x, y) >= conf["surname_similarity"]
                    and name_variant._same_name(sa, sb, conf)):
                out.add((a, b))
    return out


@pytest.mark.parametrize("batch", [1 << 16, 7])
def test_blocked_candidates_lose_no_pair_that_all_pairs_would_find(
        batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_variant, "_PAIRS_PER_BATCH", batch)
    rng = random.Random(7)
    given = ["Tahar", "Taher", "Tahir", "Mark", "Marc", "Jon", "John", "Johan", "Maryam",
             "Mariam", "Struan", "Stuart", "Ursula", "Ursela", "Anne Marie", "Ann Marie"]
    family = ["Boumedra", "Bomedia", "Boumedia", "Thomson", "Thompson", "Tomson", "Smith",
              "Smyth", "Smithe", "Rajavi", "Rajawi", "Stevenson", "Stephenson", "Leyen",
              "Leijen", "Hantuchova", "Hantuchowa", "Sane", "San\u00e9", "Salter", "Walter"]
    spellings = sorted({f"{rng.choice(given)} {rng.choice(family)} said so."
                        for _ in range(300)} | {"Tahar Boumedra left.", "Taher Bomedia left."})
    conf = dict(name_variant.DEFAULT)
    totals = name_variant._totals(
        [f for i, s in enumerate(spellings) for f in name_facts(Document(f"{i}.txt", s))])
    items = name_variant._Spellings(totals)
    found = {(a, b) for a, b in name_variant._candidate_pairs(totals, conf)
             if name_variant._same_name(items[a], items[b], conf)}
    expected = _brute_force_variants(spellings, conf)
    assert found == expected
    assert ("tahar boumedra", "taher bomedia") in found and len(found) > 20


def test_a_name_written_once_in_each_of_many_documents() -> None:
    docs = {f"{i:02}.txt": f"Intro {i}.\n" + _LETTER.format(name="Tahar Boumedra")
            for i in range(12)}
    docs["zz.txt"] = _LETTER.format(name="Taher Bomedia")
    [finding] = _run(docs)
    assert finding.details["names"][0] == {"spelling": "Tahar Boumedra", "count": 12,
                                           "documents": 12, "role": "reference"}
    assert [c.doc for c in finding.flagged()] == ["zz.txt"]
    assert len([fc for fc in finding.claims if fc.role == "reference"]) == 5  # max_references


def test_spellings_differing_only_in_case_are_one_spelling_in_the_order_given() -> None:
    facts = []
    for doc_id, text in [("a.txt", "Tony McDonald spoke."), ("b.txt", "Tony Mcdonald spoke."),
                         ("c.txt", "Tony McDonald left.")]:
        facts += name_facts(Document(doc_id, text))
    totals = name_variant._totals(facts)
    assert list(totals) == ["tony mcdonald"]
    kept = name_variant._facts_of(facts, {"tony mcdonald"}, 10)
    assert [f.doc for f in kept["tony mcdonald"]] == ["a.txt", "b.txt", "c.txt"]
    spelling = name_variant._Spelling(totals["tony mcdonald"])
    assert (spelling.text, spelling.count, spelling.documents) == ("Tony McDonald", 3, 3)


def test_the_same_document_twice_counts_once() -> None:
    facts = name_facts(Document("a.txt", "Tahar Boumedra spoke. Maryam Rajavi spoke."))
    totals = name_variant._totals(facts + facts)
    assert {k: (t.count, t.documents) for k, t in totals.items()} == {
        "maryam rajavi": (1, 1), "tahar boumedra": (1, 1)}
    kept = name_variant._facts_of(facts + facts, set(totals), 10)
    assert {k: len(v) for k, v in kept.items()} == {"maryam rajavi": 1, "tahar boumedra": 1}


def test_facts_are_read_in_two_passes_and_kept_only_for_alike_spellings() -> None:
    """The check reads its facts twice and keeps facts only of spellings it compares; a
    spelling written in more documents than `max_facts_per_spelling` keeps its counts."""
    docs = {f"{i:03}.txt": f"Intro {i}.\n" + _LETTER.format(name="Tahar Boumedra")
            for i in range(30)}
    docs["zz.txt"] = _LETTER.format(name="Taher Bomedia")

    class TwoPasses(list):
        passes = 0

        def __iter__(self):
            TwoPasses.passes += 1
            return super().__iter__()

    facts = TwoPasses(f for doc_id in sorted(docs)
                      for f in name_facts(Document(doc_id, docs[doc_id])))
    conf = {**name_variant.DEFAULT, "max_facts_per_spelling": 8}
    [finding] = list(name_variant.check(facts, conf))
    assert TwoPasses.passes == 2
    assert finding.details["names"][0]["count"] == 30
    assert finding.details["names"][0]["documents"] == 30


class DictMemo(dict):
    """The checks.Memo protocol over a dict; counts saves."""

    saves = 0

    def load(self, key: str):
        return self.get(key)

    def save(self, key: str, value) -> None:
        DictMemo.saves += 1
        self[key] = value


def _totals_of(spellings: list[str]) -> dict:
    return name_variant._totals(
        [f for i, s in enumerate(spellings) for f in name_facts(Document(f"{i}.txt", s))])


@pytest.mark.parametrize("max_new", [500, 3])
def test_remembered_pairs_equal_comparing_every_spelling_again(
        max_new: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-scan compares only the spellings it has not seen, and finds exactly the pairs
    a full comparison finds: with spellings gone, new ones, and (max_new 3) so many new
    ones that all are compared again."""
    monkeypatch.setattr(name_variant, "_MAX_NEW_SPELLINGS", max_new)
    rng = random.Random(11)
    given = ["Tahar", "Taher", "Mark", "Marc", "Jon", "John", "Maryam", "Mariam", "Anne Marie",
             "Ann Marie", "Pierre", "Piere"]
    family = ["Boumedra", "Bomedia", "Thomson", "Thompson", "Smith", "Smyth", "Rajavi",
              "Rajawi", "Sané", "Sane", "Stevenson", "Stephenson", "O'Brien", "O\u2019Brien"]
    every = sorted({f"{g} {f} spoke." for g in given for f in family})
    conf = dict(name_variant.DEFAULT)
    memo = DictMemo()
    first = rng.sample(every, 60)
    assert name_variant._candidate_pairs(_totals_of(first), conf, memo) == \
        name_variant._candidate_pairs(_totals_of(first), conf)
    second = rng.sample(first, 50) + rng.sample(every, 8)       # some gone, some new
    totals = _totals_of(second)
    remembered = name_variant._candidate_pairs(totals, conf, memo)
    assert remembered == name_variant._candidate_pairs(totals, conf)
    assert ("tahar boumedra", "taher boumedra") in remembered or not {
        "tahar boumedra", "taher boumedra"} <= set(totals)
    DictMemo.saves = 0
    assert name_variant._candidate_pairs(totals, conf, memo) == remembered
    assert DictMemo.saves == 0  # nothing new: nothing compared, nothing written


def test_the_check_with_a_memo_finds_what_it_finds_without() -> None:
    docs = {f"{i:02}.txt": f"Intro {i}.\n" + _LETTER.format(name="Tahar Boumedra")
            for i in range(4)}
    memo = DictMemo()
    facts = [f for doc_id, text in docs.items()
             for f in name_variant.collect(Document(doc_id, text), [], {})]
    assert list(name_variant.check(facts, name_variant.DEFAULT, memo)) == []
    facts += name_variant.collect(Document("zz.txt", _LETTER.format(name="Taher Bomedia")),
                                  [], {})
    with_memo = list(name_variant.check(facts, name_variant.DEFAULT, memo))
    assert [f.flagged()[0].text for f in with_memo] == ["Taher Bomedia"]
    assert with_memo == list(name_variant.check(facts, name_variant.DEFAULT))


def test_document_names_store_as_data_and_unpack_on_demand() -> None:
    import json

    from checker.checks.name_variant.facts import DocumentNames
    from checker.util.codec import BadRow

    facts = name_facts(Document("a.txt", "Tahar Boumedra spoke. Then Maryam Rajavi and "
                                         "Tahar Boumedra left."))
    data = json.loads(json.dumps(DocumentNames(facts).to_data()))
    names = DocumentNames.from_data(data)
    assert (names.doc, names.spellings, names.counts) == (
        "a.txt", ("Tahar Boumedra", "Maryam Rajavi"), (2, 1))
    assert names._facts is None          # no NameFact made yet
    assert names.facts == facts and list(names) == facts
    data[5][0][0] = "not an offset"
    with pytest.raises(BadRow):
        DocumentNames.from_data(data)
