"""Every construct of messy news text, in sentences written for these tests: ranges, changes
apart from levels, signs, fractions and shares, lakh and crore, money and units as written,
labels and ranks. Each case states kind, value, qualifier, low, high and unit (the interval
follows the default widths of `intervals.interval_of`: a round figure to half its last
digit, at most 5 % either way)."""

from __future__ import annotations

import pytest

from checker.extract import extract_text

# text, the claim's text, kind, value, qualifier, low, high, unit
CASES = [
    # ranges: one claim, both ends, the unit they share
    ("Officials said between 2,340 and 2,915 homes were damaged.",
     "between 2,340 and 2,915 homes", "count", 2340, "between", 2340, 2915, "homes"),
    ("The estimate ranges from 1,105 to 1,480 deaths.",
     "from 1,105 to 1,480 deaths", "count", 1105, "between", 1105, 1480, "deaths"),
    ("Estimates run from 700,000 to a million visitors.",
     "from 700,000 to a million visitors", "count", 700000, "between", 700000, 1e6,
     "visitors"),
    ("They counted between 212 to 3,050 people.",
     "between 212 to 3,050 people", "count", 212, "between", 212, 3050, "people"),
    ("Some 3,500-8,000 residents left.",
     "Some 3,500-8,000 residents", "count", 3500, "between", 3500, 8000, "residents"),
    ("They arrive 15 to 25 at a time.", "15 to 25", "count", 15, "between", 15, 25, None),
    ("Bids ranged from $310,000 to $1.5 million.",
     "from $310,000 to $1.5 million", "amount", 310000, "between", 310000, 1.5e6, None),
    ("Crowd estimates went from 5,000 (police) to 52,000 (organisers).",
     "from 5,000 (police) to 52,000", "count", 5000, "between", 5000, 52000, None),
    ("The age will rise for teachers from 60 to 65.", "60", "count", 60, "exact", 60, 60,
     None),
    ("Sales fell in the north from 785 to 708.", "708", "count", 708, "exact", 708, 708,
     None),
    ("It holds between 30 mg and 45 mg of caffeine.",
     "between 30 mg and 45 mg", "count", 30, "between", 30, 45, "mg"),
    ("Temperatures ranged from -12 °C to -3 °C.",
     "from -12 °C to -3 °C", "count", -12, "between", -12, -3, "°C"),
    ("They mustered more than 20 but fewer than 30 boats.",
     "more than 20 but fewer than 30 boats", "count", 20, "between", 20, 30, "boats"),
    # changes are not ranges
    ("Shares rose 3.1% to 417p.", "3.1%", "change", 3.1, "exact", 3.05, 3.15, None),
    ("Shares rose 3.1% to 417p.", "417p", "amount", 417, "exact", 417, 417, "pence"),
    ("Exports fell 6 per cent to 8.25 yuan.", "6 per cent", "change", -6, "exact", -6, -6,
     None),
    ("Exports fell 6 per cent to 8.25 yuan.", "8.25 yuan", "amount", 8.25, "exact", 8.245,
     8.255, "yuan"),
    ("Her weight dropped from 82 kilograms to 75.", "82 kilograms", "count", 82, "exact", 82,
     82, "kilograms"),
    ("Her weight dropped from 82 kilograms to 75.", "75", "count", 75, "exact", 75, 75,
     "kilograms"),
    ("Revenue grew from 12.5 to 19 billion euros.", "12.5", "amount", 12.5e9, "exact",
     12.45e9, 12.55e9, "euros"),
    ("Unemployment rose by 3,200 to 41,700.", "3,200", "change", 3200, "exact", 3150, 3250,
     None),
    ("Prices rose 2 to 3 per cent.", "2 to 3 per cent", "change", 2, "between", 2, 3, None),
    ("Sales posted a 4% rise.", "4%", "change", 4, "exact", 4, 4, None),
    ("The index was down 2.5% at noon.", "2.5%", "change", -2.5, "exact", -2.55, -2.45, None),
    ("Growth slowed, down from 17% a year earlier.", "17%", "percent", 17, "exact", 17, 17,
     None),
    # signs
    ("Overnight it fell to -9 °C.", "-9 °C", "count", -9, "exact", -9, -9, "°C"),
    ("It was minus 25 Fahrenheit.", "minus 25 Fahrenheit", "count", -25, "exact", -25, -25,
     "°F"),
    ("Output showed growth of -0.8%.", "-0.8%", "percent", -0.8, "exact", -0.85, -0.75,
     None),
    ("He was sacked for a -14 yards average.", "-14 yards", "count", -14, "exact", -14, -14,
     "yards"),
    # fractions of a scale, shares
    ("Nearly a quarter of a million voters stayed home.",
     "Nearly a quarter of a million voters", "count", 250000, "nearly", 225000, 250000,
     "voters"),
    ("About half a million homes lost power.", "About half a million homes", "count", 500000,
     "about", 450000, 550000, "homes"),
    ("Three-quarters of a million tickets sold.", "Three-quarters of a million tickets",
     "count", 750000, "exact", 745000, 755000, "tickets"),
    ("One in five adults smoke.", "One in five", "share", 0.2, "exact", 0.2, 0.2, None),
    ("One-third of the population voted.", "One-third", "share", 1 / 3, "exact", 1 / 3, 1 / 3,
     None),
    ("More than a quarter of pupils left.", "More than a quarter", "share", 0.25, "over",
     0.25, 0.5, None),
    ("They sent half the 900 staff home.", "half", "share", 0.5, "exact", 0.5, 0.5, None),
    ("They sent half the 900 staff home.", "900 staff", "count", 900, "exact", 855, 945,
     "staff"),
    ("About 3/4 of members agreed.", "About 3/4", "share", 0.75, "about", 0.675, 0.825, None),
    ("The pipe is 2½ metres long.", "2½ metres", "count", 2.5, "exact", 2.45, 2.55, "metres"),
    ("It took three and a half years.", "three and a half years", "count", 3.5, "exact",
     3.45, 3.55, "years"),
    # Indian numbering
    ("There were 4.2 lakh applicants.", "4.2 lakh applicants", "count", 420000, "exact",
     415000, 425000, "applicants"),
    ("The bill came to Rs 3 crore.", "Rs 3 crore", "amount", 3e7, "exact", 2.85e7, 3.15e7,
     None),
    # money and units as written
    ("A meal costs RM14.20 there.", "RM14.20", "amount", 14.2, "exact", 14.195, 14.205, None),
    ("The grant was S$2 mil.", "S$2 mil", "amount", 2e6, "exact", 1.9e6, 2.1e6, None),
    ("It sold for A$3,400,000.", "A$3,400,000", "amount", 3.4e6, "exact", 3.35e6, 3.45e6,
     None),
    ("They raised US$75m.", "US$75m", "amount", 75e6, "exact", 74.5e6, 75.5e6, None),
    ("It cost 90 billion yen.", "90 billion yen", "amount", 90e9, "exact", 85.5e9, 94.5e9,
     "yen"),
    ("A bun costs 12 sen.", "12 sen", "amount", 12, "exact", 12, 12, "sen"),
    ("The deal is worth 2.5bn.", "2.5bn", "count", 2.5e9, "exact", 2.45e9, 2.55e9, None),
    ("It returns 55 mpg on the road.", "55 mpg", "count", 55, "exact", 55, 55, "mpg"),
    ("A 300 bhp engine.", "300 bhp", "count", 300, "exact", 285, 315, "bhp"),
    ("The flat has 95 sqm of floor.", "95 sqm", "count", 95, "exact", 95, 95, "sqm"),
    ("Temperatures hit 38C in the shade.", "38C", "count", 38, "exact", 38, 38, "°C"),
    # ranks and labels
    ("It was the fourth deadliest storm.", "fourth", "ordinal", 4, "exact", 4, 4, None),
    ("He became the country's ninth prime minister.", "ninth", "ordinal", 9, "exact", 9, 9,
     None),
    ("It was the second most intense season.", "second", "ordinal", 2, "exact", 2, 2, None),
    ("A Category 4 hurricane hit.", "Category 4", "label", 4, "exact", 4, 4, None),
    ("A magnitude-6.3 earthquake struck.", "magnitude-6.3", "label", 6.3, "exact", 6.3, 6.3,
     None),
    ("The alert stays at level 4.", "level 4", "label", 4, "exact", 4, 4, None),
    ("He left No 10 at noon.", "No 10", "label", 10, "exact", 10, 10, None),
    ("Update to version 2.1 now.", "version 2.1", "label", 2.1, "exact", 2.1, 2.1, None),
]


