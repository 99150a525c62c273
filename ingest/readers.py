"""Streaming readers for note files: CSV (and TSV), JSONL and XLSX.

:func:`open_rows` checks the file up front — it exists, has a supported extension, is text (or a
workbook within the unpacked-size limit), has a header and at least one data row — and raises
:class:`InputError` if not, so a bad file never yields a single row. Rows are then read lazily:
memory stays flat whatever the file size (strict CSV record by record, see :mod:`ingest.csv_reader`;
JSONL line by line with a length cap; openpyxl in read-only mode, see :mod:`ingest.xlsx_reader`).

A row that cannot be read (a JSONL line that is not a JSON object, a ragged CSV record, a line over
the length limit) is yielded in place of its dict as a :class:`~insight.records.Problem` with the
row number set, and reading goes on with the next row: ``isinstance(raw, Problem)`` tells them
apart. A file that breaks part-way raises :class:`~insight.errors.UnreadableFile`.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.csv_reader import open_csv
from ingest.rowstream import ReadLimits, RowItem, RowStream, bad, empty_file, too_many_rows
from ingest.xlsx_reader import open_xlsx
from insight.errors import InputError

__all__ = ["FORMATS", "ReadLimits", "RowStream", "open_rows"]

FORMATS: dict[str, str] = {
    **dict.fromkeys((".csv", ".tsv", ".txt"), "csv"),
    **dict.fromkeys((".jsonl", ".ndjson"), "jsonl"),
    **dict.fromkeys((".xlsx", ".xlsm"), "xlsx"),
}
SNIFF_BYTES = 4096
JSONL_SCAN_LINES = 1000  # lines read up front to learn a JSONL file's keys
_CHUNK = 256 * 1024

# Signatures of files people upload by mistake, so the error can say what the file really is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel workbook or another ZIP archive (save it as .xlsx, or export it as CSV)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook (save it as .xlsx or CSV)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3", "a SQLite database"),
)


def _cp1252_or_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); read those as Latin-1.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("earshot-latin1", _cp1252_or_latin1)


def open_rows(path: Path, limits: ReadLimits | None = None) -> RowStream:
    """Open a CSV/TSV, JSONL or XLSX file of notes for streaming.

    Args:
        path: the file; its extension picks the reader (.csv .tsv .txt, .jsonl .ndjson, .xlsx .xlsm).
        limits: size bounds (default: :class:`ReadLimits` defaults).

    Returns:
        A :class:`RowStream`; iterate ``rows`` once.

    Raises:
        InputError: the file is missing, empty, binary, of an unsupported type, too large, or has a
            header but no data rows.
    """
    path = Path(path)
    limits = limits or ReadLimits()
    if not path.is_file():
        raise InputError(
            f"{path} does not exist or is not a file. Check the path and try again.", title="File not found"
        )
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(
            f"{path.name}: files of type '{path.suffix or '(none)'}' cannot be imported. "
            f"Save it as CSV, JSONL or XLSX (accepted extensions: {known}).",
            title="Unsupported file type",
        )
    if path.stat().st_size == 0:
        raise empty_file(path)
    if fmt == "xlsx":
        return open_xlsx(path, limits)
    encoding, warnings = _detect_encoding(path, fmt)
    if fmt == "jsonl":
        return _open_jsonl(path, encoding, warnings, limits)
    return open_csv(path, encoding, _errors(encoding), warnings, limits)


# --- text files: encoding and binary detection ----------------------------------------------------


def _detect_encoding(path: Path, fmt: str) -> tuple[str, list[str]]:
    """Pick the codec for a text file, or raise if the file is not text. Reads the file once, in chunks."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _not_text(path, fmt, f" It looks like {what}.")
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(head) or "utf-8"
    warnings: list[str] = []
    if encoding == "utf-8" and not _whole_file_is_utf8(path):
        encoding = "cp1252"
        warnings.append(
            f"{path.name} is not UTF-8; it was read as Windows-1252 (Latin-1). Check accented "
            "characters in the imported notes, or save the file as UTF-8 next time."
        )
    sample = head.decode(encoding, errors=_errors(encoding))
    # Control characters other than tab/newline/CR/form feed (NUL included) are rare in text and
    # common in binary data: a few stray ones in a note are cleaned later, a lot means "not text".
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if odd > max(2, len(sample) // 20):
        raise _not_text(path, fmt, "")
    return encoding, warnings


def _errors(encoding: str) -> str:
    return "earshot-latin1" if encoding == "cp1252" else "replace"


def _not_text(path: Path, fmt: str, what: str) -> InputError:
    kind = "JSONL" if fmt == "jsonl" else "CSV"
    return InputError(
        f"{path.name}: this does not look like a {kind} text file.{what} "
        f"Export the notes as {kind} (plain text) and try again.",
        title="Not a text file",
    )


def _utf16_without_bom(head: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte: the odd ones for little-endian, even for big.
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even_nuls = head[0 : pairs * 2 : 2].count(0)
    odd_nuls = head[1 : pairs * 2 : 2].count(0)
    if odd_nuls > 0.9 * pairs and even_nuls < 0.1 * pairs:
        return "utf-16-le"
    if even_nuls > 0.9 * pairs and odd_nuls < 0.1 * pairs:
        return "utf-16-be"
    return None


def _whole_file_is_utf8(path: Path) -> bool:
    # One extra pass in 256 KB chunks: deciding the codec before the first row means a Latin-1 file is
    # never half-read as UTF-8, and memory stays flat.
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    return path.open("r", encoding=encoding, errors=_errors(encoding), newline="")


# --- JSONL ---------------------------------------------------------------------------------------


def _parse_line(number: int, line: str) -> RowItem | None:
    if not line.strip():
        return None
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        # exc.msg never includes the line itself, which may hold personal data.
        return bad(number, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return bad(number, f"line {number} is nested too deeply to read")
    if not isinstance(value, dict):
        kind = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(type(value), "a number")
        return bad(number, f'line {number} is {kind}, not a JSON object; write one object a line: {{"text": "…"}}')
    return number, {str(k): v for k, v in value.items()}


def _lines(handle: io.TextIOBase, max_chars: int) -> Iterator[str | None]:
    """Physical lines; one longer than ``max_chars`` is skipped to its end unread and comes back as ``None``."""
    while line := handle.readline(max_chars + 1):
        if len(line) > max_chars and not line.endswith(("\n", "\r")):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass
            yield None
        else:
            yield line


def _jsonl_items(path: Path, encoding: str, limits: ReadLimits) -> Iterator[RowItem]:
    with _open_text(path, encoding) as handle:
        # newline="" keeps "\r\n"; a line is one JSON document, so a stray CR is just whitespace.
        for number, line in enumerate(_lines(handle, limits.max_line_chars), start=1):
            if line is None:
                limit = limits.max_line_chars
                yield bad(number, f"line {number} is longer than {limit:,} characters; it was skipped unread")
                continue
            item = _parse_line(number, line)
            if item is None:
                continue
            raw = item[1]
            if isinstance(raw, dict) and len(raw) > limits.max_columns:
                yield bad(number, f"line {number} has {len(raw):,} keys; at most {limits.max_columns:,} are accepted")
                continue
            yield item


def _open_jsonl(path: Path, encoding: str, warnings: list[str], limits: ReadLimits) -> RowStream:
    columns: list[str] = []
    seen = 0
    any_object = False
    for number, raw in _jsonl_items(path, encoding, limits):
        seen += 1
        if isinstance(raw, dict):
            any_object = True
            columns.extend(k for k in raw if k not in columns)
        if number >= JSONL_SCAN_LINES:
            break
    if seen == 0:
        raise empty_file(path)
    if not any_object:
        raise InputError(
            f"{path.name}: none of the first {JSONL_SCAN_LINES:,} lines is a JSON object. Each line "
            'must be one object like {"text": "…", "created_at": "2025-03-04"}.',
            title="Not a JSONL file",
        )
    return RowStream(path, "jsonl", columns, _jsonl_rows(path, encoding, columns, limits), warnings)


def _jsonl_rows(path: Path, encoding: str, columns: list[str], limits: ReadLimits) -> Iterator[RowItem]:
    known = set(columns)
    for rows, (number, raw) in enumerate(_jsonl_items(path, encoding, limits), start=1):
        if rows > limits.max_rows:
            raise too_many_rows(path, limits)
        if isinstance(raw, dict):
            for key in raw:
                if key not in known:  # a key first seen late: grow RowStream.columns in place
                    known.add(key)
                    columns.append(key)
        yield number, raw
