"""Builders for the bad-input corpus: damaged, hostile and unusual files, generated at test time.

Nothing here is committed as a big file: a 1.5 GiB-expanding workbook is written by streaming
compressed XML into a ZIP, so it costs a couple of MB on disk and a few seconds of CPU.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, rows: int, start: datetime | None = None) -> Path:
    """A plain valid workbook: header (text, created_at, agent) and ``rows`` notes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("notes")
    sheet.append(["text", "created_at", "agent"])
    start = start or datetime(2026, 10, 1)
    for i in range(rows):
        text = f"customer {i} asks when the replacement card will arrive"
        sheet.append([text, start + timedelta(hours=i), f"a{i % 5}"])
    book.save(path)
    return path


def _rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one part of a ZIP (the others copied as they are)."""
    source = zipfile.ZipFile(path)
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    source.close()
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)


def workbook_damaged_at(path: Path, rows: int, damaged_row: int) -> Path:
    """A workbook whose sheet XML breaks inside data row ``damaged_row`` (sheet row ``damaged_row + 1``)."""
    workbook(path, rows)
    marker = f'<row r="{damaged_row + 1}"'.encode()

    def damage(xml: bytes) -> bytes:
        at = xml.index(marker)
        return xml[:at] + b'<row r="x"><c><<</broken>' + xml[at:]

    _rewrite_part(path, SHEET, damage)
    return path


def workbook_entity_bomb(path: Path) -> Path:
    """A workbook whose sheet declares nested entities (billion laughs)."""
    workbook(path, 3)
    nested = (f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    entities = '<!ENTITY a0 "lol">' + "".join(nested)
    doctype = f"<!DOCTYPE worksheet [{entities}]>".encode()

    def bomb(xml: bytes) -> bytes:
        return doctype + xml.replace(b"customer 1 asks", b"&a9; customer 1 asks", 1)

    _rewrite_part(path, SHEET, bomb)
    return path


def workbook_malformed(path: Path) -> Path:
    """A workbook whose workbook.xml is not XML at all."""
    workbook(path, 3)
    _rewrite_part(path, "xl/workbook.xml", lambda xml: xml[: len(xml) // 2] + b"<<<not xml")
    return path


def workbook_expanding(path: Path, expanded_bytes: int) -> Path:
    """A small workbook whose sheet XML expands to ``expanded_bytes`` (streamed, never held in memory)."""
    template = workbook(path.with_suffix(".template.xlsx"), 1)
    source = zipfile.ZipFile(template)
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    source.close()
    template.unlink()
    # Rows without their optional r="…" attribute: one block repeated, so it compresses ~1000:1.
    block = b'<row><c t="inlineStr"><is><t>customer asks about the card again and again</t></is></c></row>' * 10_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != SHEET:
                out.writestr(name, data)
        with out.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><dimension ref="A1:A2"/><sheetData>'
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
            )
            written = 0
            while written < expanded_bytes:
                sheet.write(block)
                written += len(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def workbook_lying_sizes(path: Path, rows: int = 2000) -> Path:
    """A workbook whose ZIP directory understates the sheet's unpacked size (the data holds far more)."""
    workbook(path, rows)
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    # Local header: size at offset 22 from the signature; central directory entry: at offset 24.
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1000)
            start = at + 4
    path.write_bytes(bytes(data))
    return path


def csv_file(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def csv_unclosed_quote(path: Path) -> Path:
    """Row 2 opens a quote that never closes; rows 3–5 must be read as rows, not merged into row 2."""
    path.write_text(
        "text,agent\n"
        "first note about late cards,a1\n"
        '"second note never closes its quote,a2\n'
        "third note about the app crashing,a3\n"
        "fourth note about refunds,a4\n"
        'fifth note with "quoted words" inside,a5\n',
        encoding="utf-8",
    )
    return path


def csv_ragged_and_nul(path: Path) -> Path:
    """Rows 2 and 3 are ragged (one cell short, one too many), row 4 holds a NUL; rows 1 and 5 are fine."""
    lines = [
        "text,agent,channel",
        "customer wants paperless bills,a1,phone",
        "customer asks for a callback,a2",
        "customer reports a crash,a3,chat,extra,cells",
        "customer has a NUL\x00 in the note,a4,email",
        "customer praises the new app,a5,chat",
    ]
    filler = [f"an ordinary note about delivery number {i},a{i},phone" for i in range(6, 30)]
    path.write_bytes(("\n".join(lines + filler) + "\n").encode("utf-8"))
    return path


def jsonl_with_huge_row(path: Path, rows: int, huge_row: int, huge_bytes: int) -> Path:
    """JSONL notes; line ``huge_row`` carries an attribute of ``huge_bytes`` characters."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(1, rows + 1):
            text = f"note {i}: customer asks about an invoice copy"
            record = {"id": f"j-{i}", "text": text, "created_at": "2026-10-05"}
            if i == huge_row:
                record["attachment"] = "A" * huge_bytes
            f.write(json.dumps(record) + "\n")
    return path


def dated_csv(path: Path, dates: list[str]) -> Path:
    rows = [[f"note {i} about card delivery delays", d, f"a{i % 4}"] for i, d in enumerate(dates)]
    return csv_file(path, ["text", "date", "agent"], rows)


def big_csv(path: Path, megabytes: int) -> int:
    """A CSV of about ``megabytes`` MB, written in chunks; returns its rows."""
    line = "customer asks about the replacement card and the delivery times again,agent-{0},2026-10-0{1}\n"
    rows = 0
    with path.open("w", encoding="utf-8") as f:
        f.write("text,agent,date\n")
        buffer = io.StringIO()
        while f.tell() < megabytes * 1_000_000:
            for _ in range(10_000):
                buffer.write(line.format(rows % 50, 1 + rows % 9))
                rows += 1
            f.write(buffer.getvalue())
            buffer = io.StringIO()
    return rows
