"""likely_slip names how one figure probably became another."""

from __future__ import annotations

import pytest

from checker.compare.slips import likely_slip, significant_digits, slip_note


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        (462, 463, "off by one"),
        (463, 462, "off by one"),
        (462.0, 463, "off by one"),
        (10, 11, "off by one"),
        (2, 3, None),                      # one digit: too common to call a slip
        (436, 463, "digits swapped"),
        (1988, 1898, "digits swapped"),
        (12, 21, "digits swapped"),
        (300, 30_000, "two zeros dropped"),
        (30_000, 300, "two zeros added"),
        (30, 300, "one zero dropped"),
        (1_500, 15_000_000, "four zeros dropped"),
        (3, 3_000_000, "6 zeros dropped"),
        (1.5, 150, "decimal point moved"),
        (473, 463, "one digit different"),
        (8_372, 8_312, "one digit different"),
        (45, 46, "off by one"),
        (45, 55, None),                    # two digits, one different: not distinctive
        (463, 463, None),
        (300, 400, None),
        (22_000, 30_000, None),
        (8_000, 8_372, None),
        (300, 31_000, None),
        (463, 4_630_001, None),
        (-462, -463, None),
        (4.5, 4.6, None),
    ],
)
def test_likely_slip(a: float, b: float, slip: str | None) -> None:
    assert likely_slip(a, b) == slip


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True])
def test_odd_numbers_are_no_slip(bad: float) -> None:
    assert likely_slip(bad, 463) is None


@pytest.mark.parametrize(
    ("value", "digits"),
    [(463, 3), (30_000, 1), (8_372, 4), (100, 1), (101, 3), (0, 1), (2.5, 0)],
)
def test_significant_digits(value: float, digits: int) -> None:
    assert significant_digits(value) == digits


@pytest.mark.parametrize(
    ("slip", "note"),
    [
        ("off by one", " (likely an off-by-one slip)"),
        ("two zeros dropped", " (two zeros dropped?)"),
        (None, ""),
    ],
)
def test_slip_note(slip: str | None, note: str) -> None:
    assert slip_note(slip) == note
