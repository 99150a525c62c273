"""SQL for ``topics``: each run's topics, their centroids, themes, generated text and display info.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). Results are fetched whole (``fetchall``/Arrow): DuckDB 2 refuses to commit while
a result is partly read. A topic's display label is :func:`insight.store.sql.display_label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from insight.privacy import require_clean
from insight.store.sql import CURRENT_RUN_ID, MERGE_TARGETS, display_label, matrix, with_table


@dataclass(frozen=True)
class TopicRow:
    """A current-run topic with its PM-owned profile, as stored (its size is the fit's, not the live count)."""

    topic_id: int
    label: str
    generated_label: str
    name: str | None
    keywords: tuple[str, ...]
    size: int
    theme_id: int | None
    theme_label: str | None
    status: str
    owner: str | None
    status_note: str | None
    born_run_id: int | None
    representative_note_ids: tuple[int, ...]
    summary: str | None


@dataclass(frozen=True)
class TopicCentroids:
    """A run's live topics (merged-away ones left out), by id: unit centroids and what to call them."""

    topic_ids: np.ndarray
    centroids: np.ndarray
    labels: list[str]
    keywords: list[tuple[str, ...]]
    sizes: list[int]


@dataclass(frozen=True)
class TopicInfoRow:
    """Display info of any topic ever known, live or ended.

    ``label`` is the PM name, else the current run's label, else the latest run's; ``theme`` the current
    run's (an ended topic keeps its last); ``merged_into`` the topic it finally lives on (chains followed).
    """

    topic_id: int
    label: str | None
    owner: str | None
    status: str | None
    theme: str | None
    born_run_id: int | None
    merged_into: int | None
    status_note: str | None = None  # what the PM told agents about it


_TOPIC_ROWS = f"""
    SELECT t.topic_id, {display_label()}, t.label, p.name, t.keywords, t.size, t.theme_id, t.theme_label,
           coalesce(p.status, 'new'), p.owner, p.status_note, p.born_run_id, t.representative_note_ids, t.summary
    FROM topics t LEFT JOIN topic_profiles p ON p.topic_id = t.topic_id
    WHERE t.run_id = {CURRENT_RUN_ID} AND p.merged_into IS NULL
"""


def topic_rows(con: duckdb.DuckDBPyConnection, topic_id: int | None = None) -> list[TopicRow]:
    """Current-run topics (or the one ``topic_id``) with their profile, largest first; merged-away ones left out."""
    sql = _TOPIC_ROWS + (" AND t.topic_id = ?" if topic_id is not None else "") + " ORDER BY t.size DESC, t.topic_id"
    rows = con.execute(sql, [topic_id] if topic_id is not None else []).fetchall()
    return [
        TopicRow(int(r[0]), r[1], r[2], r[3], tuple(r[4] or ()), int(r[5] or 0), r[6], r[7], r[8], r[9], r[10],
                 r[11], tuple(int(i) for i in (r[12] or ())), r[13])
        for r in rows
    ]  # fmt: skip


def run_centroids(con: duckdb.DuckDBPyConnection, run_id: int | None = None) -> TopicCentroids:
    """The live topics of ``run_id`` (default: the current run) that have a centroid, by topic id."""
    table = con.sql(
        f"SELECT t.topic_id, t.centroid, {display_label()} AS label, t.keywords, t.size FROM topics t "
        "LEFT JOIN topic_profiles p ON p.topic_id = t.topic_id "
        f"WHERE t.run_id = {'?' if run_id is not None else CURRENT_RUN_ID} AND t.topic_id >= 0 "
        "AND t.centroid IS NOT NULL AND p.merged_into IS NULL ORDER BY t.topic_id",
        params=[run_id] if run_id is not None else None,
    ).to_arrow_table()
    return TopicCentroids(
        table.column("topic_id").to_numpy(),
        matrix(table, "centroid"),
        table.column("label").to_pylist(),
        [tuple(k or ()) for k in table.column("keywords").to_pylist()],
        [int(s or 0) for s in table.column("size").to_pylist()],
    )


def topic_infos(con: duckdb.DuckDBPyConnection) -> list[TopicInfoRow]:
    """:class:`TopicInfoRow` for every topic that any run or profile knows, by id."""
    sql = f"""
        WITH RECURSIVE {MERGE_TARGETS},
        cur AS (SELECT topic_id, label, theme_label FROM topics WHERE run_id = {CURRENT_RUN_ID}),
        latest AS (
            SELECT t.topic_id, arg_max(t.label, r.created_at) AS label, arg_max(t.theme_label, r.created_at) AS theme
            FROM topics t JOIN topic_runs r ON r.run_id = t.run_id GROUP BY t.topic_id
        ),
        ids AS (SELECT topic_id FROM topics UNION SELECT topic_id FROM topic_profiles)
        SELECT ids.topic_id, COALESCE({display_label("p", "c")}, l.label), p.owner, p.status,
               CASE WHEN c.topic_id IS NOT NULL THEN c.theme_label ELSE l.theme END, p.born_run_id, m.target,
               p.status_note
        FROM ids
        LEFT JOIN topic_profiles p ON p.topic_id = ids.topic_id
        LEFT JOIN cur c ON c.topic_id = ids.topic_id
        LEFT JOIN latest l ON l.topic_id = ids.topic_id
        LEFT JOIN merge_map m ON m.topic_id = ids.topic_id
        ORDER BY ids.topic_id
    """
    return [TopicInfoRow(int(r[0]), *r[1:]) for r in con.execute(sql).fetchall()]


def next_topic_id(con: duckdb.DuckDBPyConnection) -> int:
    """The first topic id never used (ids are never reused, so history stays unambiguous)."""
    row = con.execute(
        "SELECT greatest((SELECT max(topic_id) FROM topics), (SELECT max(topic_id) FROM topic_profiles), "
        "(SELECT max(topic_id) FROM topic_lineage), 0)"
    ).fetchall()[0]
    return int(row[0] or 0) + 1


def theme_membership(con: duckdb.DuckDBPyConnection) -> tuple[dict[int, int], int]:
    """(topic id → theme id in the current run, the first theme id no run has used)."""
    rows = con.execute(
        f"SELECT topic_id, theme_id FROM topics WHERE run_id = {CURRENT_RUN_ID} AND theme_id IS NOT NULL"
    ).fetchall()
    top = con.execute("SELECT coalesce(max(theme_id), -1) FROM topics").fetchall()[0][0]
    return {int(t): int(th) for t, th in rows}, int(top) + 1


def representative_note_ids(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[int]:
    """The current run's representative notes of a topic (as the topic fit chose them)."""
    rows = con.execute(
        f"SELECT representative_note_ids FROM topics WHERE topic_id = ? AND run_id = {CURRENT_RUN_ID}", [topic_id]
    ).fetchall()
    return [int(i) for i in (rows[0][0] or [])] if rows else []


def topic_keywords(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[str]:
    """The current run's keywords of a topic (empty when the topic is not in the current run)."""
    rows = con.execute(
        f"SELECT keywords FROM topics WHERE topic_id = ? AND run_id = {CURRENT_RUN_ID}", [topic_id]
    ).fetchall()
    return list(rows[0][0] or []) if rows else []


def topic_texts(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int, str, list[str], str | None]]:
    """Every topic row's generated text: (run id, topic id, label, keywords, theme label)."""
    return con.execute(
        "SELECT run_id, topic_id, label, keywords, theme_label FROM topics ORDER BY run_id, topic_id"
    ).fetchall()


# -- writes (inside the caller's transaction) ----------------------------------------------------------


def insert_topics(con: duckdb.DuckDBPyConnection, run_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Store a run's topics: dicts with topic_id, label, keywords, size, centroid, theme_id, theme_label,
    representative_note_ids and (optional) summary."""
    if not rows:
        return
    table = pa.table(
        {
            "topic_id": pa.array([r["topic_id"] for r in rows], pa.int64()),
            "label": pa.array([r["label"] for r in rows], pa.string()),
            "keywords": pa.array([list(r["keywords"]) for r in rows], pa.list_(pa.string())),
            "size": pa.array([r["size"] for r in rows], pa.int32()),
            "centroid": pa.array(
                [None if r["centroid"] is None else np.asarray(r["centroid"], np.float32) for r in rows],
                pa.list_(pa.float32()),
            ),
            "theme_id": pa.array([r["theme_id"] for r in rows], pa.int32()),
            "theme_label": pa.array([r["theme_label"] for r in rows], pa.string()),
            "reps": pa.array([list(r["representative_note_ids"]) for r in rows], pa.list_(pa.int64())),
            "summary": pa.array([r.get("summary") for r in rows], pa.string()),
        }
    )
    sql = (
        "INSERT INTO topics (run_id, topic_id, label, keywords, size, centroid, theme_id, theme_label, "
        "representative_note_ids, summary) SELECT ?, topic_id, label, keywords, size, centroid, theme_id, "
        "theme_label, reps, summary FROM _new_topics"
    )
    with_table(con, "_new_topics", table, (sql, [run_id]))


def merge_into(con: duckdb.DuckDBPyConnection, run_id: int, sources: Sequence[int], target: int) -> None:
    """Move the sources' notes to ``target`` and fold their size and centroid into the target's row."""
    src = [int(s) for s in sources]
    con.execute(
        "UPDATE note_topics SET topic_id = ?, assigned_by = 'merge', assigned_at = now() AT TIME ZONE 'UTC' "
        "WHERE topic_id IN (SELECT unnest(?))",
        [target, src],
    )
    rows = con.execute(
        "SELECT topic_id, size, centroid FROM topics WHERE run_id = ? AND topic_id IN (SELECT unnest(?))",
        [run_id, [*src, target]],
    ).fetchall()
    with_centroid = [(s, c) for _, s, c in rows if c is not None]
    if with_centroid:
        merged = sum(np.asarray(c, dtype=np.float64) * s for s, c in with_centroid)
        merged = merged / (np.linalg.norm(merged) or 1.0)
        con.execute(
            "UPDATE topics SET size = ?, centroid = ? WHERE run_id = ? AND topic_id = ?",
            [int(sum(s for _, s, _ in rows)), [float(x) for x in merged], run_id, target],
        )
    for s in src:
        con.execute("UPDATE topics SET size = 0 WHERE run_id = ? AND topic_id = ?", [run_id, s])


def update_topic_text(
    con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[int, int, str, Sequence[str], str | None]]
) -> None:
    """Replace generated topic text (``rescrub``): ``(run id, topic id, label, keywords, theme label)`` rows.

    Raises:
        UnredactedTextError: a label, keyword or theme label did not pass the redaction gate.
    """
    for _, _, label, words, theme in rows:
        require_clean("topic label", label)
        require_clean("theme label", theme)
        for word in words:
            require_clean("topic keyword", word)
    for run_id, topic_id, label, words, theme in rows:
        con.execute(
            "UPDATE topics SET label = ?, keywords = ?::VARCHAR[], theme_label = ? WHERE run_id = ? AND topic_id = ?",
            [label, list(words), theme, run_id, topic_id],
        )
