"""Each built-in check's cases (tests/cases/<check>.yaml), run through a real scan.

A case file holds `check: <id>` and named cases, in the manner of sqlfluff's rule
fixtures. A case is one document (`text`, optional `date`, `title`) or several
(`documents`: a list of those, each with an optional `name`), and what the scan must give
with only that check enabled: `expect: pass` (no finding of the check) or `expect: fail`
with `findings`, each a mapping of what one finding must say:

- `flagged`: the texts of the claims it flags (any order);
- `reference`: the texts of the claims it stands them against (any order);
- `severity`; `message`: words the message must contain.

The number of findings must equal the number listed. `example` ties a case to the PASS:
or FAIL: line of the check's docstring it runs (see test_docstring_examples_are_cases);
`xfail: reason` marks a case where the check is known to be wrong today.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.checks import BUILTIN_CHECKS, CORPUS_CHECK_IDS, CORPUS_CHECKS, DOCUMENT_CHECK_IDS
from checker.model import Finding
from checker.run.pipeline import ScanSettings, scan

CASES = Path(__file__).parent / "cases"
EVERY_CHECK = (*DOCUMENT_CHECK_IDS, *CORPUS_CHECK_IDS)
CASE_KEYS = {"text", "date", "title", "documents", "expect", "findings", "example", "xfail"}
DOCUMENT_KEYS = {"name", "text", "date", "title"}
FINDING_KEYS = {"flagged", "reference", "severity", "message"}


def load_case_file(path: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """The check id a case file is for, and its cases by name."""
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict) and "check" in data, f"{path.name}: no `check:` key"
    check_id = data.pop("check")
    for name, case in data.items():
        where = f"{path.name}: {name}"
        assert isinstance(case, dict), f"{where}: a case is a mapping"
        assert not set(case) - CASE_KEYS, f"{where}: unknown keys {set(case) - CASE_KEYS}"
        assert case.get("expect") in ("pass", "fail"), f"{where}: expect is pass or fail"
        assert ("text" in case) != ("documents" in case), f"{where}: text or documents"
        for doc in case.get("documents", []):
            assert not set(doc) - DOCUMENT_KEYS, f"{where}: unknown document keys"
        for finding in case.get("findings", []):
            assert not set(finding) - FINDING_KEYS, f"{where}: unknown finding keys"
            for role in ("flagged", "reference"):
                assert all(isinstance(t, str) for t in finding.get(role, [])), (
                    f"{where}: {role} is a list of quoted texts")
        assert (case["expect"] == "fail") == bool(case.get("findings")), (
            f"{where}: a fail case lists its findings, a pass case none")
    return check_id, data


def case_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(CASES.glob("*.yaml"))}


def all_cases() -> list[Any]:
    params = []
    for stem, path in case_files().items():
        check_id, cases = load_case_file(path)
        for name, case in cases.items():
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case \
                else []
            params.append(pytest.param(check_id, case, id=f"{stem}:{name}", marks=marks))
    return params


def documents(case: dict[str, Any]) -> list[dict[str, Any]]:
    if "documents" in case:
        return case["documents"]
    return [{key: case[key] for key in ("text", "date", "title") if key in case}]


def write_documents(case: dict[str, Any], folder: Path) -> None:
    """Each document as a plain text file, its date and title in a header block."""
    for n, doc in enumerate(documents(case), 1):
        header = "".join(f"{key}: {doc[key]}\n" for key in ("title", "date") if key in doc)
        text = f"{header}\n{doc['text']}" if header else doc["text"]
        (folder / doc.get("name", f"doc{n}.txt")).write_text(text, "utf-8")


def scan_with_only(check_id: str, folder: Path) -> list[Finding]:
    """The findings of `check_id` in a --no-rules scan of `folder`, the other checks off."""
    disabled = frozenset(c for c in EVERY_CHECK if c != check_id)
    result = scan([str(folder)], ScanSettings(disabled_checks=disabled), jobs=1)
    try:
        return [f for f in result.findings if f.check == check_id]
    finally:
        result.close()


def texts(finding: Finding, role: str) -> list[str]:
    return sorted(fc.claim.text for fc in finding.claims if fc.role == role)


def matches(finding: Finding, wanted: dict[str, Any]) -> bool:
    if "flagged" in wanted and texts(finding, "flagged") != sorted(wanted["flagged"]):
        return False
    if "reference" in wanted and texts(finding, "reference") != sorted(wanted["reference"]):
        return False
    if "severity" in wanted and finding.severity != wanted["severity"]:
        return False
    return "message" not in wanted or wanted["message"] in finding.message


def described(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.severity}: flagged {texts(f, 'flagged')}, reference "
                     f"{texts(f, 'reference')}: {f.message}" for f in findings) or "  none"


@pytest.mark.parametrize(("check_id", "case"), all_cases())
def test_check_case(check_id: str, case: dict[str, Any], tmp_path: Path) -> None:
    write_documents(case, tmp_path)
    found = scan_with_only(check_id, tmp_path)
    wanted = case.get("findings", [])
    assert len(found) == len(wanted), f"expected {len(wanted)} findings, got:\n" \
        + described(found)
    for want in wanted:
        assert any(matches(f, want) for f in found), f"no finding like {want}; got:\n" \
            + described(found)


# --- every check has its cases, and its documented examples are among them ---------------

def test_every_case_file_is_for_a_check_of_its_name() -> None:
    for stem, path in case_files().items():
        check_id, _ = load_case_file(path)
        assert check_id == stem, f"{path.name} declares check {check_id!r}"
        assert stem in EVERY_CHECK, f"{path.name}: there is no built-in check {stem!r}"


@pytest.mark.parametrize("check_id", EVERY_CHECK)
def test_every_check_has_cases(check_id: str) -> None:
    path = CASES / f"{check_id}.yaml"
    assert path.exists(), f"no tests/cases/{check_id}.yaml"
    _, cases = load_case_file(path)
    expects = [case["expect"] for case in cases.values()]
    assert len(cases) >= 4 and "pass" in expects and "fail" in expects


def docstring_examples(description: str) -> list[tuple[str, str]]:
    """(pass | fail, example text on one line) for each PASS:/FAIL: entry of a docstring
    (an entry runs on until the next entry or a blank line)."""
    entries: list[tuple[str, list[str]]] = []
    open_entry = False
    for line in description.splitlines():
        head = re.match(r"\s*(PASS|FAIL): (.*)", line)
        if head:
            entries.append((head.group(1).lower(), [head.group(2)]))
            open_entry = True
        elif open_entry and line.strip():
            entries[-1][1].append(line.strip())
        else:
            open_entry = False
    return [(kind, " ".join(" ".join(lines).split())) for kind, lines in entries]


def quoted_fragments(example: str) -> list[str]:
    """The quoted parts of an example outside its (remarks), cut at each "...": what the
    documents must say."""
    quoted, depth, current = [], 0, None
    for char in example:
        if char == '"' and depth == 0:
            if current is None:
                current = ""
            else:
                quoted.append(current)
                current = None
        elif current is not None:
            current += char
        elif char in "()":
            depth += 1 if char == "(" else -1
    return [part.strip() for text in quoted for part in text.split("...") if part.strip()]


def spec_of(check_id: str) -> Any:
    return BUILTIN_CHECKS.get(check_id) or CORPUS_CHECKS[check_id]


@pytest.mark.parametrize("check_id", EVERY_CHECK)
def test_docstring_examples_are_cases(check_id: str) -> None:
    examples = docstring_examples(spec_of(check_id).description)
    kinds = {kind for kind, _ in examples}
    assert {"pass", "fail"} <= kinds, f"{check_id}: the docstring has a PASS: and a FAIL:"
    _, cases = load_case_file(CASES / f"{check_id}.yaml")
    by_example = {(case["expect"], " ".join(case["example"].split())): case
                  for case in cases.values() if "example" in case}
    for kind, example in examples:
        case = by_example.get((kind, example))
        assert case is not None, f"{check_id}: no case with expect: {kind} and example: " \
            f"{example}"
        said = " ".join(" ".join(d["text"] for d in documents(case)).split())
        titles = " ".join(d.get("title", "") for d in documents(case))
        for fragment in quoted_fragments(example):
            assert fragment in said or fragment in titles, (
                f"{check_id}: the case for {example!r} does not say {fragment!r}")
