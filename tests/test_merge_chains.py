"""PM merge chains (a → b → c → d) are followed to the end by every reader: the store's one
``merge_targets``, weekly counts, the topic catalogue and the notes export."""

from __future__ import annotations

from datetime import datetime

from trend_fixtures import new_store, populate, week_notes

from insight.export import notes_export_frame
from insight.records import NoteFilters
from insight.store import profiles as profiles_sql
from insight.trends import topic_catalogue, weekly_topic_volume

LABELS = {1: "Card declined", 2: "Card refused", 3: "Payment refused", 4: "Payments failing", 5: "Login"}


def _chained(tmp_path):
    """Notes still placed in topics 1, 2 and 3, whose profiles say 1 → 2 → 3 → 4 (three hops)."""
    store = new_store(tmp_path)
    notes = [
        *week_notes(1, "2025-W10", 3),
        *week_notes(2, "2025-W10", 2),
        *week_notes(3, "2025-W10", 1),
        *week_notes(4, "2025-W10", 4),
        *week_notes(5, "2025-W10", 5),
    ]
    profiles = {1: {"merged_into": 2}, 2: {"merged_into": 3}, 3: {"merged_into": 4}, 4: {"name": "Payments down"}}
    populate(store, notes, LABELS, datetime(2025, 3, 17), profiles=profiles)
    return store


def test_merge_targets_follow_the_whole_chain(tmp_path):
    store = _chained(tmp_path)
    with store.read() as con:
        assert profiles_sql.merge_targets(con) == {1: 4, 2: 4, 3: 4}
        assert profiles_sql.merged_map(con) == {1: 2, 2: 3, 3: 4}  # the one-hop edges, as stored


def test_export_shows_a_three_hop_merge_under_the_surviving_topic(tmp_path):
    frame = notes_export_frame(_chained(tmp_path))
    assert sorted(frame["topic_id"].dropna().astype(int).unique().tolist()) == [4, 5]
    merged = frame[frame["topic_id"] == 4]
    assert len(merged) == 3 + 2 + 1 + 4
    assert set(merged["topic_label"]) == {"Payments down"}  # the survivor's PM name, not "Card refused"
    assert set(frame[frame["topic_id"] == 5]["topic_label"]) == {"Login"}


def test_counts_and_catalogue_agree_with_the_export(tmp_path):
    store = _chained(tmp_path)
    counts = {r.topic_id: r.count for r in weekly_topic_volume(store, "2025-W10", "2025-W10")}
    assert counts == {4: 10, 5: 5}
    only = weekly_topic_volume(store, "2025-W10", "2025-W10", NoteFilters(topic_ids=(4,)))
    assert sum(r.count for r in only) == 10
    catalogue = topic_catalogue(store)
    assert catalogue[1] == catalogue[2] == catalogue[3] == catalogue[4]
    assert catalogue[1].label == "Payments down"