@pytest.mark.parametrize(
    ("text", "claim_text", "kind", "value", "qualifier", "low", "high", "unit"), CASES,
    ids=[f"{c[0][:40]}|{c[1]}" for c in CASES],
)
def test_construct(text: str, claim_text: str, kind: str, value: float, qualifier: str,
                   low: float, high: float, unit: str | None) -> None:
    found = [c for c in extract_text(text) if c.text == claim_text]
    assert found, [(c.text, c.kind, c.value) for c in extract_text(text)]
    (c,) = found
    assert (c.kind, c.qualifier, c.unit) == (kind, qualifier, unit)
    assert c.value == pytest.approx(value)
    assert (c.low, c.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Shares rose 3.1% to 417p.", ["change", "amount"]),          # never one 3.1-417 range
        ("Quarterly profits jumped 76% to $1.13bn.", ["change", "amount"]),
        ("Revenue grew from 12.5 to 19 billion euros.", ["amount", "amount"]),
        ("A quarter of a million troops", ["count"]),
    ],
)
def test_a_change_is_two_claims_never_one_interval(text: str, kinds: list[str]) -> None:
    claims = extract_text(text)
    assert [c.kind for c in claims] == kinds
    assert all(c.qualifier != "between" for c in claims)


def test_levels_of_a_change_say_which_is_which() -> None:
    before, after = extract_text("Revenue grew from 12.5 to 19 billion euros.")
    assert (before.attrs["level"], after.attrs["level"]) == ("before", "after")
    assert before.attrs["currency"] == after.attrs["currency"] == "EUR"
    (change, level) = extract_text("Shares rose 3.1% to 417p.")
    assert change.attrs["direction"] == "up" and change.attrs["of"] == "percent"
    assert level.attrs["currency"] == "GBP"


