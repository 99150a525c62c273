"""``python -m ingest.warmup``: do the first start's fixed work once, at install time.

Two things are made here, both pure functions of the installed packages and the settings:

1. UMAP's hot loops are numba functions compiled on first use: 30–60 s in a fresh process on 2 cores,
which the first topic fit (the demo's, on the first ``./earshot run``) would otherwise pay. A small fit
here, on generated demo text and the fast hashing vectors, compiles the same machine code into numba's
on-disk cache (``NUMBA_CACHE_DIR``, which ``./earshot`` keeps inside the virtual environment, next to
the packages the code was compiled from).
2. The demo's vectors: the generated demo notes go through the real ingest pipeline (redaction, dedupe,
the configured model) into a throwaway database, and the vectors the model made are kept in
``model_cache_dir`` (see :mod:`insight.vector_cache`). The first start's seeding still redacts and
stores every note itself; it only skips re-computing vectors the same model already computed here.

Nothing is stored in the user's database and nothing is downloaded.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from insight.settings import Settings

log = logging.getLogger(__name__)


def compile_topic_engine() -> float:
    """Run one small topic fit so numba caches its compiled code; returns the seconds it took."""
    from ingest.demo import generate_demo_notes
    from insight.embedder import HashingEmbedder
    from insight.settings import load_settings
    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    started = time.perf_counter()
    settings = load_settings()
    texts = [d.text for d in generate_demo_notes(notes_per_week=25, weeks=6, seed=settings.random_seed)]
    vectors = HashingEmbedder(384).embed(texts)
    fit_topics(texts, vectors, TopicParams.from_settings(settings), cache_dir=settings.topic_cache_dir)
    return time.perf_counter() - started


def cache_demo_vectors(
    settings: Settings | None = None, *, notes_per_week: int = 300, weeks: int = 14
) -> tuple[int, float]:
    """Embed the demo notes as the first start will, and cache their vectors; returns (vectors, seconds).

    ``notes_per_week`` and ``weeks`` must match the seeding's (the defaults are the first start's).
    """
    import tempfile
    from pathlib import Path

    import numpy as np

    from ingest.demo import generate_demo_notes
    from ingest.redaction import default_redactor, keep_terms_from
    from ingest.service import ingest_drafts
    from insight.runtime import embedder_for
    from insight.settings import load_settings
    from insight.store import Store
    from insight.vector_cache import RecordingEmbedder, demo_cache_path, save_vectors

    started = time.perf_counter()
    settings = settings or load_settings()
    recorder = RecordingEmbedder(embedder_for(settings))
    drafts = generate_demo_notes(seed=settings.random_seed, notes_per_week=notes_per_week, weeks=weeks)
    with tempfile.TemporaryDirectory(prefix="earshot-warmup-") as tmp:
        store = Store(Path(tmp) / "demo.duckdb")
        ingest_drafts(
            store,
            drafts,
            embedder=recorder,
            redactor=default_redactor(keep_terms_from(settings)),
            settings=settings,
            source_name="demo",
            on_unredactable=lambda draft, error: None,  # left out of the first start's seeding too
        )
    vectors = np.vstack(recorder.vectors) if recorder.vectors else np.zeros((0, recorder.dimension), np.float32)
    path = demo_cache_path(settings.model_cache_dir, recorder.model_id)
    save_vectors(path, recorder.model_id, recorder.texts, vectors)
    return len(recorder.texts), time.perf_counter() - started


def main() -> int:
    """Compile, cache the demo's vectors, and say how long each took."""
    seconds = compile_topic_engine()
    print(f"topic engine compiled and cached in {seconds:.0f} s", file=sys.stderr)
    try:
        count, seconds = cache_demo_vectors()
    except Exception:  # the cache only speeds up the first start: never fail an install over it
        log.warning("could not cache the demo's vectors; the first start will embed them", exc_info=True)
    else:
        print(f"demo vectors computed and cached in {seconds:.0f} s ({count:,} notes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
