"""Markdown stripping (same geometry), HTML visible text, metadata dates."""

from __future__ import annotations

import pytest

from checker.read.html import read_html
from checker.read.markdown import hide_comments, read_markdown, strip_markdown
from checker.read.meta import date_at, normalize_date


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("# Heading 463 #", "Heading 463"),
        ("### Deep", "Deep"),
        ("**over 30,000** prisoners", "over 30,000 prisoners"),
        ("__bold__ and _it_ and *it*", "bold and it and it"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4 stays", "2 * 3 * 4 stays"),
        ("[the letter](https://x.org/a_b) of 463", "the letter of 463"),
        ("[the letter][ref] of 463", "the letter of 463"),
        ("![a photo of 400 men](img.png) text", "text"),
        ("see <https://x.org>", "see https://x.org"),
        ("> quoted 70 years ago", "quoted 70 years ago"),
        ("- item 8,000", "item 8,000"),
        ("1. first item", "first item"),
        ("Text <!-- checker: ignore[x] --> more", "Text more"),
        ("Text `code 462` more", "Text more"),
        ("a &amp; b &nbsp;c", "a & b c"),
        ("\\*not emphasis\\*", "*not emphasis *"),  # escapes blank in place
        ("~~462~~ 463", "462 463"),
        ("| a | 463 |\n|---|:---:|\n| b | 462 |", "a 463 b 462"),
        ("Text<br/>more <span class='x'>inline</span>", "Text more inline"),
        ("***", ""),
        ("Title\n=====", "Title"),
    ],
)
def test_strip_markdown(markdown: str, words: str) -> None:
    stripped = strip_markdown(markdown)
    assert stripped.split() == words.split()
    assert len(stripped) == len(markdown)
    assert [i for i, c in enumerate(stripped) if c == "\n"] == [
        i for i, c in enumerate(markdown) if c == "\n"
    ]


def test_code_fences_are_dropped_and_lines_kept() -> None:
    markdown = "Before 1.\n```python\nx = 462\n```\nAfter 2.\n~~~\nunclosed 5"
    stripped = strip_markdown(markdown)
    assert stripped.split("\n")[0] == "Before 1."
    assert stripped.split("\n")[4] == "After 2."
    assert "462" not in stripped and "unclosed" not in stripped and "python" not in stripped
    assert stripped.count("\n") == markdown.count("\n")


def test_hide_comments_keeps_geometry() -> None:
    text = "a <!-- checker:\nignore[x] --> b"
    hidden = hide_comments(text)
    assert hidden.split() == ["a", "b"] and len(hidden) == len(text) and "\n" in hidden


def test_front_matter_is_blanked_and_read() -> None:
    text = "---\ntitle: T\ndate: 26/11/2016\nlink: https://x.org\n---\nBody 70 years ago.\n"
    stripped, meta = read_markdown(text, "a.md", print)
    assert stripped.split("\n")[5] == "Body 70 years ago."
    assert (meta.title, meta.date, meta.source) == ("T", "26/11/2016", "https://x.org")


def test_horizontal_rule_at_start_is_not_front_matter_without_a_closing_line() -> None:
    stripped, meta = read_markdown("---\nJust text.\n", "a.md", print)
    assert stripped.split() == ["Just", "text."] and meta.date is None


def test_front_matter_that_is_not_a_mapping_is_ignored() -> None:
    stripped, meta = read_markdown("---\n- a\n- b\n---\nBody.", "a.md", print)
    assert meta.title is None and stripped.strip() == "Body."


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<div>one<br>two</div>", "one\n\ntwo"),
        ("<p>  lots   of\n\n  space  </p>", "lots of space"),
        ("<h1>T</h1>in<i>line</i> text", "T\n\ninline text"),
        ("<table><tr><td>a</td><td>463</td></tr><tr><td>b</td></tr></table>", "a 463\n\nb"),
        ("<p hidden>secret</p><p style='display: none'>gone</p><p>shown</p>", "shown"),
        ("<p>5 &lt; 6 &amp; 7</p>", "5 < 6 & 7"),
        ("<svg><text>99</text></svg><iframe>x</iframe>ok", "ok"),
        ("", ""),
    ],
)
def test_html_visible_text(page: str, text: str) -> None:
    assert read_html(page)[0] == text


def test_html_meta() -> None:
    page = """<html><head><meta name="date" content="26 November 2016">
    <meta property="og:url" content="https://x.org/a"><meta property="og:title" content="OG">
    </head><body>x</body></html>"""
    meta = read_html(page)[1]
    assert (meta.title, meta.date, meta.source) == ("OG", "26 November 2016", "https://x.org/a")


def test_deeply_nested_html_does_not_overflow() -> None:
    page = "<div>" * 5000 + "deep 463" + "</div>" * 5000
    assert read_html(page)[0] == "deep 463"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2016-11-26", "2016-11-26"),
        ("2016-11-26T10:00:00Z", "2016-11-26"),
        ("2016-11-26T10:00:00+01:00", "2016-11-26"),
        ("2016-11-26 10:00", "2016-11-26"),
        ("2016/11/26", "2016-11-26"),
        ("26 November 2016", "2016-11-26"),
        ("26th Nov. 2016", "2016-11-26"),
        ("November 26, 2016", "2016-11-26"),
        ("Saturday, November 26, 2016", "2016-11-26"),
        ("Sat, 26 Nov 2016 10:00:00 +0000", "2016-11-26"),
        ("26/11/2016", "2016-11-26"),
        ("05/07/2023", "2023-07-05"),  # day first
        ("11/26/2016", "2016-11-26"),  # can only be month first
        ("26.11.2016", "2016-11-26"),
        ("  2016-11-26  ", "2016-11-26"),
        ("2016", None),
        ("November 2016", None),
        ("31/02/2016", None),
        ("2016-11-26 and more words", None),
        ("Smarch 3, 2016", None),
        ("", None),
    ],
)
def test_normalize_date(value: str, iso: str | None) -> None:
    assert normalize_date(value) == iso


def test_date_at_reports_where_the_date_ends() -> None:
    assert date_at("x 2023-07-05 Their", 2) == ("2023-07-05", 12)
