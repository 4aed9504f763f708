"""Temporal extraction: dates, months, years, decades, relative years, ages, durations and
clock times, on sentences written for these tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import relative, temporal
from checker.extract.mention import Mention
from checker.extract.temporal import find_temporal, first_full_date
from checker.extract.temporal_scan import digit_runs


def _one(text: str, fragment: str, doc_date: str | None = None) -> Mention:
    """The single mention whose span is exactly `fragment`."""
    found = [m for m in find_temporal(text, doc_date) if text[m.start:m.end] == fragment]
    spans = [text[m.start:m.end] for m in find_temporal(text, doc_date)]
    assert len(found) == 1, f"{fragment!r} not found; spans: {spans}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "doc_date", "value", "weekday", "inferred"),
    [
        ("Delegates met in Lyon on 26/11/2016 to plan the hearing.", "26/11/2016", None,
         "2016-11-26", None, False),
        ("The filing is dated 11/26/2016 in the US court.", "11/26/2016", None,
         "2016-11-26", None, False),
        ("The rally took place on Saturday, November 26 in the capital.",
         "Saturday, November 26", "2016-11-26", "2016-11-26", "Saturday", True),
        ("The session opens on Tuesday, July 8, 2025, in the main hall.",
         "Tuesday, July 8, 2025", None, "2025-07-08", "Tuesday", False),
        ("Officials spoke on Thursday, January 27, 2022, at a press event.",
         "Thursday, January 27, 2022", None, "2022-01-27", "Thursday", False),
        ("Posted 2023-07-05 by the press office.", "2023-07-05", None, "2023-07-05", None,
         False),
        ("The vote is set for 8 July 2025 at the earliest.", "8 July 2025", None,
         "2025-07-08", None, False),
        ("It was signed on July 8th, 2025 in Geneva.", "July 8th, 2025", None, "2025-07-08",
         None, False),
        ("The wave struck on 31 December 2004 without warning.", "31 December 2004", None,
         "2004-12-31", None, False),
        ("The forum met on January 23, 2024 for a day of talks.", "January 23, 2024", None,
         "2024-01-23", None, False),
        ("The statement of July 7 was read aloud.", "July 7", "2025-07-20", "2025-07-07",
         None, True),
        ("Monday 14 March 2005 was the day of the launch.", "Monday 14 March 2005", None,
         "2005-03-14", "Monday", False),
        ("The fair opens on the 4th of march 2019.", "4th of march 2019", None,
         "2019-03-04", None, False),
    ],
)
def test_dates(
    text: str, span: str, doc_date: str | None, value: str, weekday: str | None,
    inferred: bool,
) -> None:
    m = _one(text, span, doc_date)
    assert m.kind == "date"
    assert m.value == value
    assert m.attrs["precision"] == "day"
    assert m.attrs.get("weekday") == weekday
    assert m.attrs.get("year_inferred", False) is inferred
    assert m.low == m.high == float(value[:4])
    assert m.attrs["ordinal"] > 0


def test_date_without_year_or_document_date_keeps_unknown_year() -> None:
    m = _one("The talks resume on November 26 in Vienna.", "November 26")
    assert m.value == "XXXX-11-26"
    assert m.low is None and m.high is None
    assert "ordinal" not in m.attrs


def test_year_inferred_is_the_nearest_to_the_document_date() -> None:
    m = _one("The hearing of December 30 ended early.", "December 30", "2017-01-03")
    assert m.value == "2016-12-30"


def test_ambiguous_numeric_date_reads_day_first() -> None:
    m = _one("Minutes of the 05/06/2016 meeting.", "05/06/2016")
    assert m.value == "2016-06-05"
    assert m.attrs["ambiguous_order"] is True


@pytest.mark.parametrize(
    ("text", "span", "value", "year"),
    [
        ("The town fell in July 1995 after a long siege.", "July 1995", "1995-07", 1995),
        ("A resolution passed in April 1993 declared it safe.", "April 1993", "1993-04", 1993),
        ("Prices peaked in January 2022, analysts said.", "January 2022", "2022-01", 2022),
    ],
)
def test_months(text: str, span: str, value: str, year: int) -> None:
    m = _one(text, span)
    assert (m.kind, m.value, m.low, m.high) == ("month", value, year, year)
    assert m.attrs["precision"] == "month"


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("Profits rose in 2012-13 as exports grew.", "2012-13", 2012, 2013),
        ("The 2004/05 season was his best.", "2004/05", 2004, 2005),
        ("Killings peaked in 1988–89, witnesses said.", "1988–89", 1988, 1989),
        ("He lived abroad between 1990 and 1995 before returning.", "between 1990 and 1995",
         1990, 1995),
    ],
)
def test_year_ranges(text: str, span: str, low: int, high: int) -> None:
    m = _one(text, span)
    assert (m.kind, m.qualifier, m.low, m.high) == ("year", "between", low, high)


@pytest.mark.parametrize(
    ("text", "span", "year"),
    [
        ("The prisoners were executed in 1988, survivors say.", "1988", 1988),
        ("The conflict in the region (since 2003) continues.", "2003", 2003),
        ("A genocide (1994) left a million dead.", "1994", 1994),
    ],
)
def test_years_in_a_clear_context(text: str, span: str, year: int) -> None:
    m = _one(text, span)
    assert (m.kind, m.value, m.low, m.high) == ("year", year, year, year)


@pytest.mark.parametrize(
    "text",
    [
        "Police said 2000 people gathered in the square.",
        "Police counted 2000 protesters in the square.",
        "In 2000 homes the power failed.",
        "Turnout rose by 1995 votes.",
    ],
)
def test_counts_are_not_years(text: str) -> None:
    assert [m for m in find_temporal(text, None) if m.kind == "year"] == []


@pytest.mark.parametrize(
    ("text", "span", "decade"),
    [
        ("Inflation was high in the 1990s across the region.", "the 1990s", 1990),
        ("Music from the '80s is back in fashion.", "the '80s", 1980),
        ("Fashion from the eighties returned.", "the eighties", 1980),
        ("Sales fell in the late 1970s.", "the late 1970s", 1970),
        ("Films of the 1960s were restored.", "the 1960s", 1960),
        ("Remakes of 1960s films are popular.", "1960s", 1960),
    ],
)
def test_decades(text: str, span: str, decade: int) -> None:
    m = _one(text, span)
    assert (m.kind, m.value, m.low, m.high) == ("decade", decade, decade, decade + 9)


@pytest.mark.parametrize(
    ("text", "span", "doc_date", "value", "low", "high", "years", "direction", "qualifier"),
    [
        ("A similar crime happened 70 years ago in another country.", "70 years ago",
         "2016-11-26", 1946, 1945, 1946, 70, "ago", "exact"),
        ("We remember what happened thirty years ago in that town.", "thirty years ago",
         "2025-07-10", 1995, 1994, 1995, 30, "ago", "exact"),
        ("The law changed a decade ago.", "a decade ago", "2020-05-01", 2010, 2008, 2011, 10,
         "ago", "about"),
        ("The bridge was built two decades ago.", "two decades ago", "2020-05-01", 2000,
         1997, 2002, 20, "ago", "about"),
        ("The war ended more than 70 years ago.", "more than 70 years ago", "2016-11-26",
         1946, 1927, 1946, 70, "ago", "over"),
        ("This month marks 30 years since the flood.", "30 years since", "2016-03-01", 1986,
         1985, 1986, 30, "since", "exact"),
        ("The case was reopened 28 years after the killings.", "28 years after", None, None,
         None, None, 28, "after", "exact"),
        ("He returned 28 years later to testify.", "28 years later", None, None, None, None,
         28, "later", "exact"),
        ("The treaty was drafted five years earlier in secret.", "five years earlier", None,
         None, None, None, 5, "earlier", "exact"),
        ("It was sold 12 years before the merger.", "12 years before", None, None, None,
         None, 12, "before", "exact"),
        ("Events mark the 30th anniversary of the uprising.", "30th anniversary", None,
         None, None, None, 30, "anniversary", "exact"),
    ],
)
def test_relative_years(
    text: str, span: str, doc_date: str | None, value: int | None, low: int | None,
    high: int | None, years: int, direction: str, qualifier: str,
) -> None:
    m = _one(text, span, doc_date)
    assert m.kind == "relative_year"
    assert (m.value, m.low, m.high, m.qualifier) == (value, low, high, qualifier)
    assert m.attrs["years"] == years
    assert m.attrs["direction"] == direction
    assert m.attrs.get("reference") == ("document" if value is not None else None)


def test_relative_year_without_document_date_stays_unresolved() -> None:
    m = _one("It happened 70 years ago.", "70 years ago")
    assert (m.value, m.low, m.high) == (None, None, None)
    assert m.attrs["years"] == 70 and "reference" not in m.attrs


@pytest.mark.parametrize(
    ("text", "span", "value", "anchor"),
    [
        ("He was freed 28 years after 1988, in the same prison.", "28 years after", 2016,
         1988),
        ("Crowds marked the 30th anniversary of the 1988 massacre.", "30th anniversary",
         2018, 1988),
    ],
)
def test_relative_year_with_an_anchor_year(text: str, span: str, value: int, anchor: int) -> None:
    m = _one(text, span)
    assert (m.value, m.attrs["anchor_year"], m.attrs["reference"]) == (value, anchor, "anchor")


def test_anniversary_of_nothing_named_is_an_ordinal() -> None:
    m = _one("She spoke at the 10th Anniversary Symposium in Rome.", "10th Anniversary")
    assert (m.kind, m.value) == ("ordinal", 10)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The suspect, 29 years old, was arrested.", "29 years old", 29),
        ("The 25-year-old scored twice.", "25-year-old", 25),
        ("The singer died aged 30 in Paris.", "aged 30", 30),
        ("A ten-year-old boy was rescued.", "ten-year-old", 10),
    ],
)
def test_ages_are_neither_years_nor_years_ago(text: str, span: str, value: int) -> None:
    m = _one(text, span)
    assert (m.kind, m.value) == ("age", value)


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("He served as mayor for thirty years.", "thirty years", 30, "year"),
        ("He was handed a 10-year sentence.", "10-year", 10, "year"),
        ("The strike lasted 3 months in total.", "3 months", 3, "month"),
    ],
)
def test_durations(text: str, span: str, value: int, unit: str) -> None:
    m = _one(text, span)
    assert (m.kind, m.value, m.attrs["unit"]) == ("duration", value, unit)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The ceremony began at 11:00 a.m. EDT in the hall.", "11:00 a.m. EDT", "11:00"),
        ("Doors open at 2 pm on Friday.", "2 pm", "14:00"),
        ("The train left at 14:00 sharp.", "14:00", "14:00"),
        ("The vote closed at 10.30pm local time.", "10.30pm local time", "22:30"),
    ],
)
def test_clock_times_are_labels(text: str, span: str, value: str) -> None:
    m = _one(text, span)
    assert (m.kind, m.value, m.attrs["label"]) == ("label", value, "time")


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose 10.30 points on Monday.",
        "As many as 8 may have died in the fire.",
        "The 17th arrondissement hosted the talks.",
        "Over 300 political prisoners were held.",
        "Resolution 819 named it a safe area.",
        "The score was 3-2 after extra time.",
        "Profits reached $1.13bn, up 76% on the year.",
    ],
)
def test_not_temporal(text: str) -> None:
    assert find_temporal(text, "2016-11-26") == []


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    text = ("On Tuesday, July 8, 2025 at 11:00 a.m. they recalled July 1995, thirty years ago, "
            "and the 1990s.")
    found = find_temporal(text, "2025-07-10")
    assert [text[m.start:m.end] for m in found] == [
        "Tuesday, July 8, 2025", "11:00 a.m.", "July 1995", "thirty years ago", "the 1990s",
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert find_temporal(text, "2025-07-10") == found  # deterministic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris, 26/11/2016 – Delegates from many countries met today.", "2016-11-26"),
        ("Geneva – The council met on Tuesday, July 8, 2025 for its session.", "2025-07-08"),
        ("In 1988 more than 30,000 prisoners died; on July 7 a statement appeared.", None),
        ("", None),
    ],
)
def test_first_full_date(text: str, expected: str | None) -> None:
    assert first_full_date(text) == expected


_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.mark.skipif(not _SEEDS.is_dir(), reason="shared seeds not available")
def test_seed_articles_dates() -> None:
    """The dates the seeds' EXPECTED.yaml relies on are read right."""
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in _SEEDS.glob("*.txt")}
    assert first_full_date(texts["002"]) == "2016-11-26"
    values = {(m.kind, m.value) for m in find_temporal(texts["002"], "2016-11-26")}
    assert ("relative_year", 1946) in values and ("year", 1914) in values
    values = {(m.kind, m.value) for m in find_temporal(texts["000"], "2025-07-10")}
    assert ("relative_year", 1995) in values and ("date", "2025-07-08") in values


