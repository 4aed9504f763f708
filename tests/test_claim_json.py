"""A claim's JSON text, written field by field (checker.report.claim_json), is byte for byte
what json writes of `Claim.to_dict()`: as a JSON Lines record and as an item of the
indented JSON report, whatever the fields hold."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import extract_text
from checker.model import Claim
from checker.report import json as json_format
from checker.report.claim_json import claim_line, claim_lines, indented_claims

TEXT = ("Date: 2016-11-26\n\nThe ferry carried 1,130 people; only 410 survived and 716 "
        "drowned. Shares rose 4.2% to 231p, and “£1.8bn” was paid — about 3 to 4 million "
        "more than the 1988 estimate. Temperatures fell to -7 °C on Monday, 70 years ago.")


def _line(c: Claim) -> str:
    return json.dumps(c.to_dict(), ensure_ascii=False)


def _item(c: Claim, depth: int) -> str:
    return json_format.encode_value(c.to_dict(), depth)


def test_extracted_claims_are_written_as_json_writes_them() -> None:
    claims = extract_text(TEXT, "a/b.txt")
    assert len(claims) > 8
    assert [line[:-1] for line in claim_lines(claims)] == [_line(c) for c in claims]
    for depth in (0, 1, 2, 5):
        assert list(indented_claims(claims, depth, json_format.encode_value)) == [
            _item(c, depth) for c in claims]


def test_a_report_lists_the_claims_as_json_dumps_indents_them() -> None:
    claims = extract_text(TEXT, "a/b.txt")
    report = {"version": 1, "claims": [c.to_dict() for c in claims]}
    expected = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    assert json_format.render(report) == expected
    listed = json_format.claims_text(claims)
    assert listed in expected and listed.count('"doc": ') == len(claims)


_numbers = st.one_of(
    st.none(), st.integers(-10**20, 10**20), st.text(max_size=5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e15, -1e15, 1e15 - 1, 999999999999999.0, 0.0, -0.0, 2.5, 1.0]),
)
_plain = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8))
_attrs = st.recursive(
    _plain,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(), st.booleans()), inner,
                        max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(value=_numbers, low=_numbers, high=_numbers,
       attrs=st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), _attrs,
                             max_size=4),
       text=st.text(max_size=12), quote=st.text(max_size=40),
       unit=st.one_of(st.none(), st.text(max_size=8)),
       rule=st.one_of(st.none(), st.text(max_size=4)), inferred=st.booleans(),
       start=st.one_of(st.integers(0, 10**6), st.booleans()))
def test_any_field_values_are_written_as_json_writes_them(
        value, low, high, attrs, text, quote, unit, rule, inferred, start) -> None:
    c = Claim("d\u00e9j\u00e0/\"x\".txt", start, 9, 1, 2, text, quote, "count", value,
              "about", low, high, unit, inferred, attrs, "0123abcd", rule, rule)
    claims = [c, c]  # the second reuses the first's sentence
    lines = list(claim_lines(claims))
    assert lines == [_line(c) + "\n"] * 2
    assert claim_line(c) == _line(c)
    for depth in (1, 2):
        assert list(indented_claims(claims, depth, json_format.encode_value)) == [
            _item(c, depth)] * 2


def test_integral_floats_are_written_as_integers_like_to_dict() -> None:
    c = Claim("d", 0, 1, 1, 1, "5", "5", "count", 5.0, "exact", 4.5, math.inf, None, False,
              {"precision": 1.0, "range": [1, 2.5]})
    assert claim_line(c) == _line(c)
    assert '"value": 5,' in claim_line(c) and '"high": Infinity' in claim_line(c)


def test_claims_whose_document_or_sentence_is_not_text_are_written_by_json() -> None:
    odd = Claim(None, 0, 1, 1, 1, "5", None, "count", 5, "exact", 5, 5)  # type: ignore[arg-type]
    plain = Claim("d", 0, 1, 1, 1, "5", "5 cats.", "count", 5, "exact", 5, 5, "cats")
    claims = [odd, plain, odd, plain]
    assert list(claim_lines(claims)) == [_line(c) + "\n" for c in claims]
