"""Notes carved out of a fit as clusters of their own, before the fit is matched to the previous run.

Two things know better than the clusterer which notes belong together: a confirmed emerging pocket
(:mod:`insight.topics.pocket_births`) and a PM's merge (:mod:`insight.topics.pm_merges`). Each relabels its
notes to a new cluster index; this turns the relabelled notes into a fit again — sizes, centroids and scores
recomputed, emptied clusters dropped, the new clusters described with the label they already have.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from insight.topics.cluster import unit_centroids
from insight.topics.records import FittedTopic, TopicFit

REPRESENTATIVES = 5


@dataclass(frozen=True)
class CarvedCluster:
    """A cluster added to a fit: its index among the fit's, and how it is described."""

    index: int
    label: str
    keywords: tuple[str, ...]
    theme: int | None = None
    theme_label: str | None = None


def holding_cluster(labels: np.ndarray, region: np.ndarray) -> tuple[int, int] | None:
    """The cluster holding most of ``region``'s placed notes and how many it holds (None: all unclear)."""
    inside = labels[region]
    placed = inside[inside >= 0]
    if not len(placed):
        return None
    values, counts = np.unique(placed, return_counts=True)
    return int(values[counts.argmax()]), int(counts.max())


def with_carved(
    fit: TopicFit, labels: np.ndarray, vectors: np.ndarray, carved: list[CarvedCluster], quality: dict[str, float]
) -> TopicFit:
    """``fit`` with its notes relabelled to ``labels``, where ``carved`` are the clusters added."""
    k = max([t.index for t in fit.topics] + [c.index for c in carved], default=-1) + 1
    centroids = unit_centroids(vectors, labels, k)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    scores = np.where(labels >= 0, np.einsum("ij,ij->i", vectors, centroids[np.maximum(labels, 0)]), fit.scores)
    topics = [
        replace(t, size=int(sizes[t.index]), centroid=centroids[t.index]) for t in fit.topics if sizes[t.index] > 0
    ]
    for cluster in carved:
        rows = np.flatnonzero(labels == cluster.index)
        best = rows[np.argsort(-scores[rows], kind="stable")[:REPRESENTATIVES]]
        topics.append(
            FittedTopic(
                index=cluster.index,
                size=int(sizes[cluster.index]),
                label=cluster.label,
                keywords=cluster.keywords,
                centroid=centroids[cluster.index],
                representatives=tuple(int(i) for i in best),
                theme=cluster.theme,
                theme_label=cluster.theme_label,
            )
        )
    unclear = float(np.mean(labels < 0)) if len(labels) else 0.0
    return TopicFit(
        labels,
        scores.astype(np.float32),
        tuple(topics),
        fit.threshold,
        {**fit.quality, "unclear_share": unclear, **quality},
        unmerged=fit.unmerged,
    )
