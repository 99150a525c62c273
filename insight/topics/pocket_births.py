"""A confirmed pocket gets a topic of its own at the next refit, so its history continues there.

The trends stage stores every pocket it signalled (:mod:`insight.trends.ledger`): a centroid and a radius
in embedding space, its notes, a label. A refit is free to leave such a pocket inside the broader topic it
grew in (the clustering sees "what is my credit limit" next to "change my credit limit" as one). So after
the fit and before topics are matched to the previous run, each stored pocket whose notes are not already
a topic of their own is carved out: the notes of its region (as similar to its centroid as its radius,
plus the notes it was signalled with) become a new cluster, which the matcher then names — a birth in the
lineage the first time, the same topic again at later refits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from insight.records import LineageEvent
from insight.topics.cluster import unit_centroids
from insight.topics.records import FittedTopic, TopicFit

OWN_TOPIC = 0.6  # a cluster that is this much pocket, holding this much of the pocket, is its topic already
REPRESENTATIVES = 5


@dataclass(frozen=True)
class PocketSeed:
    """A stored pocket as a refit sees it."""

    pocket_id: int
    label: str
    keywords: tuple[str, ...]
    centroid: np.ndarray
    radius: float
    note_ids: tuple[int, ...]


def carve_pockets(
    fit: TopicFit, note_ids: np.ndarray, vectors: np.ndarray, seeds: list[PocketSeed], min_size: int
) -> tuple[TopicFit, dict[int, int]]:
    """Give each pocket its own cluster; return the new fit and ``{cluster index: pocket id}``.

    A pocket whose region is already mostly one cluster that is mostly the pocket keeps that cluster.
    Pockets with fewer than ``min_size`` notes in the corpus are left alone.
    """
    labels = fit.labels.copy()
    next_index = max((t.index for t in fit.topics), default=-1) + 1
    carved: dict[int, int] = {}
    added: list[tuple[int, PocketSeed, np.ndarray]] = []
    for seed in seeds:
        centroid = np.asarray(seed.centroid, dtype=np.float32)
        region = (vectors @ centroid >= seed.radius) | np.isin(note_ids, np.asarray(seed.note_ids, dtype=np.int64))
        if region.sum() < min_size:
            continue
        inside = labels[region]
        placed = inside[inside >= 0]
        if len(placed):
            values, counts = np.unique(placed, return_counts=True)
            host, shared = int(values[counts.argmax()]), int(counts.max())
            if shared >= OWN_TOPIC * region.sum() and shared >= OWN_TOPIC * (labels == host).sum():
                carved.setdefault(host, seed.pocket_id)
                continue
        labels[region] = next_index
        added.append((next_index, seed, region))
        carved[next_index] = seed.pocket_id
        next_index += 1
    if not added:
        return fit, carved
    k = next_index
    centroids = unit_centroids(vectors, labels, k)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    scores = np.where(labels >= 0, np.einsum("ij,ij->i", vectors, centroids[np.maximum(labels, 0)]), fit.scores)
    topics = [
        replace(t, size=int(sizes[t.index]), centroid=centroids[t.index]) for t in fit.topics if sizes[t.index] > 0
    ]
    for index, seed, region in added:
        rows = np.flatnonzero(labels == index)
        best = rows[np.argsort(-scores[rows], kind="stable")[:REPRESENTATIVES]]
        host_theme = _host_theme(fit, fit.labels[region])
        topics.append(
            FittedTopic(
                index=index,
                size=int(sizes[index]),
                label=seed.label,
                keywords=seed.keywords,
                centroid=centroids[index],
                representatives=tuple(int(i) for i in best),
                theme=host_theme[0] if host_theme else None,
                theme_label=host_theme[1] if host_theme else None,
            )
        )
    carved = {i: p for i, p in carved.items() if sizes[i] > 0}
    unclear = float(np.mean(labels < 0)) if len(labels) else 0.0
    quality = {**fit.quality, "unclear_share": unclear, "pockets_carved": float(len(added))}
    return TopicFit(labels, scores.astype(np.float32), tuple(topics), fit.threshold, quality), carved


def _host_theme(fit: TopicFit, host_labels: np.ndarray) -> tuple[int, str | None] | None:
    """The theme of the topic most of the pocket's notes came from (a pocket is a kind of its parent)."""
    placed = host_labels[host_labels >= 0]
    if not len(placed):
        return None
    host = int(np.bincount(placed).argmax())
    topic = next((t for t in fit.topics if t.index == host), None)
    if topic is None or topic.theme is None:
        return None
    return topic.theme, topic.theme_label


def as_births(events: tuple[LineageEvent, ...], pocket_topics: set[int]) -> tuple[LineageEvent, ...]:
    """A pocket's topic that the matcher calls a split (it came out of one topic) is recorded as a birth.

    The parent stays in ``related_topic_ids``: the lineage says where the new need grew.
    """
    return tuple(replace(e, event="birth") if e.event == "split" and e.topic_id in pocket_topics else e for e in events)
