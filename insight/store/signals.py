"""SQL for ``trend_weeks``/``trend_signals`` (what was signalled each week, kept so a later refit never rewrites
the past) and ``pockets`` (emerging needs inside or between topics).

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

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


def count_notes(con: duckdb.DuckDBPyConnection) -> int:
    """How many notes are stored (what decides whether a page may judge a week itself)."""
    return int(con.execute("SELECT count(*) FROM notes").fetchall()[0][0])


def stored_weeks(con: duckdb.DuckDBPyConnection) -> list[tuple[str, datetime, int | None, int]]:
    """(week, computed at, run id, signals) for every stored week, oldest first."""
    return con.execute("SELECT week, computed_at, run_id, n_signals FROM trend_weeks ORDER BY week").fetchall()


# -- pockets ------------------------------------------------------------------------------------------

_POCKET_COLUMNS = (
    "pocket_id, first_week, last_week, label, keywords, model_id, centroid, radius, parent_topic_ids, note_ids, "
    "topic_id, born_run_id"
)


@dataclass(frozen=True)
class PocketRow:
    """A stored pocket: an emerging need found below the topic level, and the topic a refit gave it (if any)."""

    pocket_id: int
    first_week: str
    last_week: str
    label: str
    keywords: tuple[str, ...]
    model_id: str
    centroid: np.ndarray
    radius: float
    parent_topic_ids: tuple[int, ...]
    note_ids: tuple[int, ...]
    topic_id: int | None
    born_run_id: int | None


def pockets(con: duckdb.DuckDBPyConnection, model_id: str | None = None) -> list[PocketRow]:
    """Every stored pocket (optionally of one model), oldest first."""
    where, params = ("WHERE model_id = ?", [model_id]) if model_id else ("", [])
    rows = con.execute(f"SELECT {_POCKET_COLUMNS} FROM pockets {where} ORDER BY pocket_id", params).fetchall()
    return [
        PocketRow(
            pocket_id=int(r[0]),
            first_week=r[1],
            last_week=r[2],
            label=r[3],
            keywords=tuple(r[4] or ()),
            model_id=r[5],
            centroid=np.asarray(r[6], dtype=np.float32),
            radius=float(r[7]),
            parent_topic_ids=tuple(int(t) for t in r[8] or ()),
            note_ids=tuple(int(n) for n in r[9] or ()),
            topic_id=None if r[10] is None else int(r[10]),
            born_run_id=None if r[11] is None else int(r[11]),
        )
        for r in rows
    ]


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


def pocket_topics(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """topic id -> pocket id, for the topics a refit gave to a pocket (the need it grew from)."""
    rows = con.execute("SELECT topic_id, pocket_id FROM pockets WHERE topic_id IS NOT NULL").fetchall()
    return {int(t): int(p) for t, p in rows}
