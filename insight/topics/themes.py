"""Grouping topics into themes (the second level of the hierarchy) when a run has many topics.

A theme is a group of topics about one subject: average-linkage clusters of the topic centroids, cut
where the average cosine between two groups' topics falls below ``THEME_SIMILARITY``. The cosine is taken
after the corpus's mean direction is removed (the size-weighted mean of the centroids): notes written to
one template ("Customer is complaining about … Agent asked them to DM …") share a direction that says
nothing about their subject, and on raw centroids it made every topic alike — one theme held all 25 topics
of a helpdesk export. Centred, flights group with baggage and seats, and music with Spotify. The number of
themes follows the data (Ward with about √k themes forced unrelated topics together: a theme "bill"
held "login screen update"); a topic that resembles no other stays on its own, outside any theme.
Each theme is named like a topic — the phrase that best covers and distinguishes its topics' central
notes (:mod:`insight.topics.naming`), unique among themes. Themes are regrouped with every run, but keep
their ids: a new theme takes the id of the previous theme most of its notes' topics came from
(:func:`stable_theme_ids`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

# Chosen on the HWU64 scenarios and CLINC150 domains (the sets' own second level): against the raw-cosine
# cut at 0.5 it raised same-theme pair precision and ARI on every seed (benchmarks/topic_themes.py).
THEME_SIMILARITY = 0.3
NO_THEME = -1


def centred(centroids: np.ndarray, sizes: np.ndarray | None = None) -> np.ndarray:
    """The centroids less their size-weighted mean: what each topic says beyond what every note says."""
    points = np.asarray(centroids, dtype=np.float64)
    weights = np.ones(len(points)) if sizes is None else np.asarray(sizes, dtype=np.float64)
    return points - (weights[:, None] * points).sum(axis=0) / max(float(weights.sum()), 1e-12)


def group_themes(centroids: np.ndarray, min_topics: int, sizes: np.ndarray | None = None) -> np.ndarray | None:
    """Theme index for each topic (0 = the theme with most topics; -1 = on its own), or ``None``.

    ``None`` when there are at most ``min_topics`` topics (a short list needs no grouping) or when no two
    topics are alike enough to share a theme. ``sizes`` (notes per topic) weight the corpus mean that is
    removed before comparing; without them every topic counts once.
    """
    if len(centroids) <= max(min_topics, 1):
        return None
    from sklearn.cluster import AgglomerativeClustering

    points = centred(centroids, sizes)
    has_direction = np.linalg.norm(points, axis=1) > 1e-9  # a topic at the very mean stays on its own
    if has_direction.sum() < 2:
        return None
    raw = np.full(len(points), -1, dtype=np.int64)
    raw[has_direction] = AgglomerativeClustering(
        n_clusters=None, distance_threshold=1.0 - THEME_SIMILARITY, linkage="average", metric="cosine"
    ).fit_predict(points[has_direction])
    values, counts = np.unique(raw[has_direction], return_counts=True)
    kept = counts >= 2
    if not kept.any():
        return None
    order = values[kept][np.lexsort((values[kept], -counts[kept]))]
    mapping = {int(old): new for new, old in enumerate(order)}
    return np.array([mapping.get(int(r), NO_THEME) for r in raw], dtype=np.int64)


def stable_theme_ids(
    previous: Mapping[int, int], themes: Mapping[int, int], sizes: Mapping[int, int], next_id: int
) -> dict[int, int]:
    """Give each new theme a stable id: the previous theme that most of its notes' topics came from.

    Args:
        previous: topic id → theme id in the previous run.
        themes: topic id → theme index in the new run.
        sizes: topic id → notes in the new run (the weight of each topic's vote).
        next_id: the first theme id never used.

    Returns:
        New theme index → theme id. Pairs are taken greedily, largest shared notes first; a previous theme
        is continued by at most one new theme, and only when the shared notes are at least half of the
        smaller of the two (as topics continue in :mod:`insight.topics.matching`); the rest get new ids.
    """
    shared: dict[tuple[int, int], int] = {}
    new_total: dict[int, int] = {}
    old_total: dict[int, int] = {}
    for topic, theme in themes.items():
        weight = int(sizes.get(topic, 0))
        new_total[theme] = new_total.get(theme, 0) + weight
        if topic in previous:
            old = previous[topic]
            shared[(old, theme)] = shared.get((old, theme), 0) + weight
            old_total[old] = old_total.get(old, 0) + weight
    ids: dict[int, int] = {}
    used: set[int] = set()
    for (old, theme), count in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if theme in ids or old in used:
            continue
        if count >= 0.5 * min(old_total[old], new_total[theme]) and count > 0:
            ids[theme] = old
            used.add(old)
    for theme in sorted(new_total):
        if theme not in ids:
            ids[theme] = next_id
            next_id += 1
    return ids
