"""``python -m ingest.warmup``: compile the topic engine's numeric code once, at install time.

UMAP's hot loops are numba functions compiled on first use: 30–60 s in a fresh process on 2 cores,
which the first topic fit (the demo's, on the first ``./earshot run``) would otherwise pay. A small fit
here, on generated demo text and the fast hashing vectors, compiles the same machine code into numba's
on-disk cache (``NUMBA_CACHE_DIR``, which ``./earshot`` keeps inside the virtual environment, next to
the packages the code was compiled from). Nothing is stored in any database and nothing is downloaded.
"""

from __future__ import annotations

import logging
import sys
import time

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


def main() -> int:
    """Compile, and say how long it took."""
    seconds = compile_topic_engine()
    print(f"topic engine compiled and cached in {seconds:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
