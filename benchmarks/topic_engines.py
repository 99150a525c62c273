"""How the emerging benchmark puts notes into topics each week: behind one small protocol.

* ``earshot`` — Earshot's own topics engine (``insight.topics.refitting``: refit with identity across
  runs; the ingest service places notes on arrival), refitting when production would (``earshot``) or
  every week (``earshot-weekly``). :class:`EngineNotReady` says so when the engine is missing.
* ``standin`` — a stand-in with the same shape (UMAP + HDBSCAN refit on all notes so far, outliers to the
  nearest centroid, topic ids kept across refits by note overlap), written through
  :mod:`tests.store_fixtures`. It exists so the benchmark runs end to end before the engine lands.
* ``oracle`` — the true labels as topics: measures the trend detector alone, with perfect topics.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import timedelta
from typing import Protocol

import numpy as np

from insight.settings import Settings
from insight.store import Store
from insight.store.vectors import load_embeddings
from insight.trends.weeks import Week
from tests import store_fixtures as fixtures


class EngineNotReady(RuntimeError):
    """The requested topics engine cannot run here (yet)."""


class TopicEngine(Protocol):
    """Puts every stored note into a topic after a week's notes arrived, as production would."""

    name: str

    def update(self, store: Store, week: Week, truth: Mapping[int, str]) -> None:
        """Refit or assign after ``week``'s notes were ingested (``truth`` is only for the oracle)."""
        ...


def _run_time(week: Week):
    return week.end - timedelta(hours=1)  # the weekly refit runs late on Sunday


class OracleTopics:
    """Topics are the true labels; a topic is born in the week its first note arrives."""

    name = "oracle"

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def update(self, store: Store, week: Week, truth: Mapping[int, str]) -> None:
        """Write a run whose topics are the labels seen so far."""
        born = [label for label in sorted(set(truth.values())) if label not in self.ids]
        for label in born:
            self.ids[label] = len(self.ids) + 1
        sizes = Counter(truth.values())
        topics = [(tid, label, [label], sizes[label]) for label, tid in self.ids.items()]
        with store.transaction() as con:
            run_id = fixtures.record_topic_run(con, _run_time(week), topics, model_id="bench-oracle")
            fixtures.record_assignments(con, run_id, [(n, self.ids[lbl], 1.0) for n, lbl in truth.items()])
            for label in born:
                fixtures.record_lineage_event(con, run_id, "birth", self.ids[label])


class StandinTopics:
    """UMAP + HDBSCAN on all notes so far, refitted weekly; ids survive refits by note overlap."""

    name = "standin"

    def __init__(self, model_id: str, seed: int, min_cluster_size: int = 10, min_similarity: float = 0.45) -> None:
        self.model_id = model_id
        self.seed = seed
        self.min_cluster_size = min_cluster_size
        self.min_similarity = min_similarity
        self.previous: dict[int, int] = {}  # note id → topic id in the last run
        self.next_id = 1

    def _cluster(self, vectors: np.ndarray) -> np.ndarray:
        import hdbscan
        import umap

        reduced = umap.UMAP(
            n_neighbors=15,
            n_components=5,
            min_dist=0.0,
            metric="cosine",
            random_state=self.seed,
            init="pca",
            n_epochs=200,
        ).fit_transform(vectors)
        labels = hdbscan.HDBSCAN(min_cluster_size=self.min_cluster_size, min_samples=5).fit_predict(reduced)
        clusters = sorted(set(labels) - {-1})
        if not clusters:
            return labels
        centroids = np.vstack([vectors[labels == c].mean(axis=0) for c in clusters])
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        outliers = np.flatnonzero(labels == -1)
        if len(outliers):
            sims = vectors[outliers] @ centroids.T
            best = sims.argmax(axis=1)
            keep = sims[np.arange(len(outliers)), best] >= self.min_similarity
            labels[outliers[keep]] = np.array(clusters)[best[keep]]
        return labels

    def _match(self, ids: np.ndarray, labels: np.ndarray) -> tuple[dict[int, int], list[int]]:
        members: dict[int, list[int]] = defaultdict(list)
        for note_id, c in zip(ids.tolist(), labels.tolist(), strict=True):
            if c != -1:
                members[c].append(note_id)
        overlaps = []
        for c, notes in members.items():
            old = Counter(self.previous[n] for n in notes if n in self.previous and self.previous[n] != -1)
            seen = sum(1 for n in notes if n in self.previous)
            overlaps += [(k, c, t, seen) for t, k in old.items()]
        mapping: dict[int, int] = {}
        used: set[int] = set()
        for k, c, t, seen in sorted(overlaps, reverse=True):
            if c not in mapping and t not in used and k >= 0.5 * seen:
                mapping[c] = t
                used.add(t)
        born = []
        for c in sorted(members):
            if c not in mapping:
                mapping[c] = self.next_id
                born.append(self.next_id)
                self.next_id += 1
        return mapping, born

    def update(self, store: Store, week: Week, truth: Mapping[int, str]) -> None:
        """Refit on every note created before the end of ``week``."""
        with store.read() as con:
            ids, vectors = load_embeddings(con, self.model_id, until=week.end)
        if len(ids) < 50:
            return
        labels = self._cluster(vectors)
        mapping, born = self._match(ids, labels)
        topic_of = {int(n): (mapping[c] if c != -1 else -1) for n, c in zip(ids.tolist(), labels.tolist(), strict=True)}
        sizes = Counter(topic_of.values())
        topics = [(t, f"topic {t}", [], sizes[t]) for t in sorted(sizes)]
        with store.transaction() as con:
            run_id = fixtures.record_topic_run(con, _run_time(week), topics, model_id="bench-standin")
            fixtures.record_assignments(con, run_id, [(n, t, None) for n, t in topic_of.items()])
            for t in born:
                fixtures.record_lineage_event(con, run_id, "birth", t)
        self.previous = topic_of


class EarshotTopics:
    """Earshot's topics engine (:mod:`insight.topics.refitting`), run as production runs it.

    ``policy="auto"``: notes are placed on arrival by the ingest service, and a refit runs when
    :func:`needs_refit` says enough new notes arrived (``auto_refit_new_notes`` / ``auto_refit_new_share``).
    ``policy="weekly"``: a refit at the end of every week.
    """

    def __init__(self, settings: Settings, model_id: str, policy: str = "auto") -> None:
        try:
            from insight.topics.refitting import needs_refit, refit
        except ImportError as exc:
            raise EngineNotReady(f"insight.topics has no refit service yet ({exc}); use --topics standin") from exc
        self.settings = settings
        self.model_id = model_id
        self.policy = policy
        self.name = f"earshot-{policy}"
        self._needs_refit = needs_refit
        self._refit = refit
        self.refits = 0

    def update(self, store: Store, week: Week, truth: Mapping[int, str]) -> None:
        """Refit when production would (or every week), on every note stored so far."""
        from insight.errors import NotEnoughNotesError

        if self.policy == "weekly" or self._needs_refit(store, self.settings):
            try:
                self._refit(store, self.settings, self.model_id, force=self.policy == "weekly")
                self.refits += 1
            except NotEnoughNotesError:
                pass
