"""compare_group: consensus, conflicts, ties, tolerance and house figures."""

from __future__ import annotations

import itertools
import re

import pytest

from checker.compare.groups import compare_group, effective_interval, expected_interval, figure_of
from checker.extract.intervals import interval_of, precision_of, vague_interval
from checker.model import Claim, Finding
from checker.rules.rule import Rule

_QUALIFIERS = {
    "over": "over", "more than": "over", "at least": "at_least", "about": "about",
    "nearly": "nearly", "up to": "up_to",
}
_positions = itertools.count(10, 50)


def claim(
    written: str, unit: str = "political prisoners", doc: str = "a.txt", **extra
) -> Claim:
    """A claim as the extractor would give it, built from its written figure."""
    start = next(_positions)
    qualifier, number = "exact", written
    for words, q in _QUALIFIERS.items():
        if written.startswith(words + " "):
            qualifier, number = q, written[len(words) + 1:]
    vague = vague_interval(number)
    if vague:
        qualifier, value, (low, high) = "vague", None, vague
    else:
        value = float(number.replace(",", ""))
        low, high = interval_of(value, qualifier, precision_of(number))
    text = f"{written} {unit}" if unit else written
    fields = dict(
        doc=doc, start=start, end=start + len(text), line=1, column=start + 1, text=text,
        quote=f"They spoke of {text} that year.", kind="count", value=value,
        qualifier=qualifier, low=low, high=high, unit=unit or None,
    )
    fields.update(extra)
    return Claim(**fields)


def rule(**fields) -> Rule:
    return Rule(id="victims", title="Victims of the 1988 massacre", **fields)


def flagged_texts(f: Finding) -> list[str]:
    return [c.text for c in f.flagged()]


def references(f: Finding) -> list[str]:
    return [fc.claim.text for fc in f.claims if fc.role == "reference"]


@pytest.mark.parametrize(
    ("figures", "contradicts"),
    [
        (["over 300", "over 30,000", "over 30,000"], True),
        (["about 8,000", "8,372", "8,372"], False),
        (["thousands", "30,000", "30,000"], False),
        (["thousands", "300", "300"], True),
        (["more than 30,000", "over 30,000", "over 30000"], False),
        (["463", "463", "463", "462"], True),
        (["8,000", "8,400"], False),
        (["nearly 500", "463"], False),
        (["up to 500", "463"], False),
        (["22,000", "30,000", "30,000"], True),
    ],
)
def test_which_figures_contradict(figures: list[str], contradicts: bool) -> None:
    findings = compare_group(rule(), [claim(f) for f in figures])
    assert bool(findings) is contradicts


def test_minority_is_flagged_against_the_consensus() -> None:
    claims = [claim("463", "signatories") for _ in range(3)] + [claim("462", "signatories")]
    (finding,) = compare_group(rule(), claims)
    assert finding.check == "conflict"
    assert flagged_texts(finding) == ["462 signatories"]
    assert references(finding) == ["463 signatories"] * 3
    assert finding.details["consensus"]["count"] == 3
    assert finding.details["consensus"]["value"] == 463
    assert finding.details["slip"] == "off by one"
    assert finding.message == (
        "462 signatories here; 463 in 3 other places in this document "
        "(likely an off-by-one slip)."
    )
    assert finding.severity == "error"
    assert finding.rule == "victims"


def test_a_tie_flags_everyone() -> None:
    (finding,) = compare_group(rule(), [claim("463", ""), claim("462", "")])
    assert finding.check == "conflict"
    assert sorted(flagged_texts(finding)) == ["462", "463"]
    assert finding.message == "The figures disagree: 463 (1 place), 462 (1 place)."


def test_a_tie_between_larger_camps() -> None:
    claims = [claim("463", "") for _ in range(2)] + [claim("462", "") for _ in range(2)]
    (finding,) = compare_group(rule(), claims)
    assert len(finding.flagged()) == 4
    assert finding.message == "The figures disagree: 463 (2 places), 462 (2 places)."


