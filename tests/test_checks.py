"""The built-in checks: weekday, years_ago, drift, and their registry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.checks import BUILTIN_CHECKS, drift, run_document_checks
from checker.compare.slips import likely_slip
from checker.errors import UserError
from checker.extract.intervals import interval_of, precision_of
from checker.extract.textspans import TextSpans
from checker.model import Claim, Document, Finding


def at(text: str, span: str, kind: str, value, nth: int = 0, **fields) -> Claim:
    """A claim for the `nth` occurrence of `span` in `text`, located like the extractor."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    if kind in ("count", "amount", "percent") and "low" not in fields:
        qualifier = fields.get("qualifier", "exact")
        digits = "".join(ch for ch in span if ch.isdigit() or ch == ",")
        fields["low"], fields["high"] = interval_of(value, qualifier, precision_of(digits))
    if kind == "year" and "low" not in fields:
        fields["low"] = fields["high"] = float(value)
    return Claim(
        doc="doc.txt", start=start, end=start + len(span), line=1, column=start + 1,
        text=span, quote=TextSpans(text).quote(start), kind=kind, value=value, **fields,
    )


def run(text: str, claims: list[Claim], date: str | None = None,
        disabled: tuple[str, ...] = (), **doc) -> list[Finding]:
    document = Document(id="doc.txt", text=text, date=date, **doc)
    return run_document_checks(document, claims, disabled)


def flagged(findings: list[Finding]) -> list[list[str]]:
    return [[c.text for c in f.flagged()] for f in findings]


# --- weekday ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "iso", "weekday", "message"),
    [
        ("Thursday, January 27, 2022", "2022-01-27", "Thursday", None),
        ("Tuesday, July 8, 2025", "2025-07-08", "Tuesday", None),
        ("Friday, July 8, 2025", "2025-07-08", "Friday",
         "July 8, 2025 was a Tuesday, not a Friday."),
        ("Fri 8 July 2025", "2025-07-08", "Fri", "July 8, 2025 was a Tuesday, not a Friday."),
        ("Friday, July 8", "XXXX-07-08", "Friday", None),  # no year known: nothing to check
    ],
)
def test_weekday(written: str, iso: str, weekday: str, message: str | None) -> None:
    text = f"The meeting is on {written}."
    claim = at(text, written, "date", iso, attrs={"weekday": weekday, "precision": "day"})
    findings = run(text, [claim])
    assert [f.message for f in findings] == ([message] if message else [])
    if message:
        assert findings[0].severity == "error"
        assert findings[0].rule == findings[0].check == "weekday"


def test_weekday_with_inferred_year_is_a_warning() -> None:
    text = "Doors open on Friday, 8 July."
    attrs = {"weekday": "Friday", "precision": "day", "year_inferred": True}
    claim = at(text, "Friday, 8 July", "date", "2025-07-08", attrs=attrs)
    (finding,) = run(text, [claim], date="2025-06-30", date_source="front_matter")
    assert finding.severity == "warning"
    # A document date guessed from the text is not trusted to infer years.
    assert run(text, [claim], date="2025-06-30", date_source="text") == []


def test_weekday_with_inferred_year_fitting_the_next_year_is_quiet() -> None:
    text = "The final is on Monday, 8 July."
    attrs = {"weekday": "Monday", "precision": "day", "year_inferred": True}
    claim = at(text, "Monday, 8 July", "date", "2025-07-08", attrs=attrs)  # 2024 fits
    assert run(text, [claim], date="2025-06-30", date_source="header") == []


# --- years_ago -------------------------------------------------------------------------

def ago(text: str, span: str, years: int, doc_year: int | None, **extra) -> Claim:
    value = doc_year - years if doc_year else None
    attrs = {"years": years, "direction": "ago", **extra}
    return at(text, span, "relative_year", value, attrs=attrs)


