"""Placing new notes on arrival, with the real model, into the current run's topics."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.privacy import synthetic_draft
from insight.records import UNCLEAR_LABEL, NoteDraft
from insight.store.notes import insert_notes
from insight.topics import assign_notes, list_topics, merge_topics, refit
from insight.topics.assign import Placement

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real embeddings (computed once per session)."""
    return embedded_corpus(real_embedder)


ARRIVALS = (
    "My replacement bank card still has not come in the post after two weeks",
    "Please give the mobile app a dark theme, it is too bright in the evening",
    "Penguin migration patterns across the Antarctic ice shelf in winter",
)


def _arrive(store, embedder, texts: tuple[str, ...]) -> list[Placement]:
    drafts = [synthetic_draft(NoteDraft(text=t, created_at=datetime(2025, 4, 1), source="test")) for t in texts]
    vectors = embedder.embed(list(texts))
    with store.transaction() as con:
        ids = insert_notes(
            con, drafts, [uuid.uuid4().hex for _ in texts], [()] * len(texts), vectors, embedder.model_id
        )
        return assign_notes(con, ids, vectors, embedder.model_id)


def _topic_with(store, words: str) -> int:
    return next(t.topic_id for t in list_topics(store) if any(words in k for k in (t.label, *t.keywords)))


def test_nothing_is_placed_before_the_first_refit(store, real_embedder):
    assert _arrive(store, real_embedder, ARRIVALS[:1]) == []
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM note_topics").fetchall()[0][0] == 0


def test_new_notes_land_in_their_topic_and_an_unrelated_one_is_unclear(store, settings, corpus, real_embedder):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    card, dark = _arrive(store, real_embedder, ARRIVALS[:2])
    topics = {t.topic_id: t for t in list_topics(store)}
    assert "card" in card.label or "deliver" in " ".join(topics[card.topic_id].keywords)
    assert "dark" in dark.label or "dark" in " ".join(topics[dark.topic_id].keywords)
    assert card.score > 0.4 and dark.score > 0.4
    (penguins,) = _arrive(store, real_embedder, ARRIVALS[2:])
    assert penguins.topic_id == -1 and penguins.label == UNCLEAR_LABEL
    with store.read() as con:
        rows = con.execute(
            "SELECT topic_id, assigned_by, run_id FROM note_topics WHERE note_id IN (?, ?, ?) ORDER BY note_id",
            [card.note_id, dark.note_id, penguins.note_id],
        ).fetchall()
    assert rows == [(card.topic_id, "arrival", 1), (dark.topic_id, "arrival", 1), (-1, "arrival", 1)]


def test_a_vector_from_another_model_is_not_placed(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    with store.transaction() as con:
        assert assign_notes(con, [1], corpus["vectors"][:1], "some-other-model") == []


def test_placement_follows_merges_renames_and_new_runs(store, settings, corpus, real_embedder):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    (first,) = _arrive(store, real_embedder, ARRIVALS[1:2])
    other = next(t.topic_id for t in list_topics(store) if t.topic_id != first.topic_id)
    merge_topics(store, first.topic_id, other)  # the cached centroids must be dropped
    (second,) = _arrive(store, real_embedder, ARRIVALS[1:2])
    assert second.topic_id != first.topic_id
    refit(store, settings, corpus["model_id"], force=True)
    (third,) = _arrive(store, real_embedder, ARRIVALS[1:2])
    with store.read() as con:
        run = con.execute("SELECT run_id FROM note_topics WHERE note_id = ?", [third.note_id]).fetchall()[0][0]
    assert run == 2
