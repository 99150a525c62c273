"""Bulk embedding and placement as Ray Data jobs on a local Ray instance (real model, real DuckDB file)."""

from __future__ import annotations

import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.bulk import bulk_embed, bulk_place
from insight.cli import main
from insight.errors import EarshotError
from insight.store import vectors as vectors_sql
from insight.topics import refit
from insight.topics.assign import clear_cache, load_run_centroids

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray for the module (starting it costs seconds), shut down afterwards."""
    ray = pytest.importorskip("ray")
    yield ray
    ray.shutdown()


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real embeddings."""
    return embedded_corpus(real_embedder)


def test_bulk_embed_and_place_on_local_ray(store, settings, corpus, local_ray, tmp_path):
    settings = settings.replace(ray_export_dir=tmp_path / "ray")
    store_corpus(store, corpus["drafts"][:200], corpus["vectors"][:200], corpus["model_id"])
    store_corpus(store, corpus["drafts"][200:], None, None)  # 40 notes still without a vector
    seen = []
    result = bulk_embed(store, settings, progress=lambda done, total: seen.append((done, total)))
    assert result.rows == 40 and result.workers >= 1 and seen[-1] == (40, 40)
    assert local_ray.is_initialized()
    with store.read() as con:
        ids, vectors = vectors_sql.load_embeddings(con, corpus["model_id"])
    assert len(ids) == 240
    cosine = (vectors[200:] * corpus["vectors"][200:]).sum(axis=1)  # ids follow insertion order
    assert cosine.min() > 0.999
    assert bulk_embed(store, settings).rows == 0
    assert not list((tmp_path / "ray").iterdir())  # exports are cleaned up

    refit(store, settings, corpus["model_id"])
    with store.transaction() as con:
        con.execute("DELETE FROM note_topics WHERE note_id IN (SELECT id FROM notes ORDER BY id LIMIT 30)")
    placed = bulk_place(store, settings)
    assert placed.rows == 240
    with store.read() as con:
        rows = con.execute("SELECT note_id, topic_id, assigned_by FROM note_topics ORDER BY note_id").fetchall()
        clear_cache()
        run = load_run_centroids(con, corpus["model_id"])
    assert len(rows) == 240 and {r[2] for r in rows} == {"bulk"}
    expected, _ = run.place(vectors)
    assert [r[1] for r in rows] == expected.tolist()  # the same placement as on arrival, note for note


def test_bulk_commands_and_errors(tmp_path, settings, store, corpus, local_ray, monkeypatch, capsys):
    store_corpus(store, corpus["drafts"][:60], corpus["vectors"][:60], corpus["model_id"])
    with pytest.raises(EarshotError, match="no topics yet"):
        bulk_place(store, settings.replace(ray_export_dir=tmp_path / "ray"))
    store.release()
    monkeypatch.setenv("EARSHOT_RAY_EXPORT_DIR", str(tmp_path / "ray"))
    assert main(["bulk", "embed", "--db", str(settings.db)]) == 0
    assert "Every note has a all-MiniLM-L6-v2 vector" in capsys.readouterr().out
    assert main(["refit", "--db", str(settings.db), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["bulk", "place", "--db", str(settings.db)]) == 0
    assert "60 notes placed on the topics of run 1" in capsys.readouterr().out
