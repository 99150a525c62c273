"""Pockets: places in embedding space where this week's notes are denser than the baseline weeks predict.

A topic's count hides a new need that grows inside an old one ("login loop after the 5.2 update" inside
"can't log in"): the topic barely moves. This module looks below the topic level, on the note vectors
alone (no store, no clock), in two stages.

**Screen.** For every note of the target week (a fixed sample of :data:`MAX_CENTRES` in a bigger week),
each window of the last ``L`` weeks (``L = 1 … window_weeks``) and three neighbourhood sizes (cosine at
least ``min_similarity``, and 0.1 and 0.2 tighter), count the window's other notes around it and the notes
of the ``baseline_weeks`` weeks before the window around it (one similarity product per block of notes
serves every window and size: the screen only proposes, so it is kept cheap). The baseline count gives a
Gamma posterior for the local weekly rate, scaled by the window's volume relative to the baseline weeks
(so a busy week, or a holiday week, moves every expectation alike and a volume-wide rise flags nothing);
the window's count is then negative binomial, and its upper tail is the test. Neighbours beyond
``min_similarity`` never count, so scattered notes (out-of-scope noise) make no pocket. Every (note,
window, size) test goes through one Benjamini–Hochberg correction at ``fdr``.

**Group.** Notes whose test survived are linked when they are within the radius at which both passed;
each connected group of this week's notes is a candidate pocket. Its region is every note (any week)
within that radius of the group's centre, found by mean shift over the window's and the baseline's notes
weighted to equal volume (so the centre is not drawn to this week's notes by chance); the region gives
the pocket's own weekly counts.

The candidate is only a *signal* once its weekly counts pass the same Gamma–Poisson test, agent guards
and window correction as a topic (:class:`~insight.trends.detectors.PoissonGammaDetector`); that is done
by :mod:`insight.trends.pocket_signals`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_CHUNK = 256  # rows of this week's notes compared at once (bounds memory at large corpora)
MAX_CENTRES = 2000  # this week's notes tested at most (a fixed random sample beyond)
_MIN_BASE = 20  # fewer baseline notes than this: no baseline to compare with


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
    seed: int = -1  # the member with the strongest test (row position)


def radii(min_similarity: float) -> tuple[float, ...]:
    """The neighbourhood sizes tried, as cosine similarities: the widest allowed, and two tighter ones."""
    return tuple(round(min(0.95, min_similarity + step), 3) for step in (0.0, 0.1, 0.2))


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


@dataclass(frozen=True)
class _Window:
    """One window's masks: notes in the window, notes in its baseline weeks, and the volume scaling."""

    weeks: int
    in_window: np.ndarray
    in_base: np.ndarray
    exposure: float  # the window's volume in baseline weeks
    beta: float  # Gamma posterior rate: prior weeks + baseline weeks


def judged_windows(data: PocketInput, window_weeks: int, baseline_weeks: int, prior_weeks: float) -> list[_Window]:
    """The windows that can be judged (a longer window needs a fully observed baseline)."""
    last = data.n_weeks - 1
    out = []
    for window in range(1, max(1, window_weeks) + 1):
        first_base = last - window + 1 - baseline_weeks
        if first_base < 0:
            break
        base_weeks = [w for w in range(first_base, last - window + 1) if data.observed[w]]
        if not all(data.observed[w] for w in range(last - window + 1, last + 1)) or not base_weeks:
            break
        if window > 1 and len(base_weeks) < baseline_weeks:
            break
        in_window = data.week_index > last - window
        in_base = np.isin(data.week_index, base_weeks)
        if in_base.sum() < _MIN_BASE:
            break
        exposure = float(in_window.sum() / (in_base.sum() / len(base_weeks)))
        out.append(_Window(window, in_window, in_base, exposure, prior_weeks + len(base_weeks)))
    return out


@dataclass(frozen=True)
class ScreenTests:
    """The screen's raw tests: ``p[k, i, j]`` for window ``windows[k]``, centre ``centres[i]``, size ``sizes[j]``."""

    centres: np.ndarray
    windows: tuple[int, ...]
    sizes: tuple[float, ...]
    p: np.ndarray


