"""The in-memory vector index behind search: the same answers as the SQL scan, and it follows the store."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from insight.privacy import synthetic_draft
from insight.records import NoteDraft, NoteFilters
from insight.search import search_notes
from insight.store import note_views as views_sql
from insight.store import notes as notes_sql
from insight.store import vectors as vectors_sql
from insight.vector_index import VectorIndex, forget_indexes

DIM = 16


@pytest.fixture(autouse=True)
def _fresh_indexes():
    forget_indexes()
    yield
    forget_indexes()


def _add(store, n: int, seed: int, model_id: str = "m", channel: str = "chat") -> list[int]:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    drafts = [
        NoteDraft(text=f"note {seed}-{i}", created_at=datetime(2025, 1, 1) + timedelta(hours=i), channel=channel,
                  source="t", external_id=f"{seed}-{i}")
        for i in range(n)
    ]  # fmt: skip
    with store.transaction() as con:
        return notes_sql.insert_notes(
            con, [synthetic_draft(d) for d in drafts], [d.external_id for d in drafts], [()] * n, vectors, model_id
        )


def test_top_k_matches_the_sql_scan_with_filters_exclusions_and_thresholds(store):
    _add(store, 300, 1)
    _add(store, 200, 2, channel="phone")
    index = VectorIndex("m")
    query = np.random.default_rng(9).normal(size=DIM).astype(np.float32)
    query /= np.linalg.norm(query)
    phones = NoteFilters(channels=("phone",))
    with store.read() as con:
        index.refresh(con)
        for kwargs in ({}, {"filters": phones}, {"min_score": 0.3, "exclude_ids": [5, 7]}):
            expected = views_sql.nearest_notes(con, query, "m", limit=12, **kwargs)
            allowed = notes_sql.filtered_note_ids(con, phones) if "filters" in kwargs else None
            ids, scores = index.top(query, 12, allowed=allowed, exclude=kwargs.get("exclude_ids", ()),
                                    min_score=kwargs.get("min_score"))  # fmt: skip
            assert ids.tolist() == [r[0] for r in expected]
            assert np.allclose(scores, [r[-1] for r in expected], atol=1e-5)


def test_the_index_appends_new_notes_and_reloads_when_vectors_change(store):
    first = _add(store, 100, 1)
    index = VectorIndex("m")
    with store.read() as con:
        index.refresh(con)
    later = _add(store, 50, 2)
    probe = np.zeros(DIM, dtype=np.float32)
    with store.read() as con:
        index.refresh(con)
        probe[:] = vectors_sql.note_vector(con, later[-1], "m")
    assert index.top(probe, 1)[0].tolist() == [later[-1]]
    with store.transaction() as con:
        con.execute("DELETE FROM note_embeddings WHERE note_id = ?", [later[-1]])
        con.execute("DELETE FROM note_embeddings WHERE note_id = ?", [first[0]])
        vectors_sql.insert_embeddings(con, [first[0]], probe[None, :], "m")
    with store.read() as con:
        index.refresh(con)
    assert index.top(probe, 1)[0].tolist() == [first[0]]
    assert later[-1] not in index.top(probe, 200)[0].tolist()
    with store.transaction() as con:  # one note's vector swapped for another's: same count, same largest id
        con.execute("DELETE FROM note_embeddings WHERE note_id = ?", [first[1]])
        vectors_sql.insert_embeddings(con, [later[-1]], probe[None, :], "m")
        con.execute("DELETE FROM note_embeddings WHERE note_id = ?", [first[0]])
        vectors_sql.insert_embeddings(con, [first[1]], -probe[None, :], "m")
    with store.read() as con:
        index.refresh(con)
    assert index.top(probe, 1)[0].tolist() == [later[-1]] and first[0] not in index.top(probe, 200)[0].tolist()


def test_search_uses_only_the_model_of_the_query(store, fake_embedder):
    _add(store, 30, 1, model_id="other-model")
    drafts = [NoteDraft(text=t, created_at=datetime(2025, 2, 1), source="t", external_id=t, channel="chat")
              for t in ("esim will not activate", "refund is late", "esim activation fails abroad")]  # fmt: skip
    with store.transaction() as con:
        notes_sql.insert_notes(con, [synthetic_draft(d) for d in drafts], [d.external_id for d in drafts], [()] * 3,
                               fake_embedder.embed([d.text for d in drafts]), fake_embedder.model_id)  # fmt: skip
    hits = search_notes(store, "esim", embedder=fake_embedder, limit=10)
    assert len(hits) == 3
    assert {h.note.text for h in hits[:2]} == {"esim will not activate", "esim activation fails abroad"}
    none = search_notes(store, "esim", embedder=fake_embedder, filters=NoteFilters(channels=("phone",)))
    assert none == []
