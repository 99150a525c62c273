"""The fading screen by local geometry: how little of each baseline note's neighbourhood is from the last weeks.

The mirror image of the rising screen (:mod:`insight.trends.pocket_knn`). Why not count notes within a fixed
cosine of each baseline note (the radius screen, :func:`insight.trends.fading_pockets.screen_fades`)? A need
that fades usually sits beside needs that carry on. Any radius wide enough to hold a paraphrase-diffuse
intent's own notes also holds its neighbours' (which carry on, so the count barely drops), and a radius tight
enough to leave them out holds two or three of its notes — too few for any one test to survive a correction
over thousands. The *k nearest neighbours* adapt to the local density instead: a baseline note of a need
that went quiet has other baseline notes of that need as its nearest neighbours, and next to none from the
last weeks, where a note of a need that carries on has neighbours from every week alike.

**Share.** The window is the last ``window_weeks`` weeks, the pool its notes and the ``baseline_weeks``
weeks' before it. If nothing changed locally, each of a baseline note's ``k`` nearest neighbours in the pool
is from the window with the window's share of the pool, ``π`` — the volume adjustment: a quiet holiday
fortnight or a general drop lowers ``π`` everywhere alike, so it empties no note's neighbourhood more than
``π`` predicts. The number of window notes among the ``k`` is then binomial ``(k, π)`` and its *lower* tail
is the note's evidence.

**Groups, calibrated by shuffling the weeks.** One note's ten neighbours are weak evidence (none of ten at
``π = 1/3`` has a chance of 1 in 60), but a need that faded is many baseline notes that are each other's
neighbours. Baseline notes whose tail is at most :data:`HOT` and that are among each other's ``k`` nearest
are linked into groups, each scored by the sum of its notes' surprises (``-log10`` of their tails). Which
score is too high for chance is read from the same notes with their week labels shuffled ``permutations``
times (the neighbours stay, so this costs a few counts), keeping each time the best group's score: a group
counts when it beats all but ``fdr`` of those maxima, a correction for every note and group tested.

**Regions.** A group's region is what its weekly counts are counted from, in every week. Two are tried:
a ball around the group's centre holding all but :data:`REGION_QUANTILE` of its notes (the centre moved by
mean shift over the window's and the baseline's notes weighted to equal volume,
:func:`insight.trends.pockets.balanced_centre`, as for a rise), and the group's *territory* — the notes whose
nearest baseline notes are mostly the need's (:func:`territory`), which follows a paraphrase-diffuse need
where a ball takes in its neighbours. :func:`insight.trends.fading_pockets.confirm_fades` judges each
region's own weekly history with the topic detector's fading test (a real baseline, the last weeks below a
share of expected) and multiplies the chance by the regions tried.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.trends.pockets import PocketCandidate, PocketInput, balanced_centre

CHUNK = 256  # baseline notes compared at once (bounds memory at large corpora)
MAX_CENTRES = 4000  # baseline notes tested at most (beyond, every note is thinned at the same rate)
PERMUTATIONS = 200  # week-label shuffles the group scores are calibrated on (fixed seed)
HOT = 0.05  # a note's neighbourhood is empty of the window when its binomial lower tail is at most this
REGION_QUANTILE = 0.25  # the ball region holds all but this share of the group's notes
TERRITORY_MAJORITY = 0.7  # share of a note's nearest baseline notes that puts it in a group's territory
_MIN_POOL = 20  # fewer notes than this in the pool: nothing to compare


@dataclass(frozen=True)
class FadeNeighbourhoods:
    """The baseline notes tested, their ``k`` nearest neighbours in the pool, and what the null expects.

    ``centres`` are row positions in the input (baseline notes); ``neighbours`` positions in ``pool`` (row
    positions of the input); ``in_window`` marks the pool's notes from the window; ``share`` is the window's
    share of the pool once the centre itself is left out.
    """

    window_weeks: int
    centres: np.ndarray
    pool: np.ndarray
    in_window: np.ndarray
    neighbours: np.ndarray  # (centres, k) positions in pool
    share: float

    def window_neighbours(self, in_window: np.ndarray | None = None) -> np.ndarray:
        """How many of each centre's neighbours are from the window (under ``in_window``, else the real weeks)."""
        marks = self.in_window if in_window is None else in_window
        return marks[self.neighbours].sum(axis=1)


