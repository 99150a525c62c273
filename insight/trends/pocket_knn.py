"""The pocket screen by local geometry: how much of each note's neighbourhood is from this week.

Why not count notes within a fixed cosine of each note (the radius screen in :mod:`insight.trends.pockets`)?
On the benchmark streams a new need at onset sits beside a flat near-twin: any radius wide enough to hold
the new need's notes also holds the twin's 8–16 a week, and a radius tight enough to leave the twin out
holds two or three of the new need's notes — in a diffuse intent (short, varied utterances) none at all.
Either way the count barely moves against its baseline. The *k nearest neighbours* adapt to the local
density instead: a note of a new need has other notes of that need among its nearest neighbours, and
those are from this week, where a note of the flat twin has neighbours from every week alike.

**Share.** For each window of the last ``L = 1 … window_weeks`` weeks, the pool is the window's notes and
the ``baseline_weeks`` weeks before it. If nothing changed locally, each of a note's ``k`` nearest
neighbours in the pool is from the window with the window's share of the pool, ``π = n_window / n_pool``
— the volume adjustment: a busy, quiet or holiday week moves ``π`` everywhere alike, so a rise in overall
volume raises no note's share above it. The number of window notes among the ``k`` is then binomial
``(k, π)``. Neighbours less similar than ``floor`` do not count for the window (a scattered note's
"nearest" notes are not a neighbourhood).

**Hubs.** Sentence vectors sit in a narrow cone, and some notes (short, generic ones) are near almost
everything: they turn up among the nearest neighbours of notes of every need and crowd out a new need's
own paraphrases. With ``hubness="csls"`` (``EARSHOT_POCKET_HUB_DISCOUNT``, the default) neighbours are
ranked by ``cos(x, y) − r(y)/2``, ``r(y)`` the mean cosine of ``y`` to its own ``k`` nearest among the notes
read (cross-domain similarity local scaling; a sample beyond 4,000 notes). On the benchmark streams a
riser note's 10 nearest held 0.5–0.7 more notes of its own intent the week after onset (worst stream 3.2 →
3.9 of 10), the other notes' purity unchanged (``benchmarks/knn_purity.py``). It uses no labels and no week,
so the week-label shuffles below calibrate it as before; ``floor`` still reads the plain cosine.

**Groups, and the correction for testing every note.** One note's ``k`` neighbours are weak evidence (7 of
10 at ``π = 0.2`` has a chance of 1 in 1,000 — and a week has thousands of notes), but a new need is many
notes that are each other's neighbours. So this week's notes whose share is high (binomial tail at most
``hot``) and that are among each other's ``k`` nearest are linked into groups, and a group scores the sum
of its notes' surprises (``-log10`` of their tails). What score is too high to be chance is read from the
same data with the weeks shuffled: the notes' week labels are permuted ``permutations`` times (the
neighbours stay, so this costs a few counts), and each time the best group's score over every window is
kept. A group counts when its score beats all but ``fdr`` of those maxima — a family-wise correction over
every note, group and window, that knows how correlated neighbouring notes' tests are.

**Region.** A group's region — what its weekly counts are counted from, in every week — is its
*territory* (:func:`territory`): the notes, of any week, at least half of whose ``k`` nearest notes of the
window are the need's, grown from the group. A new need has no notes before, so it shows among the
window's notes: its notes' nearest window notes are its own, while a note of its flat twin, of any week,
has the twin's window notes as its nearest and stays out. A ball around the group sized by its notes'
spread (the region before) took in the twin whenever MiniLM spreads the need's paraphrases — a spike over
a busy base, not a rise from nothing: on the benchmark streams it lost about half of the risers whose
group the screen had found. The vote is the same for every week's notes (a baseline note of the need counts, so a
busy intent's chance clump of this week's notes does not read as a rise from nothing) and the region is
read over every week of the history, not only the window's pool. Its members are this week's notes in
it. The region's history is then judged by the same detector and guards as a topic
(:mod:`insight.trends.pocket_signals`): volume-adjusted baseline, window correction, distinct agents, no
agent counting for more than the third most active — a one-agent burst is dense and recent too, and is
stopped there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.trends.pockets import MAX_CENTRES, PocketCandidate, PocketInput, judged_windows

CHUNK = 256  # this week's notes compared at once (bounds memory at large corpora)
KNN_FLOOR = 0.3  # a neighbour less similar than this is not a neighbourhood (scattered, out-of-scope notes)
PERMUTATIONS = 200  # week-label shuffles the group scores are calibrated on (fixed seed)
TERRITORY_MAJORITY = 0.5  # share of a note's nearest window notes that puts it in a group's territory
TERRITORY_REACH = 0.15  # cosine below the group's least central note that a territory may still reach
BIRTH_QUANTILE = 0.25  # the ball a refit carves out holds all but this share of the pocket's notes of the week
HOT = 0.05  # a note's share is high when its binomial tail is at most this


@dataclass(frozen=True)
class Neighbourhoods:
    """One window's k nearest neighbours of each centre in its pool, and what the null expects.

    ``neighbours`` are positions in ``pool`` (row positions of the input); ``counts`` marks the
    neighbours similar enough (at least ``floor``) to count; ``share`` is the window's share of the pool.
    """

    weeks: int
    pool: np.ndarray
    in_window: np.ndarray  # per pool note
    neighbours: np.ndarray  # (centres, k) positions in pool
    counts: np.ndarray  # (centres, k) bool
    kth: np.ndarray  # (centres,) cosine of the k-th neighbour
    share: float


def neighbourhoods(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    k: int,
    floor: float,
    max_centres: int = MAX_CENTRES,
    hubness: str = "none",
) -> tuple[np.ndarray, list[Neighbourhoods]]:
    """This week's notes tested (a fixed sample beyond ``max_centres``) and their neighbourhoods per window."""
    if len(data.note_ids) == 0 or data.vectors.ndim != 2:
        return np.zeros(0, dtype=np.int64), []
    windows = judged_windows(data, window_weeks, baseline_weeks, 1.0)
    centres = np.flatnonzero(data.week_index == data.n_weeks - 1)
    if not windows or len(centres) <= k:
        return centres, []
    if len(centres) > max_centres:  # fixed seed: the same week judged twice gives the same answer
        centres = np.sort(np.random.default_rng(0).choice(centres, max_centres, replace=False))
    # One similarity product per block of centres against every note any window reads; each window then
    # takes its k nearest among its own pool.
    union = np.flatnonzero(np.logical_or.reduce([w.in_window | w.in_base for w in windows]))
    pools = [(w, (w.in_window | w.in_base)[union]) for w in windows]
    pools = [(w, in_pool) for w, in_pool in pools if in_pool.sum() > k + 1]
    neighbours = np.zeros((len(pools), len(centres), k), dtype=np.int64)
    sims_k = np.zeros((len(pools), len(centres), k), dtype=np.float32)
    union_vectors = data.vectors[union]
    penalty = hub_penalty(union_vectors, k) if hubness == "csls" else None
    for start in range(0, len(centres), CHUNK):
        rows = centres[start : start + CHUNK]
        sims = data.vectors[rows] @ union_vectors.T
        sims[union[None, :] == rows[:, None]] = -np.inf  # a note is not its own neighbour
        ranked = sims if penalty is None else sims - penalty[None, :]
        for j, (_, in_pool) in enumerate(pools):
            masked = np.where(in_pool[None, :], ranked, -np.inf)
            top = np.argpartition(-masked, k, axis=1)[:, :k]
            top_rank = np.take_along_axis(masked, top, axis=1)
            order = np.argsort(-top_rank, axis=1)
            top = np.take_along_axis(top, order, axis=1)
            neighbours[j, start : start + CHUNK] = top
            sims_k[j, start : start + CHUNK] = np.take_along_axis(sims, top, axis=1)
    out = []
    for j, (window, in_pool) in enumerate(pools):
        pool = union[in_pool]
        position = np.cumsum(in_pool) - 1  # union position → position in this window's pool
        in_window = window.in_window[pool]
        share = float((in_window.sum() - 1) / (len(pool) - 1))
        counts = sims_k[j] >= floor
        out.append(
            Neighbourhoods(window.weeks, pool, in_window, position[neighbours[j]], counts, sims_k[j].min(axis=1), share)
        )
    return centres, out


