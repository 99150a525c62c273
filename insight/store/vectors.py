"""SQL for ``note_embeddings``: note vectors, each tagged with the id of the model that made it.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). Vectors are read as Arrow and returned as float32 matrices, one row per note id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa

from insight.store.sql import SMALL_BATCH, matrix, with_table

_SCAN_MEMORY_LIMIT = "512MB"  # DuckDB's own memory while a refit streams every vector out (see vectors_of)


def insert_embeddings(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> None:
    """Store vectors for notes, tagged with the model that made them (replacing older ones of that model)."""
    if len(note_ids) == 0:
        return
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(note_ids) <= SMALL_BATCH:
        for note_id, vector in zip(note_ids, vectors, strict=True):
            con.execute(
                "INSERT OR REPLACE INTO note_embeddings VALUES (?, ?, ?::FLOAT[])",
                [int(note_id), model_id, vector.tolist()],
            )
        return
    flat = pa.array(vectors.reshape(-1), pa.float32())
    lists = pa.ListArray.from_arrays(pa.array(np.arange(0, vectors.size + 1, vectors.shape[1]), pa.int32()), flat)
    table = pa.table(
        {
            "note_id": pa.array(list(note_ids), pa.int64()),
            "model_id": pa.array([model_id] * len(note_ids), pa.string()),
            "vector": lists,
        }
    )
    sql = "INSERT OR REPLACE INTO note_embeddings SELECT note_id, model_id, vector FROM _new_vectors"
    with_table(con, "_new_vectors", table, (sql, []))


def load_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, until: datetime | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """All (note ids, vectors) for one model, ordered by note id; optionally only notes created before ``until``."""
    sql = (
        "SELECT e.note_id, e.vector FROM note_embeddings e JOIN notes n ON n.id = e.note_id "
        "WHERE e.model_id = ?" + (" AND n.created_at < ?" if until else "") + " ORDER BY e.note_id"
    )
    table = con.sql(sql, params=[model_id] + ([until] if until else [])).to_arrow_table()
    return table.column("note_id").to_numpy(), matrix(table, "vector")


def vectors_after(con: duckdb.DuckDBPyConnection, model_id: str, after_id: int | None) -> tuple[np.ndarray, np.ndarray]:
    """(note ids ascending, vectors) of one model, only notes with id > ``after_id`` when given."""
    table = con.sql(
        "SELECT note_id, vector FROM note_embeddings WHERE model_id = ?"
        + (" AND note_id > ?" if after_id is not None else "")
        + " ORDER BY note_id",
        params=[model_id] + ([after_id] if after_id is not None else []),
    ).to_arrow_table()
    return table.column("note_id").to_numpy().astype(np.int64), matrix(table, "vector")


def vectors_for(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], model_id: str
) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, vectors) for the given notes that have a vector from ``model_id``."""
    if not len(note_ids):
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    table = con.sql(
        "SELECT note_id, vector FROM note_embeddings WHERE model_id = ? AND note_id IN (SELECT unnest(?)) "
        "ORDER BY note_id",
        params=[model_id, [int(i) for i in note_ids]],
    ).to_arrow_table()
    return table.column("note_id").to_numpy(), matrix(table, "vector")


def note_vector(con: duckdb.DuckDBPyConnection, note_id: int, model_id: str) -> np.ndarray | None:
    """The stored vector of one note for one model, or ``None``."""
    rows = con.execute(
        "SELECT vector FROM note_embeddings WHERE note_id = ? AND model_id = ?", [note_id, model_id]
    ).fetchall()
    return np.asarray(rows[0][0], dtype=np.float32) if rows else None


