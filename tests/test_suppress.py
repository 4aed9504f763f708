"""Inline suppressions: the directive forms, the lines they cover, and applying them."""

from __future__ import annotations

import pytest

from checker.model import Claim, Document, Finding, FindingClaim
from checker.read.directives import find_directives
from checker.read.html import read_html
from checker.read.markdown import strip_markdown
from checker.read.sources import ReadOptions, Source, read_source
from checker.review.suppressions import apply_suppressions

# (text, format, expected [(directive line, line covered, ids)])
DIRECTIVES = [
    ("The 462 signed. # checker: ignore[drift]\n", "txt", [(1, 1, ("drift",))]),
    ("[checker: ignore[drift, letter-2022]]\n\nThe 462 signed.\n", "txt",
     [(1, 3, ("drift", "letter-2022"))]),
    ("# checker: ignore\nThe 462 signed.\n", "txt", [(1, 2, ())]),
    ("checker: ignore-file[years_ago]\nSeventy years ago, in 1914.\n", "txt",
     [(1, 0, ("years_ago",))]),
    # ordinary prose never suppresses: the bare token must end its line in plain text
    ("Tell the checker: ignore it, they said.\n", "txt", []),
    ("the fact-checker: ignore[x] nothing\n", "txt", []),
    ("checker: ignored\n", "txt", []),
    ("The 462 signed. <!-- checker: ignore[drift] -->\n", "md", [(1, 1, ("drift",))]),
    ("<!-- checker: ignore[drift] -->\n\n\nThe 462 signed.\n", "md", [(1, 4, ("drift",))]),
    ("<!--\n  checker: ignore[drift]\n-->\nThe 462 signed.\n", "md", [(2, 4, ("drift",))]),
    # Markdown reads directives only inside comments
    ("The 462 signed. checker: ignore[drift]\n", "md", []),
    ("<!-- checker: ignore-file -->\n# Title\n", "md", [(1, 0, ())]),
]


@pytest.mark.parametrize(("text", "fmt", "expected"), DIRECTIVES)
def test_directive_forms(text: str, fmt: str, expected: list) -> None:
    visible = strip_markdown(text) if fmt == "md" else text
    found = find_directives(text, visible, fmt)
    assert [(d.line, d.covers, d.ids) for d in found] == expected


def test_malformed_directive_warns_and_is_ignored() -> None:
    warnings: list[str] = []
    text = "The 462 signed. # checker: ignore[drift rule]\n"
    assert find_directives(text, text, "txt", "a.txt", warnings.append) == []
    assert warnings and warnings[0].startswith("a.txt:1: malformed suppression")


