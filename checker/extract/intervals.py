"""What a written number commits to, as an interval (docs/rules.md,
"How figures are read": its table is a test).

Pure functions, no text parsing: the finder decides value, qualifier and precision; this
module alone decides what range of true values the wording is compatible with, so the
semantics live in one place and rules can override them.
"""

from __future__ import annotations

import math

from checker.util.numbers import grouped

# Vague amounts: the range of values each wording is compatible with.
VAGUE_INTERVALS: dict[str, tuple[float, float]] = {
    "dozens": (24, 144),
    "scores": (40, 200),
    "hundreds": (200, 999),
    "thousands": (2_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
    "several hundred": (200, 999),
    "several thousand": (2_000, 9_999),
    "several million": (2_000_000, 9_999_999),
    "a few hundred": (200, 999),
    "a few thousand": (2_000, 9_999),
    "a few million": (2_000_000, 9_999_999),
}


def precision_of(digits: str, scale: float = 1) -> float:
    """The precision a written figure carries: its last significant digit's place.

    "463" -> 1, "8,000" -> 1000, "30000" -> 10000, "1.5" with scale 1e6 -> 100000.
    `digits` is the figure as written (grouping separators allowed).
    """
    plain = digits if digits.isdigit() else "".join(
        ch for ch in digits if ch.isdigit() or ch == "."
    )
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return scale * 10.0 ** -decimals
    stripped = plain.lstrip("0")
    if not stripped:
        return scale
    zeros = len(stripped) - len(stripped.rstrip("0"))
    return scale * 10.0 ** zeros


# The default widths (docs/rules.md, "How figures are read"). A rule's `tolerance:`
# replaces the widths of approximate figures (checker.compare.groups.rule_interval).
ROUND_FROM = 100        # a whole figure below this is a count, read exactly ("30 people")
ROUND_SHARE = 0.05      # a round figure is read to half its last digit, at most 5 % either way
ABOUT_SHARE = 0.10      # "about", "some", "an estimated": 10 % either way
NEARLY_SHARE = 0.10     # "nearly", "almost": up to 10 % below


def rounding_of(value: float, precision: float = 1) -> float:
    """How far either way a figure written without a qualifier may be from the truth.

    A whole figure with no trailing zero, or below ROUND_FROM, is exact ("463", "30");
    a decimal is read to half its last digit ("2.5" is 2.45-2.55); a round figure
    ("8,000", "1.5 million") to half its last significant digit, but never more than
    ROUND_SHARE of itself: "10,000" is 9,500-10,500, not 5,000-15,000.
    """
    if precision == 1:
        return 0.0
    if precision < 1:
        return precision / 2
    size = abs(value)
    if size < ROUND_FROM:
        return 0.0
    return min(precision / 2, size * ROUND_SHARE)


def interval_of(
    value: float,
    qualifier: str = "exact",
    precision: float = 1,
    high_value: float | None = None,
) -> tuple[float, float]:
    """(low, high) that `qualifier value` commits to; `high_value` is B of "between A and B".

    Bounds are computed as a person would (9/10 of 1,500,000 is 1,350,000, not
    1350000.0000000002): shares are applied as whole-number ratios and rounded clean.
    """
    if qualifier == "between" and high_value is not None:
        low, high = sorted((float(value), float(high_value)))
        return (low, high)
    if qualifier in ("over", "at_least"):
        return (float(value), clean(value * 2))
    if qualifier == "nearly":
        return (clean(value - abs(value) * NEARLY_SHARE), float(value))
    if qualifier == "about":
        spread = abs(value) * ABOUT_SHARE
        return (clean(value - spread), clean(value + spread))
    if qualifier in ("up_to", "under"):
        return (clean(value / 2), float(value))
    half = rounding_of(value, precision)
    if not half:
        return (float(value), float(value))
    return (clean(value - half), clean(value + half))


def clean(x: float) -> float:
    """`x` without the float noise of decimal arithmetic: 1650000.0000000002 -> 1650000.0,
    8.2 * 1e9 = 8199999999.999999 -> 8200000000.0, 0.15000000000000002 -> 0.15 (kept to
    12 significant digits, more than any written figure has)."""
    x = float(x)
    if x.is_integer() or x != x or x in (_INF, -_INF):
        return x                       # the common case: a whole bound needs no rounding
    return float(f"{x:.12g}")


_INF = float("inf")


def written_number(x: float) -> str:
    """A bound as people write it: 1350000.0 -> "1,350,000", 2.45 -> "2.45"."""
    from decimal import Decimal

    x = clean(x)
    if x.is_integer() and abs(x) < 1e18:
        return grouped(x)
    return format(Decimal(repr(x)), ",f")


def written_interval(low: float | None, high: float | None) -> str:
    """"1,350,000-1,650,000", or one figure when both ends are the same; "" for none."""
    if low is None or high is None:
        return ""
    if low == high:
        return written_number(low)
    return f"{written_number(low)}-{written_number(high)}"


def vague_interval(phrase: str) -> tuple[float, float] | None:
    """The range of a vague amount ("thousands", "tens of thousands"), None if unknown."""
    return VAGUE_INTERVALS.get(" ".join(phrase.lower().split()))


def representative(low: float, high: float) -> float:
    """A single value standing for a range (its geometric middle), for sorting and display."""
    if low <= 0:
        return (low + high) / 2
    return float(round(math.sqrt(low * high)))
