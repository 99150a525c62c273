"""Streaming readers for note files: CSV (and TSV), JSONL and XLSX.

:func:`open_rows` checks the whole file up front — it exists, has a supported extension, is text (or
a workbook), has a header and at least one data row — and raises :class:`InputError` if not, so a
bad file never yields a single row. Rows are then read lazily: memory stays flat whatever the file
size (the csv module over a text stream, JSONL line by line, openpyxl in read-only mode).

A row that cannot be read (a JSONL line that is not a JSON object, a CSV record with more cells than
the header) is yielded in place of its dict as a :class:`~insight.records.Problem` with the row
number set, and reading goes on with the next row: ``isinstance(raw, Problem)`` tells them apart.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insight.errors import InputError
from insight.records import Problem

RawRow = dict[str, object]
RowItem = tuple[int, RawRow | Problem]

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


@dataclass
class RowStream:
    """An opened input, ready to stream.

    Attributes:
        path: the file.
        format: ``"csv"``, ``"jsonl"`` or ``"xlsx"``.
        columns: original column names in file order, made unique (a repeated name gets `` (2)``, a
            blank one ``column N``). For JSONL: the keys seen in the first 1,000 lines, in first-seen
            order; the list grows in place when a later line brings a new key.
        rows: ``(row_number, raw)`` pairs; ``raw`` maps column name to raw value (strings for CSV;
            JSON values for JSONL; cell values for XLSX), or is a ``Problem`` for a row that could not
            be read. Row numbers are 1-based data rows, header excluded (for JSONL: line numbers).
        warnings: whole-file remarks for the report, e.g. the file was read as Windows-1252.
    """

    path: Path
    format: str
    columns: list[str]
    rows: Iterator[RowItem]
    warnings: list[str] = field(default_factory=list)
    _close: Callable[[], None] | None = field(default=None, repr=False)

    def close(self) -> None:
        """Release the file early (it is released anyway once ``rows`` is exhausted or dropped)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()
        if self._close is not None:
            self._close()

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_rows(path: Path) -> RowStream:
    """Open a CSV/TSV, JSONL or XLSX file of notes for streaming.

    Args:
        path: the file; its extension picks the reader (.csv .tsv .txt, .jsonl .ndjson, .xlsx .xlsm).

    Returns:
        A :class:`RowStream`; iterate ``rows`` once.

    Raises:
        InputError: the file is missing, empty, binary, of an unsupported type, or has a header but no
            data rows.
    """
    path = Path(path)
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
        raise _empty(path)
    if fmt == "xlsx":
        return _open_xlsx(path)
    encoding, warnings = _detect_encoding(path, fmt)
    if fmt == "jsonl":
        return _open_jsonl(path, encoding, warnings)
    return _open_csv(path, encoding, warnings)


def _empty(path: Path) -> InputError:
    return InputError(f"{path.name} is empty. Export the notes again and check the file has rows.", title="Empty file")


def _header_only(path: Path) -> InputError:
    return InputError(
        f"{path.name} has a header row but no data rows. Add notes below the header and try again.",
        title="No data rows",
    )


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


def _bad(number: int, message: str) -> RowItem:
    """A row that could not be read, in place of its dict."""
    return number, Problem(number, None, message)


def _unique(names: list[str]) -> list[str]:
    """Make header names unique and non-blank, so every cell has a key of its own."""
    seen: dict[str, int] = {}
    out = []
    for index, raw in enumerate(names, start=1):
        name = str(raw).strip().lstrip("\ufeff") if raw is not None else ""
        name = name or f"column {index}"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name} ({count})")
    return out


# --- CSV -----------------------------------------------------------------------------------------


