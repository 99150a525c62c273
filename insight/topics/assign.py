"""Placing new notes into the current run's topics on arrival (no refit).

A note goes to the topic whose centroid (in the embedding space) is most similar; below the run's
threshold (the same cosine the fit used for its unclear bucket) it goes to "Unclear" (-1). The current
run's centroids are cached in-process, keyed by the run's random uid and its revision (bumped by PM
merges and renames), so placing a note costs one tiny query plus a matrix-vector product — a few ms —
and a new run, or a merge, is picked up on the next call.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np

from insight.records import UNCLEAR_LABEL, UNCLEAR_TOPIC_ID
from insight.store import placements as placements_sql
from insight.store import runs as runs_sql
from insight.store import topics as topics_sql

DEFAULT_THRESHOLD = 0.3
_CACHE_SIZE = 8


@dataclass(frozen=True)
class Placement:
    """Where one note landed: a topic id (``-1`` = unclear), its display label, and the cosine score."""

    note_id: int
    topic_id: int
    label: str
    score: float


@dataclass(frozen=True)
class RunCentroids:
    """What placement needs from one run: topic ids, unit centroids, display labels, the threshold."""

    run_id: int
    revision: int
    topic_ids: np.ndarray
    centroids: np.ndarray
    labels: tuple[str, ...]
    threshold: float

    def place(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(topic ids, cosine scores) for unit vectors; ``-1`` where no topic is similar enough."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        if len(self.topic_ids) == 0 or len(vectors) == 0:
            return np.full(len(vectors), UNCLEAR_TOPIC_ID, dtype=np.int64), np.zeros(len(vectors))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        sims = (vectors / np.where(norms == 0, 1.0, norms)) @ self.centroids.T
        best = np.argmax(sims, axis=1)
        scores = sims[np.arange(len(vectors)), best]
        topic_ids = np.where(scores >= self.threshold, self.topic_ids[best], UNCLEAR_TOPIC_ID)
        return topic_ids.astype(np.int64), scores.astype(np.float64)

    def label_of(self, topic_id: int) -> str:
        """Display label of a topic of this run (``Unclear`` for -1)."""
        if topic_id == UNCLEAR_TOPIC_ID:
            return UNCLEAR_LABEL
        where = np.flatnonzero(self.topic_ids == topic_id)
        return self.labels[int(where[0])] if len(where) else str(topic_id)


_cache: OrderedDict[str, RunCentroids] = OrderedDict()
_cache_lock = threading.Lock()


def load_run_centroids(con: duckdb.DuckDBPyConnection, model_id: str) -> RunCentroids | None:
    """The current run's centroids (cached per run uid and revision), or ``None`` if no run fits ``model_id``."""
    key = runs_sql.current_run_key(con)
    if key is None:
        return None
    run_id, uid, revision, threshold = key.run_id, key.run_uid, key.revision, key.assign_threshold
    if key.model_id != model_id:
        return None
    with _cache_lock:
        cached = _cache.get(uid) if uid else None
        if cached is not None and cached.revision == revision:
            _cache.move_to_end(uid)
            return cached
    topics = topics_sql.run_centroids(con, run_id)
    if len(topics.topic_ids) == 0:
        return None  # e.g. a fixture run without centroids: nothing to place into
    entry = RunCentroids(
        run_id,
        revision,
        topics.topic_ids,
        topics.centroids,
        tuple(topics.labels),
        float(threshold or DEFAULT_THRESHOLD),
    )
    if uid:
        with _cache_lock:
            _cache[uid] = entry
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return entry


def assign_notes(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> list[Placement]:
    """Assign notes to the current topic run and record it in ``note_topics`` (``assigned_by='arrival'``).

    Returns an empty list when there is no current run for ``model_id`` yet (nothing is recorded).
    Runs inside the caller's transaction.
    """
    if len(note_ids) == 0:
        return []
    run = load_run_centroids(con, model_id)
    if run is None:
        return []
    topic_ids, scores = run.place(vectors)
    placements_sql.place_notes(con, run.run_id, list(note_ids), topic_ids, scores, "arrival")
    return [
        Placement(int(n), int(t), run.label_of(int(t)), round(float(s), 4))
        for n, t, s in zip(note_ids, topic_ids, scores, strict=True)
    ]


def clear_cache() -> None:
    """Forget cached centroids (tests)."""
    with _cache_lock:
        _cache.clear()
