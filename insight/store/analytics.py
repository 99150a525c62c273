"""SQL for trends and the weekly brief: weekly volumes, topic display info, births, quotes.

Every function takes an open connection from :class:`~insight.store.db.Store` and a half-open time
window ``[start, end)`` of naive UTC datetimes, so "only notes up to the end of the week" is one
``created_at < end`` away. A note counts under the topic it sits in now (``note_topics``), followed
through PM merges (``topic_profiles.merged_into``, chains included) to the surviving topic. Weeks are
ISO weeks: DuckDB's ``date_trunc('week', …)`` starts them on Monday.

The ``record_*`` writers at the end exist for fixtures and benchmarks that need topic runs without
fitting a model; the topics engine has its own writers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

import duckdb
import pyarrow as pa

from insight.privacy import require_clean
from insight.trends.records import VOLUME_DIMENSIONS, VolumeFilters

# Each topic that was merged, mapped to the topic it finally lives on (chains followed, cycles cut).
_MERGE_MAP = """
merge_chain(topic_id, target, depth) AS (
    SELECT topic_id, merged_into, 1 FROM topic_profiles WHERE merged_into IS NOT NULL
    UNION ALL
    SELECT c.topic_id, p.merged_into, c.depth + 1
    FROM merge_chain c JOIN topic_profiles p ON p.topic_id = c.target
    WHERE p.merged_into IS NOT NULL AND c.depth < 16
),
merge_map AS (SELECT topic_id, arg_max(target, depth) AS target FROM merge_chain GROUP BY topic_id)"""


def _tagged(filters: VolumeFilters | None, with_topic: bool = True) -> tuple[str, list[object]]:
    """``WITH RECURSIVE … tagged AS (…)``: notes in ``[?, ?)`` with their resolved topic and week."""
    f = filters or VolumeFilters()
    join = "JOIN" if with_topic else "LEFT JOIN"
    where = ["n.created_at >= ?", "n.created_at < ?"]
    params: list[object] = []
    for column, values in (("product", f.products), ("channel", f.channels), ("team", f.teams), ("kind", f.kinds)):
        if values:
            where.append(f"n.{column} IN (SELECT unnest(?))")
            params.append(list(values))
    if f.topic_ids:
        where.append("COALESCE(m.target, nt.topic_id) IN (SELECT unnest(?))")
        params.append([int(t) for t in f.topic_ids])
    sql = (
        f"WITH RECURSIVE {_MERGE_MAP},\n"
        "tagged AS (\n"
        "    SELECT n.id, n.text, n.created_at, n.agent_id, n.team, n.channel, n.product, n.kind,\n"
        "           n.customer_segment, nt.score,\n"
        "           COALESCE(m.target, nt.topic_id) AS topic_id,\n"
        "           CAST(date_trunc('week', n.created_at) AS DATE) AS week_start\n"
        f"    FROM notes n {join} note_topics nt ON nt.note_id = n.id\n"
        "    LEFT JOIN merge_map m ON m.topic_id = nt.topic_id\n"
        f"    WHERE {' AND '.join(where)}\n"
        ")\n"
    )
    return sql, params


def _dimension(by: str | None) -> str:
    if by is None:
        return "NULL"
    if by not in VOLUME_DIMENSIONS:
        raise ValueError(f"cannot break volumes down by {by!r}; choose one of {', '.join(VOLUME_DIMENSIONS)}")
    return by


def weekly_topic_counts(
    con: duckdb.DuckDBPyConnection,
    start: datetime,
    end: datetime,
    filters: VolumeFilters | None = None,
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
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, filters: VolumeFilters | None = None
) -> list[tuple[date, int, int, int]]:
    """(week start, notes, distinct agents, distinct topics other than Unclear) per week, topic or not."""
    cte, params = _tagged(filters, with_topic=bool(filters and filters.topic_ids))
    sql = (
        cte + "SELECT week_start, count(*), count(DISTINCT agent_id), "
        "count(DISTINCT topic_id) FILTER (WHERE topic_id <> -1) FROM tagged GROUP BY week_start ORDER BY week_start"
    )
    return con.execute(sql, [start, end, *params]).fetchall()


def weekly_dimension_totals(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, by: str, filters: VolumeFilters | None = None
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
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, filters: VolumeFilters | None = None
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
    filters: VolumeFilters | None = None,
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
    filters: VolumeFilters | None = None,
) -> list[tuple[int, int, str, datetime, str | None, str | None, str | None, str | None]]:
    """Up to ``per_topic`` notes per topic, from distinct agents first, closest to the topic first.

    Rows are (topic id, note id, text, created_at, agent id, channel, product, kind), in a stable order.
    """
    if not topic_ids or per_topic <= 0:
        return []
    base = filters or VolumeFilters()
    scoped = VolumeFilters(base.products, base.channels, base.teams, base.kinds, tuple(int(t) for t in topic_ids))
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


def topic_infos(
    con: duckdb.DuckDBPyConnection,
) -> list[tuple[int, str | None, str | None, str | None, str | None, int | None, int | None]]:
    """(topic id, display label, owner, status, theme, born run id, merged into) for every known topic.

    The display label is the PM-given name, else the current run's label, else the latest run's. The theme
    is the current run's (none if the topic stands alone in it); only an ended topic keeps its last one.
    """
    sql = """
        WITH cur AS (SELECT run_id FROM topic_runs WHERE is_current ORDER BY created_at DESC, run_id DESC LIMIT 1),
        current_labels AS (SELECT topic_id, label, theme_label FROM topics WHERE run_id = (SELECT run_id FROM cur)),
        latest_labels AS (
            SELECT t.topic_id, arg_max(t.label, r.created_at) AS label, arg_max(t.theme_label, r.created_at) AS theme
            FROM topics t JOIN topic_runs r ON r.run_id = t.run_id GROUP BY t.topic_id
        ),
        ids AS (SELECT topic_id FROM topics UNION SELECT topic_id FROM topic_profiles)
        SELECT ids.topic_id, COALESCE(p.name, c.label, l.label), p.owner, p.status,
               CASE WHEN c.topic_id IS NOT NULL THEN c.theme_label ELSE l.theme END, p.born_run_id, p.merged_into
        FROM ids
        LEFT JOIN topic_profiles p ON p.topic_id = ids.topic_id
        LEFT JOIN current_labels c ON c.topic_id = ids.topic_id
        LEFT JOIN latest_labels l ON l.topic_id = ids.topic_id
        ORDER BY ids.topic_id
    """
    return con.execute(sql).fetchall()


def topics_born_between(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> set[int]:
    """Topics whose first birth (profile ``born_run_id`` or a lineage ``birth``) is a run made in ``[start, end)``."""
    sql = """
        WITH births AS (
            SELECT p.topic_id, r.created_at FROM topic_profiles p JOIN topic_runs r ON r.run_id = p.born_run_id
            UNION ALL
            SELECT l.topic_id, r.created_at FROM topic_lineage l JOIN topic_runs r ON r.run_id = l.run_id
            WHERE l.event = 'birth'
        )
        SELECT topic_id FROM births GROUP BY topic_id HAVING min(created_at) >= ? AND min(created_at) < ?
    """
    return {r[0] for r in con.execute(sql, [start, end]).fetchall()}


def note_time_range(
    con: duckdb.DuckDBPyConnection, until: datetime | None = None
) -> tuple[datetime | None, datetime | None]:
    """(earliest, latest) ``created_at`` of the notes (created before ``until``, if given)."""
    # fetchall, not fetchone: DuckDB keeps a result that was not fetched to the end open, and the next
    # con.register() on this shared connection then fails with "unfinished result".
    if until is None:
        rows = con.execute("SELECT min(created_at), max(created_at) FROM notes").fetchall()
    else:
        sql = "SELECT min(created_at), max(created_at) FROM notes WHERE created_at < ?"
        rows = con.execute(sql, [until]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


# -- writers for fixtures and benchmarks --------------------------------------------------------------


def record_topic_run(
    con: duckdb.DuckDBPyConnection,
    created_at: datetime,
    topics: Sequence[tuple[int, str, Sequence[str], int]],
    model_id: str = "fixture",
    make_current: bool = True,
    params: dict[str, object] | None = None,
) -> int:
    """Store a topic run and its topics ``(topic id, label, keywords, size)``; return the run id."""
    run_id = con.execute("SELECT nextval('topic_run_id_seq')").fetchall()[0][0]
    if make_current:
        con.execute("UPDATE topic_runs SET is_current = FALSE WHERE is_current")
    con.execute(
        "INSERT INTO topic_runs (run_id, created_at, model_id, n_notes, n_topics, unclear_share, input_hash, params, "
        "is_current) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
        [
            run_id,
            created_at,
            model_id,
            sum(t[3] for t in topics),
            len(topics),
            f"fixture-{run_id}",
            json.dumps(params or {}),
            make_current,
        ],
    )
    for topic_id, label, keywords, size in topics:
        con.execute(
            "INSERT INTO topics (run_id, topic_id, label, keywords, size) VALUES (?, ?, ?, ?, ?)",
            [run_id, topic_id, label, list(keywords), size],
        )
    return int(run_id)


def record_assignments(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    assignments: Sequence[tuple[int, int, float | None]],
    assigned_by: str = "fit",
) -> None:
    """Put notes ``(note id, topic id, score)`` in topics (replacing where they were)."""
    if not assignments:
        return
    table = pa.table(
        {
            "note_id": pa.array([a[0] for a in assignments], pa.int64()),
            "topic_id": pa.array([a[1] for a in assignments], pa.int64()),
            "score": pa.array([a[2] for a in assignments], pa.float64()),
        }
    )
    con.register("_new_assignments", table)
    try:
        con.execute("DELETE FROM note_topics WHERE note_id IN (SELECT note_id FROM _new_assignments)")
        con.execute(
            "INSERT INTO note_topics (note_id, topic_id, run_id, score, assigned_by) "
            "SELECT note_id, topic_id, ?, score, ? FROM _new_assignments",
            [run_id, assigned_by],
        )
    finally:
        con.unregister("_new_assignments")


def record_topic_profile(
    con: duckdb.DuckDBPyConnection,
    topic_id: int,
    name: str | None = None,
    owner: str | None = None,
    status: str = "new",
    merged_into: int | None = None,
    born_run_id: int | None = None,
) -> None:
    """Create or replace a topic's PM-owned profile (``name`` must have passed the redaction gate)."""
    require_clean("topic name", name)
    con.execute(
        "INSERT OR REPLACE INTO topic_profiles (topic_id, name, owner, status, merged_into, born_run_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [topic_id, name, owner, status, merged_into, born_run_id],
    )


def record_lineage_event(
    con: duckdb.DuckDBPyConnection, run_id: int, event: str, topic_id: int, related: Sequence[int] = ()
) -> None:
    """Record what a refit did to one topic (birth · continue · merge · split · death)."""
    con.execute(
        "INSERT INTO topic_lineage (run_id, event, topic_id, related_topic_ids) VALUES (?, ?, ?, ?)",
        [run_id, event, topic_id, list(related)],
    )


def note_ids_by_external_id(con: duckdb.DuckDBPyConnection, external_ids: Sequence[str]) -> dict[str, int]:
    """Map source ids (``notes.external_id``) to stored note ids, e.g. to line notes up with known truth."""
    if not external_ids:
        return {}
    table = pa.table({"e": pa.array(list(external_ids), pa.string())})
    con.register("_probe_external", table)
    try:
        rows = con.execute("SELECT n.external_id, n.id FROM notes n JOIN _probe_external p ON n.external_id = p.e")
        return {e: int(i) for e, i in rows.fetchall()}
    finally:
        con.unregister("_probe_external")
