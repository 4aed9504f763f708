"""Naming the likely slip between two figures ("463" vs "462": off by one).

A contradiction is easier to review when the report says how it probably happened: a
typo that changed one digit, two digits typed the wrong way round, zeros lost on the
way. `likely_slip(a, b)` reads `a` as the figure in question and `b` as the one it is
measured against, so "dropped"/"added" say what happened to `a`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

_ZERO_WORDS = {1: "one zero", 2: "two zeros", 3: "three zeros", 4: "four zeros"}


def likely_slip(a: float, b: float) -> str | None:
    """A short phrase naming the slip that turns `b` into `a`, or None when there is none."""
    if not (_is_number(a) and _is_number(b)) or a == b:
        return None
    da, db = _digits(a), _digits(b)
    if da is None or db is None:
        return _zeros_slip(a, b)
    if abs(a - b) == 1 and min(len(da), len(db)) >= 2:
        return "off by one"
    if len(da) == len(db) >= 2:
        diffs = [i for i in range(len(da)) if da[i] != db[i]]
        if (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and da[diffs[0]] == db[diffs[1]]
            and da[diffs[1]] == db[diffs[0]]
        ):
            return "digits swapped"
        if len(diffs) == 1 and min(significant_digits(a), significant_digits(b)) >= 3:
            return "one digit different"
    return _zeros_slip(a, b)


def significant_digits(value: float) -> int:
    """How many significant digits a whole number has: 463 -> 3, 30,000 -> 1, 8,372 -> 4."""
    digits = _digits(value)
    if digits is None:
        return 0
    return len(digits.rstrip("0")) or 1


def slip_note(slip: str | None) -> str:
    """The slip as a parenthetical for a message: "(likely an off-by-one slip)"."""
    if not slip:
        return ""
    if slip == "off by one":
        return " (likely an off-by-one slip)"
    return f" ({slip}?)"


def _is_number(value: object) -> bool:
    """A finite number (not a bool, not NaN, not infinite)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return value == value and abs(value) != float("inf")


def _digits(value: float) -> str | None:
    """The decimal digits of a non-negative whole number, None for anything else."""
    if not _is_number(value) or value < 0:
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return str(int(value))


def _zeros_slip(a: float, b: float) -> str | None:
    """'two zeros dropped' when a and b have the same significant digits a power of ten apart."""
    try:
        na, nb = Decimal(str(a)).normalize(), Decimal(str(b)).normalize()
    except InvalidOperation:
        return None
    if na <= 0 or nb <= 0:
        return None
    ta, tb = na.as_tuple(), nb.as_tuple()
    if ta.digits != tb.digits:
        return None
    shift = int(tb.exponent) - int(ta.exponent)
    if shift == 0:
        return None
    whole = _digits(a) is not None and _digits(b) is not None
    if not whole:
        return "decimal point moved"
    words = _ZERO_WORDS.get(abs(shift), f"{abs(shift)} zeros")
    return f"{words} {'dropped' if shift > 0 else 'added'}"


@lru_cache(maxsize=16384, typed=True)  # pure; news repeats its figures, checks their pairs
def typical_slip(a: float, b: float) -> str | None:
    """`likely_slip`, kept to the slips that are more often typos than two different
    figures: not a moved decimal point, and no zeros dropped or added when either figure
    is a power of ten (10%/1%, £100,000/£10,000 and 100m/1,000m name different things far
    more often than they are slips), nor more than three (150 / 1.5bn); off by one and
    swapped digits only in figures of two significant digits or more (12%/21%, 463/462,
    not 100/101 or 3/4). Two falls ("fell 12%", "fell 21%": -12, -21) slip as their
    sizes do."""
    if _is_number(a) and _is_number(b) and a < 0 and b < 0:
        return typical_slip(-a, -b)
    slip = likely_slip(a, b)
    if slip is None or slip == "decimal point moved":
        return None
    if "zero" in slip and (_power_of_ten(a) or _power_of_ten(b)
                           or not slip.startswith(("one", "two", "three"))):
        return None
    if slip in ("off by one", "digits swapped") and min(significant_digits(a),
                                                        significant_digits(b)) < 2:
        return None
    return slip


def _power_of_ten(value: float) -> bool:
    digits = _digits(value)
    return digits is not None and digits[0] == "1" and set(digits[1:]) <= {"0"}