def vectors_of(
    con: duckdb.DuckDBPyConnection, model_id: str, note_ids: np.ndarray, batch_rows: int = 65_536
) -> np.ndarray:
    """The ``model_id`` vectors of ``note_ids`` (ascending) as one float32 matrix, row i for note_ids[i].

    Streamed in Arrow batches straight into the matrix, unordered: an ``ORDER BY`` over a million vectors
    made DuckDB sort 1.5 GB and the Arrow result held another copy before NumPy got its own (7.99 GB peak
    for a 1M-note refit). A row whose note has no such vector stays zero: read ``note_ids`` in the same
    :meth:`~insight.store.Store.read` (e.g. :func:`insight.store.notes.note_weeks`) so there is none.
    """
    ids = np.asarray(note_ids, dtype=np.int64)
    matrix: np.ndarray | None = None
    # DuckDB keeps every block it scanned cached up to its memory limit (80 % of RAM by default): 1.2 GB
    # more at 1M notes. A scan needs little, so the limit is lowered for this read only.
    con.execute(f"SET memory_limit = '{_SCAN_MEMORY_LIMIT}'")
    try:
        reader = con.sql(
            "SELECT note_id, vector FROM note_embeddings WHERE model_id = ?", params=[model_id]
        ).to_arrow_reader(batch_rows)
        for batch in reader:
            if batch.num_rows == 0:
                continue
            batch_ids = batch.column(0).to_numpy().astype(np.int64, copy=False)
            flat = np.asarray(batch.column(1).flatten().to_numpy(zero_copy_only=False), dtype=np.float32)
            block = flat.reshape(batch.num_rows, -1)
            if matrix is None:
                matrix = np.zeros((len(ids), block.shape[1]), dtype=np.float32)
            pos = np.clip(np.searchsorted(ids, batch_ids), 0, max(len(ids) - 1, 0))
            known = ids[pos] == batch_ids if len(ids) else np.zeros(len(batch_ids), dtype=bool)
            matrix[pos[known]] = block[known]
    finally:
        con.execute("RESET memory_limit")
    return matrix if matrix is not None else np.zeros((len(ids), 0), dtype=np.float32)


def note_weeks(con: duckdb.DuckDBPyConnection, model_id: str) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, week numbers) of every note with a ``model_id`` vector, ordered by note id.

    A week number counts Monday-starting weeks since 1970 (larger is later), for stratified samples.
    """
    table = con.sql(
        "SELECT e.note_id, CAST(floor((epoch(date_trunc('week', n.created_at)) + 259200) / 604800) AS BIGINT) AS week "
        "FROM note_embeddings e JOIN notes n ON n.id = e.note_id WHERE e.model_id = ? ORDER BY e.note_id",
        params=[model_id],
    ).to_arrow_table()
    return table.column("note_id").to_numpy(), table.column("week").to_numpy()


def vector_stats(con: duckdb.DuckDBPyConnection, model_id: str) -> tuple[int, int, int]:
    """(how many vectors, largest note id, sum of note ids) for one model — what an in-memory index checks."""
    row = con.execute(
        "SELECT count(*), coalesce(max(note_id), 0), coalesce(sum(note_id), 0) FROM note_embeddings WHERE model_id = ?",
        [model_id],
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def notes_missing_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, limit: int = 10_000
) -> list[tuple[int, str]]:
    """(id, text) of notes that have no vector from ``model_id`` yet (e.g. after changing the model)."""
    return con.execute(
        "SELECT n.id, n.text FROM notes n LEFT JOIN note_embeddings e ON e.note_id = n.id AND e.model_id = ? "
        "WHERE e.note_id IS NULL ORDER BY n.id LIMIT ?",
        [model_id, limit],
    ).fetchall()


def embedding_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many vectors each model (and backend) has stored."""
    rows = con.execute("SELECT model_id, count(*) FROM note_embeddings GROUP BY 1 ORDER BY 1").fetchall()
    return {str(m): int(n) for m, n in rows}


def delete_embeddings_except(con: duckdb.DuckDBPyConnection, model_id: str) -> int:
    """Delete every vector not made by ``model_id``; return how many were deleted."""
    n = int(con.execute("SELECT count(*) FROM note_embeddings WHERE model_id <> ?", [model_id]).fetchall()[0][0])
    con.execute("DELETE FROM note_embeddings WHERE model_id <> ?", [model_id])
    return n
