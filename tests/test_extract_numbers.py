"""The number extractor on sentences written for these tests (value, qualifier, interval,
unit, kind), the things that must never be counts, and the back-reference unit."""

from __future__ import annotations

import glob
import os

import pytest

from checker.extract import extract_text
from checker.extract.intervals import interval_of, precision_of, vague_interval
from checker.extract.numbers import find_numbers
from checker.extract.numwords import NUMBER_WORDS_RE, words_to_number

QUANTITY = ("count", "amount", "percent")


def only(text: str, needle: str):
    """The one claim whose text contains `needle`."""
    found = [c for c in extract_text(text) if needle in c.text]
    assert len(found) == 1, [(c.text, c.kind) for c in extract_text(text)]
    return found[0]


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("two", 2), ("Thirty", 30), ("twenty-one", 21), ("ninety nine", 99),
        ("one hundred and twenty", 120), ("a hundred", 100), ("a dozen", 12),
        ("two dozen", 24), ("half a million", 500_000), ("two and a half million", 2_500_000),
        ("three thousand four hundred", 3400), ("two thousand and five", 2005),
        ("one million two hundred thousand", 1_200_000), ("SEVEN", 7),
        ("a", None), ("half", None), ("dozens", None), ("one and two", None), ("tree", None),
    ],
)
def test_words_to_number(phrase: str, value: float | None) -> None:
    assert words_to_number(phrase) == value


def test_number_words_regex_is_a_plain_source() -> None:
    import re

    pattern = re.compile(NUMBER_WORDS_RE)
    assert [m.group() for m in pattern.finditer("between two and five, Seventy-fifth")] == [
        "two", "five",
    ]


# text, needle, kind, value, qualifier, low, high, unit
CASES = [
    ("Some 463 current and former UN officials and rapporteurs signed it.", "463",
     "count", 463, "about", 416.7, 509.3, "current and former UN officials"),
    ("A letter signed by 463 signatories went out.", "463",
     "count", 463, "exact", 463, 463, "signatories"),
    ("Over 30,000 political prisoners were put to death.", "30,000",
     "count", 30000, "over", 30000, 60000, "political prisoners"),
    ("over 30000 people were massacred that summer", "30000",
     "count", 30000, "over", 30000, 60000, "people"),
    ("It named over 300 political prisoners.", "300",
     "count", 300, "over", 300, 600, "political prisoners"),
    ("more than 30,000 inmates died", "30,000", "count", 30000, "over", 30000, 60000, "inmates"),
    ("More than 8,000 Bosnian Muslim men and boys were killed.", "8,000",
     "count", 8000, "over", 8000, 16000, "bosnian muslim men and boys"),
    ("Nearly 1 million people died within weeks.", "million",
     "count", 1_000_000, "nearly", 900_000, 1_000_000, "people"),
    ("Guards shot two men at the gate.", "two", "count", 2, "exact", 2, 2, "men"),
    ("They moved 14 other prisoners that night.", "14",
     "count", 14, "exact", 14, 14, "other prisoners"),
    ("Only 400 armed Dutch peacekeepers held the enclave.", "400",
     "count", 400, "exact", 380, 420, "armed dutch peacekeepers"),
    ("thousands of political prisoners vanished", "housands",
     "count", None, "vague", 2000, 999_999, "political prisoners"),
    ("Thousands of executed prisoners lie there.", "housands",
     "count", None, "vague", 2000, 999_999, "executed prisoners"),
    ("dozens of reporters waited", "dozens", "count", None, "vague", 24, 144, "reporters"),
    ("tens of thousands of marchers came", "tens", "count", None, "vague", 20000, 99999,
     "marchers"),
    ("between 2,800 and 5,000 residents fled", "2,800",
     "count", 2800, "between", 2800, 5000, "residents"),
    ("4,000-5,000 troops crossed", "4,000", "count", 4000, "between", 4000, 5000, "troops"),
    ("4,000 to 5,000 troops crossed", "4,000", "count", 4000, "between", 4000, 5000, "troops"),
    ("4,000–5,000 troops crossed", "4,000", "count", 4000, "between", 4000, 5000, "troops"),
    ("at least 50 houses burned", "50", "count", 50, "at_least", 50, 100, "houses"),
    ("about 200 families stayed", "200", "count", 200, "about", 180, 220, "families"),
    ("up to 600 workers may go", "600", "count", 600, "up_to", 300, 600, "workers"),
    ("fewer than 90 patients", "90", "count", 90, "under", 45, 90, "patients"),
    ("an estimated 1.5 million visitors", "1.5", "count", 1_500_000, "about",
     1_350_000, 1_650_000, "visitors"),
    ("a dozen eggs", "dozen", "count", 12, "exact", 12, 12, "eggs"),
    ("half a million people", "half", "count", 500_000, "exact", 475_000, 525_000, "people"),
    ("one hundred and twenty pupils", "hundred", "count", 120, "exact", 115, 125, "pupils"),
    ("twenty-one delegates", "twenty", "count", 21, "exact", 21, 21, "delegates"),
    ("a 816 000 strong crowd", "816", "count", 816000, "exact", 815500, 816500, None),
    ("The firm paid $2.3bn for it.", "2.3", "amount", 2.3e9, "exact", 2.25e9, 2.35e9, None),
    ("a deal worth £600m", "600", "amount", 6e8, "exact", 5.7e8, 6.3e8, None),
    ("€5 billion in aid", "5", "amount", 5e9, "exact", 4.75e9, 5.25e9, None),
    ("tickets cost £2.50 each", "2.50", "amount", 2.5, "exact", 2.495, 2.505, None),
    ("prices were 12% higher last year", "12", "change", 12, "exact", 12, 12, None),
    ("inflation stood at 12 per cent", "12", "percent", 12, "exact", 12, 12, None),
    ("a turnout of 12 percent", "12", "percent", 12, "exact", 12, 12, None),
    ("by noon 2000 people signed", "2000", "count", 2000, "exact", 1900, 2100, "people"),
    ("over 2000 demonstrators", "2000", "count", 2000, "over", 2000, 4000, "demonstrators"),
    ("the show drew 1.4m viewers", "1.4", "count", 1.4e6, "exact", 1.35e6, 1.45e6, "viewers"),
    ("500 or more guests", "500", "count", 500, "at_least", 500, 1000, "guests"),
    ("it hired 463 Human Rights Advocates Promoting Iran Reform",
     "463", "count", 463, "exact", 463, 463, "human rights advocates"),
    ("three dozens of roses", "three", "count", 36, "exact", 36, 36, "roses"),
]