# --- The fast scans drop only what could never be temporal -------------------------------
# The scans filter with regex look-arounds before any Python runs. Each filter must be a
# superset of what the finders accept: swapping in plain, unfiltered scans must give the
# same mentions on any text.

_PLAIN_DIGIT_RUN = re.compile(
    rb"0(?<![A-Za-z$0]0)(?<!0[,.]0)(?:0(?:00)?)?(?:[.:/-]0{1,4}){0,2}(?![0%]|[,.]0)"
)
_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def _plain_digit_runs(text: str) -> Iterator[re.Match[bytes]]:
    return _PLAIN_DIGIT_RUN.finditer(text.encode("ascii", "replace").translate(_ZEROS))


_WORDS = st.sampled_from([
    "July", "july", "JULY", "Jul", "Sept", "sept.", "Oct.", "May", "may", "march", "Mar",
    "of", "the", "aged", "Aged", "age", "in", "since", "between", "and", "to", "from", "mid",
    "years", "year", "ago", "old", "decade", "decades", "anniversary", "30th", "eighties",
    "Sixties", "her", "am", "a.m.", "pm", "p.m.", "GMT", "days", "hours", "week", "months",
    "people", "Tuesday", "Tues.", "seventy", "Two", "a", "An", "more", "than", "about",
    "(", ")", "'s", "’s", "s", "%", "$", "£", "th", "st", "twenty-one", "number", "member",
])
_NUMBERS = st.sampled_from([
    "1", "8", "12", "31", "30", "80", "1990", "2004", "1500", "5000", "2012", "13", "05",
    "10.30", "11:00", "26/11/2016", "2023-07-05", "2012-13", "1988–89", "3-1", "2.5", "1,000",
])
_GAPS = st.sampled_from([" ", " ", "", "  ", "\u00a0", ", ", ". ", "-", "/", "\n", " ,  ", "\t"])
_TEXT = st.lists(
    st.tuples(st.one_of(_WORDS, _NUMBERS), _GAPS).map("".join), max_size=14
).map("".join)


