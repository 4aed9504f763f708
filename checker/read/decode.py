r"""Bytes -> text: pick the encoding, refuse binary files, normalise line endings.

Line endings: "\r\n" and a lone "\r" become "\n" right after decoding. Every offset,
line and column the checker reports is into this decoded text, so a CRLF file and its
LF twin give the same claims at the same places.

Encodings, in order: a BOM (UTF-32, UTF-16, UTF-8; the BOM is removed), else strict
UTF-8, else byte-by-byte cp1252 for the bytes that are not UTF-8 (with a warning; the
five bytes cp1252 leaves undefined read as Latin-1), so one stray "£" does not garble a
file that is otherwise UTF-8.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

SNIFF_BYTES = 8192
# Share of control bytes (besides tab, newlines, form feed, escape) above which a file
# without a BOM is taken for binary.
MAX_CONTROL_SHARE = 0.05

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27}))


class BinaryContent(ValueError):
    """The bytes are not text (a binary file); the reader skips the file."""


def _cp1252_byte(err: UnicodeError) -> tuple[str, int]:
    """Decode the offending bytes one by one as cp1252 (Latin-1 where cp1252 has a hole)."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start : err.end]
    out = []
    for b in chunk:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out), err.end


codecs.register_error("checker-cp1252", _cp1252_byte)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (callers check BOMs first)."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > MAX_CONTROL_SHARE


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR -> LF (see module docstring)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str, warn: Callable[[str], None]) -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding name). Raise BinaryContent for binary."""
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            warn(f"{path}: broken {encoding} at byte {exc.start}; bad characters replaced")
            text = data.decode(encoding, errors="replace")
        if text.startswith("\ufeff"):  # the -le/-be codecs keep the BOM
            text = text[1:]
        return normalize_newlines(text), encoding
    if looks_binary(data):
        raise BinaryContent(f"{path}: looks like a binary file")
    return decode_text_bytes(data, path, warn)


def decode_text_bytes(data: bytes, path: str, warn: Callable[[str], None]) -> tuple[str, str]:
    """UTF-8, else cp1252 for the bytes that are not UTF-8 (warns); no BOM handling."""
    try:
        return normalize_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = data.decode("utf-8", errors="checker-cp1252")
    pure = data.decode("cp1252", errors="checker-cp1252")
    if mixed == pure:
        warn(f"{path}: not valid UTF-8; read as cp1252")
        return normalize_newlines(pure), "cp1252"
    warn(f"{path}: not valid UTF-8 in places; read those bytes as cp1252")
    return normalize_newlines(mixed), "utf-8+cp1252"