def _read(tmp_path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    fmt = {"txt": "txt", "md": "md", "html": "html"}[name.rsplit(".", 1)[1]]
    docs = list(read_source(Source(str(path), name, fmt), ReadOptions(), lambda m: None))
    return docs[0]


def test_plain_text_directive_is_blanked_from_the_text(tmp_path) -> None:
    doc = _read(tmp_path, "a.txt", "The 462 signed.  # checker: ignore[letter-2022]\n")
    assert doc.suppressions == [(1, ("letter-2022",))]
    assert "2022" not in doc.text and len(doc.text) == 48


def test_markdown_directive_keeps_offsets(tmp_path) -> None:
    text = "Intro.\n\n<!-- checker: ignore[drift] -->\nThe 462 signed.\n"
    doc = _read(tmp_path, "a.md", text)
    assert doc.suppressions == [(4, ("drift",))]
    assert len(doc.text) == len(text)


def test_html_comments_cover_the_source_lines_of_their_paragraph() -> None:
    html = ("<html><body><p>The letter had 463 signatories.</p>\n"
            "<!-- checker: ignore[drift] --><p>The 462 asked\nfor action.</p>\n"
            "<p>Then 462 again. <!-- checker: ignore --></p>"
            "<!-- checker: ignore-file[weekday] --></body></html>")
    text, meta = read_html(html)
    lines = text.split("\n")
    assert lines[2] == "The 462 asked for action." and lines[4] == "Then 462 again."
    assert meta.suppressions == ((2, ("drift",), 3), (4, (), 4), (0, ("weekday",)))


def _claim(doc: str, line: int, text: str = "462") -> Claim:
    return Claim(doc=doc, start=line * 10, end=line * 10 + 3, line=line, column=1, text=text,
                 quote=text, kind="count", value=462)


def _finding(rule: str, check: str, *flagged: Claim) -> Finding:
    claims = [FindingClaim(c, "flagged") for c in flagged]
    claims.append(FindingClaim(_claim(flagged[0].doc, 1, "463"), "reference"))
    return Finding(rule=rule, check=check, severity="warning", message="m", claims=claims)


APPLY = [
    # (suppressions of a.md, finding, suppressed?)
    ([(3, ("drift",))], _finding("drift", "drift", _claim("a.md", 3)), True),
    ([(3, ())], _finding("drift", "drift", _claim("a.md", 3)), True),
    ([(3, ("letter",))], _finding("letter", "conflict", _claim("a.md", 3)), True),
    ([(3, ("conflict",))], _finding("letter", "conflict", _claim("a.md", 3)), True),
    ([(0, ("drift",))], _finding("drift", "drift", _claim("a.md", 9)), True),
    ([(3, ("weekday",))], _finding("drift", "drift", _claim("a.md", 3)), False),
    ([(4, ("drift",))], _finding("drift", "drift", _claim("a.md", 3)), False),
    # every flagged claim must be covered
    ([(3, ("drift",))], _finding("drift", "drift", _claim("a.md", 3), _claim("a.md", 5)),
     False),
    ([(3, ("drift",)), (5, ("drift",))],
     _finding("drift", "drift", _claim("a.md", 3), _claim("a.md", 5)), True),
]


@pytest.mark.parametrize(("entries", "finding", "suppressed"), APPLY)
def test_apply_suppressions(entries: list, finding: Finding, suppressed: bool) -> None:
    doc = Document(id="a.md", text="", suppressions=entries)
    kept, gone, unused = apply_suppressions([finding], [doc])
    assert (gone == [finding]) is suppressed
    assert (kept == [finding]) is not suppressed
    assert bool(unused) is not suppressed


def test_unused_directive_points_at_its_own_line(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Intro.\n\n<!-- checker: ignore[drift] -->\nThe 462 signed.\n")
    doc = Document(id="a.md", text="", path=str(path), format="md",
                   suppressions=[(4, ("drift",))])
    _, _, unused = apply_suppressions([], [doc])
    assert [u.message() for u in unused] == [
        f"{path}:3: unused suppression checker: ignore[drift]"
    ]


def test_unused_whole_file_directive_message() -> None:
    doc = Document(id="r.jsonl#7", text="", path="r.jsonl", format="jsonl",
                   suppressions=[(0, ())])
    _, _, unused = apply_suppressions([], [doc])
    assert unused[0].message() == "r.jsonl: unused suppression checker: ignore-file"


LETTER = (
    "date: 2022-02-01\n\n"
    "The open letter was signed by 463 former officials of the United Nations.\n\n"
    "Organisers said the 463 signatories came from forty countries.\n\n"
    "In the end, the 462 signatories asked the Secretary-General to act.{mark}\n"
)


@pytest.mark.parametrize(("mark", "exit_code"), [
    ("", 1),
    ("  # checker: ignore[drift]", 0),
    ("  # checker: ignore", 0),
    ("  # checker: ignore[weekday]", 1),
])
def test_scan_respects_directives(tmp_path, monkeypatch, mark: str, exit_code: int) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    (tmp_path / ".git").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(LETTER.format(mark=mark))
    (tmp_path / "c" / "b.md").write_text("<!-- checker: ignore[weekday] -->\nNothing.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["scan", "c", "--no-rules", "--no-cache",
                                      "--report-unused-suppressions"])
    assert result.exit_code == exit_code, result.output
    assert "c/b.md:1: unused suppression checker: ignore[weekday]" in result.stderr
