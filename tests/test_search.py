# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""insight.search: semantic search with filters, similar notes this week, My notes, the topic map."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from app_support import DIM, demo_template  # noqa: F401

from insight import (
    agent_notes,
    demo_data,
    filter_options,
    records,
    search,
    similar,
    topic_activity,
    topic_map,
    trend_view,
)
from insight.clock import utc_now
from insight.embedder import HashingEmbedder
from insight.errors import InputError
from insight.store import Store


@pytest.fixture
def demo_store(demo_template, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_template[0], path)
    store = Store(path)
    yield store, demo_template[1]
    store.release()


EMBEDDER = HashingEmbedder(DIM)


def test_search_ranks_and_filters(demo_store) -> None:
    store, _ = demo_store
    hits = search.search_notes(store, "eSIM", embedder=EMBEDDER, limit=10)
    assert "esim" in hits[0].note.text.lower()
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    only_chat = search.search_notes(
        store, "eSIM", embedder=EMBEDDER, filters=records.NoteFilters(channels=("chat",)), limit=10
    )
    assert only_chat and {h.note.channel for h in only_chat} == {"chat"}
    recent = date.today() - timedelta(days=14)
    dated = search.search_notes(store, "eSIM", embedder=EMBEDDER, filters=records.NoteFilters(start=recent), limit=50)
    assert all(h.note.created_at.date() >= recent for h in dated)
    assert all(h.note.topic_label for h in hits)  # the topic comes with each hit
    with pytest.raises(InputError):
        search.search_notes(store, "   ", embedder=EMBEDDER)


def test_similar_this_week_counts_other_agents(demo_store) -> None:
    store, topics = demo_store
    text = "Customer wants to move to eSIM on their new Pixel 9, we can't offer it yet."
    result = similar.similar_this_week(
        store, embedder=EMBEDDER, text=text, agent_id="someone.new", topic_id=topics["esim"]
    )
    assert result.hits and result.colleagues >= 1
    assert all(h.note.created_at >= utc_now() - timedelta(days=7, minutes=10) for h in result.hits)
    assert result.topic_notes >= result.topic_colleagues >= 1
    mine = result.hits[0].note
    again = similar.similar_this_week(store, embedder=EMBEDDER, note_id=mine.id, agent_id=mine.agent_id)
    assert mine.id not in {h.note.id for h in again.hits}  # never "similar to itself"


def test_notes_by_agent_and_filter_options(demo_store) -> None:
    store, _ = demo_store
    options = filter_options.filter_options(store)
    assert len(options.products) >= 5 and options.first < options.last
    agent = options.agents[0][0]
    mine = agent_notes.notes_by_agent(store, agent)
    assert mine and all(m.note.agent_id == agent for m in mine)
    assert [m.note.created_at for m in mine] == sorted((m.note.created_at for m in mine), reverse=True)
    assert all(m.topic_status == "new" for m in mine)


def test_topic_map_and_similar_topics(demo_store) -> None:
    store, topics = demo_store
    points = topic_map.topic_map(store)
    assert {p.topic_id for p in points} == set(topics.values())
    assert len({(round(p.x, 3), round(p.y, 3)) for p in points}) == len(points)
    neighbours = topic_map.similar_topics(store, topics["esim"], limit=3)
    assert len(neighbours) == 3 and topics["esim"] not in {p.topic_id for p, _ in neighbours}


def test_overview_and_activity(demo_store) -> None:
    from insight.settings import load_settings

    store, topics = demo_store
    overview = trend_view.topic_overview(store, load_settings({}))
    assert overview.weeks and overview.topics
    assert all(len(t.weekly) == len(overview.weeks) for t in overview.topics)
    activity = topic_activity.topic_activity(store, topics["pause"])
    assert sum(activity.counts) > 0 and set(activity.breakdowns) == {"product", "channel", "team", "kind"}
    assert activity.quotes and all("pause" in q.text.lower() or "freeze" in q.text.lower() for q in activity.quotes)


def test_empty_database(tmp_path) -> None:
    store = Store(tmp_path / "empty.duckdb")
    assert not filter_options.has_notes(store)
    assert topic_map.topic_map(store) == []
    assert filter_options.filter_options(store).first is None
    assert demo_data.demo_note_count(store) == 0
    store.release()


def test_nonsense_finds_nothing_close_with_the_real_model(real_embedder, redactor, tmp_path) -> None:
    """ "zzqx" used to list 50 notes at 0.25; with the model's floor it finds nothing, real queries still do."""
    from ingest.demo import generate_demo_notes
    from ingest.service import ingest_drafts
    from insight.settings import load_settings

    path = tmp_path / "real.duckdb"
    store = Store(path)
    drafts = generate_demo_notes(notes_per_week=25, weeks=6)
    ingest_drafts(store, drafts, embedder=real_embedder, redactor=redactor, settings=load_settings({}, db=path))
    for nonsense in ("zzqx", "asdfgh", "lorem ipsum dolor"):
        assert search.search_notes(store, nonsense, embedder=real_embedder, limit=50) == [], nonsense
    for query in ("eSIM", "bill too high", "customers want to pause their plan while travelling"):
        hits = search.search_notes(store, query, embedder=real_embedder, limit=50)
        assert hits and hits[0].score >= search.UNRELATED_BELOW[real_embedder.model_id], query
    store.release()