def fade_neighbourhoods(
    data: PocketInput, *, baseline_weeks: int, window_weeks: int, k: int, max_centres: int = MAX_CENTRES
) -> FadeNeighbourhoods | None:
    """The baseline notes' neighbourhoods in the window's and the baseline's notes; ``None`` if nothing to judge.

    The window and its baseline must be fully observed (weeks before the data began are not evidence of
    silence).
    """
    last = data.n_weeks - 1
    first_base = last - window_weeks + 1 - baseline_weeks
    if first_base < 0 or not all(data.observed[first_base:]) or data.vectors.ndim != 2 or k < 1:
        return None
    in_window_all = data.week_index > last - window_weeks
    in_base = (data.week_index >= first_base) & ~in_window_all
    pool = np.flatnonzero(in_window_all | in_base)
    if in_base.sum() > max_centres:
        # A bigger corpus is thinned as a whole, the window's notes at the same rate as the baseline's: the
        # window's share stays what it was, and a note's nearest neighbours are still mostly tested notes, so
        # groups can link (a sample of centres among all notes would leave each centre few tested neighbours).
        # Fixed seed: the same week judged twice gives the same answer.
        keep = np.random.default_rng(0).random(len(pool)) < max_centres / in_base.sum()
        pool = pool[keep]
    centres = pool[in_base[pool]]
    if len(pool) < max(_MIN_POOL, k + 2) or len(centres) == 0 or not in_window_all[pool].any():
        return None
    pool_vectors = data.vectors[pool]
    at = np.searchsorted(pool, centres)  # each centre's own position in the pool
    neighbours = np.zeros((len(centres), k), dtype=np.int64)
    for start in range(0, len(centres), CHUNK):
        rows = slice(start, start + CHUNK)
        sims = data.vectors[centres[rows]] @ pool_vectors.T
        sims[np.arange(sims.shape[0]), at[rows]] = -np.inf  # a note is not its own neighbour
        neighbours[rows] = np.argpartition(-sims, k, axis=1)[:, :k]
    in_window = in_window_all[pool]
    share = float(in_window.sum() / (len(pool) - 1))
    return FadeNeighbourhoods(window_weeks, centres, pool, in_window, neighbours, share)


def lower_surprise(k: int, share: float, hot: float = HOT) -> np.ndarray:
    """Per count ``s = 0 … k`` of window neighbours: ``-log10 P(at most s)`` when that is at most ``hot``, else 0."""
    from scipy.stats import binom

    tail = binom.cdf(np.arange(k + 1), k, share)
    return np.where(tail <= hot, -np.log10(np.maximum(tail, 1e-300)), 0.0)


