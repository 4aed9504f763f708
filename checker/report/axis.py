"""The number line of a group picture: a linear or a log scale, ticks at round figures, and
figures printed the way people write them ("30,000", "1.5 million", "1914", "25%").

Positions are percentages of the picture's width, so the page can draw the picture at any
width (a laptop or a phone) while its labels keep their size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from checker.util.numbers import grouped

# A log scale once the largest figure is this many times the smallest: "over 300" and
# "over 30,000" then sit apart instead of 300 hugging zero.
LOG_RATIO = 20.0
PAD = 3.0        # percent of the width left free at each end, for end caps and labels
MAX_TICKS = 6    # tick labels that fit side by side on a phone
STYLES = ("number", "year", "percent")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_TEMPORAL = frozenset({"year", "date", "month", "decade", "relative_year"})


@dataclass(frozen=True, slots=True)
class Axis:
    """A scale from `low` to `high` (figures) onto PAD..100-PAD (percent of the width)."""

    low: float
    high: float
    log: bool = False
    style: str = "number"    # how figures print: number | year | percent
    whole: bool = False      # every figure drawn is a whole number: no tick at 462.5

    def at(self, value: float) -> float:
        """Where `value` falls, in percent of the width (two decimals, clamped)."""
        if self.log:
            lo, hi, v = math.log10(self.low), math.log10(self.high), math.log10(max(value, 1e-300))
        else:
            lo, hi, v = self.low, self.high, value
        share = 0.5 if hi == lo else (v - lo) / (hi - lo)
        share = min(1.0, max(0.0, share))
        return round(PAD + share * (100 - 2 * PAD), 2)

    def ticks(self) -> list[tuple[float, str]]:
        """(position, label) of round figures inside the axis, at most MAX_TICKS."""
        values = self._log_ticks() if self.log else self._linear_ticks()
        return [(self.at(v), format_figure(v, self.style)) for v in values]

    def _linear_ticks(self) -> list[float]:
        step = nice_step((self.high - self.low) / (MAX_TICKS - 1))
        if (self.whole or self.style == "year") and step < 1:
            step = 1.0
        while (self.high - self.low) / step >= MAX_TICKS + 1:
            step = nice_step(step * 1.01)
        decimals = max(0, -math.floor(math.log10(step)) + 1)
        first = math.ceil(self.low / step - 1e-9)
        ticks = []
        for k in range(first, first + MAX_TICKS + 2):
            value = round(k * step, decimals)
            if value > self.high + step * 1e-9:
                break
            ticks.append(value)
        return ticks

    def _log_ticks(self) -> list[float]:
        first = math.floor(math.log10(self.low))
        last = math.ceil(math.log10(self.high))
        inside = [
            [m * 10.0 ** k for k in range(first, last + 1) for m in mults
             if self.low <= m * 10.0 ** k <= self.high]
            for mults in ((1, 2, 5), (1, 3), (1,))
        ]
        for ticks in inside:  # the finest set of round figures that fits
            if 2 <= len(ticks) <= MAX_TICKS:
                return ticks
        decades = inside[-1]
        return decades[::math.ceil(len(decades) / MAX_TICKS)] if decades else inside[0][:1]


def choose_axis(values: Iterable[float], style: str = "number") -> Axis:
    """The axis for a picture whose intervals end at `values`: log when every figure is
    above zero and the largest is LOG_RATIO times the smallest or more, linear otherwise;
    a little room beyond the outermost figures either way."""
    figures = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not figures:
        return Axis(0.0, 1.0, style=style)
    lo, hi = min(figures), max(figures)
    whole = all(_is_whole(v) for v in figures)
    if lo > 0 and hi / lo >= LOG_RATIO:
        margin = (hi / lo) ** 0.04
        return Axis(lo / margin, hi * margin, log=True, style=style, whole=whole)
    if hi == lo:  # noqa: SIM108 - a nested conditional expression would read worse
        pad = 1.0 if style == "year" else max(abs(lo) * 0.05, 1.0)
    else:
        pad = (hi - lo) * 0.06
    low = lo - pad
    if lo >= 0 > low:
        low = 0.0  # a count never goes below zero
    return Axis(low, hi + pad, style=style, whole=whole)


def nice_step(raw: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at or above `raw`."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw * (1 - 1e-9):
            return m * magnitude
    return 10 * magnitude


def style_of(kinds: Iterable[str]) -> str:
    """How a picture prints its figures: years for dates and years, a % for percentages."""
    kinds = set(kinds)
    if kinds and kinds <= _TEMPORAL:
        return "year"
    if kinds == {"percent"}:
        return "percent"
    return "number"


def format_figure(value: float, style: str = "number") -> str:
    """A figure as people write it: "462", "30,000", "1.5 million", "0.25", "1914", "25%".
    Float noise never shows: 1650000.0000000002 prints as "1.65 million"."""
    if style == "year":
        return str(round(value)) if _is_whole(value) else _decimal(value).replace(",", "")
    text = _number(value)
    return text + "%" if style == "percent" else text


def format_range(low: float, high: float, style: str = "number") -> str:
    """An interval as people write it: "462", "300 to 600", "1.35 million to 1.65 million"."""
    a, b = format_figure(low, style), format_figure(high, style)
    return a if a == b else f"{a} to {b}"


def _number(value: float) -> str:
    size = abs(value)
    for scale, word in _SCALES:
        if size >= scale:
            scaled = value / scale
            if abs(scaled - round(scaled, 3)) <= 1e-9 * max(1.0, abs(scaled)):
                return f"{_decimal(round(scaled, 3))} {word}"
            break
    if _is_whole(value):
        return grouped(round(value))
    if size < 1:
        return f"{value:.3g}"
    return _decimal(value)


def _decimal(value: float) -> str:
    """Up to three decimals, grouped thousands, no trailing zeros: "2.5", "1,234.75"."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _is_whole(value: float) -> bool:
    return abs(value - round(value)) <= 1e-9 * max(1.0, abs(value))
