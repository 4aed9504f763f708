"""Data-only rows: every record round-trips through JSON, and anything else is refused."""

from __future__ import annotations

import dataclasses

import pytest

from checker.extract import extract_text
from checker.model import Claim, Document, Finding, FindingClaim
from checker.util import codec
from checker.util.codec import BadRow

TEXT = ("On Thursday, January 27, 2022, 463 former officials signed; over 30,000 prisoners "
        "were killed in 1988, 36 years ago. Prices rose 4.5% to $2.5 million.")


def test_every_stored_field_has_a_plain_json_type() -> None:
    """A field added to Claim or Document must be plain data (text, number, flag, list or
    dict): the store and the cache keep records as JSON and check them by annotation."""
    for cls in (Claim, Document):
        for f in dataclasses.fields(cls):
            if f.metadata.get("stored", True):
                assert codec._types(f.type) != (object,), f"{cls.__name__}.{f.name}: {f.type}"


def test_claims_documents_and_findings_round_trip_exactly() -> None:
    claims = extract_text(TEXT, "a.txt", "2024-05-01")
    assert len(claims) > 4
    back = codec.load_claims(codec.dump_claims(claims))
    assert back == claims
    assert [type(c.value) for c in back] == [type(c.value) for c in claims]
    doc = Document("a.txt", "", path="x/a.txt", date="2024-05-01", date_source="option",
                   suppressions=[(3, ("drift",)), (0, ())])
    assert codec.load_document(codec.dump_document(doc)) == doc
    finding = Finding("drift", "drift", "warning", "462 here", [
        FindingClaim(claims[0], "flagged"), FindingClaim(claims[1], "reference")],
        details={"slip": "off by one", "repeated": {"figure": "463", "count": 2}}, id="ab12")
    data = codec.loads(codec.dumps(codec.finding_data(finding)))
    assert codec.finding_from_data(data) == finding


def test_claims_come_back_exactly_from_their_report_text_and_rest() -> None:
    """The store keeps a document's claims as the JSON report lists them, plus what that
    leaves out: the quote offset, and which integral numbers were floats."""
    from checker.report.json import claims_text

    claims = extract_text(TEXT, "a.txt", "2024-05-01")
    claims += [
        dataclasses.replace(claims[0], value=12.0, low=11.0, high=13, quote_offset=7),
        dataclasses.replace(claims[0], value=5, low=None, high=2.5e15, attrs={"k": [1, 2.0]}),
        dataclasses.replace(claims[0], value="IV", low=1e15, rule="r", group="g"),
    ]
    report, rest = claims_text(claims), codec.dump_claims_rest(claims)
    for checked in (True, False):
        back = codec.load_reported_claims(report, rest, checked)
        assert back == claims
        assert [(type(c.value), type(c.low), type(c.high), c.quote_offset) for c in back] == \
            [(type(c.value), type(c.low), type(c.high), c.quote_offset) for c in claims]
    assert codec.load_reported_claims("", codec.dump_claims_rest([]), True) == []


@pytest.mark.parametrize("change", ["fewer", "key", "mask", "offset"])
def test_a_report_text_that_does_not_match_its_rest_is_a_bad_row(change: str) -> None:
    from checker.report.json import claims_text

    claims = extract_text(TEXT, "a.txt")
    claims[0] = dataclasses.replace(claims[0], value=2.5)
    report, rest = claims_text(claims), codec.loads(codec.dump_claims_rest(claims))
    if change == "fewer":
        rest = [rest[0][1:], rest[1][1:]]
    elif change == "key":
        report = report.replace('"unit_inferred"', '"unit_guessed"', 1)
    elif change == "mask":
        rest[1][0] = 1  # says the value is a float written as an int: it is not
    else:
        rest[0][0] = "0"
    with pytest.raises(BadRow):
        codec.load_reported_claims(report, codec.dumps(rest))


@pytest.mark.parametrize("text", [
    "", "not json", "{}", "[1]", '[["a"]]', "[[" + "[" * 100000 + "]]", '"x"',
])
def test_anything_but_stored_claims_is_a_bad_row(text: str) -> None:
    with pytest.raises(BadRow):
        codec.load_claims(text)


def test_a_finding_with_an_unknown_severity_or_role_is_a_bad_row() -> None:
    claim = extract_text(TEXT, "a.txt")[0]
    good = codec.finding_data(Finding("r", "conflict", "error", "m",
                                      [FindingClaim(claim, "flagged")], id="1"))
    for index, value in ((2, "fatal"), (4, "ignored")):
        bad = list(good)
        bad[index] = value
        with pytest.raises(BadRow):
            codec.finding_from_data(codec.loads(codec.dumps(bad)))
    bad = list(good)
    bad[7] = [["boss", codec.claim_row(claim)]]
    with pytest.raises(BadRow):
        codec.finding_from_data(codec.loads(codec.dumps(bad)))
