"""Grouping topics into themes (the second level of the hierarchy) when a run has many topics.

A theme is a group of topics about one subject: average-linkage clusters of the topic centroids, cut
where the average cosine between two groups' topics falls below ``THEME_SIMILARITY``. The number of
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

THEME_SIMILARITY = 0.5
NO_THEME = -1


def group_themes(centroids: np.ndarray, min_topics: int) -> np.ndarray | None:
    """Theme index for each topic (0 = the theme with most topics; -1 = on its own), or ``None``.

    ``None`` when there are at most ``min_topics`` topics (a short list needs no grouping) or when no two
    topics are alike enough to share a theme.
    """
    if len(centroids) <= max(min_topics, 1):
        return None
    from sklearn.cluster import AgglomerativeClustering

    raw = AgglomerativeClustering(
        n_clusters=None, distance_threshold=1.0 - THEME_SIMILARITY, linkage="average", metric="cosine"
    ).fit_predict(np.asarray(centroids, dtype=np.float64))
    values, counts = np.unique(raw, return_counts=True)
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
