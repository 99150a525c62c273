"""Parquet exports of notes for bulk jobs (Ray Data reads them; results come back through the store).

DuckDB writes the files itself (``COPY … TO``), in parts of about ``file_mb`` so readers can split
the work by file. Every function takes an open connection from :class:`~insight.store.db.Store`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

_ROW_GROUP = 20_000


def _copy(con: duckdb.DuckDBPyConnection, query: str, params: list, folder: Path, file_mb: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = int(con.execute(f"SELECT count(*) FROM ({query})", params).fetchall()[0][0])
    if count:
        target = str(folder).replace("'", "''")
        con.execute(
            f"COPY ({query}) TO '{target}' "
            f"(FORMAT parquet, FILE_SIZE_BYTES '{int(file_mb)}MB', ROW_GROUP_SIZE {_ROW_GROUP}, OVERWRITE_OR_IGNORE)",
            params,
        )
    return count


def export_texts_without_vectors(con: duckdb.DuckDBPyConnection, model_id: str, folder: Path, file_mb: int = 16) -> int:
    """Write (note_id, text) of notes without a ``model_id`` vector to Parquet files in ``folder``; return how many."""
    query = (
        "SELECT n.id AS note_id, n.text FROM notes n "
        "LEFT JOIN note_embeddings e ON e.note_id = n.id AND e.model_id = ? WHERE e.note_id IS NULL ORDER BY n.id"
    )
    return _copy(con, query, [model_id], folder, file_mb)


def export_vectors(con: duckdb.DuckDBPyConnection, model_id: str, folder: Path, file_mb: int = 64) -> int:
    """Write (note_id, vector) of every ``model_id`` vector to Parquet files in ``folder``; return how many."""
    query = "SELECT note_id, vector FROM note_embeddings WHERE model_id = ? ORDER BY note_id"
    return _copy(con, query, [model_id], folder, file_mb)
