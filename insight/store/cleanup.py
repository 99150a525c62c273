"""SQL for taking notes out again (the generated demo) and the database's own flags.

Every function takes an open connection from :class:`insight.store.Store`, inside a transaction.
"""

from __future__ import annotations

import duckdb

# Tables that hold a row per note, besides ``notes`` itself (import_notes: the import ledger's links).
_NOTE_TABLES: tuple[str, ...] = ("note_topics", "note_embeddings", "import_notes")


def delete_notes_from_source(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """Delete every note of one source, with its vectors and topic placement; return how many."""
    ids = "(SELECT id FROM notes WHERE source = ?)"
    count = int(con.execute("SELECT count(*) FROM notes WHERE source = ?", [source]).fetchall()[0][0])
    for table in _NOTE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE note_id IN {ids}", [source])
    con.execute("DELETE FROM notes WHERE source = ?", [source])
    # A ledger row of the generated demo (kind 'demo') no longer holds any note: record it as undone.
    con.execute(
        "UPDATE imports SET status = 'undone', imported = 0, undone_at = now() WHERE kind = ? AND status <> 'undone'",
        [source],
    )
    return count


def retire_current_run(con: duckdb.DuckDBPyConnection) -> None:
    """No run is current any more (its notes are gone); the runs stay in the history."""
    con.execute("UPDATE topic_runs SET is_current = FALSE WHERE is_current")


def set_flag(con: duckdb.DuckDBPyConnection, name: str, value: str) -> None:
    """Record a fact about this database (``app_flags``)."""
    con.execute(
        "INSERT INTO app_flags (name, value, updated_at) VALUES (?, ?, now()) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [name, value],
    )


def get_flag(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """A fact recorded with :func:`set_flag`, or ``None``."""
    rows = con.execute("SELECT value FROM app_flags WHERE name = ?", [name]).fetchall()
    return rows[0][0] if rows else None