def _fast_and_plain(text: str, doc_date: str | None) -> tuple[object, object]:
    fast = find_temporal(text, doc_date), first_full_date(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(temporal, "digit_runs", _plain_digit_runs)
        patch.setattr(temporal, "_shape_may_be_temporal", lambda shape: True)
        patch.setattr(relative, "_UNIT_SCANS", {
            unit: re.compile(rf"{unit}(s?)\b") for unit in ("year", "decade")
        })
        patch.setattr(relative, "_DECADE_WORDS_SCAN", re.compile(r"ties\b"))
        plain = find_temporal(text, doc_date), first_full_date(text)
    return fast, plain


@settings(max_examples=1000, deadline=None)
@given(_TEXT, st.sampled_from(["2016-11-26", None]))
def test_filtered_scans_find_what_plain_scans_find(text: str, doc_date: str | None) -> None:
    fast, plain = _fast_and_plain(text, doc_date)
    assert fast == plain


@pytest.mark.parametrize(
    "text",
    [
        "A man aged 30 was held; AGED 31, age 40 and Age\u00a050 too.",
        "On July 8, Oct. 2, July , 8, jan-1, 28-nov and 16. nov. 2016 they met.",
        "Sept 9, SEPTEMBER 10, 4th of march, 8 may have died, Mar 3 2015.",
        "The 80s, the 80’s, the 1990s, in her eighties, the late Sixties.",
        "At 2 pm, 2pm, 10.30pm, 11:00 a.m. EDT, 10.30 GMT and 10.30 alone.",
        "For 3 days, 48 hours, 10-minute breaks, 2 weeks later, 6 months ago.",
        "Seventy years ago, a decade ago, two decades later, thirty-year terms, 70  years.",
        "In 1990, since 2003, mid-1990, (2004), between 1990 and 1995, from 1939 to 1945.",
        "26/11/2016, 11/26/2016, 2023-07-05, 1.5.10, 2012-13, 1988–89, 2004/05, 3-1, 2.5.",
        "the 30th anniversary of the 1988 massacre and the 10th Anniversary Symposium",
    ],
)
def test_filtered_scans_on_tricky_sentences(text: str) -> None:
    fast, plain = _fast_and_plain(text, "2016-11-26")
    assert fast == plain
    assert fast[0]  # every sentence here holds temporal mentions


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("They met 12 people.", []),                  # a count: never reaches Python
        ("It rose 3-1 and 2.5 times.", ["3-1", "2.5"]),  # shapes: `temporal` drops them
        ("On July 8 and Oct.  2 and July , 8 they met.", ["8", "2", "8"]),
        ("aged 30 or AGED\u00a031", ["30", "31"]),
        ("the 80s and 80’s, at 2 pm, 8th of July, 3 days", ["80", "80", "2", "8", "3"]),
        ("in 1990, from 11:00 to 26/11/2016, 5000 cars", ["1990", "11:00", "26/11/2016",
                                                         "5000"]),
    ],
)
def test_digit_scan_keeps_runs_with_a_temporal_context(text: str, kept: list[str]) -> None:
    assert [text[m.start():m.end()] for m in digit_runs(text)] == kept


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Born on July\u00a08, 2025 in Lyon.", "July\u00a08, 2025"),
        ("Signed on 4th  of  march 2019 here.", "4th  of  march 2019"),
        ("A man aged  30 was held.", "aged  30"),
        ("It happened Seventy years ago.", "Seventy years ago"),
        ("The SIXTIES were loud, the sixties.", "the sixties"),
    ],
)
def test_unusual_spacing_and_case_still_found(text: str, span: str) -> None:
    assert span in [text[m.start:m.end] for m in find_temporal(text, "2016-11-26")]


@pytest.mark.parametrize(
    ("text", "date", "source"),
    [
        ("Council votes\n\nLeeds, 14/03/2019 – The council met.", "2019-03-14", "dateline"),
        ("MADRID, 2 May 2013 (Reuters) - Prices rose.", "2013-05-02", "dateline"),
        ("The vote on 2 May 2013 was close.", "2013-05-02", "text"),
        ("Council votes\nOn 2 May 2013 - a long day.", "2013-05-02", "text"),
        ("MADRID, May 2 (Reuters) - Prices rose.", None, None),   # no year: no document date
    ],
)
def test_a_dateline_dates_the_document_and_a_date_in_the_body_is_a_guess(
    text: str, date: str | None, source: str | None
) -> None:
    from checker.extract import extract
    from checker.model import Document

    doc = Document(id="d", text=text)
    claims = extract(doc)
    assert (doc.date, doc.date_source) == (date, source)
    if date is None:                                  # "May 2" is a date without a year
        (day,) = [c for c in claims if c.kind == "date"]
        assert day.value == "XXXX-05-02" and not [c for c in claims if c.kind == "year"]