@pytest.mark.parametrize(
    "text",
    [
        "The Airbus A380 landed.", "The G7 met.", "Many victims.[22] Then it rained.",
        "As noted [note 3], it rained.", "Many injuries.4 Then it rained.",
        "Install v2.3.1 today.", "Call +44 20 7946 0000 now.", "The score was 3-2.",
        "It starts at 10.30am.", "the 1990s", "MP3 players",
    ],
)
def test_labels_footnotes_and_codes_are_never_counts(text: str) -> None:
    assert not [c for c in extract_text(text) if c.kind in ("count", "amount", "percent")]


@pytest.mark.parametrize(
    "text",
    [
        "Scotland open their Six Nations campaign in Rome.", "She told BBC Radio Five Live.",
        "It airs on Channel Four next week.", "The Big Four audit firms were fined.",
        "The Guildford Four were freed.", "Work on the Three Gorges Dam went on.",
    ],
)
def test_a_number_word_in_a_name_is_a_label(text: str) -> None:
    [claim] = [c for c in extract_text(text) if c.kind not in ("year",)]
    assert claim.kind == "label" and claim.attrs["label"] == "name"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Six men were held overnight.", 6),              # capitalised to open a sentence
        ('"Nine of them drowned," she said.', 9),           # ... or a quotation
        ("Storm Kills Four In Ardmore Valley", 4),          # a headline in title case
        ("HEADLINES OF THE WEEK Three ministers resigned.", 3),
        ("Only Two passengers survived the night.", 2),     # sloppy, but no name follows
    ],
)
def test_a_capitalised_number_word_alone_is_still_a_count(text: str, value: int) -> None:
    [claim] = extract_text(text)
    assert (claim.kind, claim.value) == ("count", value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("She won the 60m hurdles in Madrid.", 60, "m"),
        ("He was fastest in the 800m heats.", 800, "m"),
        ("The deal drew 60m viewers.", 60_000_000, "viewers"),
    ],
)
def test_a_race_distance_is_metres_not_millions(text: str, value: int, unit: str) -> None:
    [claim] = extract_text(text)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("There are 4 thousand 3 hundred and 21 seats.", 4321),
        ("It cost 3 hundred and 21 yuan.", 321),
        ("They have two million and one half", 2_500_000),
        ("one hundred and three quarters", 100.75),
        ("It measured 1.3e6 units.", 1_300_000),
        ("a factor of 6.23x10^-4", 0.000623),
        ("the result was minus one", -1),
        ("nought point five", 0.5),
    ],
)
def test_written_out_and_scientific_figures(text: str, value: float) -> None:
    assert any(c.value == pytest.approx(value) for c in extract_text(text))


@pytest.mark.parametrize(
    "text",
    ["one of the men", "No one came.", "It is a one-off.", "at first light",
     "wait a second.", "First, the board met.", "in the third quarter of 2004"],
)
def test_pronouns_and_idioms_give_no_count(text: str) -> None:
    assert not [c for c in extract_text(text) if c.kind in ("count", "share", "amount")]


def _conflicts(text: str) -> list[str]:
    from checker.checks import run_document_checks
    from checker.model import Document

    found = run_document_checks(Document("d.txt", text), extract_text(text, "d.txt"))
    return [f.check for f in found if f.check in ("quantity_conflict", "drift")]


def test_changes_are_compared_with_changes_never_with_levels() -> None:
    falls = ("Corbel Mills profits fall 12%\n\n"
             "Profits at Corbel Mills fell 21% in the year to June, the firm said.")
    assert _conflicts(falls) == ["quantity_conflict"]         # two falls, digits swapped
    mixed = ("Corbel Mills profits rise 12%\n\n"
             "Profits at Corbel Mills reached 21% of sales in the year to June.")
    assert _conflicts(mixed) == []                            # a rise and a level


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("The unbeaten 1971 tourists were honoured.", "year", 1971),
        ("Wales's 2008 squad met again.", "year", 2008),
        ("The first 2000 buyers got a refund.", "count", 2000),   # a count after "first"
        ("The other 1950 tickets went unsold.", "count", 1950),
    ],
)
def test_a_year_before_its_noun_after_an_adjective_or_possessive(text, kind, value) -> None:
    found = [c for c in extract_text(text) if c.kind in ("year", "count")]
    assert [(c.kind, c.value) for c in found] == [(kind, value)]
