"""The demo's vectors, computed at install time and reused by the first start's seeding."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from ingest.demo import seed_demo
from insight.embedder import HashingEmbedder
from insight.settings import load_settings
from insight.store import Store
from insight.vector_cache import (
    CachedEmbedder,
    WrappedEmbedder,
    demo_cache_path,
    load_vectors,
    save_vectors,
    text_digest,
    with_demo_cache,
)

NOW = datetime(2026, 6, 1, 12, 0)


class CountingEmbedder(WrappedEmbedder):
    """Records every text the model itself was asked to embed."""

    def __init__(self, inner) -> None:
        super().__init__(inner)
        self.asked: list[str] = []

    def embed(self, texts, progress=None):
        self.asked.extend(texts)
        return self.inner.embed(texts, progress=progress)


def test_cached_texts_skip_the_model_and_misses_reach_it(tmp_path) -> None:
    model = CountingEmbedder(HashingEmbedder(32))
    known = ["router keeps dropping", "bill doubled this month"]
    path = demo_cache_path(tmp_path, model.model_id)
    planted = np.eye(32, dtype=np.float32)[:2]  # not what the model would say: proves the cache was used
    save_vectors(path, model.model_id, known, planted)

    cached = CachedEmbedder(model, load_vectors(path, model.model_id))
    seen: list[tuple[int, int]] = []
    out = cached.embed([known[1], "a brand new note", known[0]], progress=lambda d, t: seen.append((d, t)))

    assert model.asked == ["a brand new note"]
    assert np.array_equal(out[0], planted[1]) and np.array_equal(out[2], planted[0])
    assert np.allclose(out[1], HashingEmbedder(32).embed(["a brand new note"])[0])
    assert (cached.hits, cached.misses) == (2, 1)
    assert seen[-1] == (3, 3)
    assert cached.model_id == model.model_id and cached.dimension == 32


def test_a_cache_of_another_model_or_a_damaged_file_is_ignored(tmp_path) -> None:
    path = tmp_path / "v.npz"
    save_vectors(path, "model-a", ["x"], np.ones((1, 8), np.float32))
    assert set(load_vectors(path, "model-a")) == {text_digest("x")}
    assert load_vectors(path, "model-b") == {}
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert load_vectors(path, "model-a") == {}
    assert load_vectors(tmp_path / "missing.npz", "model-a") == {}
    # No cache: the embedder is used as it is.
    plain = HashingEmbedder(8)
    assert with_demo_cache(plain, tmp_path / "empty") is plain


def test_vectors_of_another_length_are_not_used(tmp_path) -> None:
    model = CountingEmbedder(HashingEmbedder(16))
    save_vectors(tmp_path / "v.npz", model.model_id, ["x"], np.ones((1, 8), np.float32))
    cached = CachedEmbedder(model, load_vectors(tmp_path / "v.npz", model.model_id))
    assert cached.embed(["x"]).shape == (1, 16) and model.asked == ["x"]


@pytest.mark.slow
def test_install_time_vectors_are_the_models_own_and_seeding_needs_no_model_call(
    tmp_path, monkeypatch, real_embedder
) -> None:
    """warmup → seed: every demo note's vector comes from the cache, and equals what the model computes."""
    from ingest import warmup
    from ingest.redaction import default_redactor

    monkeypatch.setenv("EARSHOT_MODEL_CACHE_DIR", str(tmp_path / "models"))
    settings = load_settings(db=tmp_path / "demo.duckdb")
    count, _ = warmup.cache_demo_vectors(settings, notes_per_week=12, weeks=6)
    assert count > 40

    spy = CountingEmbedder(real_embedder)
    store = Store(settings.db)
    report = seed_demo(
        store,
        embedder=spy,
        redactor=default_redactor(),
        settings=settings,
        notes_per_week=12,
        weeks=6,
        now=NOW,
        refit_topics=False,
    )
    assert report.imported == count
    assert spy.asked == []  # nothing re-embedded
    with store.read() as con:
        rows = con.execute(
            "SELECT n.text, e.vector FROM notes n JOIN note_embeddings e ON e.note_id = n.id ORDER BY n.id"
        ).fetchall()
    texts = [r[0] for r in rows]
    stored = np.array([r[1] for r in rows], dtype=np.float32)
    fresh = real_embedder.embed(texts)
    assert len(texts) == count
    assert float(np.min(np.sum(stored * fresh, axis=1))) > 0.9999
