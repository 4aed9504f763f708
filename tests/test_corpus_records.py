"""Record files: .jsonl, .json, .csv -> one Document per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import UserError
from checker.read.sources import ReadOptions, read_corpus


def read(root: Path, name: str, content: str | bytes, **options):
    path = root / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    warnings: list[str] = []
    docs = list(read_corpus([str(root)], options=ReadOptions(**options), warn=warnings.append))
    return docs, warnings


def test_jsonl_of_id_and_text(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": "463 signatories.", "date": "2022-01-27", "title": "Call"},
        {"id": 7, "text": "462 signatories.", "url": "https://x.org/7"},
        {"text": "No id here."},
    ]
    content = "\n".join(json.dumps(x) for x in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n"
    docs, warnings = read(tmp_path, "feed.jsonl", content)
    assert warnings == []
    assert [d.id for d in docs] == ["feed.jsonl#a1", "feed.jsonl#7", "feed.jsonl#4"]
    assert [d.text for d in docs] == [x["text"] for x in lines]
    assert (docs[0].date, docs[0].date_source, docs[0].title) == ("2022-01-27", "record", "Call")
    assert docs[1].source == "https://x.org/7"
    assert {d.format for d in docs} == {"jsonl"}
    assert {d.path for d in docs} == {str(tmp_path / "feed.jsonl")}


def test_jsonl_broken_line_names_path_line_and_column(tmp_path: Path) -> None:
    content = '{"id": 1, "text": "ok"}\n{"id": 2, "text": "broken"\n'
    with pytest.raises(UserError) as err:
        read(tmp_path, "feed.jsonl", content)
    assert (err.value.path, err.value.line) == (str(tmp_path / "feed.jsonl"), 2)
    assert err.value.column is not None
    assert str(err.value).startswith(f"{tmp_path / 'feed.jsonl'}:2:")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 1, "body": "x"}', "no 'text' field"),
        ('{"id": 1, "txt": "x"}', "did you mean 'txt'"),
        ('{"id": 1, "text": null}', "empty"),
        ('{"id": 1, "text": 5}', "not a string"),
        ('["text"]', "expected an object"),
    ],
)
def test_jsonl_bad_record_is_a_user_error(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(UserError, match=message) as err:
        read(tmp_path, "feed.jsonl", '{"text": "fine"}\n' + line + "\n")
    assert err.value.line == 2


def test_jsonl_duplicate_ids_are_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="duplicate record id 'x'.*line 1") as err:
        read(tmp_path, "f.jsonl", '{"id": "x", "text": "a"}\n{"id": "x", "text": "b"}\n')
    assert err.value.line == 2


def test_jsonl_custom_fields_bad_date_warns_and_crlf(tmp_path: Path) -> None:
    content = '\ufeff{"key": "k", "body": "a\\r\\nb", "when": "someday"}\r\n'
    docs, warnings = read(tmp_path, "f.ndjson", content.encode("utf-8"),
                          id_field="key", text_field="body", date_field="when")
    assert [(d.id, d.text, d.date) for d in docs] == [("f.ndjson#k", "a\nb", None)]
    assert any("someday" in w for w in warnings)


def test_jsonl_oversized_record_is_skipped(tmp_path: Path) -> None:
    content = json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "small"}) + "\n"
    docs, warnings = read(tmp_path, "f.jsonl", content, max_bytes=100)
    assert [d.text for d in docs] == ["small"]
    assert "f.jsonl:1" in warnings[0]


def test_jsonl_in_utf16(tmp_path: Path) -> None:
    content = ("\ufeff" + json.dumps({"id": "a", "text": "£ é"}) + "\n").encode("utf-16-le")
    docs, _ = read(tmp_path, "f.jsonl", content)
    assert [(d.id, d.text) for d in docs] == [("f.jsonl#a", "£ é")]


@pytest.mark.parametrize(
    "payload",
    [
        [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}],
        {"documents": [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]},
        {"records": [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]},
        {"items": [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]},
    ],
)
def test_json_shapes(tmp_path: Path, payload) -> None:
    docs, _ = read(tmp_path, "d.json", json.dumps(payload))
    assert [(d.id, d.text) for d in docs] == [("d.json#a", "one"), ("d.json#b", "two")]


def test_json_single_object_and_index_ids(tmp_path: Path) -> None:
    docs, _ = read(tmp_path, "d.json", json.dumps({"text": "only", "date": "8 July 2025"}))
    assert [(d.id, d.text, d.date) for d in docs] == [("d.json#1", "only", "2025-07-08")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a",}', "not valid JSON"),
        ('{"other": 1}', "expected a list of records"),
        ('"just a string"', "expected a list of records"),
        ('[{"text": "a"}, {"body": "b"}]', "record 2 has no 'text'"),
    ],
)
def test_json_errors(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        read(tmp_path, "d.json", content)


def test_csv_with_header_and_multiline_cells(tmp_path: Path) -> None:
    content = 'id,date,text\nr1,26/11/2016,"Over 30,000\nprisoners."\n,,"No id, no date."\n'
    docs, warnings = read(tmp_path, "d.csv", content)
    assert warnings == []
    assert [(d.id, d.text, d.date) for d in docs] == [
        ("d.csv#r1", "Over 30,000\nprisoners.", "2016-11-26"),
        ("d.csv#2", "No id, no date.", None),
    ]


def test_csv_large_cell(tmp_path: Path) -> None:
    content = "id,text\n1," + "x" * 300_000 + "\n"
    docs, _ = read(tmp_path, "d.csv", content)
    assert len(docs[0].text) == 300_000


def test_csv_missing_text_column_suggests(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="did you mean 'Text'") as err:
        read(tmp_path, "d.csv", "id,Text\n1,a\n")
    assert err.value.line == 1


def test_csv_short_row_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="row 2") as err:
        read(tmp_path, "d.csv", 'id,text\n1,"a\nb"\n2\n')
    assert err.value.line == 4


def test_csv_cp1252(tmp_path: Path) -> None:
    docs, warnings = read(tmp_path, "d.csv", "id,text\n1,£300 café\n".encode("cp1252"))
    assert docs[0].text == "£300 café" and docs[0].encoding == "cp1252"
    assert "not valid UTF-8" in warnings[0]
