"""A figure repeated thousands of times cannot make the findings, or the report, explode:
a finding cites its flagged claims and at most 20 references, with the counts of all, and
copies of one disagreement in a document are one finding."""

from __future__ import annotations

import json

from checker.compare.groups import MAX_CITED_REFERENCES, make_finding
from checker.extract import extract_text
from checker.report import build_report
from checker.report import json as json_format
from checker.run.pipeline import ScanSettings, scan


def _repeats(count: int, odd_every: int) -> str:
    return "".join(
        f"The open letter had {462 if i % odd_every == 5 else 463} signatories. "
        for i in range(count))


def test_a_finding_cites_at_most_the_cap_of_references_and_counts_them_all() -> None:
    claims = extract_text(_repeats(60, 1000), "a.txt")
    finding = make_finding("r", "conflict", "error", "m", claims[:1], claims[1:])
    refs = [fc.claim for fc in finding.claims if fc.role == "reference"]
    assert len(refs) == MAX_CITED_REFERENCES
    assert refs == sorted(claims[1:], key=lambda c: c.start)[:MAX_CITED_REFERENCES]
    assert finding.details["references"] == {"total": 59, "cited": MAX_CITED_REFERENCES}
    few = make_finding("r", "conflict", "error", "m", claims[:1], claims[1:4])
    assert "references" not in few.details


def test_thousands_of_copies_make_one_small_drift_finding(tmp_path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(_repeats(5000, 97), encoding="utf-8")  # ~190 KB, 52 odd copies
    result = scan([str(path)], ScanSettings(), jobs=1)
    report = build_report(result.documents, result.claims, result.findings)
    drift = [f for f in report["findings"] if f["check"] == "drift"]
    assert len(drift) == 1
    roles = [c["role"] for c in drift[0]["claims"]]
    assert roles.count("flagged") == 52 and roles.count("reference") == MAX_CITED_REFERENCES
    assert drift[0]["details"]["copies"] == 52
    assert drift[0]["details"]["references"]["total"] == 5000 - 52
    assert len(json.dumps(report["findings"])) < 100_000
    text = json_format.render(report)
    assert len(text) < 5_000_000  # the claim list; findings used to make it 150 MB
    result.close()


def test_copies_in_two_documents_stay_two_findings(tmp_path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(_repeats(40, 19), encoding="utf-8")
    result = scan([str(tmp_path)], ScanSettings(), jobs=1)
    drift = [f for f in result.findings if f.check == "drift"]
    assert sorted({c.doc for f in drift for c in f.flagged()}) == ["a.txt", "b.txt"]
    assert len(drift) == 2 and all(len(f.flagged()) == 2 for f in drift)
    result.close()
