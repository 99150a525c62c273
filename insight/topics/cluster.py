"""Clustering for the topic fit: how many topics (graph communities), which notes (KMeans), what is unclear.

BERTopic's default HDBSCAN with ``min_topic_size=10`` split Banking77 into ~360 topics with 12 % outliers.
Here the number of topics comes from the data: Louvain modularity communities of UMAP's neighbour graph
(``granularity`` is the resolution), which grows with the variety in the corpus, not its size. KMeans
on the UMAP layout then draws the borders (it beat the communities themselves on both benchmarks), and a
refit starts KMeans from the previous run's topics, so borders move only where the data moved — that is
what keeps topic ids stable across refits (after adding 10 % more notes, 93–96 % of notes keep their
topic id on Banking77/CLINC150; 87 % from a cold start). The result is settled — KMeans re-run from its
own final topics until nothing moves — so a refit of unchanged data reproduces every placement.

Every note lands in a topic; a note whose cosine to its topic's centroid is below ``min_similarity``
goes to the unclear bucket (-1) — but never more than ``max_unclear_share`` of the notes.
"""

from __future__ import annotations

import math

import numpy as np

from insight.records import ProgressCallback

UNCLEAR = -1
SETTLE_ROUNDS = 5
N_INIT = 5  # k-means++ restarts on a cold fit (cheap in 10-d; steadier borders)
_SUM_BLOCK = 131_072  # rows per float64 block when summing centroids
# A community is new ground when this share of its notes is new. An import of another make makes communities
# of new notes only; a weekly refit's communities that are half this week's notes are a steady need's busy
# week or a rise, and seeding topics there split them off (at 0.5 the emerging family's label precision fell
# 0.73 → 0.66, its flags and fades otherwise alike; see benchmarks/RESULTS.md).
FRESH_SHARE = 0.9


def effective_min_size(n_notes: int, min_topic_size: int) -> int:
    """The smallest topic kept: the setting, raised to 0.1 % of the corpus on large corpora."""
    return max(2, min_topic_size, math.ceil(0.001 * n_notes))


