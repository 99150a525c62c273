"""Exports: spreadsheet formulas are escaped in CSV and XLSX, data is unchanged in JSON."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from insight.errors import EarshotError
from insight.export import escape_formula, table_bytes, write_table

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://evil","x")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["card delivery", "", "a=b", "1-2", 5, None, 2.5])
def test_other_values_are_unchanged(value):
    assert escape_formula(value) == value


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": ["n1", "n2"],
            "text": ["=cmd|' /C calc'!A0", "card has not arrived"],
            "topic_id": pd.array([3, None], dtype="Int64"),
            "created_at": pd.to_datetime(["2025-03-03 10:00", "2025-03-04 11:30"]),
        }
    )


def test_csv_escapes_formulas(tmp_path):
    path = tmp_path / "notes.csv"
    write_table(_frame(), path)
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.loc[0, "text"] == "'=cmd|' /C calc'!A0"
    assert back.loc[1, "text"] == "card has not arrived"


def test_xlsx_escapes_formulas_and_writes_no_formula_cells(tmp_path):
    path = tmp_path / "notes.xlsx"
    write_table(_frame(), path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("note_id", "text", "topic_id", "created_at")
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_json_keeps_the_data_as_is():
    records = json.loads(table_bytes(_frame(), "json"))
    assert records[0]["text"] == "=cmd|' /C calc'!A0"
    assert records[1]["topic_id"] is None


def test_writing_to_buffers_and_unknown_formats():
    binary = io.BytesIO()
    write_table(_frame(), binary, "xlsx")
    assert binary.getvalue()[:2] == b"PK"
    text = io.StringIO()
    write_table(_frame(), text, "csv")
    assert "'=cmd" in text.getvalue()
    with pytest.raises(EarshotError):
        write_table(_frame(), io.StringIO(), "xlsx")
    with pytest.raises(EarshotError):
        write_table(_frame(), io.BytesIO(), "pdf")


def test_a_signed_percentage_is_no_formula_but_a_signed_command_is():
    from insight.files import escape_formula

    assert [escape_formula(v) for v in ("+157%", "-12%", "-3.5")] == ["+157%", "-12%", "-3.5"]
    assert [escape_formula(v) for v in ("+cmd|x", "+1-2", "-", "+44 7700 900123")] == [
        "'+cmd|x",
        "'+1-2",
        "'-",
        "'+44 7700 900123",
    ]
