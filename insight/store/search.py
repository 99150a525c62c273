"""SQL for semantic search, "similar notes this week", an agent's own notes and the topic map.

Vectors are unit length, so cosine similarity is a dot product. :func:`nearest_notes` scans them in
SQL; the search service uses :mod:`insight.vector_index`, which
keeps them in RAM and reads only what changed (:func:`vector_stats`, :func:`vectors_after`).
Results are read with ``fetchall`` even for one row: DuckDB 2 refuses to
commit while a result is only partly fetched. Every function takes an open connection from :class:`insight.store.Store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np

from insight.store.notes import NOTE_COLUMNS

# How a topic is named for display: the PM-given name wins over the generated label.
_TOPIC_LABEL = "coalesce(p.name, t.label)"
_CURRENT_TOPICS = (
    "SELECT topic_id, label, keywords, size, centroid FROM topics "
    "WHERE run_id = (SELECT max(run_id) FROM topic_runs WHERE is_current)"
)
_FILTER_COLUMNS = ("product", "channel", "team", "kind")


def filter_clause(
    start: datetime | None,
    end: datetime | None,
    values: dict[str, Sequence[str]],
    alias: str = "n",
) -> tuple[str, list[Any]]:
    """A ``WHERE`` fragment (starting with ``AND``) and its parameters for the common note filters.

    ``values`` maps a column (product, channel, team, kind) to the accepted values; an empty
    sequence means "any". ``end`` is exclusive.
    """
    parts: list[str] = []
    params: list[Any] = []
    if start is not None:
        parts.append(f"{alias}.created_at >= ?")
        params.append(start)
    if end is not None:
        parts.append(f"{alias}.created_at < ?")
        params.append(end)
    for column, accepted in values.items():
        if column not in _FILTER_COLUMNS:
            raise ValueError(f"cannot filter on {column!r}")
        if accepted:
            parts.append(f"{alias}.{column} IN (SELECT unnest(?))")
            params.append(list(accepted))
    return "".join(f" AND {p}" for p in parts), params


def nearest_notes(
    con: duckdb.DuckDBPyConnection,
    vector: np.ndarray,
    model_id: str,
    *,
    limit: int,
    where: str = "",
    params: Sequence[Any] = (),
    min_score: float | None = None,
    exclude_ids: Sequence[int] = (),
) -> list[tuple]:
    """Notes closest to ``vector`` (best first) as rows of ``NOTE_COLUMNS`` + topic id, topic label, score.

    ``where``/``params`` come from :func:`filter_clause`.
    """
    dim = int(np.asarray(vector).shape[-1])
    sql = f"""
        WITH scored AS (
            SELECT e.note_id, list_dot_product(e.vector, ?::FLOAT[]) AS score
            FROM note_embeddings e JOIN notes n ON n.id = e.note_id
            WHERE e.model_id = ? AND len(e.vector) = ? {where}
              {"AND e.note_id NOT IN (SELECT unnest(?))" if exclude_ids else ""}
        ), top AS (
            SELECT * FROM scored {"WHERE score >= ?" if min_score is not None else ""}
            ORDER BY score DESC LIMIT ?
        )
        SELECT {", ".join("n." + c.strip() for c in NOTE_COLUMNS.split(","))},
               nt.topic_id, {_TOPIC_LABEL} AS topic_label, top.score
        FROM top JOIN notes n ON n.id = top.note_id
        LEFT JOIN note_topics nt ON nt.note_id = n.id
        LEFT JOIN ({_CURRENT_TOPICS}) t ON t.topic_id = nt.topic_id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        ORDER BY top.score DESC
    """
    args: list[Any] = [np.asarray(vector, dtype=np.float32).tolist(), model_id, dim, *params]
    if exclude_ids:
        args.append(list(exclude_ids))
    if min_score is not None:
        args.append(min_score)
    args.append(limit)
    return con.execute(sql, args).fetchall()


def vector_stats(con: duckdb.DuckDBPyConnection, model_id: str) -> tuple[int, int, int]:
    """(how many vectors, largest note id, sum of note ids) for one model — what an in-memory index checks."""
    row = con.execute(
        "SELECT count(*), coalesce(max(note_id), 0), coalesce(sum(note_id), 0) FROM note_embeddings "
        "WHERE model_id = ?",
        [model_id],
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def vectors_after(
    con: duckdb.DuckDBPyConnection, model_id: str, after_id: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """(note ids ascending, float32 vectors) of one model, only notes with id > ``after_id`` when given."""
    table = con.sql(
        "SELECT note_id, vector FROM note_embeddings WHERE model_id = ?"
        + (" AND note_id > ?" if after_id is not None else "")
        + " ORDER BY note_id",
        params=[model_id] + ([after_id] if after_id is not None else []),
    ).to_arrow_table()
    ids = table.column("note_id").to_numpy()
    if table.num_rows == 0:
        return ids.astype(np.int64), np.zeros((0, 0), dtype=np.float32)
    flat = np.asarray(table.column("vector").combine_chunks().flatten().to_numpy(), dtype=np.float32)
    return ids.astype(np.int64), flat.reshape(table.num_rows, -1)


def filtered_note_ids(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[Any]) -> np.ndarray:
    """Ascending ids of the notes a :func:`filter_clause` fragment keeps."""
    table = con.sql(f"SELECT n.id FROM notes n WHERE TRUE {where} ORDER BY n.id", params=list(params)).to_arrow_table()
    return table.column("id").to_numpy().astype(np.int64)


def notes_with_topics(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int]) -> list[tuple]:
    """Rows of ``NOTE_COLUMNS`` + topic id + topic label for the given notes, in the order given."""
    if not len(note_ids):
        return []
    rows = con.execute(
        f"""
        SELECT {", ".join("n." + c.strip() for c in NOTE_COLUMNS.split(","))},
               nt.topic_id, {_TOPIC_LABEL} AS topic_label
        FROM (SELECT * FROM notes WHERE id = ANY($ids)) n
        LEFT JOIN (SELECT * FROM note_topics WHERE note_id = ANY($ids)) nt ON nt.note_id = n.id
        LEFT JOIN ({_CURRENT_TOPICS}) t ON t.topic_id = nt.topic_id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        """,
        {"ids": [int(i) for i in note_ids]},
    ).fetchall()  # both big tables filtered to the asked notes first: no hash table over all placements
    by_id = {r[0]: r for r in rows}
    return [by_id[int(i)] for i in note_ids if int(i) in by_id]


def note_vector(con: duckdb.DuckDBPyConnection, note_id: int, model_id: str) -> np.ndarray | None:
    """The stored vector of one note for one model, or ``None``."""
    rows = con.execute(
        "SELECT vector FROM note_embeddings WHERE note_id = ? AND model_id = ?", [note_id, model_id]
    ).fetchall()
    return np.asarray(rows[0][0], dtype=np.float32) if rows else None


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


def notes_of_agent(con: duckdb.DuckDBPyConnection, agent_id: str, limit: int) -> list[tuple]:
    """An agent's notes, newest first: ``NOTE_COLUMNS`` + topic id, topic label, status, owner, status note."""
    return con.execute(
        f"""
        SELECT {", ".join("n." + c.strip() for c in NOTE_COLUMNS.split(","))},
               nt.topic_id, {_TOPIC_LABEL} AS topic_label, p.status, p.owner, p.status_note
        FROM notes n
        LEFT JOIN note_topics nt ON nt.note_id = n.id
        LEFT JOIN ({_CURRENT_TOPICS}) t ON t.topic_id = nt.topic_id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        WHERE n.agent_id = ?
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT ?
        """,
        [agent_id, limit],
    ).fetchall()