def test_across_documents_message_names_the_spread() -> None:
    claims = [
        claim("over 300", doc="d4.txt"),
        claim("over 30,000", doc="d2.txt"),
        claim("more than 30,000", doc="d3.txt"),
        claim("over 30,000", doc="d3.txt"),
        claim("over 30000", "people", doc="d4.txt"),
    ]
    (finding,) = compare_group(rule(), claims)
    assert flagged_texts(finding) == ["over 300 political prisoners"]
    assert finding.message == (
        "Over 300 political prisoners here; over 30,000 in 4 places across 3 documents "
        "(two zeros dropped?)."
    )
    # The same-document reference is cited first and then the most similar texts.
    refs = [(fc.claim.doc, fc.claim.text) for fc in finding.claims if fc.role == "reference"]
    assert ("d4.txt", "over 30000 people") in refs
    assert finding.details["consensus"]["documents"] == 3


def test_consensus_in_one_other_document_is_named() -> None:
    claims = [claim("463", "", doc="x.txt"), claim("463", "", doc="x.txt"), claim("462", "")]
    (finding,) = compare_group(rule(), claims)
    assert finding.message.startswith("462 here; 463 in 2 places in x.txt")


def test_at_most_five_references_same_document_first() -> None:
    claims = [claim("463", "", doc=f"d{i}.txt") for i in range(8)]
    claims += [claim("463", "", doc="z.txt"), claim("462", "", doc="z.txt")]
    (finding,) = compare_group(rule(), claims)
    refs = [fc.claim for fc in finding.claims if fc.role == "reference"]
    assert len(refs) == 5
    assert "z.txt" in {c.doc for c in refs}
    assert finding.details["consensus"]["count"] == 9


def test_copies_of_one_outlier_in_a_document_are_one_finding() -> None:
    claims = [claim("463", "") for _ in range(4)] + [claim("462", ""), claim("462", "")]
    findings = compare_group(rule(), claims)
    assert [flagged_texts(f) for f in findings] == [["462", "462"]]
    assert findings[0].details["flagged_count"] == 2 and findings[0].details["copies"] == 2


def test_each_document_s_outlier_is_its_own_finding() -> None:
    claims = [claim("463", "") for _ in range(4)] + [claim("462", ""),
                                                     claim("462", "", doc="b.txt")]
    findings = compare_group(rule(), claims)
    assert [flagged_texts(f) for f in findings] == [["462"], ["462"]]
    assert all(f.details["flagged_count"] == 2 for f in findings)


@pytest.mark.parametrize(
    ("tolerance", "tolerance_abs", "figures", "contradicts"),
    [
        (0.05, 0, ["463", "463", "462"], False),
        (0.05, 0, ["463", "463", "430"], True),
        (0, 1, ["463", "463", "462"], False),
        (0, 1, ["463", "463", "461"], True),
        (0, 0, ["463", "463", "462"], True),
    ],
)
def test_tolerance(
    tolerance: float, tolerance_abs: float, figures: list[str], contradicts: bool
) -> None:
    r = rule(tolerance=tolerance, tolerance_abs=tolerance_abs)
    assert bool(compare_group(r, [claim(f, "") for f in figures])) is contradicts


def test_effective_interval_widens_by_half_the_tolerance() -> None:
    assert effective_interval(rule(tolerance=0.1), 100, 200) == (95, 210)
    assert effective_interval(rule(tolerance_abs=2), 100, 100) == (99, 101)


@pytest.mark.parametrize(
    ("value", "qualifier", "high", "interval"),
    [
        (463, "exact", None, (463, 463)),
        (30_000, "over", None, (30_000, 60_000)),
        (8_000, "exact", None, (7_600, 8_400)),
        (400, "between", 500, (400, 500)),
    ],
)
def test_expected_interval(
    value: float, qualifier: str, high: float | None, interval: tuple[float, float]
) -> None:
    assert expected_interval(value, qualifier, high) == interval


def test_a_claim_missing_the_house_figure_gets_one_expected_finding() -> None:
    r = rule(expect_value=30_000, expect_qualifier="over")
    claims = [claim("over 30,000"), claim("over 30,000"), claim("over 300")]
    (finding,) = compare_group(r, claims)
    assert finding.check == "expected"
    assert flagged_texts(finding) == ["over 300 political prisoners"]
    assert finding.message == (
        "Over 300 political prisoners here; the house figure is over 30,000, as in 2 other "
        "places in this document (two zeros dropped?)."
    )
    assert finding.details["expected"]["low"] == 30_000
    # It stands for the conflict too, so it cites the consensus.
    assert references(finding) == ["over 30,000 political prisoners"] * 2
    assert finding.details["consensus"]["count"] == 2


