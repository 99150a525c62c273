"""SQL that reads notes together with the topic they sit in now: search hits, an agent's notes, the export.

Vectors are unit length, so cosine similarity is a dot product. :func:`nearest_notes` scans them in SQL;
the search service uses :mod:`insight.vector_index`, which keeps them in RAM. Results are read with
``fetchall`` even for one row: DuckDB 2 refuses to commit while a result is only partly fetched. Every
function takes an open connection from :class:`~insight.store.db.Store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from insight.records import NoteFilters
from insight.store.notes import NOTE_COLUMNS
from insight.store.sql import CURRENT_RUN_ID, MERGE_TARGETS, display_label, note_filter

_NOTE_SELECT = ", ".join("n." + c.strip() for c in NOTE_COLUMNS.split(","))
# A note's current topic and its display label (the topic as the current run knows it).
_WITH_TOPIC = f"""
    LEFT JOIN note_topics nt ON nt.note_id = n.id
    LEFT JOIN (SELECT topic_id, label FROM topics WHERE run_id = {CURRENT_RUN_ID}) t ON t.topic_id = nt.topic_id
    LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id"""


def nearest_notes(
    con: duckdb.DuckDBPyConnection,
    vector: np.ndarray,
    model_id: str,
    *,
    limit: int,
    filters: NoteFilters | None = None,
    min_score: float | None = None,
    exclude_ids: Sequence[int] = (),
) -> list[tuple]:
    """Notes closest to ``vector`` (best first) as rows of ``NOTE_COLUMNS`` + topic id, topic label, score."""
    where, params = note_filter(filters)
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
        SELECT {_NOTE_SELECT}, nt.topic_id, {display_label()} AS topic_label, top.score
        FROM top JOIN notes n ON n.id = top.note_id {_WITH_TOPIC}
        ORDER BY top.score DESC
    """
    args: list[Any] = [np.asarray(vector, dtype=np.float32).tolist(), model_id, dim, *params]
    if exclude_ids:
        args.append(list(exclude_ids))
    if min_score is not None:
        args.append(min_score)
    args.append(limit)
    return con.execute(sql, args).fetchall()


def notes_with_topics(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int]) -> list[tuple]:
    """Rows of ``NOTE_COLUMNS`` + topic id + topic label for the given notes, in the order given."""
    if not len(note_ids):
        return []
    rows = con.execute(
        f"""
        SELECT {_NOTE_SELECT}, nt.topic_id, {display_label()} AS topic_label
        FROM (SELECT * FROM notes WHERE id = ANY($ids)) n
        LEFT JOIN (SELECT * FROM note_topics WHERE note_id = ANY($ids)) nt ON nt.note_id = n.id
        LEFT JOIN (SELECT topic_id, label FROM topics WHERE run_id = {CURRENT_RUN_ID}) t ON t.topic_id = nt.topic_id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        """,
        {"ids": [int(i) for i in note_ids]},
    ).fetchall()  # both big tables filtered to the asked notes first: no hash table over all placements
    by_id = {r[0]: r for r in rows}
    return [by_id[int(i)] for i in note_ids if int(i) in by_id]


def notes_of_agent(con: duckdb.DuckDBPyConnection, agent_id: str, limit: int) -> list[tuple]:
    """An agent's notes, newest first: ``NOTE_COLUMNS`` + topic id, topic label, status, owner, status note."""
    return con.execute(
        f"""
        SELECT {_NOTE_SELECT}, nt.topic_id, {display_label()} AS topic_label, p.status, p.owner, p.status_note
        FROM notes n {_WITH_TOPIC}
        WHERE n.agent_id = ?
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT ?
        """,
        [agent_id, limit],
    ).fetchall()


def export_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per note: external id, time, metadata, current topic id and display label.

    A note in a topic a PM merged away is shown under the topic it finally lives on (chains followed).
    """
    return con.execute(
        f"""
        WITH RECURSIVE {MERGE_TARGETS}
        SELECT n.external_id AS note_id, n.created_at, n.agent_id, n.team, n.channel, n.product,
               n.customer_segment, n.kind, n.source, array_to_string(n.tags, '; ') AS tags, n.text,
               coalesce(m.target, nt.topic_id) AS topic_id,
               CASE WHEN nt.topic_id = -1 THEN 'Unclear'
                    ELSE coalesce({display_label("pm", "tm")}, {display_label("p", "t")}) END AS topic_label
        FROM notes n
        LEFT JOIN note_topics nt ON nt.note_id = n.id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        LEFT JOIN topics t ON t.topic_id = nt.topic_id AND t.run_id = nt.run_id
        LEFT JOIN merge_map m ON m.topic_id = nt.topic_id
        LEFT JOIN topic_profiles pm ON pm.topic_id = m.target
        LEFT JOIN topics tm ON tm.topic_id = m.target AND tm.run_id = nt.run_id
        ORDER BY n.created_at, n.id
        """
    ).fetchdf()
