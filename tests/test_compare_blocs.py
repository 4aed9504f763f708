"""Groups without a consensus: blocs, claims that fit every bloc, touching intervals, and
the house figure deciding what is flagged."""

from __future__ import annotations

from test_compare import claim, flagged_texts, references, rule

from checker.compare.groups import compare_group


def test_two_blocs_flag_each_other_and_spare_what_fits_both() -> None:
    claims = [claim("2,412", "passengers"), claim("2,412", "passengers"),
              claim("2,415", "passengers"), claim("2,415", "passengers"),
              claim("more than 2,400", "passengers"), claim("at least 2,400", "passengers")]
    (finding,) = compare_group(rule(), claims)
    assert finding.check == "conflict"
    assert sorted(flagged_texts(finding)) == ["2,412 passengers"] * 2 + ["2,415 passengers"] * 2
    assert sorted(references(finding)) == ["at least 2,400 passengers",
                                           "more than 2,400 passengers"]
    assert finding.message == ("The figures disagree: 2,412 (2 places), 2,415 (2 places); "
                               "more than 2,400 and at least 2,400 fit either.")
    assert [(b["low"], b["high"], b["figure"]) for b in finding.details["blocs"]] == [
        (2412, 2412, "2,412"), (2415, 2415, "2,415")]


def test_figures_that_only_touch_at_an_end_are_no_tie_that_flags_everything() -> None:
    # "up to 600" (300-600) touches "600 to 700" at 600, which touches "700 to 900" at
    # 700: the middle claim fits both ends, the two ends contradict each other.
    claims = [claim("up to 600", ""),
              claim("650", "", low=600.0, high=700.0, qualifier="between"),
              claim("800", "", low=700.0, high=900.0, qualifier="between")]
    (finding,) = compare_group(rule(), claims)
    assert flagged_texts(finding) == ["up to 600", "800"]
    assert references(finding) == ["650"]
    assert compare_group(rule(), claims[:2]) == []


def test_a_tie_with_nothing_in_common_still_flags_everyone() -> None:
    (finding,) = compare_group(rule(), [claim("463", ""), claim("462", "")])
    assert sorted(flagged_texts(finding)) == ["462", "463"]
    assert references(finding) == []


def test_the_house_figure_is_never_flagged_and_decides() -> None:
    r = rule(expect_value=463)
    claims = [claim("462", ""), claim("462", ""), claim("462", ""), claim("463", "")]
    findings = compare_group(r, claims)
    assert [f.check for f in findings] == ["expected"]  # three copies: one finding
    assert flagged_texts(findings[0]) == ["462"] * 3 and references(findings[0]) == ["463"]


def test_with_a_house_figure_claims_that_keep_to_it_are_never_flagged() -> None:
    # 50,000 disagrees with the three bare 30,000s, but "over 30,000" allows it.
    r = rule(expect_value=30_000, expect_qualifier="over")
    claims = [claim("30,000"), claim("30,000"), claim("30,000"), claim("50,000"),
              claim("over 300")]
    (finding,) = compare_group(r, claims)
    assert (finding.check, flagged_texts(finding)) == (
        "expected", ["over 300 political prisoners"])
