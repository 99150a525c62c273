"""SQL fragments every table module shares, each written once: the current run, a topic's display label,
PM merge chains, the note filters, and the Arrow helpers for bulk reads and writes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from insight.errors import StoreUsageError
from insight.records import NoteFilters

# "The current run": the run whose topics are in use now. A refit marks exactly one run current; the
# ordering only decides if an older database ever held two.
CURRENT_RUN_ID = "(SELECT run_id FROM topic_runs WHERE is_current ORDER BY created_at DESC, run_id DESC LIMIT 1)"

# Each merged topic mapped to the topic it finally lives on (``a → b → c`` gives ``a → c``; a cycle is
# cut after 16 hops). Use as ``WITH RECURSIVE {MERGE_TARGETS}`` and join ``merge_map``.
MERGE_TARGETS = """
merge_chain(topic_id, target, depth) AS (
    SELECT topic_id, merged_into, 1 FROM topic_profiles WHERE merged_into IS NOT NULL
    UNION ALL
    SELECT c.topic_id, p.merged_into, c.depth + 1
    FROM merge_chain c JOIN topic_profiles p ON p.topic_id = c.target
    WHERE p.merged_into IS NOT NULL AND c.depth < 16
),
merge_map AS (SELECT topic_id, arg_max(target, depth) AS target FROM merge_chain GROUP BY topic_id)"""

FILTER_COLUMNS: tuple[str, ...] = ("product", "channel", "team", "kind")

# Below this many rows, plain parameterised statements beat registering an Arrow table (a fixed cost):
# saving one note from the app takes the fast path, bulk imports and refits the Arrow one.
SMALL_BATCH = 4


def display_label(profile: str = "p", topic: str = "t") -> str:
    """How a topic is named for display: the PM-given name (``topic_profiles``) wins over the generated label
    (``topics``); ``profile``/``topic`` are the aliases of those two tables in the query."""
    return f"coalesce({profile}.name, {topic}.label)"


def note_filter(
    filters: NoteFilters | None, alias: str = "n", topic_column: str | None = None
) -> tuple[str, list[Any]]:
    """The one SQL builder for :class:`NoteFilters`: a fragment of ``AND …`` terms and its parameters.

    ``alias`` is the ``notes`` table's alias; ``topic_column`` the expression holding a note's (merge-followed)
    topic — required when the filters name topics. An empty fragment means "every note".
    """
    f = filters or NoteFilters()
    parts: list[str] = []
    params: list[Any] = []
    if f.start is not None:
        parts.append(f"{alias}.created_at >= ?")
        params.append(f.start if isinstance(f.start, datetime) else datetime.combine(f.start, time.min))
    if f.end is not None:  # an end day is included (stop before the next midnight); an end instant is not
        parts.append(f"{alias}.created_at < ?")
        params.append(f.end if isinstance(f.end, datetime) else datetime.combine(f.end + timedelta(days=1), time.min))
    for column, accepted in zip(FILTER_COLUMNS, (f.products, f.channels, f.teams, f.kinds), strict=True):
        if accepted:
            parts.append(f"{alias}.{column} IN (SELECT unnest(?))")
            params.append(list(accepted))
    if f.topic_ids:
        if topic_column is None:
            raise StoreUsageError("this query cannot filter on topics")
        parts.append(f"{topic_column} IN (SELECT unnest(?))")
        params.append([int(t) for t in f.topic_ids])
    return "".join(f" AND {p}" for p in parts), params


def matrix(table: pa.Table, column: str) -> np.ndarray:
    """A ``FLOAT[]`` column of an Arrow table as an (n, dim) float32 matrix (0 × 0 when empty)."""
    if table.num_rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    flat = np.asarray(table.column(column).combine_chunks().flatten().to_numpy(), dtype=np.float32)
    return flat.reshape(table.num_rows, -1)


def with_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, *statements: tuple[str, list]) -> list:
    """Run statements that read an Arrow table registered as ``name`` (fast bulk writes and probes).

    Returns the rows of the last statement (read whole: DuckDB 2 refuses to commit with a result half-read).
    """
    con.register(name, table)
    try:
        rows: list = []
        for sql, params in statements:
            rows = con.execute(sql, params).fetchall()
        return rows
    finally:
        con.unregister(name)
