"""The rule language in one place: every key, where it goes, its type, default and meaning,
plus the small value syntaxes (tolerance, expected figure, document glob).

`checker.rules.load` walks YAML nodes against these tables; `docs/rules.md` documents them
(a test checks every key here is documented there). Value parsers raise ValueError with a
message meant for the user; the loader adds file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.model import KINDS, QUALIFIERS, SEVERITIES

WINDOWS = ("sentence", "paragraph", "document")
ACROSS = ("corpus", "document")
RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


@dataclass(frozen=True, slots=True)
class Key:
    """One key of the language. `type` names the value parser in `checker.rules.load`;
    `field` is the Rule field (or fields) the parsed value sets; `section` keys open a
    nested mapping described by SECTIONS[name]."""

    name: str
    type: str
    default: Any
    help: str
    field: str | tuple[str, ...] | None = None
    required: bool = False


def _keys(*keys: Key) -> dict[str, Key]:
    return {k.name: k for k in keys}


_KIND = Key("kind", "kinds", "count", "claim kind, or a list of kinds", "kinds")
_WINDOW = Key("window", "window", "sentence",
              "where context terms are looked for: sentence, paragraph, document, or N "
              "(the sentence plus N sentences either side)", "window")
_DOCS = Key("docs", "globs", [], "document globs (a string or a list); empty = every document",
            "docs")
_ACROSS = Key("across", "across", "corpus",
              "compare claims across the whole corpus, or only within each document", "across")
_TOLERANCE = Key("tolerance", "tolerance", None,
                 "'5%' or 0.05 (relative); 10 (absolute: any number of 1 or more); replaces "
                 "the built-in widths of round and approximate figures",
                 ("tolerance", "tolerance_abs", "tolerance_set"))
_SEVERITY = Key("severity", "severity", "error", "error, warning or info", "severity")
_MESSAGE = Key("message", "template", None, "message template for findings", "message")

SECTIONS: dict[str, dict[str, Key]] = {
    "top level": _keys(
        Key("rules", "rules", [], "the list of rules in this file"),
        Key("defaults", "section", {}, "values applied to every rule of this file"),
    ),
    "defaults": _keys(_KIND, _WINDOW, _DOCS, _ACROSS, _TOLERANCE, _SEVERITY, _MESSAGE),
    "rule": _keys(
        Key("id", "id", None, "unique name: letters, digits, '-', '_', '.'", "id", True),
        Key("title", "text", "", "what the quantity is, in words", "title"),
        _KIND,
        Key("match", "section", {}, "which claims are about this quantity"),
        Key("compare", "section", {}, "how the claims are compared"),
        Key("expect", "expect", None, "the house figure: 463, 'over 30,000', or a mapping",
            ("expect_value", "expect_qualifier", "expect_high")),
        _SEVERITY,
        _MESSAGE,
    ),
    "match": _keys(
        Key("units", "units", [], "what the number counts (fuzzy); ~ = no unit written; "
            "left out = any unit", ("units", "units_bare")),
        Key("units_none", "units_none", [], "units a figure must not count (fuzzy)",
            "units_none"),
        Key("inferred", "yes_no", True, "take a figure whose unit is only inferred from the "
            "sentences before it ('The 462', 'the union's 70,000'); false: the unit must be "
            "written", "units_inferred"),
        Key("near", "section", {}, "words in the figure's own clause, or within N words: "
            "all/any/none, within"),
        Key("context", "context", {},
            "words near the number: a term, a list (all must appear), or all/any/none",
            "context_all"),
        Key("document", "context", {},
            "words anywhere in the document: a term, a list (all must appear), or "
            "all/any/none", "document_all"),
        _WINDOW,
        _DOCS,
    ),
    "document": _keys(
        Key("all", "terms", [], "every term must appear in the document", "document_all"),
        Key("any", "terms", [], "at least one term must appear", "document_any"),
        Key("none", "terms", [], "no term may appear", "document_none"),
    ),
    "context": _keys(
        Key("all", "terms", [], "every term must appear in the window", "context_all"),
        Key("any", "terms", [], "at least one term must appear", "context_any"),
        Key("none", "terms", [], "no term may appear", "context_none"),
    ),
    "near": _keys(
        Key("all", "terms", [], "every term (any form of the word) near the figure",
            "near_all"),
        Key("any", "terms", [], "at least one term near the figure", "near_any"),
        Key("none", "terms", [], "no term near the figure", "near_none"),
        Key("within", "within", "clause", "clause (the figure's own clause) or a number of "
            "words either side of the figure", "near_within"),
    ),
    "compare": _keys(_ACROSS, _TOLERANCE),
    "expect": _keys(
        Key("value", "number", None, "the figure, e.g. 30000 or '30,000'", required=True),
        Key("qualifier", "qualifier", "exact", "exact, over, at_least, about, nearly, "
            "up_to, under or between (or the words: 'more than', 'at least' ...)"),
        Key("high", "number", None, "upper end, for qualifier between"),
    ),
}

# Qualifier words as written in English, longest first so "more than" wins over "more".
QUALIFIER_PHRASES: tuple[tuple[str, str], ...] = tuple(sorted(
    [
        ("more than", "over"), ("over", "over"), ("above", "over"), ("in excess of", "over"),
        ("upwards of", "over"), (">", "over"),
        ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
        (">=", "at_least"),
        ("about", "about"), ("around", "about"), ("approximately", "about"),
        ("roughly", "about"), ("some", "about"), ("an estimated", "about"),
        ("estimated", "about"), ("circa", "about"), ("~", "about"),
        ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
        ("up to", "up_to"), ("as many as", "up_to"), ("at most", "up_to"),
        ("no more than", "up_to"), ("<=", "up_to"),
        ("under", "under"), ("fewer than", "under"), ("less than", "under"),
        ("below", "under"), ("<", "under"),
        ("exactly", "exact"),
    ],
    key=lambda pair: -len(pair[0]),
))

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:thousand|million|billion|bn|k|m)\b)?"
_NUMBER_RE = re.compile(rf"({_NUMBER})", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?:between\s+)?({_NUMBER})\s*(?:-|–|—|to|and)\s*({_NUMBER})(?:\s+\D.*)?\Z", re.IGNORECASE
)
_SINGLE_RE = re.compile(rf"({_NUMBER})(?:\s+\D.*)?\Z", re.IGNORECASE)


def qualifier_of(words: str) -> str | None:
    """The canonical qualifier for a name ("at_least") or English words ("at least")."""
    text = " ".join(words.lower().replace("_", " ").split())
    if text.replace(" ", "_") in QUALIFIERS:
        return text.replace(" ", "_")
    return next((q for phrase, q in QUALIFIER_PHRASES if phrase == text), None)


def parse_number(text: str) -> float:
    """'30,000' -> 30000.0; '1.5 million' -> 1500000.0. ValueError when not a figure."""
    text = text.strip()
    if not _NUMBER_RE.fullmatch(text):
        raise ValueError(f"'{text}' is not a number")
    m = re.match(r"([\d,.]+)\s*([a-z]*)", text.lower())
    assert m is not None
    return float(m.group(1).replace(",", "")) * _SCALES.get(m.group(2), 1.0)


def parse_expect(text: str) -> tuple[float, str, float | None]:
    """'over 30,000 political prisoners' -> (30000.0, 'over', None);
    'between 8,000 and 8,500' -> (8000.0, 'between', 8500.0). Words after the figure
    (the unit) are allowed and ignored."""
    rest = " ".join(text.strip().split())
    qualifier = "exact"
    lowered = rest.lower()
    for phrase, q in QUALIFIER_PHRASES:
        if lowered.startswith(phrase) and (
            not phrase[-1].isalpha() or not lowered[len(phrase):len(phrase) + 1].isalpha()
        ):
            qualifier, rest = q, rest[len(phrase):].strip()
            break
    if qualifier == "exact":
        m = _RANGE_RE.match(rest)
        if m:
            low, high = parse_number(m.group(1)), parse_number(m.group(2))
            if high < low:
                raise ValueError(f"the range '{text}' runs backwards")
            return low, "between", high
    m = _SINGLE_RE.match(rest)
    if not m:
        raise ValueError(
            f"expect must be a number or a phrase like 'over 30,000'; got '{text}'"
        )
    return parse_number(m.group(1)), qualifier, None


def parse_tolerance(value: str | float) -> tuple[float, float]:
    """(relative, absolute). '5%' and 0.05 are relative; a number of 1 or more is absolute
    (so `tolerance: 1` allows an off-by-one, and 100 % must be written '100%')."""
    bad = ValueError(
        "tolerance must be a percentage like '5%', a fraction like 0.05 or an absolute "
        f"number like 10; got '{value}'"
    )
    if isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        try:
            number = float(text.rstrip("%").strip().replace(",", ""))
        except ValueError:
            raise bad from None
        if percent:
            if number < 0:
                raise bad
            return number / 100.0, 0.0
    else:
        number = float(value)
    if number < 0 or number != number or number in (float("inf"), float("-inf")):
        raise bad
    return (number, 0.0) if number < 1 else (0.0, number)


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """Compile a document glob: `*` and `?` stay within one folder, `**/` spans folders,
    `[abc]`/`[!abc]` are character classes. A glob without '/' matches the file name in
    any folder (as in .gitignore)."""
    if not glob.strip():
        raise ValueError("a document glob must not be empty")
    if glob.startswith("/") or re.match(r"[A-Za-z]:[\\/]", glob):
        raise ValueError(f"document glob '{glob}' must be relative to the corpus root")
    if "\\" in glob:
        raise ValueError(f"document glob '{glob}' must use '/' between folders")
    out: list[str] = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < len(glob) and glob[j] in "!^":
                j += 1
            if j < len(glob) and glob[j] == "]":
                j += 1
            close = glob.find("]", j)
            if close < 0:
                raise ValueError(f"document glob '{glob}' has an unclosed '['")
            body = glob[i + 1:close]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = close + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    prefix = "" if "/" in glob else "(?:.*/)?"
    try:
        return re.compile(prefix + "".join(out) + r"\Z")
    except re.error as exc:
        raise ValueError(f"document glob '{glob}' is not valid: {exc}") from None


def describe_allowed(values: tuple[str, ...] | list[str]) -> str:
    """'a, b or c' for messages."""
    values = list(values)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


__all__ = [
    "ACROSS", "KINDS", "QUALIFIERS", "SECTIONS", "SEVERITIES", "WINDOWS", "Key",
    "describe_allowed", "glob_to_regex", "parse_expect", "parse_number", "parse_tolerance",
    "qualifier_of",
]