def hub_penalty(vectors: np.ndarray, k: int, sample: int = 4000) -> np.ndarray:
    """Half each note's mean cosine to its ``k`` nearest among ``vectors`` (CSLS): what its similarities lose.

    Beyond ``sample`` notes the nearest are read from a fixed random sample, with ``k`` scaled to the
    sample's share (at least 3), so the cost stays one product of the notes with the sample. A note is
    never its own neighbour (a note in the sample would otherwise count itself, at cosine 1).
    """
    n = len(vectors)
    pick = np.arange(n) if n <= sample else np.sort(np.random.default_rng(0).choice(n, sample, replace=False))
    kk = min(k, n - 1) if n <= sample else max(3, round(k * sample / n))
    out = np.zeros(n, dtype=np.float32)
    if kk < 1:
        return out
    column = np.full(n, -1, dtype=np.int64)
    column[pick] = np.arange(len(pick))
    ref = vectors[pick]
    for start in range(0, n, 1024):
        s = vectors[start : start + 1024] @ ref.T
        rows = np.flatnonzero(column[start : start + 1024] >= 0)
        s[rows, column[start + rows]] = -np.inf
        out[start : start + 1024] = -np.partition(-s, kk - 1, axis=1)[:, :kk].mean(axis=1)
    return out / 2


