"""Number extraction against public test sets (Recognizers-Text English specs, quantulum3).

    python bench/accuracy.py [--specs DIR] [--quantulum DIR] [--failures N]

Each case's Input goes through `checker.extract.extract_text`; the score is per case.
Prints the pass rate per file, over all cases and over the cases we support, and the
categories we deliberately do not support (with the reason, from the design).

Matching (defined here, not by weakening the extractor):
- a value counts as extracted when a claim of kind count/amount/percent/year/ordinal has
  it as value, or as an end of its range; a year we classify as a year ("1998") still
  counts as "extracted with value 1998" for NumberModel;
- NumberModel / quantulum: a case passes when every expected value is extracted; a
  negative case (no results) passes when no count/amount/percent is extracted;
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
VALUE_KINDS = ("count", "amount", "percent", "year", "ordinal", "duration", "age")
QUANTITY_KINDS = ("count", "amount", "percent")

# Categories we do not support, by design; each with a reason and a test on the input.
UNSUPPORTED: dict[str, tuple[str, Callable[[str, list], bool]]] = {
    "fractions": (
        "'five eighths', '1/3', 'half': shares, not counts; no figure to compare",
        lambda text, res: bool(
            re.search(r"\d\s*/\s*\d|\b(halves|thirds?|quarters?|fifths?|sixths?|sevenths?|"
                      r"eighths?|ninths?|tenths?|hundredths?|over)\b", text, re.I)
            and any(_sub(r) == "fraction" or "/" in text for r in res)
        ) or any(_sub(r) == "fraction" for r in res),
    ),
    "indian numbering": (
        "'crore', 'lakh': not used in the news we check",
        lambda text, res: bool(re.search(r"\b(crores?|lakhs?|lacs?)\b|\d,\d\d,\d{3}", text, re.I)),
    ),
    "spelled-out decimals and digit strings": (
        "'two hundred point zero three', 'nought', 'fifty - two', 'three-nought-four': "
        "speech style, not written news",
        lambda text, res: bool(re.search(r"\b(point|nought|naught|oh)\b|[a-z] - [a-z]|"
                                         r"[a-z]-nought", text, re.I)),
    ),
    "negative numbers": (
        "'minus five', '-1': victim and signatory counts are never negative",
        lambda text, res: any(str(_res_value(r)).startswith("-") for r in res)
        or bool(re.search(r"\b(minus|negative)\b", text, re.I)),
    ),
    "powers and scientific notation": (
        "'10^3', '1e10', '2.45 x 10^6': not news style",
        lambda text, res: any(_sub(r) == "power" for r in res)
        or bool(re.search(r"\d\s*[\^eE]\s*-?\d|\bx\s*10\b", text)),
    ),
    "lone 'one', 'a', 'zero' and bare scale words": (
        "the pronoun/determiner 'one' ('one of the', 'no one'), 'a gallon' = 1, 'zero', "
        "a bare 'million': not claims",
        lambda text, res: any(
            re.fullmatch(r"(?i)(one|a|an|half|zero)", r.get("Text", ""))
            or str(r.get("surface", "")).lower().startswith(("a ", "an "))
            for r in res
        ) or bool(re.search(r"(?i)\bzero\b|^\s*(million|hundred)\b|\bone\b(?! (hundred|"
                            r"thousand|million))", text) and not re.search(r"\d", text)),
    ),
    "digits mixed with scale words": (
        "'4 thousand 3 hundred and 21', '1,674.5 G': speech or spreadsheet style",
        lambda text, res: bool(re.search(r"\d\s+(hundred|thousand)\s+(and\s+)?\d|\d\s?[GM]\b",
                                         text, re.I)),
    ),
    "percent before its number": (
        "'per cent of 210': not how news states a share",
        lambda text, res: bool(re.search(r"(?i)\bper\s?cents?\s+of\b|percents?\s+of\b", text)),
    ),
    "numbers inside identifiers": (
        "IP addresses, versions, glued tokens ('192.168.1.2', 'Win7') are labels, not counts",
        lambda text, res: bool(re.search(r"\d+\.\d+\.\d+|[A-Za-z]-?\d|\d[A-Za-z]{1,3}\b|"
                                         r"\bnrs?\.", text)),
    ),
    "spelled-out ordinals and relative ordinals": (
        "'the third', 'next one', 'the last but one': positions, never compared as counts",
        lambda text, res: any(r.get("TypeName", "").startswith("ordinal") and
                              not re.search(r"\d", r.get("Text", "")) for r in res),
    ),
    "open or compound comparisons": (
        "'more than 20 and less than 30', 'larger than the tenth', '>= 30': conditions, "
        "not statements of a figure; we read the figure and its qualifier only",
        lambda text, res: bool(re.search(r"(or equal|[<>]=?|=|\bbut\b|\bfrom\b.*\bto\b|"
                                         r"\b(?:and|or) (?:less|more|fewer|greater|lower|"
                                         r"higher|smaller|larger|at|no)\b|"
                                         r"\bequal|\bin \d|\bhalf\b|"
                                         r"\bthe \w+(?:th|st|nd|rd)\b)", text, re.I)),
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
    for name, (_, test) in UNSUPPORTED.items():
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
    claims = [c for c in extract_text(case["Input"]) if c.kind in QUANTITY_KINDS]
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


def _score(cases: list[dict], passes: Callable[[dict], bool]) -> tuple[int, int, list]:
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
    parser.add_argument("--failures", type=int, default=0, help="show N failing supported cases")
    args = parser.parse_args()
    roots = {"specs": args.specs, "quantulum": args.quantulum}
    all_p = all_t = sup_p = sup_t = 0
    used: Counter[str] = Counter()
    print(f"{'family':24} {'all cases':>16} {'cases we support':>20}")
    for name, (rel, root, score_file) in FAMILIES.items():
        path = os.path.join(roots.get(root, root), rel)
        if not os.path.exists(path):
            print(f"{name:24} (missing: {path})")
            continue
        passed, total, failures = score_file(path)
        unsupported = [f for f in failures if isinstance(f, dict) and _category(f)]
        for f in unsupported:
            used[_category(f) or ""] += 1
        s_total = total - len(unsupported)
        print(f"{name:24} {passed:5}/{total:<5} {_pct(passed, total):>5}  "
              f"{passed:7}/{s_total:<5} {_pct(passed, s_total):>6}")
        all_p, all_t, sup_p, sup_t = all_p + passed, all_t + total, sup_p + passed, sup_t + s_total
        shown = [f for f in failures if isinstance(f, dict) and f not in unsupported]
        shown = shown[: args.failures]
        for f in shown:
            got = [(c.text, c.kind, c.value, c.qualifier) for c in extract_text(f["Input"])]
            print(f"    FAIL {f['Input']!r}\n         want {_want(f)}  got {got}")
    print(f"{'overall':24} {all_p:5}/{all_t:<5} {_pct(all_p, all_t):>5}  "
          f"{sup_p:7}/{sup_t:<5} {_pct(sup_p, sup_t):>6}")
    print("\nNot supported, by design (failing cases set aside per category):")
    for name, (reason, _) in UNSUPPORTED.items():
        print(f"  - {name} ({used.get(name, 0)}): {reason}")


def _want(case: dict) -> list:
    return [r.get("Text", r.get("surface", "")) + " = " + (_res_value(r) or str(r.get("value")))
            for r in case["Results"]]


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


if __name__ == "__main__":
    main()
