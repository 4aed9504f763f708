"""What a written number commits to, as an interval (DESIGN.md, "What a number commits to").

Pure functions, no text parsing: the finder decides value, qualifier and precision; this
module alone decides what range of true values the wording is compatible with, so the
semantics live in one place and rules can override them.
"""

from __future__ import annotations

import math

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


def interval_of(
    value: float,
    qualifier: str = "exact",
    precision: float = 1,
    high_value: float | None = None,
) -> tuple[float, float]:
    """(low, high) that `qualifier value` commits to; `high_value` is B of "between A and B"."""
    half = precision / 2 if precision != 1 else 0.0
    if qualifier == "between" and high_value is not None:
        low, high = sorted((value, high_value))
        return (low, high)
    if qualifier in ("over", "at_least"):
        return (value, 2 * value)
    if qualifier == "nearly":
        return (0.9 * value, value)
    if qualifier == "about":
        return (min(0.9 * value, value - half), max(1.1 * value, value + half))
    if qualifier in ("up_to", "under"):
        return (value / 2, value)
    return (value - half, value + half)


def vague_interval(phrase: str) -> tuple[float, float] | None:
    """The range of a vague amount ("thousands", "tens of thousands"), None if unknown."""
    return VAGUE_INTERVALS.get(" ".join(phrase.lower().split()))


def representative(low: float, high: float) -> float:
    """A single value standing for a range (its geometric middle), for sorting and display."""
    if low <= 0:
        return (low + high) / 2
    return float(round(math.sqrt(low * high)))