@pytest.mark.parametrize(
    ("text", "phrase", "years", "year", "date", "fires"),
    [
        ("In Poland we saw the same crime 70 years ago, in the year 1914, in the camps.",
         "70 years ago", 70, "1914", "2016-11-26", True),
        ("In Poland we saw the same crime 70 years ago, in the year 1946, in the camps.",
         "70 years ago", 70, "1946", "2016-11-26", False),
        ("Thirty years ago, in July 1995, the town fell.",
         "Thirty years ago", 30, "1995", "2025-07-11", False),
        ("Thirty years ago, in 1992, the town fell.",        # round: within 10 % of 30
         "Thirty years ago", 30, "1992", "2025-07-11", False),
        ("Twelve years ago, in 2009, the club was founded.",  # exact: 2 years at most
         "Twelve years ago", 12, "2009", "2025-07-11", True),
        ("The club was founded 70 years ago, in the year 1914.",
         "70 years ago", 70, "1914", None, False),            # no document date
        ("The theatre opened 50 years ago but moved to its new site in 1968.",
         "50 years ago", 50, "1968", "2005-03-01", False),    # another clause
        ("She first appeared 25 years ago and was honoured in 2001.",
         "25 years ago", 25, "2001", "2005-03-01", False),
        ("It began 20 years ago, in 2030 plans say it ends.",
         "20 years ago", 20, "2030", "2016-01-01", False),    # year after the document date
    ],
)
def test_years_ago(
    text: str, phrase: str, years: int, year: str, date: str | None, fires: bool
) -> None:
    doc_year = int(date[:4]) if date else None
    rel = ago(text, phrase, years, doc_year)
    kind, value = ("month", f"{year}-07") if "July" in text else ("year", int(year))
    stated = at(text, year, kind, value, **({"low": float(year), "high": float(year)}))
    findings = run(text, [rel, stated], date=date)
    assert bool(findings) is fires
    if fires:
        (finding,) = findings
        assert sorted(flagged(findings)[0]) == sorted([phrase, year])
        assert finding.check == "years_ago"


def test_years_ago_message() -> None:
    text = "We lived a similar crime 70 years ago…in the year 1914, in Poland."
    rel = ago(text, "70 years ago", 70, 2016)
    (finding,) = run(text, [rel, at(text, "1914", "year", 1914)], date="2016-11-26")
    assert finding.message == (
        "'70 years ago' points to about 1946 (the article is dated 26 November 2016), "
        "but the same sentence says 1914."
    )


def test_years_ago_on_a_guessed_date_is_only_a_hint() -> None:
    text = "Some 60 years ago, in the year 1921, the bridge over the river was built."
    rel = ago(text, "60 years ago", 60, 2019)
    claims = [rel, at(text, "1921", "year", 1921)]
    (given,) = run(text, claims, date="2019-05-02", date_source="header")
    assert given.severity == "warning"
    (guessed,) = run(text, claims, date="2019-05-02", date_source="text")
    assert guessed.severity == "info"
    assert "taking 2 May 2019, the first full date in the text, as the article's date" in (
        guessed.message
    )


def test_anniversary_on_a_guessed_date_is_only_a_hint() -> None:
    text = "Crowds marked the 40th anniversary of the 1961 flood in the valley."
    attrs = {"years": 40, "direction": "anniversary", "anchor_year": 1961}
    rel = at(text, "40th anniversary", "relative_year", 2001, attrs=attrs)
    claims = [rel, at(text, "1961", "year", 1961)]
    assert [f.severity for f in run(text, claims, date="2012-03-01")] == ["warning"]
    assert [f.severity for f in run(text, claims, date="2012-03-01",
                                    date_source="text")] == ["info"]


def test_years_ago_against_a_month_date() -> None:
    text = "Some 60 years ago, in the year 1921, the bridge over the river was built."
    (finding,) = run(text, [ago(text, "60 years ago", 60, 2019),
                            at(text, "1921", "year", 1921)], date="2019-05",
                     date_source="header")
    assert "(the article is dated May 2019)" in finding.message


def test_a_range_containing_the_year_agrees() -> None:
    text = "Forty years ago, during the 1980-1990 war, the town was shelled."
    rel = ago(text, "Forty years ago", 40, 2025)
    war = at(text, "1980-1990", "year", 1980, low=1980.0, high=1990.0, qualifier="between")
    assert run(text, [rel, war], date="2025-01-01") == []


@pytest.mark.parametrize(
    ("text", "other", "fires"),
    [
        ("It was 28 years after 1988, in 2016, that the letter came.", "2016", False),
        ("It was 28 years after 1988, in 2018, that the letter came.", "2018", False),
        ("It was 28 years after 1988, in 2010, that the letter came.", "2010", True),
        ("It was 28 years after 1988 that the letter came.", None, False),
    ],
)
def test_years_after_an_anchor(text: str, other: str | None, fires: bool) -> None:
    attrs = {"years": 28, "direction": "after", "anchor_year": 1988}
    rel = at(text, "28 years after", "relative_year", 2016, attrs=attrs)
    claims = [rel, at(text, "1988", "year", 1988)]
    if other:
        claims.append(at(text, other, "year", int(other)))
    assert bool(run(text, claims, date="2020-01-01")) is fires


