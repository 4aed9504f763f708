"""Selecting claims into rule groups: units (fuzzy), context windows, doc globs, groups."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from checker.extract.textspans import TextSpans
from checker.model import Claim, Document
from checker.rules.load import load_rules
from checker.rules.rule import Rule
from checker.rules.select import compile_rules, select_claims
from checker.rules.units import unit_matches


@pytest.mark.parametrize(
    ("rule_unit", "claim_unit", "expected"),
    [
        ("signatories", "signatories", True),
        ("signatories", "signatures", True),
        ("signatories", "signatory", True),
        ("Signatories", "other signatories", True),
        ("signatories", "signatoires", True),             # a typo
        ("UN officials", "current and former UN officials", True),
        ("UN officials", "officials", True),              # the bare noun
        ("UN officials", "Polish officials", False),
        ("prisoners", "political prisoners", True),
        ("political prisoners", "prisoners", True),
        ("political prisoners", "Iranian political prisoners", True),
        ("political prisoners", "Polish officials", False),
        ("political prisoners", "executed prisoners", False),
        ("prisoners", "prisoners of war", True),
        ("prisoners", "prisons", False),
        ("people", "peacekeepers", False),
        ("people", "armed Dutch peacekeepers", False),
        ("people", "innocent people", True),
        ("peacekeepers", "armed Dutch peacekeepers", True),
        ("men and boys", "Bosnian Muslim men and boys", True),
        ("victims", "Tutsi and moderate Hutu victims", True),
        ("victims", "victims of the massacre", True),
        ("officials", "officers", False),
        ("signatories", None, False),
        ("signatories", "", False),
    ],
)
def test_unit_matching(rule_unit: str, claim_unit: str | None, expected: bool) -> None:
    assert unit_matches(rule_unit, claim_unit) is expected


def claims_in(doc: Document, *specs: tuple[str, str | None]) -> list[Claim]:
    """A count claim for each (figure, unit), located at the figure's first occurrence."""
    out = []
    for figure, unit in specs:
        start = doc.text.index(figure)
        out.append(Claim(doc=doc.id, start=start, end=start + len(figure), line=1,
                         column=start + 1, text=figure, quote="", kind="count",
                         value=float(re.sub(r"\D", "", figure)), unit=unit))
    return out


TEXT = (
    "In the summer of 1988, 30,000 political prisoners were executed. Families still search.\n"
    "Survivors met in Paris. The 462 signatories wrote a letter.\n"
    "\n"
    "In Poland, 22,000 Polish officials were executed in 1940. Historians agree.\n"
)
DOC = Document(id="press/a.txt", text=TEXT)
CLAIMS = claims_in(DOC, ("30,000", "political prisoners"), ("462", "signatories"),
                   ("22,000", "Polish officials"))


