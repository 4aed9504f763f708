"""Rule tests (`checker test`): a text file beside a rule file, with markers saying which
figures each rule must take and which it must leave (semgrep style).

    rules/ferry.yaml          the rules
    rules/ferry.test.txt      sentences, each marked on the line(s) before it:

    # ruleid: ferry-deaths 1,388
    # ok: ferry-deaths 2,140 615
    The barge carried 2,140 passengers; only 615 survived and 1,388 drowned.

`# ruleid: RULE [FIGURE ...]`: the rule must take each figure named on the next line
(with no figure named: at least one claim of that line). `# ok: RULE [FIGURE ...]`: it
must take none of them (with none named: nothing on that line). Every claim a rule of the
file takes must be marked by a `ruleid`; a claim taken unmarked is a failure too. Marker
lines are removed before the text is read, so they never become claims; a first line
`date: YYYY-MM-DD` dates the text, as in a corpus file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UserError
from checker.model import Claim, Document

TEST_SUFFIXES = (".test.txt", ".test.md")
_MARKER = re.compile(r"^\s*#\s*(ruleid|ok)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class Marker:
    """One `ruleid:` or `ok:` marker of a rule test file, with the figures it names."""
    kind: str                    # "ruleid" | "ok"
    rule: str
    figures: tuple[str, ...]
    line: int                    # the marker's own line in the test file
    target: int                  # the line it marks (in the test file)


@dataclass
class TestResult:
    """The outcome of one rule file's tests: markers checked and failures."""
    rule_file: str
    test_file: str | None
    markers: int = 0
    failures: list[str] = field(default_factory=list)


def test_file_for(rule_file: Path) -> Path | None:
    """The test file beside a rule file (`x.yaml` -> `x.test.txt`), if there is one."""
    for suffix in TEST_SUFFIXES:
        candidate = rule_file.with_name(rule_file.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def parse(path: Path) -> tuple[Document, list[Marker], list[int]]:
    """(the document without marker lines, its markers, the test-file line of each
    document line)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read rule test file: {exc}", str(path)) from None
    kept: list[str] = []
    origin: list[int] = []
    pending: list[tuple[str, str, int]] = []
    markers: list[Marker] = []
    date = None
    for number, line in enumerate(lines, 1):
        m = _MARKER.match(line)
        if m:
            if not m.group(2):
                raise UserError(f"'# {m.group(1)}:' needs a rule id", str(path), number, 1)
            pending.append((m.group(1).lower(), m.group(2), number))
            continue
        if number == 1 and _DATE_LINE.match(line):
            date = _DATE_LINE.match(line).group(1)  # type: ignore[union-attr]  # matched just above
            line = ""
        for kind, body, at in pending:
            rule = body.split()[0].rstrip(",")
            figures = _figures(body[len(body.split()[0]):])
            markers.append(Marker(kind, rule, tuple(figures), at, number))
        pending = []
        kept.append(line)
        origin.append(number)
    if pending:
        raise UserError("marker on the last line marks nothing", str(path), pending[0][2], 1)
    doc = Document(id=path.name, text="\n".join(kept) + "\n", path=str(path), date=date,
                   date_source="header" if date else None)
    return doc, markers, origin


def _figures(text: str) -> list[str]:
    """Figures listed after a rule id: "1,388 615" or "1,388, 615"."""
    return [f for f in re.split(r"\s+|,\s+|,$", text.strip()) if f]


def _matches(figure: str, claim: Claim) -> bool:
    pattern = r"(?<![\d.,])" + re.escape(figure) + r"(?![\d]|[.,]\d)"
    return re.search(pattern, claim.text, re.IGNORECASE) is not None


def run_test(rule_file: Path, test_file: Path, rules) -> TestResult:
    """Check the markers of one test file against the rules of its rule file."""
    from checker.extract import extract
    from checker.rules.select import compile_rules, select_claims

    result = TestResult(str(rule_file), str(test_file))
    doc, markers, origin = parse(test_file)
    result.markers = len(markers)
    known = {r.id for r in rules}
    claims = extract(doc)
    taken = select_claims(doc, claims, compile_rules(rules))
    on_line: dict[tuple[str, int], list[Claim]] = {}
    for c in taken:
        on_line.setdefault((c.rule or "", origin[c.line - 1]), []).append(c)
    all_on_line: dict[int, list[Claim]] = {}
    for c in claims:
        all_on_line.setdefault(origin[c.line - 1], []).append(c)
    marked: set[tuple[str, int, int]] = set()
    fail = result.failures.append
    where = str(test_file)
    for m in markers:
        at = f"{where}:{m.target}"
        if m.rule not in known:
            fail(f"{where}:{m.line}: unknown rule id '{m.rule}' (not in {rule_file})")
            continue
        got = on_line.get((m.rule, m.target), [])
        for figure in m.figures:
            if not any(_matches(figure, c) for c in all_on_line.get(m.target, [])):
                fail(f"{at}: no claim '{figure}' on this line (marked at line {m.line})")
        if m.kind == "ruleid":
            if m.figures:
                for figure in m.figures:
                    hits = [c for c in got if _matches(figure, c)]
                    marked.update((m.rule, c.start, c.end) for c in hits)
                    if not hits and any(_matches(figure, c) for c in
                                        all_on_line.get(m.target, [])):
                        fail(f"{at}: {m.rule} misses {figure} (marked ruleid)")
            else:
                marked.update((m.rule, c.start, c.end) for c in got)
                if not got:
                    fail(f"{at}: {m.rule} takes nothing on this line (marked ruleid)")
        else:
            bad = [c for c in got if not m.figures or any(_matches(f, c) for f in m.figures)]
            for c in bad:
                fail(f"{at}:{c.column}: {m.rule} takes {_text(c)} (marked ok)")
                marked.add((m.rule, c.start, c.end))
    for c in taken:
        if (c.rule, c.start, c.end) not in marked:
            fail(f"{where}:{origin[c.line - 1]}:{c.column}: {c.rule} takes {_text(c)}, "
                 "which no ruleid marks")
    result.failures.sort(key=_line_order)
    return result


def _text(c: Claim) -> str:
    return "'" + " ".join(c.text.split()) + "'"


_WHERE = re.compile(r"^(.*?):(\d+)(?::(\d+))?: ")


def _line_order(message: str) -> tuple[str, int, int, str]:
    m = _WHERE.match(message)
    if m is None:
        return ("", 0, 0, message)
    return (m.group(1), int(m.group(2)), int(m.group(3) or 0), message)
