"""SQL for weekly counts: notes per week × topic (× a note column), the notes behind a number, quotes, and
the week's note vectors the pocket search reads.

Every function takes an open connection from :class:`~insight.store.db.Store` and a half-open time
window ``[start, end)`` of naive UTC datetimes, so "only notes up to the end of the week" is one
``created_at < end`` away. A note counts under the topic it sits in now (``note_topics``), followed
through PM merges to the surviving topic (:data:`insight.store.sql.MERGE_TARGETS`). Weeks are ISO weeks:
DuckDB's ``date_trunc('week', …)`` starts them on Monday.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import duckdb
import numpy as np

from insight.errors import StoreUsageError
from insight.records import VOLUME_DIMENSIONS, NoteFilters
from insight.store.sql import MERGE_TARGETS, matrix, note_filter


def _tagged(filters: NoteFilters | None, with_topic: bool = True) -> tuple[str, list[object]]:
    """``WITH RECURSIVE … tagged AS (…)``: notes in ``[?, ?)`` with their resolved topic and week."""
    join = "JOIN" if with_topic else "LEFT JOIN"
    where, params = note_filter(filters, topic_column="COALESCE(m.target, nt.topic_id)")
    sql = (
        f"WITH RECURSIVE {MERGE_TARGETS},\n"
        "tagged AS (\n"
        "    SELECT n.id, n.text, n.created_at, n.agent_id, n.team, n.channel, n.product, n.kind,\n"
        "           n.customer_segment, nt.score,\n"
        "           COALESCE(m.target, nt.topic_id) AS topic_id,\n"
        "           CAST(date_trunc('week', n.created_at) AS DATE) AS week_start\n"
        f"    FROM notes n {join} note_topics nt ON nt.note_id = n.id\n"
        "    LEFT JOIN merge_map m ON m.topic_id = nt.topic_id\n"
        f"    WHERE n.created_at >= ? AND n.created_at < ?{where}\n"
        ")\n"
    )
    return sql, params


def _dimension(by: str | None) -> str:
    if by is None:
        return "NULL"
    if by not in VOLUME_DIMENSIONS:
        raise StoreUsageError(f"cannot break volumes down by {by!r}; choose one of {', '.join(VOLUME_DIMENSIONS)}")
    return by


def weekly_topic_counts(
    con: duckdb.DuckDBPyConnection,
    start: datetime,
    end: datetime,
    filters: NoteFilters | None = None,
    by: str | None = None,
) -> list[tuple[date, int, str | None, int, int]]:
    """(week start, topic id, dimension value, notes, distinct agents) per week × topic [× value]."""
    cte, params = _tagged(filters)
    column = _dimension(by)
    sql = (
        cte + f"SELECT week_start, topic_id, {column} AS value, count(*) AS notes, count(DISTINCT agent_id) AS agents "
        "FROM tagged GROUP BY ALL ORDER BY week_start, topic_id, value NULLS LAST"
    )
    return con.execute(sql, [start, end, *params]).fetchall()


def weekly_totals(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, filters: NoteFilters | None = None
) -> list[tuple[date, int, int, int]]:
    """(week start, notes, distinct agents, distinct topics other than Unclear) per week, topic or not."""
    cte, params = _tagged(filters, with_topic=bool(filters and filters.topic_ids))
    sql = (
        cte + "SELECT week_start, count(*), count(DISTINCT agent_id), "
        "count(DISTINCT topic_id) FILTER (WHERE topic_id <> -1) FROM tagged GROUP BY week_start ORDER BY week_start"
    )
    return con.execute(sql, [start, end, *params]).fetchall()


def weekly_dimension_totals(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, by: str, filters: NoteFilters | None = None
) -> list[tuple[date, str | None, int, int]]:
    """(week start, value, notes, distinct agents) per week × value of ``by`` (e.g. product), topic or not."""
    column = _dimension(by)
    cte, params = _tagged(filters, with_topic=bool(filters and filters.topic_ids))
    sql = (
        cte + f"SELECT week_start, {column} AS value, count(*), count(DISTINCT agent_id) FROM tagged "
        "GROUP BY ALL ORDER BY week_start, value NULLS LAST"
    )
    return con.execute(sql, [start, end, *params]).fetchall()


def weekly_topic_agent_counts(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, filters: NoteFilters | None = None
) -> list[tuple[date, int, str | None, int]]:
    """(week start, topic id, agent id, notes) — the raw material for distinct agents and corroboration."""
    cte, params = _tagged(filters)
    sql = cte + (
        "SELECT week_start, topic_id, agent_id, count(*) FROM tagged GROUP BY ALL "
        "ORDER BY week_start, topic_id, agent_id NULLS LAST"
    )
    return con.execute(sql, [start, end, *params]).fetchall()


def note_ids_behind(
    con: duckdb.DuckDBPyConnection,
    start: datetime,
    end: datetime,
    filters: NoteFilters | None = None,
    with_topic: bool = False,
) -> list[int]:
    """Ids of the notes a number was counted from (same window and filters), oldest first."""
    cte, params = _tagged(filters, with_topic=with_topic or bool(filters and filters.topic_ids))
    rows = con.execute(cte + "SELECT id FROM tagged ORDER BY created_at, id", [start, end, *params]).fetchall()
    return [r[0] for r in rows]


def topic_quotes(
    con: duckdb.DuckDBPyConnection,
    start: datetime,
    end: datetime,
    topic_ids: Sequence[int],
    per_topic: int,
    filters: NoteFilters | None = None,
) -> list[tuple[int, int, str, datetime, str | None, str | None, str | None, str | None]]:
    """Up to ``per_topic`` notes per topic, from distinct agents first, closest to the topic first.

    Rows are (topic id, note id, text, created_at, agent id, channel, product, kind), in a stable order.
    """
    if not topic_ids or per_topic <= 0:
        return []
    scoped = replace(filters or NoteFilters(), topic_ids=tuple(int(t) for t in topic_ids))
    cte, params = _tagged(scoped)
    sql = cte + (
        ", by_agent AS (SELECT *, row_number() OVER (PARTITION BY topic_id, COALESCE(agent_id, '#' || id) "
        "    ORDER BY score DESC NULLS LAST, created_at, id) AS agent_rank FROM tagged),\n"
        "ranked AS (SELECT *, row_number() OVER (PARTITION BY topic_id "
        "    ORDER BY agent_rank, score DESC NULLS LAST, created_at, id) AS r FROM by_agent)\n"
        "SELECT topic_id, id, text, created_at, agent_id, channel, product, kind FROM ranked "
        "WHERE r <= ? ORDER BY topic_id, r"
    )
    return con.execute(sql, [start, end, *params, per_topic]).fetchall()


def week_vectors(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, model_id: str
) -> tuple[np.ndarray, list[Any], list[str | None], np.ndarray, np.ndarray]:
    """Notes in ``[start, end)`` with a ``model_id`` vector, by id.

    Returns ``(ids, week-start dates, agent ids, topic ids (-1: none or unclear), vectors)``; topics are
    followed through PM merges as everywhere in the trends.
    """
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
    return ids, weeks, agents, topics, matrix(table, "vector")


# -- sources ------------------------------------------------------------------------------------------


def source_starts(con: duckdb.DuckDBPyConnection, until: datetime) -> dict[str, datetime]:
    """Each source's first note created before ``until``: when it began sending notes."""
    rows = con.execute(
        "SELECT source, min(created_at) FROM notes WHERE created_at < ? GROUP BY source", [until]
    ).fetchall()
    return {str(source): first for source, first in rows}