def distinct_values(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every stored value of product, channel, team and kind (sorted), for filter pickers."""
    out: dict[str, list[str]] = {}
    for column in _FILTER_COLUMNS:
        rows = con.execute(
            f"SELECT DISTINCT {column} FROM notes WHERE {column} IS NOT NULL ORDER BY {column}"
        ).fetchall()
        out[column] = [r[0] for r in rows]
    return out


def agents(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """(agent id, their most recent team) for every agent who logged a note."""
    return con.execute(
        "SELECT agent_id, arg_max(team, created_at) FROM notes WHERE agent_id IS NOT NULL "
        "GROUP BY agent_id ORDER BY agent_id"
    ).fetchall()


def date_span(con: duckdb.DuckDBPyConnection) -> tuple[datetime | None, datetime | None]:
    """The first and last ``created_at`` stored."""
    row = con.execute("SELECT min(created_at), max(created_at) FROM notes").fetchall()[0]
    return row[0], row[1]


def count_by_source(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """How many notes came from one source (e.g. ``demo``)."""
    return int(con.execute("SELECT count(*) FROM notes WHERE source = ?", [source]).fetchall()[0][0])


def current_topic_centroids(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, list[str], int, list[float]]]:
    """(topic id, display label, keywords, size, centroid) for the current run's real topics."""
    return con.execute(
        f"""
        SELECT t.topic_id, {_TOPIC_LABEL}, t.keywords, t.size, t.centroid
        FROM ({_CURRENT_TOPICS}) t LEFT JOIN topic_profiles p ON p.topic_id = t.topic_id
        WHERE t.topic_id >= 0 AND t.centroid IS NOT NULL AND p.merged_into IS NULL
        ORDER BY t.topic_id
        """
    ).fetchall()


def representative_note_ids(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[int]:
    """The current run's representative notes of a topic (as the topic fit chose them)."""
    rows = con.execute(
        "SELECT representative_note_ids FROM topics "
        "WHERE topic_id = ? AND run_id = (SELECT max(run_id) FROM topic_runs WHERE is_current)",
        [topic_id],
    ).fetchall()
    return [int(i) for i in (rows[0][0] or [])] if rows else []


def recent_topic_note_ids(con: duckdb.DuckDBPyConnection, topic_id: int, limit: int) -> list[int]:
    """The newest notes placed in a topic."""
    rows = con.execute(
        "SELECT n.id FROM notes n JOIN note_topics nt ON nt.note_id = n.id WHERE nt.topic_id = ? "
        "ORDER BY n.created_at DESC LIMIT ?",
        [topic_id, limit],
    ).fetchall()
    return [int(r[0]) for r in rows]


def record_topic_shape(
    con: duckdb.DuckDBPyConnection, run_id: int, topic_id: int, centroid: np.ndarray, representative_ids: Sequence[int]
) -> None:
    """Set a fixture topic's centroid and representative notes (fixtures and benchmarks; the engine writes its own)."""
    con.execute(
        "UPDATE topics SET centroid = ?, representative_note_ids = ? WHERE run_id = ? AND topic_id = ?",
        [np.asarray(centroid, dtype=np.float32).tolist(), [int(i) for i in representative_ids], run_id, topic_id],
    )


def topic_keywords(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[str]:
    """The current run's keywords of a topic (empty when the topic is not in the current run)."""
    rows = con.execute(
        "SELECT keywords FROM topics "
        "WHERE topic_id = ? AND run_id = (SELECT max(run_id) FROM topic_runs WHERE is_current)",
        [topic_id],
    ).fetchall()
    return list(rows[0][0] or []) if rows else []