def unit_centroids(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Unit-length mean vector of each label ``0..k-1`` (zeros for an empty label).

    Summed in float64 blocks through a sparse one-hot product: ``np.add.at`` is slow on a million rows,
    and casting all rows to float64 at once would double their memory.
    """
    from scipy.sparse import csr_matrix

    sums = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    for start in range(0, len(labels), _SUM_BLOCK):
        block = labels[start : start + _SUM_BLOCK]
        rows = np.flatnonzero((block >= 0) & (block < k))
        if len(rows) == 0:
            continue
        onehot = csr_matrix((np.ones(len(rows)), (block[rows], rows)), shape=(k, len(block)))
        sums += onehot @ np.asarray(vectors[start : start + len(block)], dtype=np.float64)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def dissolve_small(vectors: np.ndarray, labels: np.ndarray, min_size: int) -> np.ndarray:
    """Move the notes of topics smaller than ``min_size`` to the most similar remaining topic."""
    labels = labels.copy()
    k = int(labels.max()) + 1 if len(labels) else 0
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    keep = np.flatnonzero(sizes >= min_size)
    if len(keep) == 0:
        keep = np.array([int(np.argmax(sizes))])
    if len(keep) == k:
        return labels
    centroids = unit_centroids(vectors, labels, k)[keep]
    moved = ~np.isin(labels, keep) & (labels >= 0)
    if moved.any():
        labels[moved] = keep[np.argmax(vectors[moved] @ centroids.T, axis=1)]
    return labels


def relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber topics ``0..k-1`` from the largest down (unclear stays -1); ties by old label."""
    out = np.full_like(labels, UNCLEAR)
    present = labels >= 0
    if not present.any():
        return out
    values, counts = np.unique(labels[present], return_counts=True)
    order = values[np.lexsort((values, -counts))]
    mapping = np.full(int(values.max()) + 1, UNCLEAR)
    mapping[order] = np.arange(len(order))
    out[present] = mapping[labels[present]]
    return out


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two labellings group the notes identically (label numbers may differ)."""
    pairs = len(set(zip(a.tolist(), b.tolist(), strict=True)))
    return pairs == len(set(a.tolist())) == len(set(b.tolist()))


def communities(graph, resolution: float, seed: int) -> list[np.ndarray]:
    """Louvain communities of a (sparse, symmetric, weighted) graph, each as its sorted row numbers."""
    import networkx as nx

    g = nx.from_scipy_sparse_array(graph, edge_attribute="weight")
    found = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    return [np.array(sorted(c), dtype=np.int64) for c in found]


def fresh_communities(
    graph, parts: list[np.ndarray], previous: np.ndarray, min_size: int, resolution: float, seed: int
) -> list[np.ndarray]:
    """The new ground of a refit: communities made (almost) only of notes the previous fit did not cluster
    (``previous`` -1, :data:`FRESH_SHARE`), divided as finely as if those notes had been fitted alone.

    After an import of another make the refit must give its notes topics of their own. Counting only the
    change in the number of communities (and seeding the new topics where the old ones are farthest, often
    on stray notes that then dissolve) left 600 imported requests of 27 needs in 8 topics beside the demo's
    84 — alone they make 26. In the whole graph modularity lumps small new communities together (its
    resolution limit grows with the graph), so the new ground is split again on its own subgraph.
    """
    new = [p for p in parts if float(np.mean(previous[p] < 0)) > FRESH_SHARE]
    if not new:
        return []
    rows = np.sort(np.concatenate(new))
    sub = communities(graph[rows][:, rows], resolution, seed)
    return [rows[p] for p in sub if len(p) >= min_size]


class GraphKMeans:
    """BERTopic's ``hdbscan_model``: k from graph communities, borders from KMeans, then the unclear rule.

    Needs the :class:`~insight.topics.reduce.GraphUMAP` that reduced the data (its graph and input vectors).
    ``previous`` (optional): for each row, the topic id it had in the previous run, or -1; used to start
    KMeans where the previous run ended. ``placed`` (optional): for each row, whether that topic was only
    given on arrival since (nearest centroid), not clustered by the previous fit. Communities of notes the
    previous fit did not cluster (:func:`fresh_communities`, kept in ``fresh_``) seed topics of their own,
    and their notes do not seed the old topics they were placed in.
    With ``previous_communities`` (the community count the previous run saw), the topic count then moves by
    the change in communities (or the number of new communities, if larger) rather than being recounted, so
    a refit on unchanged data reproduces its topics and a grown corpus adds topics only where communities
    appeared. After :meth:`fit`: ``labels_``, ``centroids_`` (unit vectors in the
    embedding space), ``scores_`` (cosine of each note to its topic centroid), ``threshold_``, ``n_communities_``.
    """

    def __init__(
        self,
        reducer,
        granularity: float = 2.5,
        min_topic_size: int = 5,
        min_similarity: float = 0.3,
        max_unclear_share: float = 0.05,
        random_state: int = 42,
        previous: np.ndarray | None = None,
        previous_communities: int | None = None,
        progress: ProgressCallback | None = None,
        placed: np.ndarray | None = None,
    ) -> None:
        self.reducer = reducer
        self.granularity = granularity
        self.min_topic_size = min_topic_size
        self.min_similarity = min_similarity
        self.max_unclear_share = max_unclear_share
        self.random_state = random_state
        self.previous = previous
        self.previous_communities = previous_communities
        self.placed = placed
        self.n_init = N_INIT
        self.progress = progress
        self.fresh_: list[np.ndarray] = []

    def _initial_centroids(
        self,
        reduced: np.ndarray,
        k: int,
        min_size: int,
        previous: np.ndarray | None,
        fresh: list[np.ndarray] | None = None,
    ) -> np.ndarray | str:
        """Earlier topics (largest first) as KMeans seeds, then the ``fresh`` communities' centres, topped up
        far from them; else k-means++."""
        if previous is None or len(previous) != len(reduced):
            return "k-means++"
        ids, counts = np.unique(previous[previous >= 0], return_counts=True)
        order = np.lexsort((ids, -counts))
        ids = ids[order][counts[order] >= min_size]
        seeds = [reduced[previous == t].mean(axis=0) for t in ids[: k - len(fresh or [])]]
        if not seeds:
            return "k-means++"
        seeds += [reduced[rows].mean(axis=0) for rows in (fresh or [])[: k - len(seeds)]]
        rng = np.random.default_rng(self.random_state)
        while len(seeds) < k:  # more topics than before: seed the rest where the old ones are farthest
            chosen = np.stack(seeds)
            sample = reduced[rng.choice(len(reduced), size=min(len(reduced), 4000), replace=False)]
            far = ((sample[:, None, :] - chosen[None, :, :]) ** 2).sum(-1).min(axis=1)
            seeds.append(sample[int(np.argmax(far))])
        return np.stack(seeds).astype(reduced.dtype)

    def _topic_count(self, n: int, min_size: int, previous: np.ndarray | None) -> int:
        """Communities now; on a refit, the previous topics plus the change in communities — or plus the
        communities of new notes (:func:`fresh_communities`), if there are more of those."""
        k = self.n_communities_
        if previous is not None and self.previous_communities and len(previous) == n:
            counts = np.unique(previous[previous >= 0], return_counts=True)[1]
            kept = int((counts >= min_size).sum())
            if kept:
                k = kept + max(self.n_communities_ - self.previous_communities, len(self.fresh_))
        return int(np.clip(k, 1, max(1, n // min_size)))

    def _step(self, reduced: np.ndarray, raw: np.ndarray, k: int, init: np.ndarray | str, min_size: int):
        """KMeans, then small topics dissolved and the unclear rule: (labels, threshold, scores)."""
        from sklearn.cluster import KMeans

        if k <= 1:
            labels = np.zeros(len(reduced), dtype=np.int64)
        else:
            n_init = self.n_init if isinstance(init, str) else 1
            km = KMeans(n_clusters=k, init=init, n_init=n_init, random_state=self.random_state)
            labels = km.fit_predict(reduced).astype(np.int64)
        labels = relabel_by_size(dissolve_small(raw, labels, min_size))
        centroids = unit_centroids(raw, labels, int(labels.max()) + 1)
        scores = np.einsum("ij,ij->i", raw, centroids[labels])
        threshold = -1.0
        if self.max_unclear_share > 0:
            threshold = min(self.min_similarity, float(np.quantile(scores, self.max_unclear_share)))
        return relabel_by_size(np.where(scores < threshold, UNCLEAR, labels)), threshold, scores

    def fit(self, x: np.ndarray, y: object = None) -> GraphKMeans:
        """Cluster the reduced vectors ``x`` (rows aligned with the reducer's input).

        The result is settled: KMeans is re-run from its own final topics (after small topics were
        dissolved and unclear notes set aside) until nothing moves, so a refit on the same data, which
        starts from these topics, reproduces them.
        """
        raw = self.reducer.input_
        n = len(x)
        min_size = effective_min_size(n, self.min_topic_size)
        if self.progress is not None:
            self.progress("counting topics (graph communities)", 0, 0)
        parts = communities(self.reducer.graph_, self.granularity, self.random_state)
        self.n_communities_ = len(parts)
        previous = self.previous
        if previous is not None and len(previous) == n:
            clustered = previous if self.placed is None else np.where(self.placed, -1, previous)
            self.fresh_ = fresh_communities(
                self.reducer.graph_, parts, clustered, min_size, self.granularity, self.random_state
            )
            if self.fresh_:  # a note on new ground says nothing about the old topic it was placed in
                previous = previous.copy()
                previous[np.concatenate(self.fresh_)] = -1
        k = self._topic_count(n, min_size, previous)
        if self.progress is not None:
            self.progress(f"clustering into {k} topics", 0, 0)
        init = self._initial_centroids(x, k, min_size, previous, self.fresh_)
        labels, threshold, scores = self._step(x, raw, k, init, min_size)
        for _ in range(SETTLE_ROUNDS):
            k = int(labels.max()) + 1
            seeds = self._initial_centroids(x, k, min_size, labels)
            if k <= 1 or isinstance(seeds, str):
                break
            again, again_threshold, again_scores = self._step(x, raw, len(seeds), seeds, min_size)
            if same_partition(again, labels):
                break
            labels, threshold, scores = again, again_threshold, again_scores
        k = int(labels.max()) + 1
        self.centroids_ = unit_centroids(raw, labels, k)
        self.scores_ = np.where(labels >= 0, np.einsum("ij,ij->i", raw, self.centroids_[np.maximum(labels, 0)]), scores)
        self.threshold_ = float(threshold)
        self.labels_ = labels
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Not used: new notes are placed by centroid in the embedding space (see insight.topics.assign)."""
        raise NotImplementedError("Earshot places new notes with insight.topics.assign.assign_notes.")