def _pick_delimiter(path: Path, encoding: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    with _open_text(path, encoding) as handle:
        sample = handle.read(64 * 1024)
    lines = [line for line in sample.splitlines() if line.strip()]
    header = lines[0] if lines else ""
    # Header names rarely hold a delimiter, so counting them in the header line beats sniffing the notes.
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","  # one column: the delimiter does not matter


def _csv_records(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(row_number, cells)``; the header (first non-blank record) is row 0.

    Empty lines are skipped but counted, so row numbers match what a spreadsheet shows. A record of
    empty cells (``,,``) is yielded: it becomes an "empty note" problem rather than vanishing.
    """
    with _open_text(path, encoding) as handle:
        number = -1
        for cells in csv.reader(handle, delimiter=delimiter):
            if number < 0 and not any(c.strip() for c in cells):
                continue
            number += 1
            if cells:
                yield number, cells


def _open_csv(path: Path, encoding: str, warnings: list[str]) -> RowStream:
    delimiter = _pick_delimiter(path, encoding)
    try:
        head = list(itertools.islice(_csv_records(path, encoding, delimiter), 2))
    except csv.Error as exc:
        raise InputError(
            f"{path.name} could not be read as CSV ({exc}). Check it opens in a spreadsheet and export it again.",
            title="Cannot read CSV",
        ) from exc
    if not head:
        raise _empty(path)
    if len(head) == 1:
        raise _header_only(path)
    columns = _unique(head[0][1])
    return RowStream(path, "csv", columns, _csv_rows(path, encoding, delimiter, columns), warnings)


def _csv_rows(path: Path, encoding: str, delimiter: str, columns: list[str]) -> Iterator[RowItem]:
    width = len(columns)
    number = 0
    try:
        for number, cells in _csv_records(path, encoding, delimiter):
            if number == 0:
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                hint = "a value that contains the delimiter must be in double quotes"
                yield _bad(number, f"row {number} has {len(cells)} cells but the header has {width}; {hint}")
                continue
            yield number, dict(zip(columns, cells, strict=False))
    except csv.Error as exc:
        # The csv module cannot resynchronise after this (typically a quote that never closes).
        hint = "rows after it were not read. Look for a missing closing double quote."
        yield _bad(number + 1, f"row {number + 1} could not be read ({exc}); {hint}")


# --- JSONL ---------------------------------------------------------------------------------------


def _parse_line(number: int, line: str) -> RowItem | None:
    if not line.strip():
        return None
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        # exc.msg never includes the line itself, which may hold personal data.
        return _bad(number, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return _bad(number, f"line {number} is nested too deeply to read")
    if not isinstance(value, dict):
        kind = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(type(value), "a number")
        return _bad(number, f'line {number} is {kind}, not a JSON object; write one object a line: {{"text": "…"}}')
    return number, {str(k): v for k, v in value.items()}


def _jsonl_items(path: Path, encoding: str) -> Iterator[RowItem]:
    with _open_text(path, encoding) as handle:
        # newline="" keeps "\r\n"; a line is one JSON document, so a stray CR is just whitespace.
        for number, line in enumerate(handle, start=1):
            item = _parse_line(number, line)
            if item is not None:
                yield item


def _open_jsonl(path: Path, encoding: str, warnings: list[str]) -> RowStream:
    columns: list[str] = []
    seen = 0
    any_object = False
    for number, raw in _jsonl_items(path, encoding):
        seen += 1
        if isinstance(raw, dict):
            any_object = True
            columns.extend(k for k in raw if k not in columns)
        if number >= JSONL_SCAN_LINES:
            break
    if seen == 0:
        raise _empty(path)
    if not any_object:
        raise InputError(
            f"{path.name}: none of the first {JSONL_SCAN_LINES:,} lines is a JSON object. Each line "
            'must be one object like {"text": "…", "created_at": "2025-03-04"}.',
            title="Not a JSONL file",
        )
    return RowStream(path, "jsonl", columns, _jsonl_rows(path, encoding, columns), warnings)


def _jsonl_rows(path: Path, encoding: str, columns: list[str]) -> Iterator[RowItem]:
    known = set(columns)
    for number, raw in _jsonl_items(path, encoding):
        if isinstance(raw, dict):
            for key in raw:
                if key not in known:  # a key first seen late: grow RowStream.columns in place
                    known.add(key)
                    columns.append(key)
        yield number, raw


# --- XLSX ----------------------------------------------------------------------------------------


def _open_xlsx(path: Path) -> RowStream:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheet XML; data_only=False keeps a formula as its text ("=A1*2"),
        # never its computed value: Earshot stores what was typed and evaluates nothing.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"{path.name}: this does not look like an Excel workbook (.xlsx). Password-protected "
            "workbooks cannot be read either; save it again as .xlsx or export it as CSV.",
            title="Cannot read workbook",
        ) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong sheet sizes; read until the data ends
        head = list(itertools.islice(_xlsx_records(sheet), 64))
    except Exception as exc:
        book.close()
        raise InputError(
            f"{path.name} could not be read ({type(exc).__name__}). Open it in a spreadsheet, save "
            "it again as .xlsx and retry.",
            title="Cannot read workbook",
        ) from exc
    if not head:
        book.close()
        raise _empty(path)
    if len(head) == 1:
        book.close()
        raise _header_only(path)
    warnings = []
    if len(book.worksheets) > 1:
        warnings.append(f"{path.name} has {len(book.worksheets)} sheets; only the first, '{sheet.title}', was read.")
    header = list(head[0][1])
    while header and header[-1] in (None, ""):
        header.pop()
    columns = _unique([("" if h is None else str(h)) for h in header])
    rows = _xlsx_rows(sheet, columns)
    weakref.finalize(rows, book.close)  # closes the zip even if ``rows`` is dropped unstarted
    return RowStream(path, "xlsx", columns, rows, warnings, _close=book.close)


def _blank(value: object) -> bool:
    return value is None or value == ""


def _xlsx_records(sheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Yield ``(row_number, values)``; the header (first non-blank row) is row 0.

    Rows with no value at all (often just formatted) are skipped but counted; a row with a
    whitespace-only cell is yielded, so a blank note is reported rather than dropped.
    """
    number = -1
    for values in sheet.iter_rows(values_only=True):
        if all(_blank(v) for v in values):
            if number >= 0:
                number += 1  # after the header: count it, yield nothing
            continue
        number += 1
        yield number, values


def _xlsx_rows(sheet: Any, columns: list[str]) -> Iterator[RowItem]:
    width = len(columns)
    try:
        for number, values in _xlsx_records(sheet):
            if number == 0:
                continue
            raw: RawRow = dict(zip(columns, values[:width], strict=False))
            for index, value in enumerate(values[width:], start=width + 1):
                if not _blank(value):  # a value right of the header: keep it rather than drop it
                    raw[f"column {index}"] = value
            yield number, raw
    finally:
        sheet.parent.close()
