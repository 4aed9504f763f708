"""Acceptance for extraction: the figures that matter in the five real seed articles come
out with the right kind, value, qualifier, interval and unit, and the non-counts in them
never come out as counts. Skipped where ../shared/seeds is absent."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Claim
from checker.read.sources import ReadOptions, find_sources, read_source
from tests.conftest import shared_path

COUNT_KINDS = ("count", "money", "percent")


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    seeds = shared_path("seeds")
    out: list[Claim] = []
    for source in find_sources([str(seeds)]):
        for doc in read_source(source, ReadOptions(), lambda message: None):
            out.extend(extract(doc))
    return out


def found(claims: list[Claim], text: str) -> list[Claim]:
    return [c for c in claims if c.text == text]


# text as it stands in the article, kind, value, qualifier, (low, high), unit, times seen
COUNTS = [
    ("463 current and former UN officials", 463, "exact", (463, 463),
     "current and former UN officials", 1),
    ("463 Human Rights Advocates", 463, "exact", (463, 463), "human rights advocates", 2),
    ("463 experts", 463, "exact", (463, 463), "experts", 1),
    ("The 462", 462, "exact", (462, 462), "signatories", 1),
    ("over 30,000 political prisoners", 30000, "over", (30000, 60000), "political prisoners", 2),
    ("over 30000 people", 30000, "over", (30000, 60000), "people", 1),
    ("over 300 political prisoners", 300, "over", (300, 600), "political prisoners", 1),
    ("more than 30,000 Iranian political prisoners", 30000, "over", (30000, 60000),
     "iranian political prisoners", 1),
    ("more than 8,000 Bosnian Muslim men and boys", 8000, "over", (8000, 16000),
     "bosnian muslim men and boys", 1),
    ("nearly 1 million Tutsi and moderate Hutu victims", 1_000_000, "nearly",
     (900_000, 1_000_000), "tutsi and moderate hutu victims", 1),
    ("two men", 2, "exact", (2, 2), "men", 1),
    ("14 other prisoners", 14, "exact", (14, 14), "other prisoners", 1),
    ("400 armed Dutch peacekeepers", 400, "exact", (380, 420), "armed dutch peacekeepers", 1),
]


@pytest.mark.parametrize("text, value, qualifier, interval, unit, times", COUNTS)
def test_counts(claims: list[Claim], text: str, value: float, qualifier: str,
                interval: tuple[float, float], unit: str, times: int) -> None:
    hits = found(claims, text)
    assert len(hits) == times, [c.text for c in claims if str(int(value)) in c.text]
    for c in hits:
        assert (c.kind, c.value, c.qualifier) == ("count", value, qualifier)
        assert (c.low, c.high) == pytest.approx(interval)
        assert c.unit == unit


def test_the_462_takes_its_noun_from_the_sentence_before(claims: list[Claim]) -> None:
    (c,) = found(claims, "The 462")
    assert c.unit_inferred is True


def test_thousands_is_vague_and_holds_30000_not_300(claims: list[Claim]) -> None:
    hits = [c for c in claims if c.text.lower().startswith("thousands")]
    assert len(hits) >= 3
    for c in hits:
        assert c.qualifier == "vague" and c.low <= 30000 <= c.high and not c.low <= 300 <= c.high


def test_463_three_times_in_the_letter_article(claims: list[Claim]) -> None:
    letter = [c for c in claims if c.kind == "count" and c.value == 463]
    assert len({c.doc for c in letter}) == 1 and len(letter) >= 3


# text, kind, value, weekday kept on the claim
DATED = [
    ("1914", "year", 1914, None),
    ("26/11/2016", "date", "2016-11-26", None),
    ("Saturday, November 26", "date", "2016-11-26", "Saturday"),
    ("Tuesday, July 8, 2025", "date", "2025-07-08", "Tuesday"),
    ("Thursday, January 27, 2022", "date", "2022-01-27", "Thursday"),
    ("2023-07-05", "date", "2023-07-05", None),
    ("July 1995", "month", "1995-07", None),
    ("April 1993", "month", "1993-04", None),
]


@pytest.mark.parametrize("text, kind, value, weekday", DATED)
def test_years_and_dates(claims: list[Claim], text: str, kind: str, value: object,
                         weekday: str | None) -> None:
    hits = found(claims, text)
    assert hits, text
    for c in hits:
        assert (c.kind, c.value) == (kind, value)
        assert c.attrs.get("weekday") == weekday


@pytest.mark.parametrize("text, year", [("70 years ago", 1946), ("thirty years ago", 1995)])
def test_relative_time_resolves_against_the_article_date(claims: list[Claim], text: str,
                                                         year: int) -> None:
    (c,) = found(claims, text)
    assert c.kind == "relative_year" and c.value == year


@pytest.mark.parametrize("text", ["1988", "17th", "10th Anniversary", "11:00 a.m. EDT", "819"])
def test_non_counts_are_never_counts(claims: list[Claim], text: str) -> None:
    assert not [c for c in claims if c.kind in COUNT_KINDS and c.text.startswith(text)]
