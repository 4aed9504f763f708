"""Number extraction against public test sets (Recognizers-Text English specs, quantulum3).

    python bench/accuracy.py [--specs DIR] [--quantulum DIR] [--failures N]

Each case's Input goes through `checker.extract.extract_text`; the score is per case.
Prints, for each suite, the pass rate over ALL its cases first, then (beside it) over the
cases left once the set-aside categories are taken out. A category is set aside only where
the expected value is not a figure a claim could carry (an IP address's parts, a phone
number's digit groups, a date's parts, "the last" as "end+0"); each is named and counted.
Everything else counts, including what we decline on purpose (the pronoun "one").

Matching (defined here, not by weakening the extractor):
- a value counts as extracted when a claim carries it as its value, or as an end of its
  range, whatever its kind (a count, amount, percent, share, change, year, decade, ordinal,
  age, duration); a year we classify as a year ("1998") still counts as "extracted with
  value 1998" for NumberModel;
- NumberModel / quantulum: a case passes when every expected value is extracted; a
  negative case (no results) passes when no count/amount/percent/share/change is extracted;
- NumberRangeModel: Recognizers' strict bounds are translated to our qualifiers:
  "[a,b]"/"[a,b)" -> between with low a, high b; "(a,)"/"[a,)" -> over/at_least a;
  "(,b)"/"(,b]" -> under/up_to/nearly b. The open/closed distinction is not scored: the
  design gives "between A and B" the closed interval [A, B].
- PercentModel / OrdinalModel: value of a percent / ordinal claim.
Other families (dates) register through `FAMILIES` in bench/accuracy_dates.py, if present.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checker.extract import extract_text  # noqa: E402

DEFAULT_SPECS = os.path.join(REPO, "..", "shared", "data", "recognizers-specs")
DEFAULT_QUANTULUM = os.path.join(REPO, "..", "shared", "data", "quantulum3-tests")
VALUE_KINDS = ("count", "amount", "percent", "share", "change", "year", "decade", "ordinal",
               "duration", "age")
QUANTITY_KINDS = ("count", "amount", "percent", "share", "change")
RANGE_KINDS = ("count", "amount", "percent", "share", "change", "age")

# Categories set aside: the expected value is not a figure a claim could carry. Each with
# a reason and a test on the case (input, expected results).
SET_ASIDE: dict[str, tuple[str, Callable[[str, list], bool]]] = {
    "IP addresses": (
        "'192.168.1.2' read as 192, 168, 1, 2: an address, not four figures",
        lambda text, _: bool(re.search(r"\d+\.\d+\.\d+\.\d+", text)),
    ),
    "phone numbers": (
        "'+1-222-2222/2222' read as digit groups: a number to dial, not figures",
        lambda text, res: bool(res) and bool(re.search(r"\+\d[\d/ -]{6,}", text)),
    ),
    "a date's parts": (
        "'5/17/2018' read as 5, 17 and 2018: we read the date itself",
        lambda text, _: bool(re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text)),
    ),
    "relative positions": (
        "'the last', 'next', 'previous one' as 'end+0', 'current+1': a position, no figure",
        lambda _, res: bool(res) and all(
            re.search(r"(end|current)[+-]", _res_value(r)) for r in res
        ),
    ),
}


def _sub(r: dict) -> str:
    return (r.get("Resolution") or {}).get("subtype", "")


def _res_value(r: dict) -> str:
    return str((r.get("Resolution") or {}).get("value", ""))


def _load(path: str) -> list:
    with open(path, encoding="utf-8-sig") as fh:
        return json.load(fh)


def _values(text: str, kinds: tuple[str, ...] = VALUE_KINDS) -> list[float]:
    out: list[float] = []
    for c in extract_text(text):
        if c.kind not in kinds:
            continue
        if isinstance(c.value, (int, float)):
            out.append(float(c.value))
        for end in c.attrs.get("range", []):
            out.append(float(end))
    return out


def _has(values: list[float], expected: float) -> bool:
    return any(abs(v - expected) <= 1e-6 * max(1.0, abs(expected)) for v in values)


def _category(case: dict) -> str | None:
    res = case.get("Results", [])
    for name, (_, test) in SET_ASIDE.items():
        if test(case["Input"], res):
            return name
    return None


def _skipped(case: dict) -> bool:
    listed = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}"
    return "dotnet" in [x.strip().lower() for x in listed.split(",")]


# ------------------------------------------------------------------ case scorers


def _pass_number(case: dict) -> bool:
    res = case["Results"]
    if not res:
        return not _values(case["Input"], QUANTITY_KINDS)
    values = _values(case["Input"])
    return all(_has(values, float(_res_value(r))) for r in res)


def _pass_percent(case: dict) -> bool:
    res = [r for r in case["Results"] if _res_value(r) != "null"]
    values = _values(case["Input"], ("percent",))
    if not case["Results"]:
        return not values
    return all(_has(values, float(_res_value(r).rstrip("%"))) for r in res)


def _pass_ordinal(case: dict) -> bool:
    values = _values(case["Input"], ("ordinal",))
    if not case["Results"]:
        return not values
    try:
        return all(_has(values, float(_res_value(r))) for r in case["Results"])
    except ValueError:
        return False


_INTERVAL = re.compile(r"([\[(])\s*([-\d.]*)\s*,\s*([-\d.]*)\s*([\])])")


def _pass_range(case: dict) -> bool:
    claims = [c for c in extract_text(case["Input"]) if c.kind in RANGE_KINDS]
    if not case["Results"]:
        return not any(c.qualifier != "exact" for c in claims)
    for r in case["Results"]:
        m = _INTERVAL.fullmatch(_res_value(r))
        if not m:
            return False
        low = float(m.group(2)) if m.group(2) else None
        high = float(m.group(3)) if m.group(3) else None
        if low is not None and high is not None and low == high:
            ok = any(_close(c.value, low) for c in claims)
        elif low is not None and high is not None:
            ok = any(c.qualifier == "between" and _close(c.low, low) and _close(c.high, high)
                     for c in claims)
        elif low is not None:
            ok = any(c.qualifier in ("over", "at_least") and _close(c.value, low)
                     for c in claims)
        else:
            ok = any(c.qualifier in ("under", "up_to", "nearly") and _close(c.value, high)
                     for c in claims)
        if not ok:
            return False
    return True


def _close(a: object, b: float | None) -> bool:
    return isinstance(a, (int, float)) and b is not None and abs(a - b) <= 1e-6 * max(1, abs(b))


def _pass_quantulum(case: dict) -> bool:
    text = case["Input"]
    if not case["Results"]:
        return not _values(text, QUANTITY_KINDS)
    values = _values(text)
    claims = extract_text(text)
    mids = [(c.low + c.high) / 2 for c in claims if c.qualifier == "between" and c.low is not None]
    return all(_has(values + mids, float(r["value"])) for r in case["Results"])


# ------------------------------------------------------------------ files


_SCORED: list[list[dict]] = [[]]   # the cases `_score` saw last, for the set-aside count


def _score(cases: list[dict], passes: Callable[[dict], bool]) -> tuple[int, int, list]:
    _SCORED[0] = cases
    passed, failures = 0, []
    for case in cases:
        if passes(case):
            passed += 1
        else:
            failures.append(case)
    return passed, len(cases), failures


def _spec_scorer(passes: Callable[[dict], bool]) -> Callable[[str], tuple[int, int, list]]:
    def score_file(path: str) -> tuple[int, int, list]:
        """(passed, total, failures) over the cases the reference implementation passes."""
        return _score([c for c in _load(path) if not _skipped(c)], passes)
    return score_file


def score_quantities(path: str) -> tuple[int, int, list]:
    cases = [{"Input": c["req"], "Results": c["res"]} for c in _load(path)]
    return _score(cases, _pass_quantulum)


def score_spellout(path: str) -> tuple[int, int, list]:
    cases = [{"Input": c["input"], "Results": [{"value": float(v)} for v in c["expected_values"]]}
             for c in _load(path)]
    return _score(cases, _pass_quantulum)


# name -> (path relative to its root, root option, score_file)
FAMILIES: dict[str, tuple[str, str, Callable[[str], tuple[int, int, list]]]] = {
    "NumberModel": ("Number/English/NumberModel.json", "specs", _spec_scorer(_pass_number)),
    "NumberRangeModel": ("Number/English/NumberRangeModel.json", "specs",
                         _spec_scorer(_pass_range)),
    "PercentModel": ("Number/English/PercentModel.json", "specs", _spec_scorer(_pass_percent)),
    "OrdinalModel": ("Number/English/OrdinalModel.json", "specs", _spec_scorer(_pass_ordinal)),
    "quantulum3 quantities": ("quantities.json", "quantulum", score_quantities),
    "quantulum3 spellout": ("spellout_values.json", "quantulum", score_spellout),
}
try:  # the temporal engineer's date families: file name -> scorer(Path) under DateTime/English
    from pathlib import Path

    from accuracy_dates import FAMILIES as DATE_FAMILIES  # type: ignore[import-not-found]

    for _name, _scorer in DATE_FAMILIES.items():
        FAMILIES[_name] = (
            f"DateTime/English/{_name}", "specs",
            lambda path, scorer=_scorer: scorer(Path(path)),
        )
except ImportError:
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", default=DEFAULT_SPECS)
    parser.add_argument("--quantulum", default=DEFAULT_QUANTULUM)
    parser.add_argument("--failures", type=int, default=0,
                        help="show N failing cases per suite (set-aside ones excluded)")
    args = parser.parse_args()
    roots = {"specs": args.specs, "quantulum": args.quantulum}
    all_p = all_t = sup_p = sup_t = 0
    set_aside: dict[str, Counter[str]] = {}
    print(f"{'suite':24} {'ALL cases':>17}   {'without set-aside':>20}")
    for name, (rel, root, score_file) in FAMILIES.items():
        path = os.path.join(roots.get(root, root), rel)
        if not os.path.exists(path):
            print(f"{name:24} (missing: {path})")
            continue
        passed, total, failures, cases = _score_with_cases(score_file, path)
        aside = Counter(c for c in (_category(x) for x in cases if isinstance(x, dict)) if c)
        if aside:
            set_aside[name] = aside
        aside_passed = sum(1 for x in cases if isinstance(x, dict) and _category(x)
                           and x not in failures)
        s_total, s_passed = total - sum(aside.values()), passed - aside_passed
        print(f"{name:24} {passed:5}/{total:<5} {_pct(passed, total):>6}   "
              f"{s_passed:7}/{s_total:<5} {_pct(s_passed, s_total):>6}")
        all_p, all_t = all_p + passed, all_t + total
        sup_p, sup_t = sup_p + s_passed, sup_t + s_total
        shown = [f for f in failures if isinstance(f, dict) and not _category(f)]
        for f in shown[: args.failures]:
            got = [(c.text, c.kind, c.value, c.qualifier) for c in extract_text(f["Input"])]
            print(f"    FAIL {f['Input']!r}\n         want {_want(f)}  got {got}")
    print(f"{'overall':24} {all_p:5}/{all_t:<5} {_pct(all_p, all_t):>6}   "
          f"{sup_p:7}/{sup_t:<5} {_pct(sup_p, sup_t):>6}")
    print("\nSet aside (the expected value is not a figure a claim could carry):")
    for category, (reason, _) in SET_ASIDE.items():
        per_suite = ", ".join(f"{suite} {n[category]}" for suite, n in set_aside.items()
                              if n.get(category))
        print(f"  - {category}: {reason} ({per_suite or 'none'})")


def _score_with_cases(score_file: Callable[[str], tuple[int, int, list]],
                      path: str) -> tuple[int, int, list, list]:
    """A suite's (passed, total, failures, all cases), the cases for the set-aside count."""
    _SCORED[0] = []
    passed, total, failures = score_file(path)
    cases = _SCORED[0] or failures        # the date suites score with their own loop
    return passed, total, failures, cases


def _want(case: dict) -> list:
    return [r.get("Text", r.get("surface", "")) + " = " + (_res_value(r) or str(r.get("value")))
            for r in case["Results"]]


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


if __name__ == "__main__":
    main()
