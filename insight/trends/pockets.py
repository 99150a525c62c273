"""Pockets: places in embedding space where this week's notes are denser than the baseline weeks predict.

A topic's count hides a new need that grows inside an old one ("login loop after the 5.2 update" inside
"can't log in"): the topic barely moves. This module looks below the topic level, on the note vectors
alone (no store, no clock), in two stages.

**Screen.** For every note of the target week and each window of the last ``L`` weeks
(``L = 1 … window_weeks``), take its ``k`` nearest neighbours among the window's notes and the
``baseline_weeks`` weeks before it. If nothing changed locally, each neighbour is a window note with the
window's share of the pooled volume, ``π``, so the number of window notes among ``k`` is binomial —
whatever the overall volume did (a busy week raises ``π`` everywhere, so a volume-wide rise flags
nothing). Neighbours less similar than ``min_similarity`` never count as window notes, so scattered
notes (out-of-scope noise) cannot make a pocket. Several ``k`` (half, once and twice ``neighbors``) keep
small and large pockets in reach; every (note, window, k) test goes through one Benjamini–Hochberg
correction at ``fdr``.

**Group.** Notes whose test survived are joined to each other when one is among the other's nearest
neighbours; each connected group of this week's notes is a candidate pocket. Its region is every note
(any week) within the radius around the group's centroid that makes the window most surprising (a Poisson
scan over radii), which gives the pocket's own weekly counts.

The candidate is only a *signal* once its weekly counts pass the same Gamma–Poisson test, agent guards
and window correction as a topic (:class:`~insight.trends.detectors.PoissonGammaDetector`); that is done
by :mod:`insight.trends.pocket_signals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_CHUNK = 512  # rows of this week's notes compared at once (bounds memory at large corpora)
_MIN_POOLED = 30  # fewer window+baseline notes than this: no composition to compare
WIDEST = 0.1  # the scan may widen the region down to 0.1 below the least central member


@dataclass(frozen=True)
class PocketInput:
    """The notes a pocket search reads, one row each, in any order.

    ``week_index`` is 0 for the oldest week read and ``n_weeks - 1`` for the target week; ``observed``
    says, per week, whether the data had begun (weeks before the first note are not evidence of silence).
    ``vectors`` are unit length.
    """

    note_ids: np.ndarray
    vectors: np.ndarray
    week_index: np.ndarray
    agents: tuple[str | None, ...]
    topic_ids: np.ndarray
    n_weeks: int
    observed: tuple[bool, ...]


@dataclass(frozen=True)
class PocketCandidate:
    """A group of this week's notes that the screen found denser than the baseline predicts.

    ``members`` and ``region`` are row positions in the :class:`PocketInput`; ``region`` covers every
    week. ``screen_q`` is the smallest Benjamini–Hochberg-adjusted p-value among the members' tests.
    """

    members: np.ndarray
    centroid: np.ndarray
    radius: float
    region: np.ndarray
    screen_q: float
    window_weeks: int


def neighbour_sizes(neighbors: int) -> tuple[int, ...]:
    """The ``k`` tried for a ``neighbors`` setting: half, once and twice (at least 4)."""
    return tuple(sorted({max(4, neighbors // 2), max(4, neighbors), max(4, 2 * neighbors)}))


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), same order as ``p_values``."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(ranked, 1.0)
    return q


def _nearest(centres: np.ndarray, pool: np.ndarray, k: int, self_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into ``pool``) and similarities of each centre's ``k`` nearest pool rows, self excluded."""
    k = min(k, len(pool) - 1)
    idx = np.empty((len(centres), k), dtype=np.int64)
    sim = np.empty((len(centres), k), dtype=np.float32)
    for start in range(0, len(centres), _CHUNK):
        block = centres[start : start + _CHUNK] @ pool.T
        rows = np.arange(block.shape[0])
        block[rows, self_rows[start : start + _CHUNK]] = -np.inf  # a note is not its own neighbour
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        part_sim = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-part_sim, axis=1, kind="stable")
        idx[start : start + _CHUNK] = np.take_along_axis(part, order, axis=1)
        sim[start : start + _CHUNK] = np.take_along_axis(part_sim, order, axis=1)
    return idx, sim


@dataclass(frozen=True)
class _Test:
    """One screening test: a centre (row in the input), the window, k, and its p-value."""

    centre: int
    window: int
    k: int
    p: float
    neighbours: np.ndarray  # rows in the input, the k nearest


def _window_tests(
    data: PocketInput, window: int, baseline_weeks: int, sizes: Sequence[int], min_similarity: float
) -> list[_Test]:
    from scipy.stats import binom

    last = data.n_weeks - 1
    first_base = last - window + 1 - baseline_weeks
    if first_base < 0:
        return []
    base_weeks = range(first_base, last - window + 1)
    # A longer window needs a fully observed baseline (otherwise it meets the first, partial weeks only).
    if not all(data.observed[w] for w in range(last - window + 1, last + 1)):
        return []
    if window > 1 and not all(data.observed[w] for w in base_weeks):
        return []
    if not any(data.observed[w] for w in base_weeks):
        return []
    in_window = data.week_index > last - window
    pooled = np.flatnonzero(data.week_index >= first_base)
    centres = np.flatnonzero(data.week_index == last)
    if len(pooled) < _MIN_POOLED or len(centres) == 0:
        return []
    share = float(in_window[pooled].mean())
    if share >= 1.0:
        return []
    position = np.full(len(data.week_index), -1, dtype=np.int64)
    position[pooled] = np.arange(len(pooled))
    kmax = max(sizes)
    idx, sim = _nearest(data.vectors[centres], data.vectors[pooled], kmax, position[centres])
    rows = pooled[idx]
    hit = in_window[rows] & (sim >= min_similarity)
    tests = []
    for k in sizes:
        if k > idx.shape[1]:
            continue
        counts = hit[:, :k].sum(axis=1)
        p = binom.sf(counts - 1, k, share)
        for c, centre in enumerate(centres):
            tests.append(_Test(int(centre), window, k, float(p[c]), rows[c, :k][sim[c, :k] >= min_similarity]))
    return tests