@pytest.mark.parametrize(("date", "fires"), [("2025-07-11", False), ("2024-12-01", False),
                                             ("2016-07-11", True), (None, False)])
def test_anniversary(date: str | None, fires: bool) -> None:
    text = "We mark the 30th anniversary of the 1995 genocide today."
    attrs = {"years": 30, "direction": "anniversary", "anchor_year": 1995}
    rel = at(text, "30th anniversary", "relative_year", 2025, attrs=attrs)
    findings = run(text, [rel, at(text, "1995", "year", 1995)], date=date)
    assert bool(findings) is fires
    if fires:
        assert findings[0].message == (
            "'30th anniversary' of 1995 falls in 2025, but the article is dated 11 July 2016."
        )


# --- drift -----------------------------------------------------------------------------

SIGNATORIES = (
    "A call by 463 rights advocates was published. The letter, signed by 463 former UN "
    "officials, asks for a probe. The 462 want the inquiry opened now. Officials fear the "
    "463 signatories."
)
MASSACRE = (
    "The massacre of over 30,000 political prisoners began with a decree. Over 30,000 "
    "political prisoners were killed in the massacre that summer. Speakers recalled the "
    "massacre of over 300 political prisoners in 1988."
)


def counts(text: str, spans: list[tuple[str, float, str | None, int]], **fields) -> list[Claim]:
    return [at(text, s, "count", v, nth=n, unit=u, **fields) for s, v, u, n in spans]


def test_drift_off_by_one() -> None:
    claims = counts(SIGNATORIES, [("463", 463, "rights advocates", 0),
                                  ("463", 463, "former UN officials", 1),
                                  ("462", 462, None, 0), ("463", 463, "signatories", 2)])
    (finding,) = run(SIGNATORIES, claims)
    assert finding.check == finding.rule == "drift"
    assert flagged([finding]) == [["462"]]
    assert finding.message == "462 here, but 463 in 3 other places in this document (off by one)."
    assert finding.details["slip"] == "off by one"
    assert len([fc for fc in finding.claims if fc.role == "reference"]) == 3


def test_drift_dropped_zeros() -> None:
    claims = counts(MASSACRE, [("30,000", 30000, "political prisoners", 0),
                               ("30,000", 30000, "political prisoners", 1),
                               ("300", 300, "political prisoners", 0)], qualifier="over")
    (finding,) = run(MASSACRE, claims)
    assert [c.value for c in finding.flagged()] == [300]
    assert finding.details["slip"] == "two zeros dropped"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # Small figures: 3 and 4 goals are different facts.
        ("He scored 3 goals. She scored 4 goals. They had 4 goals in May.",
         [("3", 3, "goals", 0), ("4", 4, "goals", 0), ("4", 4, "goals", 1)]),
        # Different quantities a power of ten apart.
        ("The firm made £30m profit. Profit of £30m came from £300m sales last year.",
         [("30", 30_000_000, "profit", 0), ("30", 30_000_000, "profit", 1),
          ("300", 300_000_000, "sales", 0)]),
        # Orders of magnitude name different things (100m, 1,000m races).
        ("She won the 1,000m race. The 100m champion ran. He set a 100m record for Jamaica.",
         [("1,000", 1000, "m", 0), ("100", 100, "m", 0), ("100", 100, "m", 1)]),
        # Off by one needs distinctive figures: 100/101, 10/11.
        ("It has 100 rooms. A hotel of 100 rooms. Now 101 rooms.",
         [("100", 100, "rooms", 0), ("100", 100, "rooms", 1), ("101", 101, "rooms", 0)]),
        # Ages and years are not counts.
        ("He is 25. She turned 26 and he is 25 again.",
         [("25", 25, None, 0), ("26", 26, None, 0), ("25", 25, None, 1)]),
        # Both figures in one sentence: a comparison, not a slip.
        ("Votes were 463 to 462 in the hall. Then 463 voted again. The 463 left.",
         [("463", 463, "votes", 0), ("462", 462, "votes", 0), ("463", 463, "votes", 1),
          ("463", 463, "votes", 2)]),
        # The text accounts for the difference: 2,224 files plus one file are 2,225.
        ("The set has 2,225 files. Of those, 2,224 files were plain UTF-8. One file was "
         "Latin-1. In all, 2,225 files were copied.",
         [("2,225", 2225, "files", 0), ("2,224", 2224, "files", 0),
          ("2,225", 2225, "files", 1)]),
        ("The 463 signatories met. Only 462 signatories came in June; another signatory "
         "sent word. The 463 signatories then left.",
         [("463", 463, "signatories", 0), ("462", 462, "signatories", 0),
          ("463", 463, "signatories", 1)]),
        # The odd one is repeated as often as the other.
        ("The 463 signed. The 462 signed. The 463 met. The 462 met.",
         [("463", 463, None, 0), ("462", 462, None, 0), ("463", 463, None, 1),
          ("462", 462, None, 1)]),
    ],
)
def test_drift_stays_quiet(text: str, spans: list) -> None:
    kind_of = {25: "age", 26: "age"}
    claims = [
        at(text, s, kind_of.get(v, "count"), v, nth=n, unit=u, low=v, high=v)
        for s, v, u, n in spans
    ]
    assert run(text, claims) == []


