"""The topic map: the current topics placed on a plane by their centroids, and a topic's nearest topics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.store import Store
from insight.store import topics as topics_sql
from insight.store.topics import TopicCentroids


@dataclass(frozen=True)
class TopicPoint:
    """A topic placed on a 2-D map: similar topics sit close together."""

    topic_id: int
    label: str
    keywords: tuple[str, ...]
    size: int
    x: float
    y: float


def topic_map(store: Store) -> list[TopicPoint]:
    """The current topics on a plane: their centroids projected on the two main axes (PCA).

    Returns an empty list until a topic run exists.
    """
    with store.read() as con:
        topics = topics_sql.run_centroids(con)
    if not len(topics.topic_ids):
        return []
    centered = topics.centroids - topics.centroids.mean(axis=0)
    if len(topics.topic_ids) >= 2:
        _, _, vt = np.linalg.svd(centered, full_matrices=False)
        axes = vt[:2] if vt.shape[0] >= 2 else np.vstack([vt, np.zeros_like(vt)])
        xy = centered @ axes.T
    else:
        xy = np.zeros((1, 2), dtype=np.float32)
    return [_point(topics, i, float(xy[i, 0]), float(xy[i, 1])) for i in range(len(topics.topic_ids))]


def _point(topics: TopicCentroids, i: int, x: float, y: float) -> TopicPoint:
    return TopicPoint(int(topics.topic_ids[i]), str(topics.labels[i]), topics.keywords[i], topics.sizes[i], x, y)


def similar_topics(store: Store, topic_id: int, *, limit: int = 5) -> list[tuple[TopicPoint, float]]:
    """The current topics whose centroids are closest to ``topic_id``'s, with their cosine similarity."""
    with store.read() as con:
        topics = topics_sql.run_centroids(con)
    ids = [int(t) for t in topics.topic_ids]
    if topic_id not in ids or len(ids) < 2:
        return []
    centroids = topics.centroids / (np.linalg.norm(topics.centroids, axis=1, keepdims=True) + 1e-12)
    scores = centroids @ centroids[ids.index(topic_id)]
    order = [i for i in np.argsort(-scores) if ids[i] != topic_id][:limit]
    return [(_point(topics, int(i), 0.0, 0.0), float(scores[i])) for i in order]
