"""SQL for what the trends stage reads below the topic level and what it keeps: note vectors per week,
the signals stored for each week, and pockets (emerging needs inside or between topics).

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa


def trends_model_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The model whose vectors pockets are searched in: the current topic run's, else the commonest stored."""
    row = con.execute(
        "SELECT model_id FROM topic_runs WHERE is_current ORDER BY created_at DESC, run_id DESC LIMIT 1"
    ).fetchall()
    if row and row[0][0]:
        found = con.execute("SELECT 1 FROM note_embeddings WHERE model_id = ? LIMIT 1", [row[0][0]]).fetchall()
        if found:
            return str(row[0][0])
    row = con.execute(
        "SELECT model_id FROM note_embeddings GROUP BY model_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchall()
    return str(row[0][0]) if row else None


def current_run_id(con: duckdb.DuckDBPyConnection) -> int | None:
    """The run in use now (``None`` before the first fit)."""
    row = con.execute(
        "SELECT run_id FROM topic_runs WHERE is_current ORDER BY created_at DESC, run_id DESC LIMIT 1"
    ).fetchall()
    return int(row[0][0]) if row else None


def week_vectors(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, model_id: str
) -> tuple[np.ndarray, list[Any], list[str | None], np.ndarray, np.ndarray]:
    """Notes in ``[start, end)`` with a ``model_id`` vector, by id.

    Returns ``(ids, week-start dates, agent ids, topic ids (-1: none or unclear), vectors)``; topics are
    followed through PM merges as everywhere in the trends.
    """
    from insight.store.analytics import _tagged  # here: analytics imports the trends records, which import us

    cte, params = _tagged(None, with_topic=False)
    sql = cte + (
        "SELECT t.id, t.week_start, t.agent_id, COALESCE(t.topic_id, -1) AS topic_id, e.vector "
        "FROM tagged t JOIN note_embeddings e ON e.note_id = t.id AND e.model_id = ? ORDER BY t.id"
    )
    table = con.sql(sql, params=[start, end, *params, model_id]).to_arrow_table()
    ids = table.column("id").to_numpy()
    weeks = table.column("week_start").to_pylist()
    agents = table.column("agent_id").to_pylist()
    topics = table.column("topic_id").to_numpy().astype(np.int64)
    if table.num_rows == 0:
        return ids, weeks, agents, topics, np.zeros((0, 0), dtype=np.float32)
    flat = np.asarray(table.column("vector").combine_chunks().flatten().to_numpy(), dtype=np.float32)
    return ids, weeks, agents, topics, flat.reshape(table.num_rows, -1)


# -- what was signalled -------------------------------------------------------------------------------


def stored_week(con: duckdb.DuckDBPyConnection, week: str) -> list[dict[str, Any]] | None:
    """The signals stored for ``week`` as JSON-ready dicts in their listed order; ``None`` if never stored."""
    if not con.execute("SELECT 1 FROM trend_weeks WHERE week = ?", [week]).fetchall():
        return None
    rows = con.execute("SELECT payload FROM trend_signals WHERE week = ? ORDER BY position", [week]).fetchall()
    return [json.loads(r[0]) if isinstance(r[0], str) else r[0] for r in rows]


def save_week(
    con: duckdb.DuckDBPyConnection,
    week: str,
    run_id: int | None,
    computed_at: datetime,
    signals: Sequence[dict[str, Any]],
) -> None:
    """Store (or replace) what was signalled for ``week``."""
    con.execute("DELETE FROM trend_signals WHERE week = ?", [week])
    con.execute("DELETE FROM trend_weeks WHERE week = ?", [week])
    con.execute(
        "INSERT INTO trend_weeks (week, computed_at, run_id, n_signals) VALUES (?, ?, ?, ?)",
        [week, computed_at, run_id, len(signals)],
    )
    if signals:
        table = pa.table(
            {
                "week": [week] * len(signals),
                "position": list(range(len(signals))),
                "kind": [s["kind"] for s in signals],
                "topic_id": [int(s["topic_id"]) for s in signals],
                "pocket_id": [s.get("pocket_id") for s in signals],
                "payload": [json.dumps(s, ensure_ascii=False) for s in signals],
            }
        )
        con.register("_signals", table)
        try:
            con.execute(
                "INSERT INTO trend_signals SELECT week, position, kind, topic_id, pocket_id, payload FROM _signals"
            )
        finally:
            con.unregister("_signals")


def stored_weeks(con: duckdb.DuckDBPyConnection) -> list[tuple[str, datetime, int | None, int]]:
    """(week, computed at, run id, signals) for every stored week, oldest first."""
    return con.execute("SELECT week, computed_at, run_id, n_signals FROM trend_weeks ORDER BY week").fetchall()


# -- pockets ------------------------------------------------------------------------------------------

_POCKET_COLUMNS = (
    "pocket_id, first_week, last_week, label, keywords, model_id, centroid, radius, parent_topic_ids, note_ids, "
    "topic_id, born_run_id"
)


def pockets(con: duckdb.DuckDBPyConnection, model_id: str | None = None) -> list[tuple]:
    """Every stored pocket (optionally of one model), oldest first, as rows of ``_POCKET_COLUMNS``."""
    where, params = ("WHERE model_id = ?", [model_id]) if model_id else ("", [])
    return con.execute(f"SELECT {_POCKET_COLUMNS} FROM pockets {where} ORDER BY pocket_id", params).fetchall()


def insert_pocket(
    con: duckdb.DuckDBPyConnection,
    *,
    week: str,
    label: str,
    keywords: Sequence[str],
    model_id: str,
    centroid: np.ndarray,
    radius: float,
    parent_topic_ids: Sequence[int],
    note_ids: Sequence[int],
) -> int:
    """Store a newly confirmed pocket; return its id."""
    row = con.execute(
        "INSERT INTO pockets (pocket_id, first_week, last_week, label, keywords, model_id, centroid, radius, "
        "parent_topic_ids, note_ids) VALUES (nextval('pocket_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pocket_id",
        [week, week, label, list(keywords), model_id, [float(x) for x in centroid], float(radius),
         [int(t) for t in parent_topic_ids], [int(n) for n in note_ids]],
    ).fetchall()  # fmt: skip
    return int(row[0][0])


def extend_pocket(con: duckdb.DuckDBPyConnection, pocket_id: int, week: str, note_ids: Sequence[int]) -> None:
    """A pocket seen again: move its last week on and add the week's notes."""
    con.execute(
        "UPDATE pockets SET last_week = greatest(last_week, ?), "
        "note_ids = list_distinct(list_concat(note_ids, ?)) WHERE pocket_id = ?",
        [week, [int(n) for n in note_ids], pocket_id],
    )


def mark_pocket_born(con: duckdb.DuckDBPyConnection, pocket_id: int, topic_id: int, run_id: int) -> None:
    """Record the topic a refit gave a pocket (kept from its first birth)."""
    con.execute(
        "UPDATE pockets SET topic_id = ?, born_run_id = coalesce(born_run_id, ?) WHERE pocket_id = ?",
        [topic_id, run_id, pocket_id],
    )
