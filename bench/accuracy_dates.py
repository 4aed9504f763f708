"""Accuracy of the temporal extractor against the English date specs of Microsoft
Recognizers-Text (DateExtractor.json, DatePeriodExtractor.json, DateParser.json).

Usage: python bench/accuracy_dates.py [--specs DIR]   (default: ../shared/data/recognizers-specs
relative to the repository root). `FAMILIES` lets bench/accuracy.py include these scores.

Only what a consistency checker for published articles needs is scored ("supported"): full
dates, month-day, month-year, numeric dates, years, year ranges, decades and "N years ago",
plus the negative cases (nothing may be found). Deliberately not supported, because articles
state dates and years, not assistant-style relative days:
- relative days and weeks: "next Tuesday", "the day after tomorrow", "two weeks from now";
- bare day numbers and weekday-only dates: "on 15", "the 27th", "friday the 22nd";
- spelled-out days and years: "May twenty-first", "nineteen seventy eight";
- times of day, week-of-year, quarters, seasons, "this decade";
- a month glued to its day: "april22", "Oct2"; two-digit years after a month: "August 99";
- numeric month-day or year-month without the third part: "4/22", "4-22", "2016-11" (in news
  these are scores, ratios and ranges).
A case whose NotSupported list names dotnet (the reference fails it too) is skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.extract.temporal import find_temporal  # noqa: E402

DEFAULT_SPECS = ROOT.parent / "shared" / "data" / "recognizers-specs"
DATE_KINDS = frozenset({"date", "month", "year", "decade", "relative_year"})

_M = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
      r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WD = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_YEAR = r"(?:,?\s*(?:of\s+)?\d{4})"
_NUM = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
        r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
_SUPPORTED = re.compile(
    "|".join([
        rf"(?:{_WD},?\s+)?{_M}\.?[\s,./-]+{_DAY}{_ORD}{_YEAR}?",
        rf"(?:{_WD},?\s+)?{_DAY}{_ORD}(?:\s+of)?[\s./-]+{_M}\.?{_YEAR}?",
        r"\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})",
        r"\d{4}([/.-])\d{1,2}\2\d{1,2}",
        rf"{_M}\.?{_YEAR}",
        r"\d{4}",
        r"(?:between\s+)?\d{4}\s*(?:-|–|/|and|to)\s*(?P<end>\d{2,4})",
        r"the\s+(?:(?:early|mid|late)[-\s]+)?(?:\d{4}|'?\d{2})'?s",
        r"the\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
        rf"{_NUM}(?:[\s-]{_NUM})*\s+(?:years?|decades?)\s+ago",
    ]),
    re.IGNORECASE,
)


def is_supported(text: str) -> bool:
    m = _SUPPORTED.fullmatch(text.strip())
    if m is None:
        return False
    end = m.group("end")  # "2016-11" is a year-month, not a range of years
    return end is None or int(end) > int(text.strip()[2:4])


def load_cases(path: Path) -> list[dict]:
    return json.loads(path.read_bytes().decode("utf-8-sig"))


def _skipped(case: dict) -> bool:
    listed = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}"
    return "dotnet" in {p.strip().lower() for p in listed.split(",")}


def _reference(case: dict) -> str | None:
    ref = case.get("Context", {}).get("ReferenceDateTime")
    return ref[:10] if ref else None


def _covering(mentions: list, start: int, end: int) -> object | None:
    for m in mentions:
        if m.kind in DATE_KINDS and m.start <= start and m.end >= end:
            return m
    return None


def _supported_cases(path: Path) -> Iterator[tuple[str, list, list]]:
    """(input, expected results, what we find) for each case of a family we support."""
    for case in load_cases(path):
        results = case["Results"]
        if _skipped(case) or not all(is_supported(r["Text"]) for r in results):
            continue
        yield case["Input"], results, find_temporal(case["Input"], _reference(case))


def score_spans(path: Path) -> tuple[int, int, list]:
    """Extractor files: does a mention's span cover each expected span?"""
    passed, total, failures = 0, 0, []
    for text, results, mentions in _supported_cases(path):
        total += 1
        if results:
            ok = all(_covering(mentions, r["Start"], r["Start"] + r["Length"]) is not None
                     for r in results)
        else:
            ok = not any(m.kind in DATE_KINDS for m in mentions)
        if ok:
            passed += 1
        else:
            got = [text[m.start:m.end] for m in mentions]
            failures.append((text, [r["Text"] for r in results], got))
    return passed, total, failures


def score_values(path: Path) -> tuple[int, int, list]:
    """Parser files: resolve with ReferenceDateTime as the document date; compare the day
    (a date without a year may match either the past or the future reading) or the year."""
    passed, total, failures = 0, 0, []
    for text, results, mentions in _supported_cases(path):
        total += 1
        ok = True
        for r in results:
            m = _covering(mentions, r["Start"], r["Start"] + r["Length"])
            future = r["Value"]["FutureResolution"].get("date", "")
            past = r["Value"]["PastResolution"].get("date", "")
            if future.startswith("0001"):  # an impossible date: nothing may be found
                ok = ok and m is None
            elif m is None:
                ok = False
            elif m.kind == "relative_year":
                ok = ok and m.value == int(past[:4])
            else:
                ok = ok and str(m.value) in (future, past)
        if ok:
            passed += 1
        else:
            got = [(text[m.start:m.end], m.value) for m in mentions]
            failures.append((text, [r["Text"] for r in results], got))
    return passed, total, failures


FAMILIES: dict[str, Callable[[Path], tuple[int, int, list]]] = {
    "DateExtractor.json": score_spans,
    "DatePeriodExtractor.json": score_spans,
    "DateParser.json": score_values,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS,
                        help="the recognizers-specs folder")
    parser.add_argument("--failures", type=int, default=10, help="failures to list per file")
    args = parser.parse_args(argv)
    folder = args.specs / "DateTime" / "English"
    if not folder.is_dir():
        print(f"error: no DateTime/English folder under {args.specs}", file=sys.stderr)
        return 2
    for name, scorer in FAMILIES.items():
        path = folder / name
        passed, total, failures = scorer(path)
        rate = 100.0 * passed / total if total else 0.0
        print(f"{name:26} all cases {len(load_cases(path)):4}  supported {total:4}  "
              f"passed {passed:4}  ({rate:.1f} %)")
        for text, expected, got in failures[:args.failures]:
            print(f"    {text!r}: expected {expected}, got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
