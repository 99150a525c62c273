"""XLSX within bounds: a workbook is a ZIP of XML, so its size on disk says little about its size unpacked.

Before openpyxl reads anything, the ZIP's central directory is checked: the parts may not expand to
more than ``ReadLimits.max_expanded_bytes`` in total. Python's ``zipfile`` never returns more bytes
for a part than the directory declares (a part that lies fails its CRC check), so this bounds what
can be unpacked whatever the compressed data holds. The XML is parsed by openpyxl through
``defusedxml`` (entity declarations — "billion laughs" — are refused), streamed row by row in
read-only mode. XML that breaks part-way raises :class:`~insight.errors.UnreadableFile` naming
the row, and the import stores nothing.
"""

from __future__ import annotations

import itertools
import weakref
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.rowstream import (
    RawRow,
    ReadLimits,
    RowItem,
    RowStream,
    bad,
    empty_file,
    header_only,
    too_many_columns,
    too_many_rows,
    unique_names,
)
from insight.errors import InputError, UnreadableFile

DAMAGED_XML = "its XML is damaged"
MAX_PARTS = 10_000  # a workbook with more ZIP entries than this is not an export of notes


def _xml_error(exc: BaseException) -> str | None:
    """A plain description if ``exc`` comes from damaged or hostile XML, else ``None``."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:  # openpyxl re-raises XML errors as ValueError
        chain.append(current)
        current = current.__cause__ or current.__context__
    for error in chain:
        if isinstance(error, DefusedXmlException):
            return "its XML declares entities or a DTD, which workbooks never need (an XML bomb?)"
    for error in chain:
        if isinstance(error, (ParseError, SyntaxError)):
            return DAMAGED_XML
        if isinstance(error, (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile)):
            return "the workbook's compressed data is damaged"
    if "invalid XML" in str(exc):
        return DAMAGED_XML
    return None


def check_zip(path: Path, limits: ReadLimits) -> None:
    """Refuse a workbook whose parts would unpack beyond the limit (or that is not a ZIP at all)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _not_a_workbook(path) from exc
    expanded = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or expanded > limits.max_expanded_bytes:
        mb = limits.max_expanded_bytes / 1024 / 1024
        raise InputError(
            f"{path.name} would unpack to {expanded / 1024 / 1024:,.0f} MB ({len(infos):,} parts); at most "
            f"{mb:,.0f} MB is read — nothing imported. Export the notes as CSV, split the workbook, or raise "
            "EARSHOT_IMPORT_MAX_EXPANDED_MB if it is genuine.",
            title="Workbook too large when unpacked",
        )


def locate_damage(path: Path) -> int | None:
    """The data row at which the first sheet's XML breaks, or ``None`` if the sheet itself parses.

    openpyxl may trip over damaged sheet XML while opening the workbook (it scans for the sheet's
    size), before any row is read; this streams the sheet once more, counting rows, to say where.
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml.ElementTree import iterparse

    with zipfile.ZipFile(path) as archive:
        sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        if not sheets:
            return None
        rows = 0
        with archive.open(sheets[0]) as handle:
            try:
                for _event, element in iterparse(handle, events=("end",)):
                    if element.tag.endswith("}row") or element.tag == "row":
                        rows += 1
                    if element.tag.endswith("}c") or element.tag.endswith("}row"):
                        element.clear()
            except (ParseError, SyntaxError):
                return max(1, rows)  # sheet row rows + 1 is broken; the header is sheet row 1
            except Exception:
                return None
    return None


def _not_a_workbook(path: Path) -> InputError:
    return InputError(
        f"{path.name}: this does not look like an Excel workbook (.xlsx). Password-protected "
        "workbooks cannot be read either; save it again as .xlsx or export it as CSV.",
        title="Cannot read workbook",
    )


def open_xlsx(path: Path, limits: ReadLimits) -> RowStream:
    """Open the first sheet of a workbook for streaming, within ``limits``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(path, limits)
    try:
        # read_only streams the sheet XML; data_only=False keeps a formula as its text ("=A1*2"),
        # never its computed value: Earshot stores what was typed and evaluates nothing.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError, EOFError) as exc:
        what = _xml_error(exc)
        if what is None:
            raise _not_a_workbook(path) from exc
        row = locate_damage(path) if what == DAMAGED_XML else None
        if row is not None:
            raise UnreadableFile(
                f"{path.name}, row {row}: the sheet's XML is damaged — nothing imported. Open it in a spreadsheet, "
                "save it again as "
                ".xlsx (or export it as CSV) and retry.",
                row=row,
            ) from exc
        raise InputError(
            f"{path.name}: {what} — nothing imported. Open it in a spreadsheet, save it again as .xlsx and retry.",
            title="Cannot read workbook",
        ) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong sheet sizes; read until the data ends
        head = list(itertools.islice(_records(sheet), 2))
    except Exception as exc:
        book.close()
        what = _xml_error(exc) or f"it could not be read ({type(exc).__name__})"
        raise InputError(
            f"{path.name}: {what} — nothing imported. Open it in a spreadsheet, save it again as .xlsx and retry.",
            title="Cannot read workbook",
        ) from exc
    if not head:
        book.close()
        raise empty_file(path)
    if len(head) == 1:
        book.close()
        raise header_only(path)
    warnings = []
    if len(book.worksheets) > 1:
        warnings.append(f"{path.name} has {len(book.worksheets)} sheets; only the first, '{sheet.title}', was read.")
    header = list(head[0][1])
    while header and header[-1] in (None, ""):
        header.pop()
    if len(header) > limits.max_columns:
        book.close()
        raise too_many_columns(path, len(header), limits)
    columns = unique_names([("" if h is None else str(h)) for h in header])
    rows = _rows(path, sheet, columns, limits)
    weakref.finalize(rows, book.close)  # closes the zip even if ``rows`` is dropped unstarted
    return RowStream(path, "xlsx", columns, rows, warnings, _close=book.close)


def _blank(value: object) -> bool:
    return value is None or value == ""


def _records(sheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
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


def _rows(path: Path, sheet: Any, columns: list[str], limits: ReadLimits) -> Iterator[RowItem]:
    width = len(columns)
    number = 0
    records = _records(sheet)
    try:
        while True:
            try:
                number, values = next(records)
            except StopIteration:
                return
            except Exception as exc:
                what = _xml_error(exc) or f"the sheet could not be read ({type(exc).__name__})"
                what = "the sheet's XML is damaged" if what == DAMAGED_XML else what
                raise UnreadableFile(
                    f"{path.name}, row {number + 1}: {what} — nothing imported. Open it in a spreadsheet, save it "
                    "again as .xlsx (or export it as CSV) and retry.",
                    row=number + 1,
                ) from exc
            if number == 0:
                continue
            if number > limits.max_rows:
                raise too_many_rows(path, limits)
            extra_cells = [(i, v) for i, v in enumerate(values[width:], start=width + 1) if not _blank(v)]
            if width + len(extra_cells) > limits.max_columns:
                yield bad(number, f"row {number} has values in more than {limits.max_columns:,} columns")
                continue
            raw: RawRow = dict(zip(columns, values[:width], strict=False))
            for index, value in extra_cells:  # a value right of the header: keep it rather than drop it
                raw[f"column {index}"] = value
            yield number, raw
    finally:
        sheet.parent.close()