@pytest.mark.parametrize(
    "text, needle, kind, value, qualifier, low, high, unit", CASES, ids=[c[0] for c in CASES]
)
def test_quantities(text, needle, kind, value, qualifier, low, high, unit) -> None:
    c = only(text, needle)
    assert c.kind == kind
    if value is not None:
        assert c.value == pytest.approx(value)
    assert c.qualifier == qualifier
    assert c.low == pytest.approx(low, rel=1e-3)
    assert c.high == pytest.approx(high, rel=1e-3)
    assert c.unit == unit


def test_currency_codes() -> None:
    claims = extract_text("It cost $1.13bn (£600m) and €5 billion.")
    assert [c.attrs.get("currency") for c in claims] == ["USD", "GBP", "EUR"]


def test_claim_text_starts_at_qualifier() -> None:
    c = only("They said over 30,000 political prisoners died.", "30,000")
    assert c.text == "over 30,000 political prisoners"
    assert c.attrs["precision"] == 10_000


@pytest.mark.parametrize(
    "text, needle",
    [
        ("She lives in the 17th arrondissement.", "17"),
        ("the 20th century ended", "20"),
        ("under Resolution 819 of the council", "819"),
        ("The talk begins at 11:00 a.m. sharp.", "11"),
        ("its 10th Anniversary gala", "10"),
        ("Article 5 applies", "5"),
        ("see page 12 and p. 12", "12"),
        ("No. 10 said nothing", "10"),
        ("in section 3 of the act", "3"),
        ("Flight 370 vanished", "370"),
        ("Room 101 is empty", "101"),
        ("it runs Windows 7", "7"),
        ("the A380 and the G8 and 4G phones", "380"),
        ("the G8 summit", "8"),
        ("they meet at 2 pm", "2"),
        ("it happened at 2.13 am", "2"),
        ("trains leave at 10.30 daily", "10"),
        ("call 020 7946 0018 now", "7946"),
        ("see http://example.org/a/2024/5 for more", "5"),
        ("write to desk42@example.org today", "42"),
        ("as reported [1] by them", "1"),
        ("release 3.2.1 fixes it", "3"),
        ("host 192.168.1.2 answered", "168"),
        ("a 3-2 win at home", "3"),
        ("they won 2-1 on Saturday", "2"),
        ("an MP3 player", "3"),
        ("the COVID-19 wave", "19"),
        ("the 2012-13 season", "2012"),
        ("the 2004/05 accounts", "2004"),
        ("The 25-year-old was held.", "25"),
        ("a man aged 30 was held", "30"),
        ("one of the guards", "one"),
        ("no one came", "one"),
        ("the one who left", "one"),
        ("one day later", "one"),
        ("the 1988 massacre", "1988"),
        ("in 1988 they died", "1988"),
        ("the war (1994) ended", "1994"),
        ("since 2003 it grew", "2003"),
        ("the summer of 1988 was hot", "1988"),
        ("the 1988–89 winter", "1988"),
        ("the 1990s were loud", "1990"),
        ("remember the 1988 victims", "1988"),
        ("the 1988 genocide and its victims", "1988"),
        ("Comments\n  1. A reader wrote", "1"),
        ("Channel 2 took three prizes", "2"),
    ],
)
def test_never_a_quantity(text: str, needle: str) -> None:
    for c in extract_text(text):
        if needle in c.text:
            assert c.kind not in QUANTITY, (c.text, c.kind)


