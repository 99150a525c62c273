"""SQL for ``note_topics``: where each note sits now (fit, arrival, bulk placement or a PM merge).

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa

from insight.store.sql import SMALL_BATCH, with_table


def placements(con: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, topic ids) of every note's current placement, by note id."""
    table = con.sql("SELECT note_id, topic_id FROM note_topics ORDER BY note_id").to_arrow_table()
    return table.column("note_id").to_numpy(), table.column("topic_id").to_numpy()


def placed_since_fit(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """For each note of :func:`placements` (same order), whether it was placed on arrival or in bulk since the
    last fit (nearest centroid) rather than clustered by it."""
    table = con.sql(
        "SELECT assigned_by IN ('arrival', 'bulk') AS placed FROM note_topics ORDER BY note_id"
    ).to_arrow_table()
    return table.column("placed").to_numpy(zero_copy_only=False).astype(bool)


def unplaced_note_ids(con: duckdb.DuckDBPyConnection, run_id: int, model_id: str) -> list[int]:
    """Notes with a ``model_id`` vector that the given run has not placed (e.g. arrived during a refit)."""
    rows = con.execute(
        "SELECT e.note_id FROM note_embeddings e LEFT JOIN note_topics nt ON nt.note_id = e.note_id "
        "WHERE e.model_id = ? AND (nt.note_id IS NULL OR nt.run_id <> ?) ORDER BY e.note_id",
        [model_id, run_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def placed_counts(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Notes placed in each topic right now (fit, arrival and merges included)."""
    return {int(t): int(n) for t, n in con.execute("SELECT topic_id, count(*) FROM note_topics GROUP BY 1").fetchall()}


def topics_by_extra(con: duckdb.DuckDBPyConnection, key: str, source: str) -> list[tuple[str, int, int]]:
    """(value of the notes' ``extra[key]``, topic, notes) for one source's placed notes, most notes first.

    E.g. the demo's answer key (``demo_theme``): which topic holds each planted theme.
    """
    rows = con.execute(
        "SELECT json_extract_string(n.extra, '$.' || ?) AS value, nt.topic_id, count(*) AS notes "
        "FROM notes n JOIN note_topics nt ON nt.note_id = n.id "
        "WHERE n.source = ? AND value IS NOT NULL GROUP BY 1, 2 ORDER BY notes DESC, 1, 2",
        [key, source],
    ).fetchall()
    return [(str(v), int(t), int(n)) for v, t, n in rows]


def topic_notes_between(
    con: duckdb.DuckDBPyConnection, topic_id: int, start: datetime, end: datetime
) -> list[tuple[int, str | None]]:
    """(note id, agent id) of every note placed in one topic between ``start`` and ``end``."""
    rows = con.execute(
        "SELECT n.id, n.agent_id FROM notes n JOIN note_topics nt ON nt.note_id = n.id "
        "WHERE nt.topic_id = ? AND n.created_at >= ? AND n.created_at < ?",
        [topic_id, start, end],
    ).fetchall()
    return [(int(i), a) for i, a in rows]


def recent_topic_note_ids(con: duckdb.DuckDBPyConnection, topic_id: int, limit: int) -> list[int]:
    """The newest notes placed in a topic."""
    rows = con.execute(
        "SELECT n.id FROM notes n JOIN note_topics nt ON nt.note_id = n.id WHERE nt.topic_id = ? "
        "ORDER BY n.created_at DESC LIMIT ?",
        [topic_id, limit],
    ).fetchall()
    return [int(r[0]) for r in rows]


def place_notes(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    note_ids: Sequence[int],
    topic_ids: Sequence[int],
    scores: Sequence[float | None],
    assigned_by: str,
    replace_all: bool = False,
) -> None:
    """Record where notes sit now (replacing earlier placements of those notes, or all when ``replace_all``)."""
    if replace_all:
        con.execute("DELETE FROM note_topics")
    if len(note_ids) == 0:
        return
    if not replace_all and len(note_ids) <= SMALL_BATCH:  # skip the Arrow round trip
        for note_id, topic_id, score in zip(note_ids, topic_ids, scores, strict=True):
            con.execute(
                "INSERT OR REPLACE INTO note_topics (note_id, topic_id, run_id, score, assigned_by, assigned_at) "
                "VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC')",
                [int(note_id), int(topic_id), run_id, None if score is None else float(score), assigned_by],
            )
        return
    table = pa.table(
        {
            "note_id": pa.array(np.asarray(note_ids, dtype=np.int64)),
            "topic_id": pa.array(np.asarray(topic_ids, dtype=np.int64)),
            "score": pa.array(  # a numpy array stays zero-copy; a list may hold None (no score)
                scores.astype(np.float64) if isinstance(scores, np.ndarray) else list(scores), pa.float64()
            ),
        }
    )
    insert = (
        "INSERT INTO note_topics (note_id, topic_id, run_id, score, assigned_by) "
        "SELECT note_id, topic_id, ?, score, ? FROM _placed"
    )
    delete = ("DELETE FROM note_topics WHERE note_id IN (SELECT note_id FROM _placed)", [])
    with_table(con, "_placed", table, *([] if replace_all else [delete]), (insert, [run_id, assigned_by]))
