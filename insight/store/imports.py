"""SQL for the import ledger: one row per import, and the link from each stored note to its import.

Every function takes an open connection from :class:`~insight.store.db.Store`; the ingest service
decides when to call them (``ingest/ledger.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import pyarrow as pa

from insight.privacy import require_clean
from insight.records import ImportRecord

_COLUMNS = (
    "import_id, kind, name, file_hash, source, status, rows_read, imported, duplicates, rejected, message, "
    "started_at, finished_at, undone_at, pid, host"
)


def _record(row: tuple) -> ImportRecord:
    return ImportRecord(*row)


def create_import(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    name: str,
    file_hash: str | None,
    source: str | None,
    started_at: datetime,
    pid: int | None,
    host: str | None,
) -> int:
    """Add a ``running`` ledger row; return its id (``name`` and ``source`` must have passed the redaction gate)."""
    require_clean("import name", name)
    require_clean("import source", source)
    row = con.execute(
        "INSERT INTO imports (import_id, kind, name, file_hash, source, status, started_at, pid, host) "
        "VALUES (nextval('import_id_seq'), ?, ?, ?, ?, 'running', ?, ?, ?) RETURNING import_id",
        [kind, name, file_hash, source, started_at, pid, host],
    ).fetchall()
    return int(row[0][0])


def get_import(con: duckdb.DuckDBPyConnection, import_id: int) -> ImportRecord | None:
    """One ledger row, or ``None``."""
    rows = con.execute(f"SELECT {_COLUMNS} FROM imports WHERE import_id = ?", [import_id]).fetchall()
    return _record(rows[0]) if rows else None


def list_imports(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[ImportRecord]:
    """The latest imports, newest first."""
    rows = con.execute(f"SELECT {_COLUMNS} FROM imports ORDER BY import_id DESC LIMIT ?", [limit]).fetchall()
    return [_record(r) for r in rows]


def unfinished_imports(
    con: duckdb.DuckDBPyConnection, kind: str, file_hash: str, source: str | None
) -> list[ImportRecord]:
    """Imports of the same file (same bytes, same ``--source``) that never completed, newest first."""
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM imports WHERE kind = ? AND file_hash = ? AND source IS NOT DISTINCT FROM ? "
        "AND status IN ('running', 'failed') ORDER BY import_id DESC",
        [kind, file_hash, source],
    ).fetchall()
    return [_record(r) for r in rows]


def restart_import(con: duckdb.DuckDBPyConnection, import_id: int, pid: int | None, host: str | None) -> None:
    """Mark an unfinished import as running again, in this process (a re-run resumes it)."""
    con.execute(
        "UPDATE imports SET status = 'running', message = NULL, finished_at = NULL, pid = ?, host = ? "
        "WHERE import_id = ?",
        [pid, host, import_id],
    )


def link_notes(con: duckdb.DuckDBPyConnection, import_id: int, note_ids: Sequence[int]) -> None:
    """Record that ``note_ids`` were stored by ``import_id`` (same transaction as the notes)."""
    if not note_ids:
        return
    if len(note_ids) <= 4:
        for note_id in note_ids:
            con.execute("INSERT INTO import_notes VALUES (?, ?)", [int(note_id), import_id])
        return
    table = pa.table(
        {
            "note_id": pa.array([int(i) for i in note_ids], pa.int64()),
            "import_id": pa.array([import_id] * len(note_ids), pa.int64()),
        }
    )
    con.register("_new_links", table)
    try:
        con.execute("INSERT INTO import_notes SELECT note_id, import_id FROM _new_links")
    finally:
        con.unregister("_new_links")


def count_linked_notes(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    """How many stored notes belong to an import."""
    return int(con.execute("SELECT count(*) FROM import_notes WHERE import_id = ?", [import_id]).fetchall()[0][0])


def finish_import(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    *,
    status: str,
    rows_read: int,
    duplicates: int,
    rejected: int,
    message: str | None,
    finished_at: datetime,
) -> None:
    """Close a ledger row; ``imported`` is counted from the notes actually linked to it (``message`` gated)."""
    require_clean("import message", message)
    con.execute(
        "UPDATE imports SET status = ?, rows_read = ?, duplicates = ?, rejected = ?, message = ?, finished_at = ?, "
        "imported = (SELECT count(*) FROM import_notes WHERE import_id = ?) WHERE import_id = ?",
        [status, rows_read, duplicates, rejected, message, finished_at, import_id, import_id],
    )


def delete_import_notes(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    """Delete an import's notes with their vectors and topic placements; return how many notes went."""
    ids = "SELECT note_id FROM import_notes WHERE import_id = ?"
    count = count_linked_notes(con, import_id)
    con.execute(f"DELETE FROM note_embeddings WHERE note_id IN ({ids})", [import_id])
    con.execute(f"DELETE FROM note_topics WHERE note_id IN ({ids})", [import_id])
    con.execute(f"DELETE FROM notes WHERE id IN ({ids})", [import_id])
    con.execute("DELETE FROM import_notes WHERE import_id = ?", [import_id])
    return count


def mark_undone(con: duckdb.DuckDBPyConnection, import_id: int, when: datetime) -> None:
    """Record that an import was undone (its row stays, for the record)."""
    con.execute(
        "UPDATE imports SET status = 'undone', imported = 0, undone_at = ? WHERE import_id = ?", [when, import_id]
    )