@pytest.mark.parametrize(
    "text, year",
    [("the 1988 massacre", 1988), ("in 1988 they died", 1988), ("the war (1994) ended", 1994),
     ("since 2003 it grew", 2003), ("the summer of 1988 was hot", 1988)],
)
def test_bare_years(text: str, year: int) -> None:
    years = [c for c in extract_text(text) if c.kind == "year"]
    assert [c.value for c in years] == [year]
    assert (years[0].low, years[0].high) == (year, year)


@pytest.mark.parametrize(
    "text, year",
    [
        ("Oil prices fell.\n2005 offers the chance of a deal, he said.", 2005),
        ("It was a bad year. 2004 reinforces the trend, analysts say.", 2004),
        ('The minister said: "2006 marks a turning point."', 2006),
        ("Sales will double by 2010 to 1.3 billion units.", 2010),
    ],
)
def test_a_year_opening_a_sentence_or_before_a_level(text: str, year: int) -> None:
    """News writes a count that opens a sentence in words; a numeral there is a year.
    And a year then "to" a figure a thousand times larger is no range ("by 2010 to 1.3
    billion"): the larger figure is read on its own."""
    claims = extract_text(text)
    assert [c.value for c in claims if c.kind == "year"] == [year]
    assert not [c for c in claims if c.kind == "count" and c.value == year]


def test_a_level_after_a_year_keeps_its_unit() -> None:
    (level,) = [c for c in extract_text("Sales will double by 2010 to 1.3 billion units.")
                if c.kind == "count"]
    assert (level.value, level.qualifier, level.unit) == (1.3e9, "exact", "units")


@pytest.mark.parametrize(
    "text",
    ["Officials said 2000 people left.", "By noon, 1500 people had signed.",
     "Staff numbers rose from 1500 to 2000.", "They hired 2000 workers in 2004."],
)
def test_a_count_inside_a_sentence_stays_a_count(text: str) -> None:
    assert [c for c in extract_text(text) if c.kind == "count" and c.value in (1500, 2000)]


def test_ordinals_are_typed() -> None:
    c = only("on the 17th floor", "17")
    assert c.kind == "ordinal" and c.value == 17


def test_back_reference_unit_is_inferred() -> None:
    text = (
        "A group of 463 signatories wrote to the council. The signatories asked the "
        "Security Council to act within a month. The 462 called on Geneva to open an inquiry."
    )
    c = only(text, "462")
    assert c.text == "The 462"
    assert c.unit == "signatories"
    assert c.unit_inferred is True


def test_back_reference_skips_proper_names_and_stop_nouns() -> None:
    text = "The delegates met for three days in the Philippines. The 40 voted on Monday."
    c = only(text, "40")
    assert (c.unit, c.unit_inferred) == ("delegates", True)


def test_no_inference_without_a_determiner() -> None:
    c = only("Sales were 40 then.", "40")
    assert c.unit is None and c.unit_inferred is False


