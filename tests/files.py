"""Helpers that write test input files (CSV, JSONL, XLSX) into a temp folder at test time.

Every fixture is generated here by code, so a test shows exactly what its input holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

HEADER = ("note", "created_at", "agent", "channel", "type", "tags", "ticket_id")


def sample_rows(count: int, start: int = 1) -> list[tuple[str, ...]]:
    """``count`` plausible rows matching :data:`HEADER`."""
    channels = ("Phone call", "live chat", "e-mail", "walk-in", "twitter")
    kinds = ("need", "feature request", "complaint", "churn", "praise")
    return [
        (
            f"Customer {i} asked about invoice exports to the accounting tool; promised a follow-up.",
            f"2025-03-{1 + i % 28:02d} 14:05",
            f"agent-{i % 7}",
            channels[i % len(channels)],
            kinds[i % len(kinds)],
            "billing; export",
            f"T-{i}",
        )
        for i in range(start, start + count)
    ]


def write_csv(
    path: Path,
    header: Sequence[str] | None,
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write a CSV with the csv module (so quoting is right) in the given encoding ("utf-8-sig", "utf-16"…)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_jsonl(path: Path, lines: Iterable[object]) -> Path:
    """Write JSONL: dicts and lists are dumped as JSON, strings are written as they are (for broken lines)."""
    out = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def write_xlsx(
    path: Path, header: Sequence[object] | None, rows: Iterable[Sequence[object]], extra_sheet: bool = False
) -> Path:
    """Write a one-sheet workbook with openpyxl (values as given: strings, numbers, datetimes, "=formulas")."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Notes"
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if extra_sheet:
        book.create_sheet("Other").append(["ignored"])
    book.save(path)
    return path


def write_big_csv(path: Path, target_bytes: int) -> int:
    """Write a CSV of about ``target_bytes`` in chunks (never holding it in memory); return the row count."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        while handle.tell() < target_bytes:
            batch = sample_rows(2000, start=rows + 1)
            writer.writerows(batch)
            rows += len(batch)
    return rows
