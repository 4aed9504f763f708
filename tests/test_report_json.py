"""The JSON writer writes exactly what json.dumps(indent=2, ensure_ascii=False) writes:
reports are diffed byte for byte in CI, and the writer has a fast path of its own."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from checker.report import Records
from checker.report import json as json_format

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text())
values = st.recursive(
    scalars,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=8), inner, max_size=4)
                   | st.dictionaries(st.integers() | st.booleans() | st.none(), inner,
                                     max_size=3)),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=10), values, max_size=5),
       st.lists(st.dictionaries(st.text(max_size=6), values, max_size=4), max_size=4))
def test_any_report_renders_as_json_dumps_would(report: dict, records: list) -> None:
    expected = json.dumps({**report, "claims": records}, indent=2, ensure_ascii=False) + "\n"
    assert json_format.render({**report, "claims": Records(records, dict)}) == expected
    assert json_format.render({**report, "claims": records}) == expected


def test_special_floats_and_text_as_json_writes_them() -> None:
    report = {"x": [math.inf, -math.inf, 1e300, -0.0, 463.0], "s": "\u201cq\u201d\n\t\"\\\x00"}
    assert json_format.render(report) == json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def test_deep_nesting_and_subclasses_as_json_writes_them() -> None:
    import enum

    class Level(enum.IntEnum):
        HIGH = 3

    class Label(str):
        pass

    deep: object = [1]
    for n in range(40):
        deep = {"level": n, "inner": deep}
    report = {"deep": deep, "enum": [Level.HIGH, {Label("k"): Label("v")}], "n": True}
    assert json_format.render(report) == json.dumps(report, indent=2, ensure_ascii=False) + "\n"
