"""Finding and reading a corpus: walking, globs, doc ids, formats, dates, bad files."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from checker.errors import UserError
from checker.read.sources import (
    ReadOptions,
    Source,
    compile_glob,
    find_sources,
    read_corpus,
    read_source,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(paths, **kw):
    warnings: list[str] = []
    docs = list(read_corpus([str(p) for p in paths], warn=warnings.append, **kw))
    return docs, warnings


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path, "b.txt", "The letter had 463 signatories.")
    write(tmp_path, "a.md", "# Title\n\nOver 30,000 prisoners.")
    write(tmp_path, "sub/c.html", "<p>Some 8,000 victims.</p>")
    write(tmp_path, "sub/deeper/d.txt", "Two men.")
    write(tmp_path, "drafts/e.txt", "Draft.")
    write(tmp_path, ".git/config.txt", "hidden folder")
    write(tmp_path, ".hidden.txt", "hidden file")
    write(tmp_path, "__pycache__/x.txt", "cache")
    write(tmp_path, "notes.bin", "unknown extension")
    write(tmp_path, "README", "no extension")
    return tmp_path


# ------------------------------------------------------------------ finding sources


def test_walk_is_recursive_sorted_and_skips_hidden_and_unknown(tree: Path) -> None:
    sources = find_sources([str(tree)])
    assert [s.doc_id for s in sources] == [
        "a.md", "b.txt", "drafts/e.txt", "sub/c.html", "sub/deeper/d.txt",
    ]
    assert [s.format for s in sources] == ["md", "txt", "txt", "html", "txt"]
    assert sources[3].path == os.path.join(str(tree), "sub", "c.html")


def test_order_is_the_same_every_time(tree: Path) -> None:
    assert find_sources([str(tree)]) == find_sources([str(tree) + os.sep])


def test_file_named_directly_uses_its_name_and_any_extension(tree: Path) -> None:
    sources = find_sources([str(tree / "notes.bin"), str(tree / "sub" / "c.html")])
    assert [(s.doc_id, s.format) for s in sources] == [("notes.bin", "txt"), ("c.html", "html")]


def test_hidden_file_named_directly_is_read(tree: Path) -> None:
    assert [s.doc_id for s in find_sources([str(tree / ".hidden.txt")])] == [".hidden.txt"]


def test_same_file_twice_is_read_once(tree: Path) -> None:
    sources = find_sources([str(tree), str(tree / "b.txt")])
    assert [s.doc_id for s in sources].count("b.txt") == 1


def test_two_files_with_one_id_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "x/a.txt", "one")
    write(tmp_path, "y/a.txt", "two")
    with pytest.raises(UserError, match="'a.txt'"):
        find_sources([str(tmp_path / "x"), str(tmp_path / "y")])


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        list(read_corpus([str(tmp_path / "nope")]))
    assert str(tmp_path / "nope") in str(err.value)


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (["*.md"], [], ["a.md"]),
        ([], ["drafts/**"], ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]),
        ([], ["drafts/"], ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]),
        ([], ["drafts"], ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]),
        (["sub/**"], ["**/d.txt"], ["sub/c.html"]),
        (["**/*.txt"], [], ["b.txt", "drafts/e.txt", "sub/deeper/d.txt"]),
        (["sub/*.html", "b.*"], [], ["b.txt", "sub/c.html"]),
        (["[ab].*"], [], ["a.md", "b.txt"]),
        (["[!a].*"], [], ["b.txt", "drafts/e.txt", "sub/c.html", "sub/deeper/d.txt"]),
        (["sub/*"], [], ["sub/c.html"]),  # * stays within a folder
    ],
)
def test_include_exclude(tree: Path, include, exclude, expected) -> None:
    assert [s.doc_id for s in find_sources([str(tree)], include, exclude)] == expected


@pytest.mark.parametrize(
    ("pattern", "doc_id", "matches"),
    [
        ("**", "a/b/c.txt", True),
        ("**/c.txt", "c.txt", True),
        ("a/**/c.txt", "a/c.txt", True),
        ("a/**/c.txt", "a/b/x/c.txt", True),
        ("a/*.txt", "a/b/c.txt", False),
        ("c.tx?", "a/c.txt", True),
        ("/a/*", "a/c.txt", True),
        ("c.txt", "a/c.txt.bak", False),
    ],
)
def test_compile_glob(pattern: str, doc_id: str, matches: bool) -> None:
    assert compile_glob(pattern)(doc_id) is matches


def test_folder_with_no_documents_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(UserError, match="no documents found"):
        list(read_corpus([str(tmp_path)]))


def test_folder_of_only_unreadable_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    with pytest.raises(UserError, match="no documents found"):
        read_all([tmp_path])


# --------------------------------------------------------------------- plain text


def test_plain_text_is_read_as_is(tree: Path) -> None:
    docs, warnings = read_all([tree / "b.txt"])
    assert warnings == []
    (doc,) = docs
    assert (doc.id, doc.text, doc.format, doc.encoding) == (
        "b.txt", "The letter had 463 signatories.", "txt", "utf-8"
    )
    assert doc.path == str(tree / "b.txt")
    assert doc.date is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date: 2023-07-05\nThe keynote.", "2023-07-05"),
        ("Date: 8 July 2025\n\nThe day.", "2025-07-08"),
        (" date 2023-07-05 Their focus? The 1988 massacre.", "2023-07-05"),
        ("DATE: November 26, 2016\nParis.", "2016-11-26"),
        ("date: 26/11/2016\nParis.", "2016-11-26"),
        ("\n\ndate: 2016-11-26T10:00:00Z\nParis.", "2016-11-26"),
        ("Date night was fun in 2016.", None),
        ("The date: 2023-07-05 is later.", None),  # not at the very start
        ("date 20230705x", None),
    ],
)
def test_date_header(tmp_path: Path, text: str, date: str | None) -> None:
    write(tmp_path, "a.txt", text)
    (doc,), warnings = read_all([tmp_path])
    assert doc.date == date
    assert doc.date_source == ("header" if date else None)
    assert len(doc.text) == len(text)  # offsets stay true to the file
    assert doc.text.split("\n")[-1] == text.split("\n")[-1]  # the body stays


def test_header_block_is_metadata_not_text(tmp_path: Path) -> None:
    text = ("Source: https://news.example.org/2019/03/04/flood-412-homes.html\n"
            "Title: Council counts 1,380 flooded homes\n"
            "date: 2019-03-04\n"
            "author: A. Reporter\n"
            "\n"
            "The council said 412 roads were shut.")
    write(tmp_path, "a.txt", text)
    (doc,), warnings = read_all([tmp_path])
    assert warnings == []
    assert (doc.date, doc.date_source) == ("2019-03-04", "header")
    assert doc.source == "https://news.example.org/2019/03/04/flood-412-homes.html"
    assert doc.title == "Council counts 1,380 flooded homes"
    assert len(doc.text) == len(text) and doc.text.count("\n") == text.count("\n")
    lines = doc.text.split("\n")
    assert lines[0].strip() == "" and lines[2].strip() == "" and lines[3].strip() == ""
    assert lines[1].strip() == "Council counts 1,380 flooded homes"  # a headline is text
    assert lines[1].index("Council") == text.split("\n")[1].index("Council")


def test_header_block_url_gives_no_claims(tmp_path: Path) -> None:
    from checker.extract import extract

    write(tmp_path, "a.txt", "url: https://example.org/2016/11/26/463-signatories\n"
                             "published: 2016-11-26\n\nThe 463 signatories wrote.")
    (doc,), _ = read_all([tmp_path])
    assert [c.text for c in extract(doc)] == ["463 signatories"]


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("date: 2010-07", "2010-07"),
        ("Date: July 2010", "2010-07"),
        ("date: 07/2010", "2010-07"),
        ("date: 2010", "2010"),
        ("date: unknown", None),
        ("Date: n/a", None),
        ("date:", None),
    ],
)
def test_header_dates_keep_their_precision(tmp_path: Path, header: str, date: str | None) -> None:
    write(tmp_path, "a.txt", f"title: A note\n{header}\n\nThe 12 towns.")
    (doc,), warnings = read_all([tmp_path])
    assert warnings == []
    assert doc.date == date
    assert doc.date_source == ("header" if date else None)


def test_no_header_block_when_the_first_line_is_text(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Update: 14 people were rescued.\nsource: the coastguard")
    (doc,), _ = read_all([tmp_path])
    assert doc.text.startswith("Update: 14 people") and doc.source is None


def test_a_month_document_date_dates_a_day_written_without_its_year(tmp_path: Path) -> None:
    from checker.extract import extract

    write(tmp_path, "a.txt", "date: 2010-07\n\nOn Tuesday, March 3 the 40 staff left.")
    (doc,), _ = read_all([tmp_path])
    (day,) = [c for c in extract(doc) if c.kind == "date"]
    assert day.value == "2010-03-03" and day.attrs["year_inferred"] is True


def test_unreadable_date_header_warns(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Date: sometime soon\nText.")
    (doc,), warnings = read_all([tmp_path])
    assert doc.date is None
    assert any("a.txt:1" in w and "date" in w for w in warnings)
    write(tmp_path, "a.txt", "title: T\nDate: sometime soon\n\nText.")
    (doc,), warnings = read_all([tmp_path])
    assert any("a.txt:2" in w and "sometime soon" in w for w in warnings)


def test_date_option_overrides_every_date(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "date: 2023-07-05\nText.")
    write(tmp_path, "b.txt", "Text.")
    docs, _ = read_all([tmp_path], options=ReadOptions(date="26 November 2016"))
    assert [(d.date, d.date_source) for d in docs] == [("2016-11-26", "option")] * 2


def test_bad_date_option_is_a_user_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Text.")
    with pytest.raises(UserError, match="date"):
        read_all([tmp_path], options=ReadOptions(date="someday"))


# ---------------------------------------------------------------- markdown and html


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    text = (
        "---\ntitle: The call\ndate: 2022-01-27\nurl: https://example.org/call\n---\n"
        "# The **463** signatories\n\nSee [the letter](https://example.org/l).\n"
    )
    write(tmp_path, "a.md", text)
    (doc,), warnings = read_all([tmp_path])
    assert warnings == []
    assert (doc.title, doc.date, doc.date_source, doc.source) == (
        "The call", "2022-01-27", "front_matter", "https://example.org/call"
    )
    assert len(doc.text) == len(text)
    lines = doc.text.split("\n")
    assert lines[:5] == [" " * len(x) for x in text.split("\n")[:5]]
    assert lines[5].split() == ["The", "463", "signatories"]
    assert lines[5].index("463") == text.split("\n")[5].index("463")  # same column
    assert lines[7].split() == ["See", "the", "letter", "."]


def test_markdown_without_front_matter_can_have_a_date_header(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Date: 8 July 2025\n\n*Thirty* years ago.")
    (doc,), _ = read_all([tmp_path])
    assert (doc.date, doc.date_source) == ("2025-07-08", "header")


def test_markdown_bad_front_matter_warns(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\nBody.")
    (doc,), warnings = read_all([tmp_path])
    assert doc.text.strip() == "Body."
    assert any("front matter" in w for w in warnings)


def test_markdown_unreadable_date_warns_and_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ndate: the other day\n---\nBody.")
    (doc,), warnings = read_all([tmp_path])
    assert doc.date is None
    assert any("the other day" in w for w in warnings)


def test_html_document(tmp_path: Path) -> None:
    page = """<!doctype html><html><head><title>The  call</title>
    <meta property="article:published_time" content="2016-11-26T09:30:00Z">
    <link rel="canonical" href="https://example.org/call">
    <style>p { color: red }</style></head>
    <body><nav>Home</nav><p>Over 30,000 political <b>prisoners</b> &amp; more.</p>
    <script>var n = 462;</script><noscript>Enable 99 scripts</noscript>
    <ul><li>One</li><li>Two</li></ul></body></html>"""
    write(tmp_path, "page.html", page)
    (doc,), _ = read_all([tmp_path])
    assert doc.text == "Home\n\nOver 30,000 political prisoners & more.\n\nOne\n\nTwo"
    assert (doc.title, doc.date, doc.date_source, doc.source) == (
        "The call", "2016-11-26", "meta", "https://example.org/call"
    )


def test_hostile_html_keeps_only_visible_text(tmp_path: Path) -> None:
    page = (
        '<p>Hello <script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">click</a> &lt;script&gt;literal&lt;/script&gt;</p>'
        "<!-- a comment --><template><p>template 5</p></template>"
    )
    write(tmp_path, "x.htm", page)
    (doc,), _ = read_all([tmp_path])
    assert "alert" not in doc.text and "onerror" not in doc.text
    assert "javascript" not in doc.text and "comment" not in doc.text
    assert "template" not in doc.text
    assert doc.text == "Hello click <script>literal</script>"


# ------------------------------------------------------------ skipped, warned files


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    write(tmp_path, "blob.txt", b"\x00\x01\x02binary\x00" * 100)
    docs, warnings = read_all([tmp_path])
    assert [d.id for d in docs] == ["a.txt"]
    assert any("blob.txt" in w and "binary" in w for w in warnings)


def test_empty_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    write(tmp_path, "empty.txt", "")
    docs, warnings = read_all([tmp_path])
    assert [d.id for d in docs] == ["a.txt"]
    assert any("empty.txt" in w and "empty file" in w for w in warnings)


def test_dangling_symlink_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    docs, warnings = read_all([tmp_path])
    assert [d.id for d in docs] == ["a.txt"]
    assert any("gone.txt" in w and "broken link" in w for w in warnings)


def test_folder_posing_as_a_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    warnings: list[str] = []
    docs = list(read_source(Source(str(tmp_path / "dir.txt"), "dir.txt", "txt"),
                            ReadOptions(), warnings.append))
    assert docs == [] and "folder" in warnings[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    locked = write(tmp_path, "locked.txt", "Secret.")
    locked.chmod(0)
    try:
        docs, warnings = read_all([tmp_path])
    finally:
        locked.chmod(0o644)
    assert [d.id for d in docs] == ["a.txt"]
    assert any("locked.txt" in w for w in warnings)


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path, "sub/a.txt", "Fine.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    docs, _ = read_all([tmp_path])
    assert [d.id for d in docs] == ["sub/a.txt"]


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    write(tmp_path, "big.txt", "x" * 2000)
    docs, warnings = read_all([tmp_path], options=ReadOptions(max_bytes=1000))
    assert [d.id for d in docs] == ["a.txt"]
    assert any("big.txt" in w and "2,000" in w and "1,000" in w for w in warnings)


def test_50_mb_single_line_file_reads(tmp_path: Path) -> None:
    line = "In 1988 over 30,000 political prisoners were killed. " * 1_000_000
    write(tmp_path, "huge.txt", line[: 50 * 1024 * 1024])
    (doc,), warnings = read_all([tmp_path])
    assert warnings == [] and len(doc.text) == 50 * 1024 * 1024


def test_a_file_that_arrives_in_pieces_is_read_whole() -> None:
    """One read may return less than asked (a pipe, a network disk): reading goes on to
    the size asked for or the end of the file, never past the size."""
    from checker.read.sources import _read_up_to

    r, w = os.pipe()

    def slow_writer() -> None:
        os.write(w, b"Some 40 boats ")
        time.sleep(0.05)
        os.write(w, b"left the harbour.")
        os.close(w)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        assert _read_up_to(r, 1000) == b"Some 40 boats left the harbour."
    finally:
        writer.join()
        os.close(r)
    r, w = os.pipe()
    os.write(w, b"0123456789")
    os.close(w)
    assert _read_up_to(r, 4) == b"0123"
    os.close(r)


# ------------------------------------------------------------------- the real seeds


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_articles_read() -> None:
    docs, warnings = read_all([SEEDS])
    assert warnings == []
    assert len(docs) == 5
    by_id = {d.id: d for d in docs}
    for doc in docs:
        raw = (SEEDS / doc.id).read_text(encoding="utf-8").replace("\r\n", "\n")
        assert doc.text == raw and doc.encoding == "utf-8"
    seed_003 = next(d for i, d in by_id.items() if i.startswith("003_"))
    assert (seed_003.date, seed_003.date_source) == ("2023-07-05", "header")
    assert "463" in next(d for i, d in by_id.items() if i.startswith("004_")).text
