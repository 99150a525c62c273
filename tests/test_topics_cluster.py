"""The refit's new ground (:func:`insight.topics.cluster.fresh_communities`), on small graphs built by hand."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from insight.topics.cluster import communities, fresh_communities


def _cliques(sizes: list[int], bridges: list[tuple[int, int, float]] = ()) -> csr_matrix:
    """A graph of cliques (weight 1 inside), with ``bridges`` of the given weight between cliques i and j."""
    starts = np.cumsum([0, *sizes])
    n = int(starts[-1])
    dense = np.zeros((n, n))
    for i, size in enumerate(sizes):
        block = slice(starts[i], starts[i] + size)
        dense[block, block] = 1.0
    for i, j, weight in bridges:
        dense[starts[i] : starts[i + 1], starts[j] : starts[j + 1]] = weight
        dense[starts[j] : starts[j + 1], starts[i] : starts[i + 1]] = weight
    np.fill_diagonal(dense, 0.0)
    return csr_matrix(dense)


def test_only_communities_of_new_notes_are_new_ground_and_small_ones_are_dropped() -> None:
    graph = _cliques([30, 30, 12, 12, 3, 10])
    previous = np.concatenate([np.zeros(30), np.ones(30), -np.ones(15 + 12), np.full(10, 2)]).astype(int)
    previous[30:36] = -1  # a few notes placed on arrival in an old topic: still old ground
    previous[87:94] = -1  # a steady need's busy week (7 of its 10 notes new): not new ground either
    parts = communities(graph, 1.0, 42)
    fresh = fresh_communities(graph, parts, previous, min_size=5, resolution=1.0, seed=42)
    assert sorted(len(p) for p in fresh) == [12, 12]  # the 3-note clique is below the smallest topic
    assert all((previous[p] < 0).all() for p in fresh)


def test_new_ground_is_split_as_finely_as_if_it_were_alone() -> None:
    # Four new cliques, each pair tied loosely: beside a big old graph, modularity's resolution limit lumps
    # them; alone, they are four communities.
    sizes = [200, 200, 200, 10, 10, 10, 10]
    bridges = [(a, b, 0.35) for a in range(3, 7) for b in range(3, 7) if a < b] + [(0, 1, 0.01), (1, 2, 0.01)]
    graph = _cliques(sizes, bridges)
    previous = np.concatenate([np.full(200, t) for t in range(3)] + [-np.ones(40)]).astype(int)
    parts = communities(graph, 1.0, 42)
    lumped = [p for p in parts if (previous[p] < 0).mean() > 0.5]
    fresh = fresh_communities(graph, parts, previous, min_size=5, resolution=1.0, seed=42)
    assert len(lumped) < 4, "the graph should lump the new cliques, or this test shows nothing"
    assert sorted(len(p) for p in fresh) == [10, 10, 10, 10]
