"""The one plain-number form: integral floats as ints, whole numbers grouped "1,350,000"."""

from __future__ import annotations

from checker.model import plain_number

__all__ = ["grouped", "plain_number"]


def grouped(value: float) -> str:
    """A whole number with its thousands separated: 1350000.0 -> "1,350,000"."""
    return f"{int(value):,}"