def fade_groups(hoods: FadeNeighbourhoods, seen: np.ndarray, surprise: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Groups of emptied centres linked through each other's neighbours: (group per centre or -1, score per group)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    score = surprise[seen]
    hot = np.flatnonzero(score > 0)
    group = np.full(len(seen), -1, dtype=np.int64)
    if len(hot) == 0:
        return group, np.zeros(0)
    centre_at = np.full(len(hoods.pool), -1, dtype=np.int64)  # pool position → centre index
    centre_at[np.searchsorted(hoods.pool, hoods.centres)] = np.arange(len(hoods.centres))
    index = np.full(len(seen), -1, dtype=np.int64)  # centre index → hot index
    index[hot] = np.arange(len(hot))
    as_centre = centre_at[hoods.neighbours[hot]]  # each neighbour's centre index, -1 if it is no centre
    linked = np.where(as_centre >= 0, index[np.maximum(as_centre, 0)], -1)  # … and its hot index, -1 if not hot
    rows, cols = np.nonzero(linked >= 0)
    graph = coo_matrix((np.ones(len(rows)), (rows, linked[rows, cols])), shape=(len(hot), len(hot)))
    n, component = connected_components(graph, directed=False)
    group[hot] = component
    return group, np.bincount(component, weights=score[hot], minlength=n)


def ball(data: PocketInput, seeds: np.ndarray, window: int, baseline_weeks: int) -> np.ndarray:
    """A ball around the group holding all but :data:`REGION_QUANTILE` of its notes, centred by balanced mean shift."""
    mean = data.vectors[seeds].sum(axis=0)
    mean = (mean / (np.linalg.norm(mean) + 1e-12)).astype(np.float32)
    radius = float(np.quantile(data.vectors[seeds] @ mean, REGION_QUANTILE))
    centre = balanced_centre(data, mean, radius, window, baseline_weeks)
    radius = float(np.quantile(data.vectors[seeds] @ centre, REGION_QUANTILE))
    return np.flatnonzero(data.vectors @ centre >= radius)


def reference_neighbours(data: PocketInput, hoods: FadeNeighbourhoods, k: int) -> np.ndarray:
    """Every note's ``k`` nearest baseline notes among the centres (as centre indices; a centre is not its own)."""
    ref = data.vectors[hoods.centres]
    own = np.full(len(data.note_ids), -1, dtype=np.int64)
    own[hoods.centres] = np.arange(len(hoods.centres))
    k = min(k, len(hoods.centres) - 1)
    out = np.zeros((len(data.note_ids), k), dtype=np.int64)
    for start in range(0, len(data.note_ids), CHUNK):
        rows = np.arange(start, min(start + CHUNK, len(data.note_ids)))
        sims = data.vectors[rows] @ ref.T
        mine = own[rows] >= 0
        sims[np.flatnonzero(mine), own[rows][mine]] = -np.inf
        out[rows] = np.argpartition(-sims, k, axis=1)[:, :k]
    return out


def territory(reference: np.ndarray, members: np.ndarray, centre_rows: np.ndarray, steps: int = 50) -> np.ndarray:
    """The notes (any week) that sit where the group's notes were, grown from the group by nearest baseline notes.

    A note belongs when a clear majority (:data:`TERRITORY_MAJORITY`) of its nearest baseline notes
    (``reference``, centre indices) belong — a bare majority lets the region creep over the boundary notes
    of a neighbouring need, whose notes carry on and hide the fall; starting from the group (``members``, a
    bool per centre) this is repeated until nothing changes. So a note of
    the last weeks of the need that went quiet is counted (its nearest baseline notes are the need's), and
    a note of a neighbour that carries on (whose nearest baseline notes are its own) is not — where a ball
    around the group would hold that neighbour too whenever the need is paraphrase-diffuse. The region is
    grown over the whole need rather than kept to the group's own notes' territory: the group was chosen
    *because* few window notes sit near its notes, so counting only there would find a fall by
    construction (on the benchmark streams, regions kept to the group's own territory flagged steady
    background needs as fading). Returns row positions.
    """
    inside = members.copy()
    need = int(np.ceil(TERRITORY_MAJORITY * reference.shape[1] - 1e-9))
    for _ in range(steps):
        grown = (inside[reference].sum(axis=1) >= need)[centre_rows] | members
        if np.array_equal(grown, inside):
            break
        inside = grown
    return np.flatnonzero(inside[reference].sum(axis=1) >= need)


def knn_fade_screen(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    k: int,
    fdr: float,
    min_members: int = 3,
    max_centres: int = MAX_CENTRES,
    permutations: int = PERMUTATIONS,
) -> list[PocketCandidate]:
    """Candidate fades by the neighbour-share test (module docstring), strongest first.

    A candidate's ``members`` are the group's baseline notes inside its region, ``region`` every note (any
    week) inside it, ``screen_q`` the group's shuffled-weeks p-value.
    """
    hoods = fade_neighbourhoods(
        data, baseline_weeks=baseline_weeks, window_weeks=window_weeks, k=k, max_centres=max_centres
    )
    if hoods is None:
        return []
    surprise = lower_surprise(k, hoods.share)
    group, scores = fade_groups(hoods, hoods.window_neighbours(), surprise)
    if len(scores) == 0:
        return []
    rng = np.random.default_rng(0)
    null_max = np.zeros(permutations)
    for b in range(permutations):
        _, shuffled = fade_groups(hoods, hoods.window_neighbours(rng.permutation(hoods.in_window)), surprise)
        null_max[b] = shuffled.max(initial=0.0)
    out = []
    reference: np.ndarray | None = None
    for g, score in enumerate(scores):
        p = (1 + np.sum(null_max >= score)) / (1 + permutations)
        in_group = group == g
        if p > fdr or in_group.sum() < min_members:
            continue
        if reference is None:  # only once a group passed: most weeks have none
            reference = reference_neighbours(data, hoods, k)
        seeds = hoods.centres[in_group]
        regions = (ball(data, seeds, window_weeks, baseline_weeks), territory(reference, in_group, hoods.centres))
        for region in regions:
            members = np.intersect1d(seeds, region)
            if len(members) < min_members:
                continue
            mean = data.vectors[members].sum(axis=0)
            centre = (mean / (np.linalg.norm(mean) + 1e-12)).astype(np.float32)
            radius = float((data.vectors[members] @ centre).min())
            out.append(PocketCandidate(members, centre, radius, region, float(p), window_weeks, int(seeds[0])))
    out.sort(key=lambda c: (c.screen_q, -len(c.members)))
    return out
