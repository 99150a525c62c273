"""Grouping topics into themes (the second level of the hierarchy) when a run has many topics.

Themes are Ward clusters of the topic centroids (unit vectors, so Euclidean distance tracks cosine);
about √k themes for k topics (77 → 9), each labelled like a topic from the size-weighted c-TF-IDF of
its topics (re-ranked like topic labels), unique among themes. Themes are recomputed with every run;
topic ids are what stays.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def theme_count(n_topics: int, min_topics: int) -> int:
    """How many themes for ``n_topics`` topics: none up to ``min_topics``, then about the square root."""
    if n_topics <= min_topics:
        return 0
    return max(2, round(math.sqrt(n_topics)))


def group_themes(centroids: np.ndarray, min_topics: int) -> np.ndarray | None:
    """Theme index for each topic (0 = the theme with most topics), or ``None`` when there are few topics."""
    k = theme_count(len(centroids), min_topics)
    if k == 0:
        return None
    from sklearn.cluster import AgglomerativeClustering

    raw = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(centroids)
    values, counts = np.unique(raw, return_counts=True)
    order = values[np.lexsort((values, -counts))]
    mapping = {int(old): new for new, old in enumerate(order)}
    return np.array([mapping[int(r)] for r in raw], dtype=np.int64)


def theme_candidates(
    themes: np.ndarray, sizes: Sequence[int], ctfidf, vocabulary: Sequence[str], top_n: int = 30
) -> list[list[str]]:
    """Each theme's candidate phrases: the top of the size-weighted sum of its topics' c-TF-IDF rows."""
    out: list[list[str]] = []
    weights = np.asarray(sizes, dtype=np.float64)
    for theme in range(int(themes.max()) + 1):
        members = np.flatnonzero(themes == theme)
        row = np.asarray(ctfidf[members].T @ weights[members]).ravel()
        best = np.argsort(-row, kind="stable")[:top_n]
        out.append([str(vocabulary[i]) for i in best if row[i] > 0])
    return out