def _groups(
    hoods: Neighbourhoods, in_window: np.ndarray, centre_at: np.ndarray, surprise: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Groups of hot centres for one labelling: (group id per centre or -1, score per group)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    seen = (in_window[hoods.neighbours] & hoods.counts).sum(axis=1)
    score = surprise[seen]
    hot = np.flatnonzero(score > 0)
    group = np.full(len(seen), -1, dtype=np.int64)
    if len(hot) == 0:
        return group, np.zeros(0)
    linked = centre_at[hoods.neighbours[hot]]  # centre index of each neighbour, -1 if not a centre
    is_hot = np.zeros(len(seen), dtype=bool)
    is_hot[hot] = True
    rows, cols = np.nonzero((linked >= 0) & is_hot[np.maximum(linked, 0)])
    index = np.full(len(seen), -1, dtype=np.int64)
    index[hot] = np.arange(len(hot))
    graph = coo_matrix((np.ones(len(rows)), (rows, index[linked[rows, cols]])), shape=(len(hot), len(hot)))
    n, component = connected_components(graph, directed=False)
    group[hot] = component
    return group, np.bincount(component, weights=score[hot], minlength=n)


def territory(data: PocketInput, seeds: np.ndarray, window: int, k: int) -> tuple[np.ndarray, np.ndarray, float]:
    """A group's region: the notes (any week) at least half of whose ``k`` nearest window notes are the need's.

    Grown from the group (``seeds``, row positions of this week's notes): a window note joins when at
    least :data:`TERRITORY_MAJORITY` of its ``k`` nearest window notes (itself left out) are in, until
    nothing changes; every note of every week is then in the region by the same vote. A new need has no
    baseline notes, so the window's notes are where it shows: its notes' nearest window notes are its
    own, where a ball around the group (sized by the notes' spread) also takes in a flat twin's notes of
    every week and reads a spike over a busy base, not a rise from nothing. A note of the twin, of any
    week, has the twin's window notes as its nearest and stays out; a baseline note of the same need (it
    existed before after all) has the need's window notes as its nearest and is counted. Only notes
    within :data:`TERRITORY_REACH` of the group's spread are read (the cost stays one product of them
    with the window notes near the group). Returns (region rows, centre, radius): the centre is the
    region's mean direction, the radius the ball holding three quarters of its notes of this week (what a
    later refit carves out with the notes, :mod:`insight.topics.pocket_births`).
    """
    last = data.n_weeks - 1
    mean = data.vectors[seeds].sum(axis=0)
    mean = (mean / (np.linalg.norm(mean) + 1e-12)).astype(np.float32)
    closeness = data.vectors @ mean
    floor = float(closeness[seeds].min()) - TERRITORY_REACH
    window_rows = np.flatnonzero((data.week_index > last - window) & (closeness >= floor - TERRITORY_REACH))
    rows = np.flatnonzero(closeness >= floor)
    kk = min(k, len(window_rows) - 1)
    if kk < 1:
        return seeds, mean, float(closeness[seeds].min())
    need = int(np.ceil(TERRITORY_MAJORITY * kk - 1e-9))
    nearest = np.zeros((len(rows), kk), dtype=np.int64)  # positions in window_rows
    for start in range(0, len(rows), CHUNK):
        block = rows[start : start + CHUNK]
        sims = data.vectors[block] @ data.vectors[window_rows].T
        sims[block[:, None] == window_rows[None, :]] = -np.inf  # a note is not its own neighbour
        nearest[start : start + CHUNK] = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
    position = np.searchsorted(window_rows, rows)
    is_window = (position < len(window_rows)) & (window_rows[np.minimum(position, len(window_rows) - 1)] == rows)
    seed_in = np.isin(window_rows, seeds)
    inside = seed_in.copy()
    for _ in range(50):
        votes = inside[nearest].sum(axis=1) >= need
        grown = seed_in.copy()
        grown[position[is_window & votes]] = True
        if np.array_equal(grown, inside):
            break
        inside = grown
    region = rows[inside[nearest].sum(axis=1) >= need]
    if len(region) == 0:
        return region, mean, 1.0
    centre = data.vectors[region].sum(axis=0)
    centre = (centre / (np.linalg.norm(centre) + 1e-12)).astype(np.float32)
    now = region[data.week_index[region] == last]
    radius = float(np.quantile(data.vectors[now] @ centre, BIRTH_QUANTILE)) if len(now) else 1.0
    return region, centre, radius


@dataclass(frozen=True)
class KnnGroup:
    """One group of this week's hot notes: its rows, the window it was found in, its score and calibrated p."""

    rows: np.ndarray  # row positions in the input (this week's notes)
    window_weeks: int
    score: float
    p: float  # share of week-shuffled runs whose best group scored at least as high (with the +1 correction)


def knn_groups(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    k: int,
    floor: float,
    max_centres: int = MAX_CENTRES,
    permutations: int = PERMUTATIONS,
    hubness: str = "none",
) -> list[KnnGroup]:
    """Every group of hot notes over every window, each with its p from the week-label shuffles."""
    from scipy.stats import binom

    centres, hoods = neighbourhoods(
        data,
        baseline_weeks=baseline_weeks,
        window_weeks=window_weeks,
        k=k,
        floor=floor,
        max_centres=max_centres,
        hubness=hubness,
    )
    found: list[tuple[float, Neighbourhoods, np.ndarray]] = []
    null_max = np.zeros(permutations)
    rng = np.random.default_rng(0)
    for hood in hoods:
        tail = binom.sf(np.arange(k + 1) - 1, k, hood.share)  # P(at least s of k from the window)
        surprise = np.where(tail <= HOT, -np.log10(np.maximum(tail, 1e-300)), 0.0)
        centre_at = np.full(len(hood.pool), -1, dtype=np.int64)
        centre_at[np.searchsorted(hood.pool, centres)] = np.arange(len(centres))
        group, scores = _groups(hood, hood.in_window, centre_at, surprise)
        found += [(float(s), hood, np.flatnonzero(group == g)) for g, s in enumerate(scores)]
        for b in range(permutations):
            _, shuffled = _groups(hood, rng.permutation(hood.in_window), centre_at, surprise)
            null_max[b] = max(null_max[b], shuffled.max(initial=0.0))
    return [
        KnnGroup(centres[group], hood.weeks, score, float((1 + np.sum(null_max >= score)) / (1 + permutations)))
        for score, hood, group in found
    ]


def knn_screen(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    k: int,
    floor: float,
    fdr: float,
    min_members: int = 3,
    max_centres: int = MAX_CENTRES,
    permutations: int = PERMUTATIONS,
    hubness: str = "none",
) -> list[PocketCandidate]:
    """Candidate pockets of the target week by the neighbour-share test (module docstring), strongest first.

    Each group that beats all but ``fdr`` of the shuffled runs is given its :func:`territory`, whose notes
    of every week the confirmation counts.
    """
    groups = knn_groups(
        data,
        baseline_weeks=baseline_weeks,
        window_weeks=window_weeks,
        k=k,
        floor=floor,
        max_centres=max_centres,
        permutations=permutations,
        hubness=hubness,
    )
    last = data.n_weeks - 1
    out = []
    for group in groups:
        if group.p > fdr:
            continue
        region, centre, radius = territory(data, group.rows, group.window_weeks, k)
        members = region[data.week_index[region] == last]
        if len(members) < min_members:
            continue
        out.append(
            PocketCandidate(
                members=members,
                centroid=centre,
                radius=radius,
                region=region,
                screen_q=group.p,
                window_weeks=group.window_weeks,
                seed=int(group.rows[0]),
            )
        )
    out.sort(key=lambda c: (c.screen_q, -len(c.members)))
    return out
