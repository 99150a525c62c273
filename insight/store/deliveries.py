"""SQL for deliveries (the brief and alerts sent to channels), alert state and scheduled runs.

Results are always fetched to the end (``fetchall``): see :mod:`insight.store.tokens`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

DELIVERY_COLUMNS = (
    "id, kind, subject_key, week, topic_id, channel, recipient, title, body, body_format, status, attempts, "
    "last_error, created_at, last_attempt_at, next_attempt_at, sent_at"
)


def delivered_keys(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> set[tuple[str, str]]:
    """(subject_key, channel) pairs already recorded (whatever their status): never deliver them twice."""
    if not keys:
        return set()
    rows = con.execute(
        "SELECT subject_key, channel FROM deliveries WHERE subject_key IN (SELECT unnest(?))", [list(keys)]
    ).fetchall()
    return {(k, c) for k, c in rows}


def insert_delivery(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    subject_key: str,
    week: str,
    topic_id: int | None,
    channel: str,
    recipient: str,
    title: str,
    body: str,
    body_format: str,
    now: datetime,
) -> int:
    """Record a delivery about to be attempted (status ``pending``); return its id."""
    row = con.execute(
        "INSERT INTO deliveries (kind, subject_key, week, topic_id, channel, recipient, title, body, body_format, "
        "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
        [kind, subject_key, week, topic_id, channel, recipient, title, body, body_format, now],
    ).fetchall()
    return int(row[0][0])


def record_attempt(
    con: duckdb.DuckDBPyConnection,
    delivery_id: int,
    *,
    status: str,
    error: str | None,
    now: datetime,
    next_attempt_at: datetime | None,
) -> None:
    """Record one attempt's outcome: ``sent``, ``retrying`` (with its next time) or ``failed``."""
    con.execute(
        "UPDATE deliveries SET status = ?, attempts = attempts + 1, last_error = ?, last_attempt_at = ?, "
        "next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
        [status, error, now, next_attempt_at, status, now, delivery_id],
    )


def due_retries(con: duckdb.DuckDBPyConnection, now: datetime) -> list[tuple]:
    """Deliveries waiting for a retry whose time has come (and pending ones a crash left behind)."""
    return con.execute(
        f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE (status = 'retrying' AND next_attempt_at <= ?) "
        "OR (status = 'pending' AND created_at <= ? - INTERVAL 10 MINUTE) ORDER BY id",
        [now, now],
    ).fetchall()


def recent_deliveries(con: duckdb.DuckDBPyConnection, limit: int) -> list[tuple]:
    """The latest deliveries, newest first."""
    return con.execute(f"SELECT {DELIVERY_COLUMNS} FROM deliveries ORDER BY id DESC LIMIT ?", [limit]).fetchall()


def get_delivery(con: duckdb.DuckDBPyConnection, delivery_id: int) -> tuple | None:
    """One delivery by id."""
    rows = con.execute(f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = ?", [delivery_id]).fetchall()
    return rows[0] if rows else None


def alert_states(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """need key (``topic:12``, ``pocket:3``) -> (notes that week when last alerted, that week)."""
    rows = con.execute("SELECT need_key, last_count, last_week FROM need_alert_state").fetchall()
    return {str(k): (int(c), w) for k, c, w in rows}


def save_alert_state(con: duckdb.DuckDBPyConnection, need_key: str, count: int, week: str, now: datetime) -> None:
    """Remember the size at which a need (``topic:12``, ``pocket:3``) was alerted."""
    con.execute(
        "INSERT INTO need_alert_state (need_key, last_count, last_week, alerted_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (need_key) DO UPDATE SET last_count = excluded.last_count, last_week = excluded.last_week, "
        "alerted_at = excluded.alerted_at",
        [need_key, count, week, now],
    )


def claim_run(con: duckdb.DuckDBPyConnection, slot: str, week: str, now: datetime) -> bool:
    """Claim a scheduled slot; ``False`` if it was already run (by this server before a restart, or another)."""
    if con.execute("SELECT 1 FROM delivery_runs WHERE slot = ?", [slot]).fetchall():
        return False
    con.execute("INSERT INTO delivery_runs (slot, week, ran_at) VALUES (?, ?, ?)", [slot, week, now])
    return True


def finish_run(con: duckdb.DuckDBPyConnection, slot: str, summary: str) -> None:
    """Record what a scheduled run did."""
    con.execute("UPDATE delivery_runs SET summary = ? WHERE slot = ?", [summary, slot])


def last_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple]:
    """The latest scheduled runs: slot, week, ran_at, summary."""
    return con.execute(
        "SELECT slot, week, ran_at, summary FROM delivery_runs ORDER BY ran_at DESC LIMIT ?", [limit]
    ).fetchall()