def screen_tests(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    min_similarity: float,
    prior_weeks: float = 1.0,
    max_centres: int = MAX_CENTRES,
) -> ScreenTests | None:
    """Every (centre, window, size) test of the screen, uncorrected; ``None`` when nothing can be judged."""
    from scipy.stats import nbinom

    if len(data.note_ids) == 0 or data.vectors.ndim != 2:
        return None
    windows = judged_windows(data, window_weeks, baseline_weeks, prior_weeks)
    centres = np.flatnonzero(data.week_index == data.n_weeks - 1)
    if not windows or len(centres) == 0:
        return None
    if len(centres) > max_centres:  # fixed seed: the same week judged twice gives the same answer
        centres = np.sort(np.random.default_rng(0).choice(centres, max_centres, replace=False))
    sizes = radii(min_similarity)
    used = np.flatnonzero(np.logical_or.reduce([w.in_window | w.in_base for w in windows]))
    pool = data.vectors[used]
    masks = [(w.in_window[used], w.in_base[used]) for w in windows]
    p = np.ones((len(windows), len(centres), len(sizes)))
    alpha_prior = 0.5 * prior_weeks
    for start in range(0, len(centres), _CHUNK):
        sims = data.vectors[centres[start : start + _CHUNK]] @ pool.T
        for j, r in enumerate(sizes):
            near = sims >= r
            for k, (w, (in_window, in_base)) in enumerate(zip(windows, masks, strict=True)):
                seen = (near & in_window).sum(axis=1) - 1  # the centre itself is one of the window's notes
                before = (near & in_base).sum(axis=1)
                # Gamma(prior + before, prior weeks + baseline weeks) rate per baseline week → negative binomial.
                p[k, start : start + _CHUNK, j] = nbinom.sf(
                    seen - 1, alpha_prior + before, w.beta / (w.beta + w.exposure)
                )
    return ScreenTests(centres, tuple(w.weeks for w in windows), sizes, p)


def screen(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    min_similarity: float,
    fdr: float,
    prior_weeks: float = 1.0,
    min_members: int = 3,
    max_centres: int = MAX_CENTRES,
) -> list[PocketCandidate]:
    """Candidate pockets of the target week (see the module docstring), largest first.

    The screen only proposes: it counts around each of this week's notes itself (one similarity product
    per block of notes, every window and size read from it), and the region a candidate is judged on is
    found afterwards, balanced between the window and the baseline weeks. Beyond ``max_centres`` notes
    in the week a fixed random sample is tested (a need big enough to matter has notes in any sample).
    """
    tests = screen_tests(
        data,
        baseline_weeks=baseline_weeks,
        window_weeks=window_weeks,
        min_similarity=min_similarity,
        prior_weeks=prior_weeks,
        max_centres=max_centres,
    )
    if tests is None:
        return []
    q = benjamini_hochberg(tests.p.ravel()).reshape(tests.p.shape)
    best: dict[int, tuple[float, int, float]] = {}  # centre → (q, window, radius)
    for k, i, j in zip(*np.nonzero(q <= fdr), strict=True):
        centre, value = int(tests.centres[i]), float(q[k, i, j])
        if centre not in best or value < best[centre][0]:
            best[centre] = (value, tests.windows[k], tests.sizes[j])
    if not best:
        return []
    return _group(data, best, min_members, baseline_weeks, min_similarity)


def balanced_centre(
    data: PocketInput, centre: np.ndarray, radius: float, window: int, baseline_weeks: int, steps: int = 2
) -> np.ndarray:
    """Mean shift over the window's and the baseline weeks' notes, weighted to equal volume.

    The region's centre then follows where the notes are, not where this week's happen to be: a centre
    drawn towards this week's notes would make its own count look surprising (selection bias).
    """
    last = data.n_weeks - 1
    recent = data.week_index > last - window
    base = (data.week_index <= last - window) & (data.week_index > last - window - baseline_weeks)
    weight = recent.sum() / max(base.sum(), 1)
    weights = np.where(recent, 1.0, np.where(base, weight, 0.0)).astype(np.float32)
    for _ in range(steps):
        inside = (data.vectors @ centre >= radius) & (weights > 0)
        if not inside.any():
            break
        pull = weights[inside] @ data.vectors[inside]
        centre = pull / (np.linalg.norm(pull) + 1e-12)
    return centre.astype(np.float32)


def _group(
    data: PocketInput,
    best: dict[int, tuple[float, int, float]],
    min_members: int,
    baseline_weeks: int,
    min_similarity: float,
) -> list[PocketCandidate]:
    """Connected groups of significant this-week notes, each with its centroid and region.

    Two significant notes are linked when they are within the (tighter) radius at which both passed.
    """
    from scipy.sparse.csgraph import connected_components

    nodes = np.array(sorted(best), dtype=np.int64)
    reach = np.array([best[n][2] for n in nodes])
    sims = data.vectors[nodes] @ data.vectors[nodes].T
    adjacency = sims >= np.maximum.outer(reach, reach)
    _, component = connected_components(adjacency, directed=False)
    out = []
    for c in np.unique(component):
        members = nodes[component == c]
        if len(members) < min_members:
            continue
        # Grow the region from the strongest test (tightest radius on ties): a group can take in notes of a
        # steady neighbour whose own neighbourhood reached into the new need; its strongest point cannot.
        seed = min(members, key=lambda m: (best[int(m)][0], -best[int(m)][2]))
        q_best, window, radius = best[int(seed)]
        centroid = balanced_centre(data, data.vectors[seed], radius, window, baseline_weeks)
        region = np.flatnonzero(data.vectors @ centroid >= radius)
        members = members[data.vectors[members] @ centroid >= radius]
        if len(members) < min_members:
            continue
        out.append(PocketCandidate(members, centroid.astype(np.float32), radius, region, q_best, window, int(seed)))
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
