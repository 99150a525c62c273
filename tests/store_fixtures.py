"""Writers for fixtures and benchmarks that need topic runs without fitting a model.

The topics engine has its own writers in ``insight/store``; these build the same tables by hand (a run,
its topics, placements, profiles, lineage) so trend, page and API tests can start from a known world.
Benchmarks import them too (``from tests.store_fixtures import …``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from insight.privacy import require_clean
from insight.records import LineageEvent
from insight.store import placements, profiles, vectors
from insight.store.notes import get_notes


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
        [run_id, created_at, model_id, sum(t[3] for t in topics), len(topics), f"fixture-{run_id}",
         json.dumps(params or {}), make_current],
    )  # fmt: skip
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
    note_ids = [a[0] for a in assignments]
    placements.place_notes(con, run_id, note_ids, [a[1] for a in assignments], [a[2] for a in assignments], assigned_by)


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
    profiles.insert_lineage(con, run_id, [LineageEvent(event, topic_id, tuple(related))])


def record_topic_shape(
    con: duckdb.DuckDBPyConnection, run_id: int, topic_id: int, centroid: np.ndarray, representative_ids: Sequence[int]
) -> None:
    """Set a fixture topic's centroid and representative notes."""
    con.execute(
        "UPDATE topics SET centroid = ?, representative_note_ids = ? WHERE run_id = ? AND topic_id = ?",
        [np.asarray(centroid, dtype=np.float32).tolist(), [int(i) for i in representative_ids], run_id, topic_id],
    )


def note_ids_by_external_id(con: duckdb.DuckDBPyConnection, external_ids: Sequence[str]) -> dict[str, int]:
    """Map source ids (``notes.external_id``) to stored note ids, e.g. to line notes up with known truth."""
    if not external_ids:
        return {}
    con.register("_probe_external", pa.table({"e": pa.array(list(external_ids), pa.string())}))
    try:
        rows = con.execute("SELECT n.external_id, n.id FROM notes n JOIN _probe_external p ON n.external_id = p.e")
        return {e: int(i) for e, i in rows.fetchall()}
    finally:
        con.unregister("_probe_external")


def write_answer_key_topics(store: Any, model_id: str, *, when: datetime | None = None) -> dict[str, int]:
    """A topic run whose topics are the demo themes (the answer key), for page tests and benchmarks.

    Notes are read with their ``demo_theme`` attribute; returns theme key → topic id.
    """
    from ingest.demo_themes import THEMES

    with store.transaction() as con:
        ids, matrix = vectors.load_embeddings(con, model_id)
        members: dict[str, list[int]] = {}
        for start in range(0, len(ids), 5000):
            for note in get_notes(con, [int(i) for i in ids[start : start + 5000]]):
                members.setdefault(str(note.extra.get("demo_theme", "misc")), []).append(note.id)
        topic_ids = {theme: n for n, theme in enumerate(sorted(members))}
        labels = {t.key: t.key.replace("-", " ").capitalize() for t in THEMES}
        topics = [(tid, labels.get(th, th), th.split("-"), len(members[th])) for th, tid in topic_ids.items()]
        # naive UTC, as every stored time
        run_id = record_topic_run(con, when or datetime.now(UTC).replace(tzinfo=None), topics, model_id=model_id)
        row_of = {int(i): k for k, i in enumerate(ids)}
        for theme, tid in topic_ids.items():
            centroid = matrix[[row_of[i] for i in members[theme]]].mean(axis=0)
            record_topic_shape(con, run_id, tid, np.asarray(centroid), members[theme][:5])
            record_topic_profile(con, tid, born_run_id=run_id)
        record_assignments(con, run_id, [(i, topic_ids[th], 0.9) for th, ms in members.items() for i in ms])
    return topic_ids