def test_drift_is_not_explained_away_by_a_count_of_something_else() -> None:
    text = ("The set has 2,225 files. Of those, 2,224 files were plain UTF-8. One reader "
            "complained. In all, 2,225 files were copied.")
    claims = counts(text, [("2,225", 2225, "files", 0), ("2,224", 2224, "files", 0),
                           ("2,225", 2225, "files", 1)])
    assert flagged(run(text, claims)) == [["2,224"]]


def test_drift_ignores_year_like_numbers() -> None:
    text = "Sales in 2004 rose. In 2004 they fell. By 2005 they recovered."
    claims = [at(text, "2004", "count", 2004, nth=0, low=2004, high=2004),
              at(text, "2004", "count", 2004, nth=1, low=2004, high=2004),
              at(text, "2005", "count", 2005, low=2005, high=2005)]
    assert run(text, claims) == []


def test_drift_zeros_need_a_shared_uncommon_word() -> None:
    text = ("Over 30,000 political prisoners were freed. Over 30,000 political prisoners went "
            "home. Over 300 political prisoners voted.")
    claims = counts(text, [("30,000", 30000, "political prisoners", 0),
                           ("30,000", 30000, "political prisoners", 1),
                           ("300", 300, "political prisoners", 0)], qualifier="over")
    assert run(text, claims, disabled=("quantity_conflict",)) == []


# --- registry --------------------------------------------------------------------------

@pytest.mark.parametrize("check_id", sorted(BUILTIN_CHECKS))
def test_every_check_is_documented(check_id: str) -> None:
    spec = BUILTIN_CHECKS[check_id]
    assert spec.id == check_id
    assert "PASS:" in spec.description and "FAIL:" in spec.description
    assert spec.summary.startswith(f"{check_id}: ")
    assert spec.severity in ("error", "warning", "info")


def test_checks_can_be_disabled_by_id() -> None:
    claims = counts(SIGNATORIES, [("463", 463, None, 0), ("463", 463, None, 1),
                                  ("462", 462, None, 0)])
    doc = Document(id="doc.txt", text=SIGNATORIES)
    assert len(run_document_checks(doc, claims)) == 1
    assert run_document_checks(doc, claims, disabled={"drift"}) == []


def test_unknown_check_id_is_a_user_error() -> None:
    with pytest.raises(UserError, match="did you mean 'drift'"):
        run_document_checks(Document(id="d", text=""), [], disabled=["drfit"])


def test_findings_are_in_document_order() -> None:
    text = "Meet on Friday, July 8, 2025. " + SIGNATORIES
    weekday = at(text, "Friday, July 8, 2025", "date", "2025-07-08",
                 attrs={"weekday": "Friday"})
    claims = counts(text, [("463", 463, None, 0), ("463", 463, None, 1), ("462", 462, None, 0)])
    findings = run(text, [*claims, weekday])
    assert [f.check for f in findings] == ["weekday", "drift"]


