"""weekday: a weekday that does not match the date it is written with.

## What it finds
A weekday that does not match its date ("Friday, June 10, 2025").

## Why it matters
A weekday is the easiest part of a date to get wrong when a date is copied from an older
text or a template. A date whose year was inferred from the document date (no year
written) is still checked, at warning severity, since the inferred year may be wrong; not
when the document date was itself guessed from the text, nor when the weekday fits the
year before or after.

## Example
PASS: "The council met on Thursday, March 3, 2022." (it was a Thursday)
FAIL: "The festival opens on Friday, June 10, 2025." (June 10, 2025 was a Tuesday)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import make_finding

ID = "weekday"
SEVERITY: Severity = "error"
DEFAULT: dict[str, Any] = {"inferred_year_severity": "warning"}

# English names, fixed (DAYS follows the process locale).
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_NAMES = {name.lower(): i for i, name in enumerate(DAYS)}
_NAMES.update({name[:3].lower(): i for i, name in enumerate(DAYS)})
_NAMES.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})


def check(doc: Document, claims: list[Claim], conf: Mapping[str, Any]) -> Iterator[Finding]:
    """Findings for a date whose stated weekday is not the weekday of that date."""
    for claim in claims:
        if claim.kind != "date" or claim.attrs.get("weekday") in (None, ""):
            continue
        if claim.attrs.get("precision", "day") != "day":
            continue
        day = _date(claim.value)
        said = weekday_number(claim.attrs["weekday"])
        if day is None or said is None or day.weekday() == said:
            continue
        inferred = bool(claim.attrs.get("year_inferred"))
        if inferred and not _worth_checking(doc, day, said):
            continue
        severity = conf["inferred_year_severity"] if inferred else SEVERITY
        actual, written = DAYS[day.weekday()], DAYS[said]
        message = f"{_spoken(day)} was a {actual}, not a {written}."
        if inferred:
            message = message[:-1] + f" (assuming the year {day.year}, from the document date)."
        details = {"date": day.isoformat(), "weekday": written, "actual_weekday": actual,
                   "year_inferred": inferred}
        yield make_finding(ID, ID, severity, message, [claim], (), details)


def _worth_checking(doc: Document, day: dt.date, said: int) -> bool:
    """A date written without its year is checked against the year nearest the document
    date, but only when that date is trustworthy (not itself guessed from the text) and
    the weekday fits neither the year before nor the year after either."""
    if doc.date_source == "text":
        return False
    for year in (day.year - 1, day.year + 1):
        try:
            if day.replace(year=year).weekday() == said:
                return False
        except ValueError:  # February 29
            continue
    return True


def weekday_number(value: object) -> int | None:
    """Monday=0 .. Sunday=6 from a name ("Friday", "Fri") or a number already in that form."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        return _NAMES.get(value.strip().rstrip(".,").lower())
    return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _spoken(day: dt.date) -> str:
    return f"{MONTHS[day.month]} {day.day}, {day.year}"
