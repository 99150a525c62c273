"""SQL for ``topic_runs``: the fits, which one is current, and the revision on-arrival caches watch.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). "The current run" is :data:`insight.store.sql.CURRENT_RUN_ID`, here and everywhere.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from insight.records import TopicRun
from insight.store.sql import CURRENT_RUN_ID

_RUN_COLUMNS = (
    "run_id, created_at, model_id, n_notes, n_topics, n_themes, unclear_share, input_hash, params, quality, "
    "fit_seconds, is_current, assign_threshold"
)


@dataclass(frozen=True)
class RunKey:
    """What identifies the current run's topics for a cache: any change to them changes the key."""

    run_id: int
    run_uid: str
    revision: int
    model_id: str
    assign_threshold: float


def _to_run(row: tuple) -> TopicRun:
    params, quality = (json.loads(v) if isinstance(v, str) else (v or {}) for v in row[8:10])
    return TopicRun(*row[:8], params, quality, row[10], bool(row[11]), row[12])


def current_run(con: duckdb.DuckDBPyConnection) -> TopicRun | None:
    """The run whose topics are in use now, if any."""
    rows = con.execute(f"SELECT {_RUN_COLUMNS} FROM topic_runs WHERE run_id = {CURRENT_RUN_ID}").fetchall()
    return _to_run(rows[0]) if rows else None


def current_run_id(con: duckdb.DuckDBPyConnection) -> int | None:
    """The id of the run in use now (``None`` before the first fit)."""
    rows = con.execute(f"SELECT {CURRENT_RUN_ID}").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def list_runs(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[TopicRun]:
    """The latest runs, newest first."""
    rows = con.execute(
        f"SELECT {_RUN_COLUMNS} FROM topic_runs ORDER BY created_at DESC, run_id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_to_run(r) for r in rows]


def current_run_key(con: duckdb.DuckDBPyConnection) -> RunKey | None:
    """The current run's :class:`RunKey` — cheap, for caches."""
    rows = con.execute(
        "SELECT run_id, coalesce(run_uid, ''), coalesce(revision, 0), model_id, coalesce(assign_threshold, 0) "
        f"FROM topic_runs WHERE run_id = {CURRENT_RUN_ID}"
    ).fetchall()
    return RunKey(*rows[0]) if rows else None


def trends_model_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The model whose vectors pockets are searched in: the current topic run's, else the commonest stored."""
    row = con.execute(f"SELECT model_id FROM topic_runs WHERE run_id = {CURRENT_RUN_ID}").fetchall()
    if row and row[0][0]:
        found = con.execute("SELECT 1 FROM note_embeddings WHERE model_id = ? LIMIT 1", [row[0][0]]).fetchall()
        if found:
            return str(row[0][0])
    row = con.execute(
        "SELECT model_id FROM note_embeddings GROUP BY model_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchall()
    return str(row[0][0]) if row else None


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


def bump_revision(con: duckdb.DuckDBPyConnection) -> None:
    """Tell on-arrival caches that the current run's topics or labels changed."""
    con.execute(f"UPDATE topic_runs SET revision = coalesce(revision, 0) + 1 WHERE run_id = {CURRENT_RUN_ID}")