# --- with the real extractor -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "date", "check"),
    [
        ("In Poland we had a similar crime, 70 years ago…in the year 1914, officers were held "
         "in camps.", "2016-11-26", "years_ago"),
        (SIGNATORIES, None, "drift"),
        (MASSACRE, None, "drift"),
        ("The summit opens on Friday, July 8, 2025 in Geneva.", None, "weekday"),
    ],
)
def test_checks_on_extracted_claims(text: str, date: str | None, check: str) -> None:
    from checker.extract import extract

    doc = Document(id="doc.txt", text=text, date=date)
    findings = run_document_checks(doc, extract(doc))
    assert [f.check for f in findings] == [check]


@pytest.mark.parametrize(
    "text",
    [
        "Thirty years ago, in July 1995, the town fell. The 30th anniversary is marked today.",
        "The letter went out on Thursday, January 27, 2022, to 463 officials.",
        "He scored 3 goals in 2004 and 4 goals in 2005, aged 25 and 26.",
        "The firm made a £30m profit on £300m of sales; Chapter 11 was avoided.",
    ],
)
def test_extracted_ordinary_text_is_quiet(text: str) -> None:
    from checker.extract import extract

    doc = Document(id="doc.txt", text=text, date="2025-07-11", date_source="header")
    assert run_document_checks(doc, extract(doc)) == []


# --- drift and years_ago in long documents (indexed, not pairwise) ----------------------

def _filler_counts(n: int, first: int = 5_000) -> tuple[str, list[tuple[str, int]]]:
    """`n` sentences each with a distinct figure no slip away from any other, and the figures."""
    figures = [first + 37 * i for i in range(n)]
    text = " ".join(f"Depot {i} holds {v:,} crates." for i, v in enumerate(figures))
    return text, [(f"{v:,}", v) for v in figures]


def test_drift_pair_is_found_among_many_claims() -> None:
    filler, figures = _filler_counts(300)
    text = f"{filler} {SIGNATORIES}"
    claims = [at(text, s, "count", v, unit="crates") for s, v in figures]
    claims += counts(text, [("463", 463, "rights advocates", 0),
                            ("463", 463, "former UN officials", 1),
                            ("462", 462, None, 0), ("463", 463, "signatories", 2)])
    (finding,) = run(text, claims)
    assert flagged([finding]) == [["462"]]
    assert finding.details == {"repeated": {"figure": "463", "count": 3}, "slip": "off by one"}


def test_unrelated_repeated_figure_among_many_claims_is_quiet() -> None:
    filler, figures = _filler_counts(300)
    text = f"{filler} The 463 boxes left. The 463 boxes came back. A 9,999 crate came."
    claims = [at(text, s, "count", v, unit="crates") for s, v in figures]
    claims += counts(text, [("463", 463, "boxes", 0), ("463", 463, "boxes", 1),
                            ("9,999", 9999, "crate", 0)])
    assert run(text, claims) == []


def test_drift_prefers_the_most_repeated_of_two_partners() -> None:
    text = ("The 463 signed. The 463 met. The 463 spoke. The 461 wrote. The 461 left. "
            "The 462 asked.")
    claims = counts(text, [("463", 463, None, 0), ("463", 463, None, 1), ("463", 463, None, 2),
                           ("461", 461, None, 0), ("461", 461, None, 1), ("462", 462, None, 0)])
    (finding,) = run(text, claims)
    assert flagged([finding]) == [["462"]]
    assert finding.details["repeated"] == {"figure": "463", "count": 3}


@given(st.integers(min_value=0, max_value=10**9))
def test_slip_partners_are_the_nameable_slips(value: int) -> None:
    """The drift index misses no partner a slip can be named for, and adds none."""
    partners = drift._partners(value)
    nameable = {p for p in partners if likely_slip(value, p) not in (None, "decimal point moved")}
    assert nameable <= set(drift._slip_partners(value)) <= partners
    for partner in nameable:  # the relation is symmetric, so it can be indexed either way
        assert value in drift._slip_partners(partner)


def test_years_ago_mismatch_is_found_after_many_dated_claims() -> None:
    history = " ".join(f"In {1900 + i} the club won." for i in range(60))
    text = f"{history} In Poland a similar crime happened 70 years ago, in the year 1914."
    claims = [at(text, str(1900 + i), "year", 1900 + i) for i in range(60)]
    claims.append(at(text, "1914", "year", 1914, nth=1))
    claims.append(at(text, "70 years ago", "relative_year", 1946,
                     attrs={"years": 70, "direction": "ago"}))
    findings = run(text, claims, date="2016-11-26")
    assert flagged(findings) == [["70 years ago", "1914"]]
