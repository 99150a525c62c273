"""A topic a refit gave to a flagged pocket continues that pocket's need (real temp DuckDB).

On the emerging benchmark (CLINC150, seed 2) a pocket was flagged in two weeks, carved into a topic of its
own at the next refit, and that topic's history — the pocket's burst, recounted — was flagged emerging
the week after with nothing linking it to the pocket: to a reader, a new need.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from trend_fixtures import new_store, populate, series_notes

from insight.settings import load_settings
from insight.store import signals as signals_sql
from insight.trends import detect_signals

SETTINGS = load_settings(environ={})
AGENTS = ("a1", "a2", "a3", "a4", "a5", "a6")
RUN_AT = datetime(2025, 3, 9, 22)  # Sunday of 2025-W10


def _world(tmp_path, burst: list[int], name: str):
    """A steady topic 1 and topic 2, whose weekly counts W01…W10 are ``burst``."""
    store = new_store(tmp_path, name)
    notes = series_notes(1, "2025-W01", [12] * 10, agents=AGENTS)
    notes += series_notes(2, "2025-W01", burst, agents=AGENTS)
    populate(store, notes, {1: "steady", 2: "change my name"}, RUN_AT)
    return store


def _born_from_pocket(store, topic_id: int, weeks: list[str]) -> int:
    """Record a pocket signalled in ``weeks`` and given ``topic_id`` by a refit; return its id."""
    with store.transaction() as con:
        pocket_id = signals_sql.insert_pocket(
            con, week=weeks[0], label="change my name", keywords=("name",), model_id="fixture",
            centroid=np.array([1.0, 0.0, 0.0], dtype=np.float32), radius=0.8, parent_topic_ids=(1,), note_ids=(),
        )  # fmt: skip
        for week in weeks[1:]:
            signals_sql.extend_pocket(con, pocket_id, week, ())
        signals_sql.mark_pocket_born(con, pocket_id, topic_id, 1)
    return pocket_id


def _emerging(store) -> list:
    return [s for s in detect_signals(store, SETTINGS, "2025-W10") if s.kind == "emerging" and s.topic_id == 2]


def test_a_topic_born_from_a_flagged_pocket_is_flagged_as_that_pocket(tmp_path):
    burst = [0, 1, 0, 0, 0, 1, 0, 14, 6, 4]  # the pocket's burst in W08, W09, recounted under its topic
    store = _world(tmp_path, burst, "a.duckdb")
    # Before any pocket: a topic of its own, a need of its own.
    (signal,) = _emerging(store)
    assert signal.window_weeks == 3 and signal.pocket_id is None
    # Given to the pocket flagged in W08 and W09 by a refit: the same need, continued — not a new one.
    pocket_id = _born_from_pocket(store, 2, ["2025-W08", "2025-W09"])
    (signal,) = _emerging(store)
    assert signal.scope == "topic" and signal.pocket_id == pocket_id
    assert signal.as_dict()["pocket_id"] == pocket_id  # what ``trends --json`` prints


def test_the_pockets_need_is_kept_when_the_week_is_stored(tmp_path):
    from insight.trends import weekly_signals

    store = _world(tmp_path, [0, 1, 0, 0, 0, 1, 0, 3, 4, 30], "b.duckdb")
    pocket_id = _born_from_pocket(store, 2, ["2025-W08", "2025-W09"])
    stored = [s for s in weekly_signals(store, SETTINGS, "2025-W10", now=datetime(2025, 3, 20)) if s.topic_id == 2]
    again = [s for s in weekly_signals(store, SETTINGS, "2025-W10") if s.topic_id == 2]
    assert [s.pocket_id for s in stored if s.kind == "emerging"] == [pocket_id]
    assert [s.pocket_id for s in again if s.kind == "emerging"] == [pocket_id]  # read back as it was said