def screen(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    neighbors: int,
    min_similarity: float,
    fdr: float,
    min_members: int = 3,
) -> list[PocketCandidate]:
    """Candidate pockets of the target week (see the module docstring), largest first."""
    if len(data.note_ids) == 0 or data.vectors.ndim != 2:
        return []
    sizes = neighbour_sizes(neighbors)
    tests: list[_Test] = []
    for window in range(1, max(1, window_weeks) + 1):
        tests += _window_tests(data, window, baseline_weeks, sizes, min_similarity)
    if not tests:
        return []
    q = benjamini_hochberg(np.array([t.p for t in tests]))
    passed = [(t, qv) for t, qv in zip(tests, q, strict=True) if qv <= fdr]
    if not passed:
        return []
    this_week = data.week_index == data.n_weeks - 1
    best: dict[int, tuple[float, int]] = {}  # centre → (q, window)
    links: list[tuple[int, int]] = []
    for t, qv in passed:
        if t.centre not in best or qv < best[t.centre][0]:
            best[t.centre] = (float(qv), t.window)
        links += [(t.centre, int(n)) for n in t.neighbours if this_week[n]]
    return _group(data, best, links, min_members, baseline_weeks, min_similarity)


def scan_radius(
    data: PocketInput, sims: np.ndarray, window: int, baseline_weeks: int, widest: float, floor: float
) -> float:
    """The radius around a pocket's centroid that makes its window most surprising (a Poisson scan).

    For each radius (the similarities of the window's notes, down to ``widest`` — the least central
    member — and never below ``floor``), the window's notes inside are compared with the baseline weeks'
    notes inside, scaled by the volume of the weeks; the radius with the largest log-likelihood ratio
    wins. This takes in all of a new need's notes while stopping where its flat neighbours begin.
    """
    last = data.n_weeks - 1
    recent = data.week_index > last - window
    base = (data.week_index <= last - window) & (data.week_index > last - window - baseline_weeks)
    n_base_weeks = max(1, int(sum(data.observed[last - window - baseline_weeks + 1 : last - window + 1])))
    exposure = recent.sum() / max(base.sum() / n_base_weeks, 1.0)  # window volume in baseline weeks
    candidates = np.sort(sims[recent & (sims >= max(floor, widest))])[::-1]
    if len(candidates) == 0:
        return max(floor, widest)
    base_sims = np.sort(sims[base])
    inside_base = len(base_sims) - np.searchsorted(base_sims, candidates, side="left")
    inside_recent = np.arange(1, len(candidates) + 1)
    expected = (inside_base + 0.5) / n_base_weeks * exposure
    llr = np.where(
        inside_recent > expected, inside_recent * np.log(inside_recent / expected) - (inside_recent - expected), 0.0
    )
    return float(candidates[int(np.argmax(llr))])


def _group(
    data: PocketInput,
    best: dict[int, tuple[float, int]],
    links: list[tuple[int, int]],
    min_members: int,
    baseline_weeks: int,
    min_similarity: float,
) -> list[PocketCandidate]:
    """Connected groups of significant this-week notes, each with its centroid and region."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nodes = sorted(best)
    at = {n: i for i, n in enumerate(nodes)}
    pairs = [(at[a], at[b]) for a, b in links if a in at and b in at]
    rows = [a for a, _ in pairs] + list(range(len(nodes)))
    cols = [b for _, b in pairs] + list(range(len(nodes)))
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, component = connected_components(graph, directed=False)
    out = []
    for c in np.unique(component):
        members = np.array([nodes[i] for i in np.flatnonzero(component == c)], dtype=np.int64)
        if len(members) < min_members:
            continue
        centroid = data.vectors[members].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) + 1e-12)
        q_best, window = min(best[m] for m in members)
        sims = data.vectors @ centroid
        radius = scan_radius(data, sims, window, baseline_weeks, float(np.min(sims[members])) - WIDEST, min_similarity)
        region = np.flatnonzero(sims >= radius)
        out.append(PocketCandidate(members, centroid.astype(np.float32), radius, region, q_best, window))
    out.sort(key=lambda p: (-len(p.members), p.screen_q))
    return out


def region_counts(
    data: PocketInput, region: np.ndarray
) -> tuple[tuple[int, ...], tuple[tuple[tuple[str, int], ...], ...]]:
    """The region's notes per week and its (agent, notes) pairs per week, oldest week first."""
    counts = np.bincount(data.week_index[region], minlength=data.n_weeks)
    per_week: list[dict[str, int]] = [{} for _ in range(data.n_weeks)]
    for row in region:
        agent = data.agents[row]
        if agent is not None:
            week = per_week[int(data.week_index[row])]
            week[agent] = week.get(agent, 0) + 1
    return tuple(int(c) for c in counts), tuple(tuple(sorted(w.items())) for w in per_week)


def parent_topics(topic_ids: np.ndarray, min_share: float = 0.2) -> tuple[int, ...]:
    """Topics holding at least ``min_share`` of the notes (largest share first; the top one always)."""
    values, counts = np.unique(topic_ids, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    keep = [int(values[i]) for i in order if counts[i] >= min_share * len(topic_ids)]
    return tuple(keep or [int(values[order[0]])])
