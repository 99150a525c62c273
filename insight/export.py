"""Exporting tables (notes with their topics, or any table the dashboard shows) as CSV, JSON or XLSX.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some treat a leading
tab or carriage return the same way) as a formula — CSV injection. pandas, openpyxl and XlsxWriter do
not guard against it, so every text cell written to CSV or XLSX goes through :func:`escape_formula`,
which prefixes such a cell with ``'``. JSON is data, not a spreadsheet, and is written unchanged.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO, TextIO

import pandas as pd

from insight.errors import EarshotError
from insight.files import escape_formula, write_report
from insight.store import Store
from insight.store import note_views as views_sql

FORMATS: tuple[str, ...] = ("csv", "json", "xlsx")
NOTE_EXPORT_COLUMNS: tuple[str, ...] = (
    "note_id", "created_at", "agent_id", "team", "channel", "product", "customer_segment", "kind", "source",
    "tags", "text", "topic_id", "topic_label",
)  # fmt: skip


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) passed through :func:`escape_formula`."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(escape_formula)
    out.columns = [escape_formula(str(c)) for c in out.columns]
    return out


def notes_export_frame(store: Store) -> pd.DataFrame:
    """One row per note: its external ``note_id``, ``created_at``, metadata, text, ``topic_id`` and
    ``topic_label`` (the PM name if set; ``Unclear`` for -1; empty before the first refit)."""
    with store.read() as con:
        df = views_sql.export_frame(con)
    df = df[list(NOTE_EXPORT_COLUMNS)]
    df["topic_id"] = df["topic_id"].astype("Int64")
    return df


def _format_for(target: str | Path | BinaryIO | TextIO, fmt: str | None) -> str:
    if fmt is None and isinstance(target, str | Path):
        fmt = Path(target).suffix.lstrip(".").lower() or "csv"
    fmt = (fmt or "csv").lower()
    if fmt not in FORMATS:
        raise EarshotError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.", title="Bad format")
    return fmt


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table encoded as CSV (UTF-8 with BOM, so Excel reads accents), JSON records or XLSX."""
    fmt = _format_for(io.BytesIO(), fmt)
    if fmt == "json":
        records = json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
        return (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    safe = escape_frame(df)
    if fmt == "csv":
        return safe.to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    ) as writer:
        safe.to_excel(writer, index=False, sheet_name="data")
    return buffer.getvalue()


def write_table(df: pd.DataFrame, target: str | Path | BinaryIO | TextIO, fmt: str | None = None) -> None:
    """Write a table to a path or an open buffer, formulas escaped (see the module docstring).

    Args:
        df: the table.
        target: a file path, a binary buffer, or a text buffer (CSV and JSON only).
        fmt: ``csv``, ``json`` or ``xlsx``; by default taken from the path's suffix, else CSV.
    """
    fmt = _format_for(target, fmt)
    data = table_bytes(df, fmt)
    if isinstance(target, str | Path):
        write_report(target, data, "the export")
    elif isinstance(target, io.TextIOBase):
        if fmt == "xlsx":
            raise EarshotError("XLSX is binary: give a file name (-o notes.xlsx).", title="Cannot write XLSX here")
        target.write(data.decode("utf-8-sig" if fmt == "csv" else "utf-8"))
    else:
        target.write(data)
