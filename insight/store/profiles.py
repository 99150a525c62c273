"""SQL for ``topic_profiles`` and ``topic_lineage``: what PMs set on a topic id, PM merges, and what each
refit (or PM) did to each topic.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). PM merge chains are followed in one place, :func:`merge_targets`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from insight.errors import StoreUsageError
from insight.privacy import require_clean
from insight.records import LineageEvent
from insight.store.sql import MERGE_TARGETS, with_table

_PROFILE_FIELDS = frozenset({"name", "owner", "status", "status_note", "merged_into", "died_run_id"})


@dataclass(frozen=True)
class TopicProfile:
    """What a PM set on a topic, and the runs in which it was born and ended."""

    name: str | None
    owner: str | None
    status: str | None
    status_note: str | None
    merged_into: int | None
    born_run_id: int | None
    died_run_id: int | None


def profile(con: duckdb.DuckDBPyConnection, topic_id: int) -> TopicProfile | None:
    """A topic's profile, if it has one."""
    rows = con.execute(
        "SELECT name, owner, status, status_note, merged_into, born_run_id, died_run_id FROM topic_profiles "
        "WHERE topic_id = ?",
        [topic_id],
    ).fetchall()
    return TopicProfile(*rows[0]) if rows else None


def merged_map(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Topic → the topic a PM merged it into, one hop (see :func:`merge_targets` for where it ends up)."""
    rows = con.execute("SELECT topic_id, merged_into FROM topic_profiles WHERE merged_into IS NOT NULL").fetchall()
    return {int(t): int(m) for t, m in rows}


def merge_targets(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Each merged topic → the topic it finally lives on (``a → b → c`` gives ``a → c``; cycles cut)."""
    rows = con.execute(f"WITH RECURSIVE {MERGE_TARGETS} SELECT topic_id, target FROM merge_map").fetchall()
    return {int(t): int(m) for t, m in rows}


def merged_sources(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[int]:
    """Topics a PM merged into ``topic_id``."""
    rows = con.execute("SELECT topic_id FROM topic_profiles WHERE merged_into = ? ORDER BY 1", [topic_id]).fetchall()
    return [int(r[0]) for r in rows]


def profile_texts(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str | None, str | None]]:
    """Every PM-written text: (topic id, name, status note)."""
    return con.execute("SELECT topic_id, name, status_note FROM topic_profiles ORDER BY topic_id").fetchall()


def pm_decisions(con: duckdb.DuckDBPyConnection) -> dict[int, tuple[str | None, str | None, str | None]]:
    """(name, owner, status) a PM set, for every topic where a PM set any of them (status other than "new")."""
    rows = con.execute(
        "SELECT topic_id, name, owner, status FROM topic_profiles "
        "WHERE name IS NOT NULL OR owner IS NOT NULL OR (status IS NOT NULL AND status <> 'new')"
    ).fetchall()
    return {int(r[0]): (r[1], r[2], r[3]) for r in rows}


def topics_born_between(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> set[int]:
    """Topics first born (profile ``born_run_id`` or lineage ``birth``) by a run whose data ends in ``[start, end)``.

    A run's moment is the data it saw — the newest ``created_at`` among the notes stored before it was made —
    not the wall clock of the refit: a user importing a year of history week by week, refitting after each
    week, gets each week's births in that week, not all of them in the week they happened to import in. That
    newest note is in ``[start, end)`` exactly when the run was made after the first note created on or after
    ``start`` was stored and before the first created on or after ``end`` was: two indexed minima, whatever
    the corpus size. A run made before any note was stored (a hand-built run) falls back to its own
    ``created_at``.
    """
    sql = """
        WITH births AS (
            SELECT p.topic_id, r.run_id, r.created_at
            FROM topic_profiles p JOIN topic_runs r ON r.run_id = p.born_run_id
            UNION ALL
            SELECT l.topic_id, r.run_id, r.created_at FROM topic_lineage l JOIN topic_runs r ON r.run_id = l.run_id
            WHERE l.event = 'birth'
        ),
        first_birth AS (SELECT topic_id, min(created_at) AS made FROM births GROUP BY topic_id),
        bounds AS (
            SELECT (SELECT min(ingested_at) FROM notes WHERE created_at >= $start) AS reached_start,
                   (SELECT min(ingested_at) FROM notes WHERE created_at >= $end) AS reached_end,
                   (SELECT min(ingested_at) FROM notes) AS first_stored
        )
        SELECT f.topic_id FROM first_birth f, bounds b
        WHERE CASE WHEN b.first_stored IS NULL OR f.made < b.first_stored
                   THEN f.made >= $start AND f.made < $end
                   ELSE f.made >= b.reached_start AND (b.reached_end IS NULL OR f.made < b.reached_end) END
    """
    return {r[0] for r in con.execute(sql, {"start": start, "end": end}).fetchall()}


def topics_born_at_first_run(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Topics first born (profile ``born_run_id`` or lineage ``birth``) by the database's first topic run.

    That run made the catalogue a user starts from; its births are news only where the data says so (see
    :func:`insight.trends.signals.detect_signals`).
    """
    sql = """
        WITH births AS (
            SELECT topic_id, born_run_id AS run_id FROM topic_profiles WHERE born_run_id IS NOT NULL
            UNION ALL
            SELECT topic_id, run_id FROM topic_lineage WHERE event = 'birth'
        ),
        first_birth AS (SELECT topic_id, min(run_id) AS run_id FROM births GROUP BY topic_id)
        SELECT topic_id FROM first_birth WHERE run_id = (SELECT min(run_id) FROM topic_runs)
    """
    return {r[0] for r in con.execute(sql).fetchall()}


def _events(rows: list[tuple]) -> list[LineageEvent]:
    return [LineageEvent(e, int(t), tuple(int(x) for x in (rel or ())), ov, run, at) for e, t, rel, ov, run, at in rows]


def lineage(con: duckdb.DuckDBPyConnection, topic_id: int) -> list[LineageEvent]:
    """Every event about a topic — its own, and others' that name it (a split from it, a merge into it)."""
    return _events(
        con.execute(
            "SELECT l.event, l.topic_id, l.related_topic_ids, l.overlap, l.run_id, "
            "coalesce(r.created_at, l.created_at) FROM topic_lineage l LEFT JOIN topic_runs r ON r.run_id = l.run_id "
            "WHERE l.topic_id = ? OR list_contains(l.related_topic_ids, ?) "
            "ORDER BY l.run_id, l.created_at, l.topic_id",
            [topic_id, topic_id],
        ).fetchall()
    )


def lineage_events(con: duckdb.DuckDBPyConnection, run_id: int) -> list[LineageEvent]:
    """Every lineage event recorded by one run."""
    return _events(
        con.execute(
            "SELECT event, topic_id, related_topic_ids, overlap, run_id, created_at FROM topic_lineage "
            "WHERE run_id = ? ORDER BY topic_id, event",
            [run_id],
        ).fetchall()
    )


# -- writes (inside the caller's transaction) ----------------------------------------------------------


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


def update_profile(con: duckdb.DuckDBPyConnection, topic_id: int, **fields: Any) -> None:
    """Set PM-owned fields (name, owner, status, status_note, merged_into, died_run_id) of one topic,
    creating its profile.

    Raises:
        UnredactedTextError: ``name`` or ``status_note`` did not pass the redaction gate.
        StoreUsageError: a field that is not a profile field.
    """
    unknown = set(fields) - _PROFILE_FIELDS
    if unknown:
        raise StoreUsageError(f"not profile fields: {sorted(unknown)}")
    for name in ("name", "status_note"):
        require_clean(f"topic {name.replace('_', ' ')}", fields.get(name))
    ensure_profiles(con, [topic_id], None)
    sets = ", ".join(f"{name} = ?" for name in fields)
    con.execute(
        f"UPDATE topic_profiles SET {sets}, updated_at = now() AT TIME ZONE 'UTC' WHERE topic_id = ?",
        [*fields.values(), topic_id],
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
    with_table(con, "_events", table, (sql, [run_id]))