def weekly_source_notes(
    con: duckdb.DuckDBPyConnection,
    start: datetime,
    end: datetime,
    sources: Sequence[str],
    filters: NoteFilters | None = None,
) -> dict[date, int]:
    """Notes per week in ``[start, end)`` from the given sources (under ``filters``)."""
    if not sources:
        return {}
    cte, params = _tagged(filters, with_topic=bool(filters and filters.topic_ids))
    sql = cte + (
        "SELECT t.week_start, count(*) FROM tagged t JOIN notes n ON n.id = t.id "
        "WHERE n.source IN (SELECT unnest(?)) GROUP BY t.week_start"
    )
    return {ws: int(n) for ws, n in con.execute(sql, [start, end, *params, list(sources)]).fetchall()}


def topic_source_counts(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, topic_ids: Sequence[int] | None
) -> list[tuple[int, str, int]]:
    """(topic id, source, notes) in ``[start, end)`` for the given topics, or every topic with ``None`` (PM
    merges followed)."""
    if topic_ids is not None and not topic_ids:
        return []
    cte, params = _tagged(None)
    where, extra = ("WHERE t.topic_id IN (SELECT unnest(?)) ", [list(topic_ids)]) if topic_ids is not None else ("", [])
    sql = cte + f"SELECT t.topic_id, n.source, count(*) FROM tagged t JOIN notes n ON n.id = t.id {where}GROUP BY ALL"
    return [(int(t), str(s), int(c)) for t, s, c in con.execute(sql, [start, end, *params, *extra]).fetchall()]


def note_source_counts(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int]) -> dict[str, int]:
    """Notes per source among ``note_ids``."""
    if not note_ids:
        return {}
    rows = con.execute(
        "SELECT source, count(*) FROM notes WHERE id IN (SELECT unnest(?)) GROUP BY source", [list(note_ids)]
    ).fetchall()
    return {str(s): int(c) for s, c in rows}
