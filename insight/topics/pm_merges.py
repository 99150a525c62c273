"""A topic a PM built by merging stays one topic at the next refit, even where the new fit scatters it.

A PM merge says "these notes are one need". The matcher keeps it when the new fit puts the merged topic's
notes mostly in one cluster (the cluster continues the topic; a part split off is folded back). But a fit
may instead give each part back to a neighbouring topic — two fragments of different needs that a PM
judged to be one — and then the merged topic would end, its name, owner and status with it. So, after the
fit and before matching, such a topic's notes are carved out as a cluster of their own, which the matcher
continues under the topic's id. Notes imported since are left where the fit put them; placement brings the
ones like the topic to it later.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.topics.carving import CarvedCluster, holding_cluster, with_carved
from insight.topics.records import TopicFit

OWN_CLUSTER = 0.5  # a cluster holding more than this of the topic's notes, and made this much of them, keeps it


@dataclass(frozen=True)
class MergedTopic:
    """A live topic a PM built by merging, as the refit sees it: its generated label, keywords, notes."""

    topic_id: int
    label: str
    keywords: tuple[str, ...]
    note_ids: np.ndarray


def keep_pm_merges(fit: TopicFit, note_ids: np.ndarray, vectors: np.ndarray, merged: list[MergedTopic]) -> TopicFit:
    """``fit`` with every scattered PM-merged topic's notes carved out as one new cluster each.

    A topic the fit already keeps together (one cluster holds more than half its notes and is more than half
    its notes) is left alone, as is one with fewer than two of its notes in this fit.
    """
    labels = fit.labels.copy()
    next_index = max((t.index for t in fit.topics), default=-1) + 1
    added: list[tuple[int, MergedTopic]] = []
    for topic in merged:
        region = np.isin(note_ids, topic.note_ids)
        if region.sum() < 2:
            continue
        held = holding_cluster(labels, region)
        if held is not None:
            host, shared = held
            if shared > OWN_CLUSTER * region.sum() and shared > OWN_CLUSTER * (labels == host).sum():
                continue
        labels[region] = next_index
        added.append((next_index, topic))
        next_index += 1
    if not added:
        return fit
    clusters = [CarvedCluster(index, topic.label, topic.keywords) for index, topic in added]
    return with_carved(fit, labels, vectors, clusters, {"pm_merges_kept": float(len(added))})