def test_the_house_figure_wins_over_a_wrong_consensus() -> None:
    r = rule(expect_value=30_000, expect_qualifier="over")
    claims = [claim("over 300"), claim("over 300"), claim("over 30,000")]
    findings = compare_group(r, claims)
    assert [f.check for f in findings] == ["expected"]  # the two copies: one finding
    assert flagged_texts(findings[0]) == ["over 300 political prisoners"] * 2


def test_expected_findings_without_a_conflict() -> None:
    r = rule(expect_value=463)
    findings = compare_group(r, [claim("462", ""), claim("462", "", doc="b.txt")])
    assert [f.check for f in findings] == ["expected", "expected"]
    assert [f.message for f in findings] == [
        "462 here; the house figure is 463 (likely an off-by-one slip)."
    ] * 2
    assert all(references(f) == [] for f in findings)


def test_message_template() -> None:
    r = rule(message="{title}: {value} ({text}) vs {consensus} x{count} in {documents} docs; "
                     "{slip}; {unit}; {rule}; {unknown} {")
    claims = [claim("463", "signatories") for _ in range(2)] + [claim("462", "signatories")]
    (finding,) = compare_group(r, claims)
    assert finding.message == (
        "Victims of the 1988 massacre: 462 (462 signatories) vs 463 x2 in 1 docs; "
        "off by one; signatories; victims; {unknown} {"
    )


def test_claims_without_an_interval_are_skipped() -> None:
    claims = [claim("463", ""), claim("463", ""), claim("462", "", low=None, high=None)]
    assert compare_group(rule(), claims) == []


def test_across_document_rules_compare_each_document_alone() -> None:
    claims = [claim("463", "", doc="a.txt"), claim("463", "", doc="a.txt"),
              claim("300", "", doc="b.txt"), claim("300", "", doc="b.txt")]
    assert compare_group(rule(across="document"), claims) == []
    assert len(compare_group(rule(), claims)) == 1  # a 2-2 tie across the corpus


def test_years_compare_on_their_intervals() -> None:
    years = [claim("1988", "", kind="year") for _ in range(3)] + [claim("1998", "", kind="year")]
    (finding,) = compare_group(rule(kinds=("year",)), years)
    assert flagged_texts(finding) == ["1998"]
    assert finding.details["slip"] == "one digit different"


def test_output_is_deterministic_and_ordered() -> None:
    claims = [claim("463", "", doc=d) for d in ("b.txt", "a.txt", "c.txt")]
    claims += [claim("462", "", doc="c.txt"), claim("436", "", doc="a.txt")]
    first = compare_group(rule(), claims)
    again = compare_group(rule(), list(reversed(claims)))
    assert [f.to_dict() for f in first] == [f.to_dict() for f in again]
    assert [f.flagged()[0].doc for f in first] == ["a.txt", "c.txt"]
    for f in first:
        order = [(fc.claim.doc, fc.claim.start) for fc in f.claims]
        assert order == sorted(order)
        assert re.fullmatch(r"[0-9a-f]{16}", f.id)


def test_figure_of_drops_unit_and_article() -> None:
    assert figure_of(claim("over 30,000")) == "over 30,000"
    assert figure_of(claim("462", "", text="The 462")) == "462"


def test_a_large_group_finishes() -> None:
    claims = [
        Claim(doc=f"d{i % 997}.txt", start=i, end=i + 3, line=1, column=1, text="463",
              quote="463 signed.", kind="count", value=463, low=463, high=463)
        for i in range(100_000)
    ]
    claims[12_345] = Claim(doc="d1.txt", start=5, end=8, line=1, column=1, text="462",
                           quote="462 signed.", kind="count", value=462, low=462, high=462)
    (finding,) = compare_group(rule(), claims)
    assert finding.details["consensus"]["count"] == 99_999
    assert len(finding.claims) == 6
