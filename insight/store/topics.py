"""SQL for topic runs, topics, note placements, PM-owned profiles and lineage.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). Results are fetched whole (``fetchall``/Arrow): DuckDB 2 refuses to commit while
a result is partly read. A topic's display label is the PM-given name, else the run's generated label.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from insight.privacy import require_clean
from insight.topics.records import LineageEvent, TopicRun

_RUN_COLUMNS = (
    "run_id, created_at, model_id, n_notes, n_topics, n_themes, unclear_share, input_hash, params, quality, "
    "fit_seconds, is_current, assign_threshold"
)
_SCAN_MEMORY_LIMIT = "512MB"  # DuckDB's own memory while a refit streams every vector out (see vectors_of)
_CURRENT_RUN_ID = "(SELECT run_id FROM topic_runs WHERE is_current ORDER BY created_at DESC, run_id DESC LIMIT 1)"


def _matrix(table: pa.Table, column: str) -> np.ndarray:
    """A ``FLOAT[]`` column as an (n, dim) float32 matrix (n × 0 when empty)."""
    if table.num_rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    flat = np.asarray(table.column(column).combine_chunks().flatten().to_numpy(), dtype=np.float32)
    return flat.reshape(table.num_rows, -1)


def _with_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, *statements: tuple[str, list]) -> None:
    """Run statements that read an Arrow table registered as ``name`` (fast bulk writes)."""
    con.register(name, table)
    try:
        for sql, params in statements:
            con.execute(sql, params)
    finally:
        con.unregister(name)


def _to_run(row: tuple) -> TopicRun:
    params, quality = (json.loads(v) if isinstance(v, str) else (v or {}) for v in row[8:10])
    return TopicRun(*row[:8], params, quality, row[10], bool(row[11]), row[12])


# -- reads --------------------------------------------------------------------------------------------


def current_run(con: duckdb.DuckDBPyConnection) -> TopicRun | None:
    """The run whose topics are in use now, if any."""
    rows = con.execute(f"SELECT {_RUN_COLUMNS} FROM topic_runs WHERE run_id = {_CURRENT_RUN_ID}").fetchall()
    return _to_run(rows[0]) if rows else None


def list_runs(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[TopicRun]:
    """The latest runs, newest first."""
    rows = con.execute(
        f"SELECT {_RUN_COLUMNS} FROM topic_runs ORDER BY created_at DESC, run_id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_to_run(r) for r in rows]


def current_run_key(con: duckdb.DuckDBPyConnection) -> tuple[int, str, int, str, float] | None:
    """(run id, run uid, revision, model id, assign threshold) of the current run — cheap, for caches."""
    rows = con.execute(
        "SELECT run_id, coalesce(run_uid, ''), coalesce(revision, 0), model_id, coalesce(assign_threshold, 0) "
        f"FROM topic_runs WHERE run_id = {_CURRENT_RUN_ID}"
    ).fetchall()
    return rows[0] if rows else None


def run_centroids(con: duckdb.DuckDBPyConnection, run_id: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(topic ids, unit centroids, display labels) of a run's live topics (merged-away topics left out)."""
    table = con.sql(
        "SELECT t.topic_id, t.centroid, coalesce(p.name, t.label) AS label FROM topics t "
        "LEFT JOIN topic_profiles p ON p.topic_id = t.topic_id "
        "WHERE t.run_id = ? AND t.topic_id >= 0 AND t.centroid IS NOT NULL AND p.merged_into IS NULL "
        "ORDER BY t.topic_id",
        params=[run_id],
    ).to_arrow_table()
    return table.column("topic_id").to_numpy(), _matrix(table, "centroid"), table.column("label").to_pylist()


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


def texts_of(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int] | np.ndarray) -> list[str]:
    """The text of each given note, in the order given ("" for a note that is gone)."""
    ids = np.asarray(note_ids, dtype=np.int64)
    if not len(ids):
        return []
    wanted = pa.table({"id": pa.array(ids), "pos": pa.array(np.arange(len(ids), dtype=np.int64))})
    con.register("_wanted_texts", wanted)
    try:
        found = con.sql("SELECT w.pos, n.text FROM _wanted_texts w JOIN notes n ON n.id = w.id").to_arrow_table()
    finally:
        con.unregister("_wanted_texts")
    out = [""] * len(ids)
    for pos, text in zip(found.column("pos").to_numpy().tolist(), found.column("text").to_pylist(), strict=True):
        out[pos] = text
    return out


