"""The onnx-int8 embedding backend (a real export of the packaged model) and moving a database to it."""

from __future__ import annotations

import numpy as np
import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.cli import main
from insight.embedder import build_embedder, embedder_from_settings
from insight.errors import EarshotError
from insight.reembed import reembed
from insight.search import search_notes
from insight.store import vectors as vectors_sql
from insight.topics import list_runs, refit

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    """One export per test module, in a temp folder (never the user's data/models)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_embedder(onnx_cache):
    """The packaged model run by the onnx-int8 backend (exported on first use)."""
    embedder = build_embedder(backend="onnx-int8", cache_dir=onnx_cache)
    embedder.warm_up()
    return embedder


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real (torch) embeddings."""
    return embedded_corpus(real_embedder)


def test_backends_are_named_apart_and_bad_choices_are_explained(tmp_path):
    torch_id = build_embedder().model_id
    assert build_embedder(backend="onnx-int8", cache_dir=tmp_path).model_id == f"{torch_id}+onnx-int8"
    with pytest.raises(EarshotError, match="Unknown embedding backend 'tensorrt'"):
        build_embedder(backend="tensorrt")
    with pytest.raises(EarshotError, match="not one"):
        build_embedder("sentence-transformers/some-hub-model", backend="onnx-int8")
    assert build_embedder("hashing-32", backend="onnx-int8").model_id == "hashing-32"  # the test double stays
    assert not list(tmp_path.iterdir())  # naming a backend exports nothing


def test_int8_vectors_are_close_to_the_torch_ones_and_the_export_is_reused(onnx_embedder, onnx_cache, corpus):
    texts = [d.text for d in corpus["drafts"]]
    vectors = onnx_embedder.embed(texts)
    assert vectors.shape == corpus["vectors"].shape and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = (vectors * corpus["vectors"]).sum(axis=1)
    assert cosine.mean() >= 0.98 and cosine.min() >= 0.95, (cosine.mean(), cosine.min())
    one_by_one = np.vstack([onnx_embedder.embed([t]) for t in texts[:20]])
    # int8 activations are scaled per batch (dynamic quantisation), so a note's vector moves a little
    # with its batch-mates: close, but not equal, to the same note embedded alone.
    alone = (one_by_one * vectors[:20]).sum(axis=1)
    assert alone.min() >= 0.97, alone
    path = onnx_embedder.model_path()
    stamp = path.stat().st_mtime_ns
    again = build_embedder(backend="onnx-int8", cache_dir=onnx_cache)
    assert np.allclose(again.embed(texts), vectors, atol=1e-5) and path.stat().st_mtime_ns == stamp
    assert [p.name for p in path.parent.iterdir()] == ["model.onnx"]  # no temp files left behind


def test_reembed_moves_a_database_and_vectors_never_mix(store, settings, corpus, onnx_embedder):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    seen = []
    result = reembed(store, onnx_embedder, batch_size=100, progress=lambda done, total: seen.append((done, total)))
    assert result.embedded == 240 and result.refit_needed and "python -m insight refit" in result.message
    assert seen[-1] == (240, 240) and len(seen) == 3
    with store.read() as con:
        assert vectors_sql.embedding_counts(con) == {corpus["model_id"]: 240, onnx_embedder.model_id: 240}
    assert reembed(store, onnx_embedder).embedded == 0  # resumable: nothing left to do

    hits = search_notes(store, "my new debit card has not arrived", embedder=onnx_embedder, limit=5)
    assert len(hits) == 5 and all("card" in h.note.text.lower() for h in hits)
    assert max(h.score for h in hits) <= 1.0001  # int8 query against int8 vectors only

    refit(store, settings, onnx_embedder.model_id)
    assert list_runs(store)[0].model_id == onnx_embedder.model_id
    dropped = reembed(store, onnx_embedder, drop_old=True)
    assert dropped.dropped == 240 and not dropped.refit_needed
    with store.read() as con:
        assert vectors_sql.embedding_counts(con) == {onnx_embedder.model_id: 240}


def test_reembed_command_and_the_backend_setting(tmp_path, corpus, onnx_cache, monkeypatch, capsys, onnx_embedder):
    from insight.settings import load_settings
    from insight.store import Store

    db = tmp_path / "cli.duckdb"
    store = Store(db)
    store_corpus(store, corpus["drafts"][:50], corpus["vectors"][:50], corpus["model_id"])
    store.release()
    monkeypatch.setenv("EARSHOT_MODEL_CACHE_DIR", str(onnx_cache))
    assert main(["reembed", "--db", str(db), "--backend", "onnx-int8", "--no-progress"]) == 0
    assert "50 notes embedded with all-MiniLM-L6-v2+onnx-int8" in capsys.readouterr().out
    monkeypatch.setenv("EARSHOT_EMBEDDING_BACKEND", "onnx-int8")
    assert embedder_from_settings(load_settings(db=db)).model_id == "all-MiniLM-L6-v2+onnx-int8"
    assert main(["refit", "--db", str(db), "--no-progress"]) == 0  # fits the onnx vectors
    assert "Run 1: " in capsys.readouterr().out
    monkeypatch.setenv("EARSHOT_EMBEDDING_BACKEND", "fast")
    assert main(["reembed", "--db", str(db), "--no-progress"]) == 2
    assert "Unknown embedding backend 'fast'" in capsys.readouterr().err


def test_loading_the_model_draws_no_progress_bar_of_its_own():
    # transformers' own "Loading weights" bar cut through the refit's progress line and the server logs
    import subprocess
    import sys

    code = "from insight.embedder import SentenceTransformerEmbedder as E; print(E().embed(['hello']).shape)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "(1, 384)" in done.stdout, done.stderr
    assert "Loading weights" not in done.stderr, done.stderr
