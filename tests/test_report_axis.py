"""The group picture's number line: which scale, where the ticks go, how figures print."""

from __future__ import annotations

import pytest

from checker.report.axis import (
    MAX_TICKS,
    PAD,
    Axis,
    choose_axis,
    format_figure,
    format_range,
    nice_step,
    style_of,
)


@pytest.mark.parametrize("value, style, text", [
    (30000, "number", "30,000"),
    (462, "number", "462"),
    (1_500_000, "number", "1.5 million"),
    (1_650_000.0000000002, "number", "1.65 million"),
    (1_350_000, "number", "1.35 million"),
    (1_234_567, "number", "1,234,567"),   # not a round figure: every digit kept
    (2e9, "number", "2 billion"),
    (7.5e12, "number", "7.5 trillion"),
    (2.5, "number", "2.5"),
    (0.25, "number", "0.25"),
    (0.30000000000000004, "number", "0.3"),
    (-1200, "number", "-1,200"),
    (0, "number", "0"),
    (1914, "year", "1914"),
    (1945.5, "year", "1945.5"),
    (25, "percent", "25%"),
    (12.5, "percent", "12.5%"),
])
def test_figures_print_as_people_write_them(value: float, style: str, text: str) -> None:
    assert format_figure(value, style) == text


@pytest.mark.parametrize("low, high, style, text", [
    (300, 600, "number", "300 to 600"),
    (463, 463, "number", "463"),
    (1_350_000, 1_650_000.0000000002, "number", "1.35 million to 1.65 million"),
    (1945, 1946, "year", "1945 to 1946"),
    (10, 20, "percent", "10% to 20%"),
])
def test_ranges(low: float, high: float, style: str, text: str) -> None:
    assert format_range(low, high, style) == text


def test_orders_of_magnitude_take_a_log_scale() -> None:
    axis = choose_axis([300, 600, 30_000, 60_000])
    assert axis.log
    # "over 300" and "over 30,000" sit far apart, neither squeezed against an end
    assert axis.at(600) < 25 < 50 < axis.at(30_000)
    assert axis.at(300) >= PAD and axis.at(60_000) <= 100 - PAD
    labels = [label for _, label in axis.ticks()]
    assert "1,000" in labels and "10,000" in labels
    assert all(label.replace(",", "").isdigit() for label in labels)


def test_close_figures_take_a_linear_scale_with_whole_ticks() -> None:
    axis = choose_axis([462, 462, 463, 463])
    assert not axis.log
    assert axis.at(462) < axis.at(463)
    assert [label for _, label in axis.ticks()] == ["462", "463"]  # never "462.5"


@pytest.mark.parametrize("values", [[0, 40, 4000], [-50, 3, 9000]])
def test_zero_or_below_is_never_on_a_log_scale(values: list[float]) -> None:
    axis = choose_axis(values)
    assert not axis.log
    assert axis.at(values[0]) >= PAD and axis.at(values[-1]) <= 100 - PAD


def test_a_count_axis_does_not_go_below_zero() -> None:
    assert choose_axis([0, 5]).low == 0
    assert choose_axis([0.5, 9]).low == 0
    assert choose_axis([1, 15]).low >= 0


def test_million_ticks() -> None:
    labels = [label for _, label in choose_axis([1_350_000, 1_650_000]).ticks()]
    assert "1.5 million" in labels
    assert all(label.endswith(" million") for label in labels)


def test_year_ticks_print_without_separators() -> None:
    axis = choose_axis([1914, 1914, 1945, 1946], "year")
    labels = [label for _, label in axis.ticks()]
    assert labels and all(len(label) == 4 and label.isdigit() for label in labels)
    assert not axis.log


def test_percent_ticks() -> None:
    labels = [label for _, label in choose_axis([12.5, 40], "percent").ticks()]
    assert labels and all(label.endswith("%") for label in labels)


@pytest.mark.parametrize("values", [
    [300, 60_000], [1, 1e12], [462, 463], [0.2, 0.35], [2_000, 999_999], [1914, 2016],
    [5, 5], [0.001, 0.5], [17, 17.5],
])
def test_ticks_are_few_ordered_and_inside(values: list[float]) -> None:
    axis = choose_axis(values)
    ticks = axis.ticks()
    assert 1 <= len(ticks) <= MAX_TICKS
    positions = [x for x, _ in ticks]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert all(PAD <= x <= 100 - PAD for x in positions)
    assert len({label for _, label in ticks}) == len(ticks)


def test_positions_are_monotonic_and_clamped() -> None:
    axis = Axis(10, 1000, log=True)
    xs = [axis.at(v) for v in (10, 31.6, 100, 999, 1000)]
    assert xs == sorted(xs) and xs[0] == PAD and xs[-1] == 100 - PAD
    assert axis.at(100) == 50.0
    assert axis.at(5) == PAD and axis.at(5000) == 100 - PAD
    assert Axis(3, 3).at(3) == 50.0


def test_empty_and_odd_values() -> None:
    assert choose_axis([]).ticks()
    assert not choose_axis([float("inf"), 5, None]).log


@pytest.mark.parametrize("raw, step", [(0.224, 0.25), (67_200, 100_000), (3, 5), (1, 1),
                                       (18, 20), (0, 1)])
def test_nice_step(raw: float, step: float) -> None:
    assert nice_step(raw) == pytest.approx(step)


def test_style_of() -> None:
    assert style_of(["year", "relative_year"]) == "year"
    assert style_of(["percent"]) == "percent"
    assert style_of(["count", "amount"]) == "number"
    assert style_of(["count", "year"]) == "number"