def vectors_for(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], model_id: str
) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, vectors) for the given notes that have a vector from ``model_id``."""
    if not note_ids:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    table = con.sql(
        "SELECT note_id, vector FROM note_embeddings WHERE model_id = ? AND note_id IN (SELECT unnest(?)) "
        "ORDER BY note_id",
        params=[model_id, [int(i) for i in note_ids]],
    ).to_arrow_table()
    return table.column("note_id").to_numpy(), _matrix(table, "vector")


def placements(con: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, topic ids) of every note's current placement."""
    table = con.sql("SELECT note_id, topic_id FROM note_topics ORDER BY note_id").to_arrow_table()
    return table.column("note_id").to_numpy(), table.column("topic_id").to_numpy()


def unplaced_note_ids(con: duckdb.DuckDBPyConnection, run_id: int, model_id: str) -> list[int]:
    """Notes with a ``model_id`` vector that the given run has not placed (e.g. arrived during a refit)."""
    rows = con.execute(
        "SELECT e.note_id FROM note_embeddings e LEFT JOIN note_topics nt ON nt.note_id = e.note_id "
        "WHERE e.model_id = ? AND (nt.note_id IS NULL OR nt.run_id <> ?) ORDER BY e.note_id",
        [model_id, run_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def merged_map(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Topic → the topic a PM merged it into (its keys are gone, its values are sticky)."""
    rows = con.execute("SELECT topic_id, merged_into FROM topic_profiles WHERE merged_into IS NOT NULL").fetchall()
    return {int(t): int(m) for t, m in rows}


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
        f"SELECT topic_id, theme_id FROM topics WHERE run_id = {_CURRENT_RUN_ID} AND theme_id IS NOT NULL"
    ).fetchall()
    top = con.execute("SELECT coalesce(max(theme_id), -1) FROM topics").fetchall()[0][0]
    return {int(t): int(th) for t, th in rows}, int(top) + 1


def count_all_notes(con: duckdb.DuckDBPyConnection) -> int:
    """How many notes are stored (read whole: a half-read result blocks the connection in DuckDB 2)."""
    return int(con.execute("SELECT count(*) FROM notes").fetchall()[0][0])


_SUMMARY_SQL = f"""
    SELECT t.topic_id, coalesce(p.name, t.label), t.label, p.name, t.keywords, t.size, t.theme_id, t.theme_label,
           coalesce(p.status, 'new'), p.owner, p.status_note, p.born_run_id, t.representative_note_ids, t.summary
    FROM topics t LEFT JOIN topic_profiles p ON p.topic_id = t.topic_id
    WHERE t.run_id = {_CURRENT_RUN_ID} AND p.merged_into IS NULL
"""


def topic_rows(con: duckdb.DuckDBPyConnection, topic_id: int | None = None) -> list[tuple]:
    """Current-run topics with their profile: (id, display label, generated label, name, keywords, size,
    theme id, theme label, status, owner, status note, born run id, representative note ids, summary), largest
    first."""
    sql = _SUMMARY_SQL + (" AND t.topic_id = ?" if topic_id is not None else "") + " ORDER BY t.size DESC, t.topic_id"
    return con.execute(sql, [topic_id] if topic_id is not None else []).fetchall()


def placed_counts(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Notes placed in each topic right now (fit, arrival and merges included)."""
    return {int(t): int(n) for t, n in con.execute("SELECT topic_id, count(*) FROM note_topics GROUP BY 1").fetchall()}


def merged_sources(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[int]:
    """Topics a PM merged into ``topic_id``."""
    rows = con.execute("SELECT topic_id FROM topic_profiles WHERE merged_into = ? ORDER BY 1", [topic_id]).fetchall()
    return [int(r[0]) for r in rows]


def profile(con: duckdb.DuckDBPyConnection, topic_id: int) -> tuple | None:
    """(name, owner, status, status note, merged into, born run, died run) of a topic, if it has a profile."""
    rows = con.execute(
        "SELECT name, owner, status, status_note, merged_into, born_run_id, died_run_id FROM topic_profiles "
        "WHERE topic_id = ?",
        [topic_id],
    ).fetchall()
    return rows[0] if rows else None


def lineage(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[LineageEvent]:
    """Every event about a topic — its own, and others' that name it (a split from it, a merge into it)."""
    rows = con.execute(
        "SELECT l.event, l.topic_id, l.related_topic_ids, l.overlap, l.run_id, coalesce(r.created_at, l.created_at) "
        "FROM topic_lineage l LEFT JOIN topic_runs r ON r.run_id = l.run_id "
        "WHERE l.topic_id = ? OR list_contains(l.related_topic_ids, ?) "
        "ORDER BY l.run_id, l.created_at, l.topic_id",
        [topic_id, topic_id],
    ).fetchall()
    return [LineageEvent(e, int(t), tuple(int(x) for x in (rel or ())), ov, run, at) for e, t, rel, ov, run, at in rows]


def lineage_events(con: duckdb.DuckDBPyConnection, run_id: int) -> list[LineageEvent]:
    """Every lineage event recorded by one run."""
    rows = con.execute(
        "SELECT event, topic_id, related_topic_ids, overlap, run_id, created_at FROM topic_lineage "
        "WHERE run_id = ? ORDER BY topic_id, event",
        [run_id],
    ).fetchall()
    return [LineageEvent(e, int(t), tuple(int(x) for x in (rel or ())), ov, run, at) for e, t, rel, ov, run, at in rows]


def export_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per note: external id, time, metadata, current topic id and display label (PM merges followed)."""
    return con.execute(
        """
        SELECT n.external_id AS note_id, n.created_at, n.agent_id, n.team, n.channel, n.product,
               n.customer_segment, n.kind, n.source, array_to_string(n.tags, '; ') AS tags, n.text,
               coalesce(p.merged_into, nt.topic_id) AS topic_id,
               CASE WHEN nt.topic_id = -1 THEN 'Unclear'
                    ELSE coalesce(pm.name, tm.label, p.name, t.label) END AS topic_label
        FROM notes n
        LEFT JOIN note_topics nt ON nt.note_id = n.id
        LEFT JOIN topic_profiles p ON p.topic_id = nt.topic_id
        LEFT JOIN topics t ON t.topic_id = nt.topic_id AND t.run_id = nt.run_id
        LEFT JOIN topic_profiles pm ON pm.topic_id = p.merged_into
        LEFT JOIN topics tm ON tm.topic_id = p.merged_into AND tm.run_id = nt.run_id
        ORDER BY n.created_at, n.id
        """
    ).fetchdf()


# -- writes (inside the caller's transaction) ----------------------------------------------------------


def insert_run(
    con: duckdb.DuckDBPyConnection,
    *,
    created_at: datetime,
    model_id: str,
    n_notes: int,
    n_topics: int,
    n_themes: int,
    unclear_share: float,
    input_hash: str,
    params: dict[str, Any],
    quality: dict[str, Any],
    fit_seconds: float,
    assign_threshold: float,
) -> int:
    """Record a run and make it the current one; return its id."""
    run_id = int(con.execute("SELECT nextval('topic_run_id_seq')").fetchall()[0][0])
    con.execute("UPDATE topic_runs SET is_current = FALSE WHERE is_current")
    con.execute(
        "INSERT INTO topic_runs (run_id, created_at, model_id, n_notes, n_topics, n_themes, unclear_share, "
        "input_hash, params, quality, fit_seconds, is_current, run_uid, revision, assign_threshold) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, 0, ?)",
        [run_id, created_at, model_id, n_notes, n_topics, n_themes, unclear_share, input_hash,
         json.dumps(params), json.dumps(quality), fit_seconds, uuid.uuid4().hex, assign_threshold],
    )  # fmt: skip
    return run_id


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
    _with_table(con, "_new_topics", table, (sql, [run_id]))


def place_notes(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    note_ids: Sequence[int],
    topic_ids: Sequence[int],
    scores: Sequence[float],
    assigned_by: str,
    replace_all: bool = False,
) -> None:
    """Record where notes sit now (replacing earlier placements of those notes, or all when ``replace_all``)."""
    if replace_all:
        con.execute("DELETE FROM note_topics")
    if len(note_ids) == 0:
        return
    if not replace_all and len(note_ids) <= 4:  # one note saved from the app: skip the Arrow round trip
        for note_id, topic_id, score in zip(note_ids, topic_ids, scores, strict=True):
            con.execute(
                "INSERT OR REPLACE INTO note_topics (note_id, topic_id, run_id, score, assigned_by, assigned_at) "
                "VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC')",
                [int(note_id), int(topic_id), run_id, float(score), assigned_by],
            )
        return
    table = pa.table(
        {
            "note_id": pa.array(np.asarray(note_ids, dtype=np.int64)),
            "topic_id": pa.array(np.asarray(topic_ids, dtype=np.int64)),
            "score": pa.array(np.asarray(scores, dtype=np.float64)),
        }
    )
    insert = (
        "INSERT INTO note_topics (note_id, topic_id, run_id, score, assigned_by) "
        "SELECT note_id, topic_id, ?, score, ? FROM _placed"
    )
    delete = ("DELETE FROM note_topics WHERE note_id IN (SELECT note_id FROM _placed)", [])
    _with_table(con, "_placed", table, *([] if replace_all else [delete]), (insert, [run_id, assigned_by]))


def ensure_profiles(con: duckdb.DuckDBPyConnection, topic_ids: Sequence[int], born_run_id: int | None) -> None:
    """Create a default profile (status "new") for topics that have none."""
    if not topic_ids:
        return
    con.execute(
        "INSERT INTO topic_profiles (topic_id, born_run_id) SELECT t, ? FROM unnest(?) AS u(t) "
        "WHERE t NOT IN (SELECT topic_id FROM topic_profiles)",
        [born_run_id, [int(t) for t in topic_ids]],
    )


def mark_ended(con: duckdb.DuckDBPyConnection, topic_ids: Sequence[int], run_id: int) -> None:
    """Record the run in which topics ended (died, or were merged by the model)."""
    if topic_ids:
        con.execute(
            "UPDATE topic_profiles SET died_run_id = ?, updated_at = now() AT TIME ZONE 'UTC' "
            "WHERE topic_id IN (SELECT unnest(?))",
            [run_id, [int(t) for t in topic_ids]],
        )


def insert_lineage(con: duckdb.DuckDBPyConnection, run_id: int, events: Sequence[LineageEvent]) -> None:
    """Record lineage events of a run (or of a PM action on the current run)."""
    if not events:
        return
    table = pa.table(
        {
            "event": pa.array([e.event for e in events], pa.string()),
            "topic_id": pa.array([e.topic_id for e in events], pa.int64()),
            "related": pa.array([list(e.related_topic_ids) for e in events], pa.list_(pa.int64())),
            "overlap": pa.array([e.overlap for e in events], pa.float64()),
        }
    )
    sql = (
        "INSERT INTO topic_lineage (run_id, event, topic_id, related_topic_ids, overlap) "
        "SELECT ?, event, topic_id, related, overlap FROM _events"
    )
    _with_table(con, "_events", table, (sql, [run_id]))


def update_profile(con: duckdb.DuckDBPyConnection, topic_id: int, **fields: Any) -> None:
    """Set PM-owned fields (name, owner, status, status_note, merged_into) of one topic, creating its profile.

    Raises:
        UnredactedTextError: ``name`` or ``status_note`` did not pass the redaction gate.
    """
    allowed = {"name", "owner", "status", "status_note", "merged_into", "died_run_id"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name in ("name", "status_note"):
        require_clean(f"topic {name.replace('_', ' ')}", fields.get(name))
    ensure_profiles(con, [topic_id], None)
    sets = ", ".join(f"{name} = ?" for name in fields)
    con.execute(
        f"UPDATE topic_profiles SET {sets}, updated_at = now() AT TIME ZONE 'UTC' WHERE topic_id = ?",
        [*fields.values(), topic_id],
    )


def bump_revision(con: duckdb.DuckDBPyConnection) -> None:
    """Tell on-arrival caches that the current run's topics or labels changed."""
    con.execute(f"UPDATE topic_runs SET revision = coalesce(revision, 0) + 1 WHERE run_id = {_CURRENT_RUN_ID}")


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


def topic_texts(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every topic row's generated text: (run id, topic id, label, keywords, theme label)."""
    return con.execute(
        "SELECT run_id, topic_id, label, keywords, theme_label FROM topics ORDER BY run_id, topic_id"
    ).fetchall()


def profile_texts(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every PM-written text: (topic id, name, status note)."""
    return con.execute("SELECT topic_id, name, status_note FROM topic_profiles ORDER BY topic_id").fetchall()


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
