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
from insight.topics.carving import CarvedCluster, holding_cluster, with_carved
from insight.topics.records import TopicFit

OWN_TOPIC = 0.6  # a cluster that is this much pocket, holding this much of the pocket, is its topic already


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
        held = holding_cluster(labels, region)
        if held is not None:
            host, shared = held
            if shared >= OWN_TOPIC * region.sum() and shared >= OWN_TOPIC * (labels == host).sum():
                carved.setdefault(host, seed.pocket_id)
                continue
        labels[region] = next_index
        added.append((next_index, seed, region))
        carved[next_index] = seed.pocket_id
        next_index += 1
    if not added:
        return fit, carved
    clusters = []
    for index, seed, region in added:
        host_theme = _host_theme(fit, fit.labels[region])
        theme, theme_label = host_theme if host_theme else (None, None)
        clusters.append(CarvedCluster(index, seed.label, seed.keywords, theme, theme_label))
    carved_fit = with_carved(fit, labels, vectors, clusters, {"pockets_carved": float(len(added))})
    sizes = {t.index: t.size for t in carved_fit.topics}
    return carved_fit, {i: p for i, p in carved.items() if sizes.get(i, 0) > 0}


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