def ids(selected: list[Claim]) -> list[tuple[str, str | None]]:
    return [(c.text, c.rule) for c in selected]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Rule("r", units=("prisoners",)), [("30,000", "r")]),
        (Rule("r", units=("officials",)), [("22,000", "r")]),
        (Rule("r", units=("prisoners", "officials")), [("30,000", "r"), ("22,000", "r")]),
        # context all / any / none, sentence window
        (Rule("r", context_all=("executed",)), [("30,000", "r"), ("22,000", "r")]),
        (Rule("r", context_all=("executed", "1988")), [("30,000", "r")]),
        (Rule("r", context_any=("1940", "letter")), [("462", "r"), ("22,000", "r")]),
        (Rule("r", context_all=("executed",), context_none=("Polish",)), [("30,000", "r")]),
        (Rule("r", context_all=("EXECUTED",)), [("30,000", "r"), ("22,000", "r")]),
        (Rule("r", context_all=("execute",)), []),                # whole words only
        (Rule("r", context_all=("summer of 1988",)), [("30,000", "r")]),   # multi-word
        (Rule("r", context_all=("still search",)), []),            # next sentence
        # window: N sentences either side, paragraph, document
        (Rule("r", context_all=("still search",), window=1), [("30,000", "r")]),
        (Rule("r", context_all=("still search",), window=2), [("30,000", "r"), ("462", "r")]),
        (Rule("r", context_all=("1988",), window="paragraph"), [("30,000", "r"), ("462", "r")]),
        (Rule("r", context_all=("Historians",), window="paragraph"), [("22,000", "r")]),
        (Rule("r", context_all=("Paris",), window="document"),
         [("30,000", "r"), ("462", "r"), ("22,000", "r")]),
        # units and context together; rules without units take every unit
        (Rule("r", units=("signatories",), context_any=("letter",)), [("462", "r")]),
        (Rule("r", units=("signatures",), context_any=("petition",)), []),
        # kinds
        (Rule("r", kinds=("year",), context_all=("executed",)), []),
        # document globs
        (Rule("r", units=("signatories",), docs=("press/*",)), [("462", "r")]),
        (Rule("r", units=("signatories",), docs=("a.txt",)), [("462", "r")]),
        (Rule("r", units=("signatories",), docs=("**/*.txt",)), [("462", "r")]),
        (Rule("r", units=("signatories",), docs=("*.md", "reports/**")), []),
        (Rule("r", units=("signatories",), docs=("*/a.txt",)), [("462", "r")]),
    ],
)
def test_selection(rule: Rule, expected: list[tuple[str, str]]) -> None:
    assert ids(select_claims(DOC, CLAIMS, [rule])) == expected


def test_groups_across_corpus_and_document() -> None:
    corpus = Rule("corpus-wide", units=("signatories",))
    per_doc = Rule("per-doc", units=("signatories",), across="document")
    selected = select_claims(DOC, CLAIMS, compile_rules([corpus, per_doc]))
    assert [(c.rule, c.group) for c in selected] == [
        ("corpus-wide", "corpus-wide"), ("per-doc", "per-doc@press/a.txt")]


def test_copies_leave_the_input_untouched_and_keep_order() -> None:
    rules = [Rule("b", units=("prisoners", "officials")), Rule("a", context_all=("1988",))]
    selected = select_claims(DOC, CLAIMS, rules, TextSpans(TEXT))
    assert ids(selected) == [("30,000", "b"), ("30,000", "a"), ("22,000", "b")]
    assert all(c.rule is None and c.group is None for c in CLAIMS)
    selected[0].attrs["x"] = 1
    assert CLAIMS[0].attrs == {}
    assert select_claims(DOC, CLAIMS, rules) == selected[:0] + select_claims(DOC, CLAIMS, rules)


def test_unit_none_never_matches_a_rule_with_units() -> None:
    claims = claims_in(DOC, ("462", None))
    assert select_claims(DOC, claims, [Rule("r", units=("signatories",))]) == []
    assert len(select_claims(DOC, claims, [Rule("r", context_all=("letter",))])) == 1


def test_inferred_unit_counts_like_a_written_one() -> None:
    doc = Document(id="d", text="The letter had 463 signatories. The 462 asked for a probe.")
    claims = claims_in(doc, ("463", "signatories"), ("The 462", "signatories"))
    claims[1].unit_inferred = True
    assert len(select_claims(doc, claims, [Rule("r", units=("signatories",))])) == 2


def test_curly_apostrophes_and_record_ids() -> None:
    doc = Document(id="feed.jsonl#42", text="Iran’s regime killed 30,000 prisoners.")
    claims = claims_in(doc, ("30,000", "prisoners"))
    rule = Rule("r", units=("prisoners",), context_all=("Iran's",), docs=("*.jsonl",))
    assert len(select_claims(doc, claims, [rule])) == 1