def test_seed_like_story_figures() -> None:
    text = (
        "Some 463 former UN officials signed. The letter's 463 signatories urged action.\n\n"
        "In all, 463 signatories joined. The signatories called on the Human Rights "
        "Council to act. The 462 called on the UN to set up an inquiry.\n\n"
        "Over 30,000 political prisoners were killed in 1988; another text says over 300 "
        "political prisoners and a third more than 30,000."
    )
    claims = extract_text(text)
    counts = [c for c in claims if c.kind == "count"]
    assert [c.value for c in counts] == [463, 463, 463, 462, 30000, 300, 30000]
    assert counts[3].unit == "signatories"
    assert [c.value for c in claims if c.kind == "year"] == [1988]


def test_line_column_and_quote() -> None:
    claims = extract_text("First line.\nThen 12 cats sat. Then more.")
    c = claims[0]
    assert (c.line, c.column) == (2, 6)
    assert c.quote == "Then 12 cats sat."


def test_output_is_deterministic() -> None:
    text = "About 300 people, 12% of them, paid $5m in 1999."
    assert [c.to_dict() for c in extract_text(text)] == [c.to_dict() for c in extract_text(text)]


@pytest.mark.parametrize(
    "value, qualifier, precision, high_value, expected",
    [
        (463, "exact", 1, None, (463, 463)),
        (8000, "exact", 1000, None, (7600, 8400)),
        (30000, "exact", 10000, None, (28500, 31500)),
        (300, "exact", 100, None, (285, 315)),
        (1e6, "exact", 1e6, None, (9.5e5, 1.05e6)),
        (1.5e6, "exact", 1e5, None, (1.45e6, 1.55e6)),
        (300, "over", 100, None, (300, 600)),
        (100, "nearly", 100, None, (90, 100)),
        (463, "about", 1, None, (416.7, 509.3)),
        (300, "about", 100, None, (270, 330)),
        (600, "up_to", 100, None, (300, 600)),
        (2800, "between", 100, 5000, (2800, 5000)),
    ],
)
def test_interval_of(value, qualifier, precision, high_value, expected) -> None:
    assert interval_of(value, qualifier, precision, high_value) == pytest.approx(expected)


@pytest.mark.parametrize(
    "digits, scale, expected",
    [("463", 1, 1), ("8,000", 1, 1000), ("30000", 1, 10000), ("1.5", 1e6, 1e5), ("0", 1, 1)],
)
def test_precision_of(digits: str, scale: float, expected: float) -> None:
    assert precision_of(digits, scale) == pytest.approx(expected)


def test_thousands_is_compatible_with_30000_not_300() -> None:
    low, high = vague_interval("thousands")
    assert low <= 30000 <= high and not low <= 300 <= high


SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "seeds")


@pytest.mark.skipif(not os.path.isdir(SEEDS), reason="shared seeds not available")
def test_seed_files_extract_cleanly() -> None:
    for path in sorted(glob.glob(os.path.join(SEEDS, "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        mentions = find_numbers(text)
        for m in mentions:
            assert 0 <= m.start < m.end <= len(text)
        for c in extract_text(text):
            assert not (c.kind in QUANTITY and c.text.strip() in ("17th", "819", "11:00"))


@pytest.mark.parametrize(
    "text, needle, year",
    [
        ("Vigil in Lagos recalls 1967 massacres", "1967", 1967),
        ("Geneva Talks Recall 1994 Killings", "1994", 1994),
        ("Town rebuilds after 1953 floods", "1953", 1953),
        ("Inquiry into 2011 riots reports", "2011", 2011),
        ("Veterans revisit 1944 landings on the coast.", "1944", 1944),
        ("Historians debate 1848 revolutions anew.", "1848", 1848),
        ("The cult 1983 series is out on disc.", "1983", 1983),
        ("Analysts expect 2006 revenues of $3.1bn.", "2006", 2006),
        ("Prices rose from 2002 onwards.", "2002", 2002),
    ],
)
def test_year_before_a_plural_event_noun_is_a_year(text: str, needle: str, year: int) -> None:
    c = only(text, needle)
    assert (c.kind, c.value, c.unit) == ("year", year, None)


@pytest.mark.parametrize(
    "text, needle, value, unit",
    [
        ("Police logged 1700 killings that decade.", "1700", 1700, "killings"),
        ("The 1500 jobs went overnight.", "1500", 1500, "jobs"),
        ("Officials said 2000 people left.", "2000", 2000, "people"),
        ("Rescuers counted 2500 floods in the region.", "2500", 2500, "floods"),
    ],
)
def test_counts_of_events_outside_year_range_stay_counts(
    text: str, needle: str, value: int, unit: str
) -> None:
    c = only(text, needle)
    assert (c.kind, c.value, c.unit) == ("count", value, unit)
