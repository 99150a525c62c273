"""Dimensionality reduction for the topic fit: UMAP on an exact cosine neighbour graph.

Why UMAP and not PCA: on Banking77 (13k notes, 77 intents), KMeans on PCA-50 reached NMI 0.76 / ARI 0.48,
a spectral embedding of the same neighbour graph 0.82 / 0.57, UMAP 0.83 / 0.60 — and UMAP was the only
reducer that also kept CLINC150 at the level of KMeans told the true number of intents (see
``benchmarks/topic_quality.py``). Its cost is start-up, handled in :mod:`insight.topics.startup`.

The neighbour graph is computed exactly (blockwise dot products of unit vectors)
and handed to UMAP as ``precomputed_knn``: that skips pynndescent — its approximate search and its
own numba compilation — and makes the graph deterministic. Above ``exact_knn_max`` notes, UMAP's
own approximate search is used.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import numpy as np

from insight.records import ProgressCallback
from insight.topics.startup import import_umap

log = logging.getLogger(__name__)

EXACT_KNN_MAX = 40_000
_BLOCK = 512  # rows per block: 512 x 13k similarities (+ argpartition indices) stay ~80 MB


def exact_knn(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest neighbours of every row by cosine (rows must be unit length), self included.

    Returns ``(indices int32 (n, k), cosine distances float32 (n, k))``, nearest first.
    """
    n = len(vectors)
    k = min(k, n)
    indices = np.empty((n, k), dtype=np.int32)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, _BLOCK):
        sims = vectors[start : start + _BLOCK] @ vectors.T
        rows = np.arange(sims.shape[0])
        sims[rows, start + rows] = 2.0  # self first, even among exact duplicates
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        part_sims = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-part_sims, axis=1, kind="stable")
        indices[start : start + len(sims)] = np.take_along_axis(part, order, axis=1)
        best = np.take_along_axis(part_sims, order, axis=1)
        best[:, 0] = 1.0
        distances[start : start + len(sims)] = np.clip(1.0 - best, 0.0, 2.0)
    return indices, distances


class GraphUMAP:
    """BERTopic's ``umap_model``: UMAP (cosine, ``min_dist=0``, PCA init, seeded) on an exact kNN graph.

    After :meth:`fit` it keeps ``embedding_`` (the reduced vectors), ``graph_`` (UMAP's fuzzy neighbour
    graph, which the clusterer reuses) and ``input_`` (the vectors it was fitted on).
    """

    def __init__(
        self,
        n_neighbors: int = 15,
        n_components: int = 10,
        random_state: int = 42,
        cache_dir: Path | None = None,
        exact_knn_max: int = EXACT_KNN_MAX,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.random_state = random_state
        self.cache_dir = cache_dir or Path.home() / ".cache" / "earshot"
        self.exact_knn_max = exact_knn_max
        self.progress = progress
        self.embedding_: np.ndarray | None = None
        self.graph_ = None
        self.input_: np.ndarray | None = None

    def _report(self, stage: str) -> None:
        if self.progress is not None:
            self.progress(stage, 0, 0)

    def fit(self, x: np.ndarray, y: object = None) -> GraphUMAP:
        """Build the neighbour graph and the low-dimensional layout of ``x`` (unit-length rows)."""
        vectors = np.ascontiguousarray(x, dtype=np.float32)
        n = len(vectors)
        k = max(2, min(self.n_neighbors, n - 1))
        dims = max(2, min(self.n_components, n - 2))
        umap = import_umap(self.cache_dir)
        knn = None
        if n <= self.exact_knn_max:
            self._report("finding each note's neighbours")
            idx, dist = exact_knn(vectors, k)
            knn = (idx, dist, None)
        self._report("laying out the similarity graph (UMAP)")
        model = umap.UMAP(
            n_neighbors=k,
            n_components=dims,
            min_dist=0.0,
            metric="cosine",
            init="pca",
            random_state=self.random_state,
            precomputed_knn=knn if knn is not None else (None, None, None),
        )
        with warnings.catch_warnings():
            # "n_jobs overridden by random_state" and "no transform with precomputed_knn" are expected.
            warnings.simplefilter("ignore", UserWarning)
            self.embedding_ = model.fit_transform(vectors)
        self.graph_ = model.graph_
        self.input_ = vectors
        return self

    def fit_transform(self, x: np.ndarray, y: object = None) -> np.ndarray:
        """Fit and return the reduced vectors."""
        self.fit(x, y)
        assert self.embedding_ is not None
        return self.embedding_

    def transform(self, x: np.ndarray) -> np.ndarray:
        """The reduced vectors of the fitted data. New notes are placed by centroid, never through UMAP."""
        if self.embedding_ is not None and self.input_ is not None and len(x) == len(self.input_):
            return self.embedding_
        raise NotImplementedError(
            "Earshot places new notes by nearest topic centroid (insight.topics.assign), not by UMAP transform."
        )