def test_compiled_rules_pickle_for_worker_processes() -> None:
    compiled = compile_rules([Rule("r", units=("prisoners",), context_all=("1988",),
                                   docs=("**/*.txt",))])
    again = pickle.loads(pickle.dumps(compiled))
    assert ids(select_claims(DOC, CLAIMS, again)) == [("30,000", "r")]


SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="real seed articles not available")
def test_shipped_rules_on_the_real_seed_articles() -> None:
    extract = pytest.importorskip("checker.extract").extract
    compiled = compile_rules(load_rules([str(Path(__file__).resolve().parent.parent / "rules")]))
    groups: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document(id=path.name, text=path.read_text(encoding="utf-8"))
        for claim in select_claims(doc, extract(doc), compiled):
            groups.setdefault(claim.group or "", []).append((path.name[:3], claim.text))
    letter = [text for doc, text in groups["letter-2022-signatories"] if doc == "004"]
    assert any("462" in t for t in letter) and any("463" in t for t in letter)
    massacre = groups["massacre-1988-victims"]
    assert ("004", "over 300 political prisoners") in massacre
    assert {doc for doc, text in massacre if "30,000" in text} >= {"002", "003", "004"}
    assert not any("Polish" in t or "22,000" in t for _, t in massacre)
    katyn = groups.get("katyn-polish-prisoners-held", [])
    assert katyn and not any("22,000" in t for _, t in katyn)
    srebrenica = {t for _, t in groups["srebrenica-victims"]}
    assert not any("400" in t or "million" in t for t in srebrenica)


UNIT_RULES = [Rule("prisoners", units=("political prisoners", "prisoners")),
              Rule("officials", units=("UN officials",)),
              Rule("any-unit"),
              Rule("signatories", units=("signatories", "experts"))]


@pytest.mark.parametrize(
    ("claim_unit", "expected"),
    [
        ("political prisoners", {"prisoners", "any-unit"}),
        ("prisonners", {"prisoners", "any-unit"}),            # a typo of the head word
        ("Polish officials", {"any-unit"}),                   # a modifier the rule lacks
        ("officials", {"officials", "any-unit"}),             # the bare noun
        ("signatures", {"signatories", "any-unit"}),          # a shared long stem
        ("human rights experts", {"signatories", "any-unit"}),
        ("goals", {"any-unit"}),
        (None, {"any-unit"}),
    ],
)
def test_rules_for_a_unit_agree_with_unit_matching(claim_unit: str | None,
                                                   expected: set[str]) -> None:
    compiled = compile_rules(UNIT_RULES)
    for _ in range(2):  # the second time from the memo
        found = {UNIT_RULES[i].id for i in compiled.rules_for_unit(claim_unit)}
        assert found == expected
    for i, rule in enumerate(UNIT_RULES):
        by_rule = not rule.units or any(unit_matches(u, claim_unit) for u in rule.units)
        assert compiled.unit_ok(i, claim_unit) is by_rule


def test_selection_over_many_claims_keeps_claim_then_rule_order() -> None:
    sentences = [f"Camp {i} held {1000 + i:,} prisoners in 1988." for i in range(200)]
    sentences[150] = "The 463 signatories wrote in 1988."
    doc = Document(id="d.txt", text=" ".join(sentences))
    specs = [(f"{1000 + i:,}", "prisoners") for i in range(200) if i != 150]
    claims = sorted(claims_in(doc, *specs, ("463", "signatories")), key=lambda c: c.start)
    rules = [Rule("victims", units=("prisoners",), context_all=("1988",)),
             Rule("everything", context_any=("1988",)),
             Rule("letter", units=("signatories",))]
    selected = select_claims(doc, claims, rules)
    assert len(selected) == 2 * 199 + 2
    assert [c.rule for c in selected[:2]] == ["victims", "everything"]
    assert [(c.text, c.rule) for c in selected if c.text == "463"] == [
        ("463", "everything"), ("463", "letter")]
    assert [c.start for c in selected] == sorted(c.start for c in selected)
