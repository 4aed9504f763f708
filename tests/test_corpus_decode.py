"""Bytes -> text: BOMs, UTF-8, the cp1252 fallback, binary detection, line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.read.decode import BinaryContent, decode_bytes, looks_binary
from checker.read.sources import read_corpus

TEXT = "Café: £30,000 for 463 “signatories”.\nSecond line."


def decode(data: bytes) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    text, encoding = decode_bytes(data, "doc.txt", warnings.append)
    return text, encoding, warnings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_unicode_encodings_without_warnings(data: bytes, encoding: str) -> None:
    assert decode(data) == (TEXT, encoding, [])


def test_cp1252_falls_back_with_a_warning() -> None:
    text, encoding, warnings = decode(TEXT.encode("cp1252"))
    assert (text, encoding) == (TEXT, "cp1252")
    assert warnings == ["doc.txt: not valid UTF-8; read as cp1252"]


def test_latin1_bytes_cp1252_leaves_undefined_are_read_as_latin1() -> None:
    text, encoding, _ = decode(b"caf\xe9 \x81 \xa3")
    assert (text, encoding) == ("café \x81 £", "cp1252")


def test_stray_cp1252_byte_in_utf8_keeps_the_utf8() -> None:
    data = "Sonja’s “letter”".encode() + b" \xa3300"
    text, encoding, warnings = decode(data)
    assert text == "Sonja’s “letter” £300"
    assert encoding == "utf-8+cp1252" and "not valid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\r\nb", "a\n\nb"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
    ],
)
def test_line_endings_become_lf(data: bytes, text: str) -> None:
    assert decode(data)[0] == text


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"PK\x03\x04" + bytes(range(32)) * 20, True),
        (bytes([1, 2, 3, 4, 5, 6]) + b"mostly control", True),
        (b"plain text\twith tabs\fand a form feed\n", False),
        (b"", False),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_binary_raises_binary_content() -> None:
    with pytest.raises(BinaryContent):
        decode(b"\x00\x01\x02\x03")


def test_utf16_without_bom_counts_as_binary() -> None:
    with pytest.raises(BinaryContent):
        decode("plain".encode("utf-16-le"))


def test_broken_utf16_is_read_with_replacements_and_a_warning() -> None:
    text, _, warnings = decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8")
    assert text.startswith("ab") and "\ufffd" in text
    assert "broken utf-16-le" in warnings[0]


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("bom.txt", codecs.BOM_UTF8 + "date: 2016-11-26\n£ é".encode(), "utf-8-sig"),
        ("u16.txt", codecs.BOM_UTF16_LE + "date: 2016-11-26\n£ é".encode("utf-16-le"),
         "utf-16-le"),
        ("latin.txt", "date: 2016-11-26\n£ é".encode("cp1252"), "cp1252"),
    ],
)
def test_files_in_each_encoding_read_right(
    tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    (tmp_path / name).write_bytes(data)
    warnings: list[str] = []
    (doc,) = read_corpus([str(tmp_path)], warn=warnings.append)
    assert doc.text == " " * len("date: 2016-11-26") + "\n£ é"  # the header is metadata
    assert doc.encoding == encoding
    assert doc.date == "2016-11-26"  # the BOM does not hide the header
    if encoding == "cp1252":
        assert warnings == [f"{tmp_path / name}: not valid UTF-8; read as cp1252"]
    else:
        assert warnings == []
