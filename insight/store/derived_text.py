"""SQL for re-checking text that other tables keep beside the notes (``python -m ingest rescrub``).

Each entry of :data:`TEXT_COLUMNS` names a table, its key columns and its free-text columns (plain, a list of
strings, or JSON whose string values are text). Only these fixed names are ever put into SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb

from insight.errors import StoreUsageError
from insight.privacy import require_clean

# table -> (key columns, {text column: "text" | "list" | "json"})
TEXT_COLUMNS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "topics": (("run_id", "topic_id"), {"summary": "text"}),
    "pockets": (("pocket_id",), {"label": "text", "keywords": "list"}),
    "trend_signals": (("week", "position"), {"payload": "json"}),
    "deliveries": (("id",), {"title": "text", "body": "text"}),
    "imports": (("import_id",), {"name": "text", "source": "text", "message": "text"}),
}


def _existing(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> list[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()
    have = {r[0] for r in rows}
    return [c for c in columns if c in have]


def text_rows(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[tuple]]:
    """(text columns present, rows of key values + those columns) of one table of :data:`TEXT_COLUMNS`.

    A table or column an older database does not have yet is skipped.
    """
    keys, columns = TEXT_COLUMNS[table]
    present = _existing(con, table, list(columns))
    if not present or len(_existing(con, table, keys)) < len(keys):
        return [], []
    rows = con.execute(f"SELECT {', '.join((*keys, *present))} FROM {table}").fetchall()
    return present, [tuple(row) for row in rows]


def _strings(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def update_text_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Write new values of ``columns`` for rows ``(key values…, new values…)`` of one :data:`TEXT_COLUMNS` table.

    Raises:
        UnredactedTextError: a value (every string inside a list or JSON value) did not pass the redaction gate.
        StoreUsageError: an unknown table or column.
    """
    keys, known = TEXT_COLUMNS[table]
    if set(columns) - set(known):
        raise StoreUsageError(f"not re-checkable text columns of {table}: {sorted(set(columns) - set(known))}")
    for row in rows:
        for column, value in zip(columns, row[len(keys) :], strict=True):
            for text in (
                _strings(value) if known[column] == "json" else (value or []) if known[column] == "list" else [value]
            ):
                require_clean(f"{table}.{column}", text)
    casts = {"list": "?::VARCHAR[]", "json": "?::JSON", "text": "?"}
    sets = ", ".join(f"{c} = {casts[known[c]]}" for c in columns)
    where = " AND ".join(f"{k} = ?" for k in keys)
    for row in rows:
        values = [
            json.dumps(v) if known[c] == "json" and v is not None else (list(v) if known[c] == "list" and v else v)
            for c, v in zip(columns, row[len(keys) :], strict=True)
        ]
        con.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values, *row[: len(keys)]])
