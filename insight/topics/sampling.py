"""Fitting large corpora on a representative sample, then placing the rest by centroid.

A full fit costs far more than linear time in the corpus (the neighbour graph, UMAP's layout, the
graph communities), while the topics a contact centre cares about are visible in a few tens of
thousands of notes. Above ``sample_size`` notes the fit therefore runs on a sample of that size and
every other note is placed on the nearest topic centroid in the embedding space, with the fit's own
unclear threshold — exactly how a note arriving between refits is placed.

The sample is *stratified*, so what matters is not sampled away:

* every topic of the previous run keeps at least ``topic_floor`` notes (all of them if it has fewer), so
  a small topic — or one a PM or the emerging-pocket hook just created — stays large enough to survive;
* the rest of the budget is spread over (week, previous topic) strata in proportion to their size, with
  the newest week weighted up (``RECENT_WEIGHT``), so this week's notes, where new pockets appear, are
  well represented;
* within a stratum the notes with the smallest hash of (note id, seed) are taken. The choice depends
  only on the note ids, not on their order or on random state, so a refit after a few more notes keeps
  almost the same sample — which keeps topic borders, and so topic ids, stable.

Pure computation, no database: :mod:`insight.topics.refitting` calls :func:`sample_rows` on the note ids
and weeks first, reads the vectors of every note but the texts of the sample only, then :func:`fit_corpus`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from insight.records import ProgressCallback
from insight.topics.cluster import UNCLEAR, effective_min_size, unit_centroids
from insight.topics.records import TopicFit, TopicParams

RECENT_WEIGHT = 4.0  # the newest week's notes are this much likelier to be in the sample
FLOOR_FACTOR = 2  # a previous topic keeps at least this many times the smallest topic size of the sample
_PLACE_BLOCK = 65_536  # rows per block when placing the rest (65k x a few hundred topics stays small)


def note_priority(note_ids: np.ndarray, seed: int) -> np.ndarray:
    """A uniform pseudo-random number in [0, 1) per note id, fixed for a given (id, seed) (splitmix64)."""
    with np.errstate(over="ignore"):
        z = np.asarray(note_ids, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _take_lowest(groups: np.ndarray, priority: np.ndarray, quota: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Mask of the ``quota[g]`` eligible rows of lowest priority in each group ``g`` (groups are 0..G-1)."""
    rows = np.flatnonzero(eligible)
    order = rows[np.lexsort((priority[rows], groups[rows]))]
    sorted_groups = groups[order]
    starts = np.searchsorted(sorted_groups, sorted_groups, side="left")
    rank = np.arange(len(order)) - starts
    mask = np.zeros(len(groups), dtype=bool)
    mask[order[rank < quota[sorted_groups]]] = True
    return mask


def _apportion(budget: int, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Split ``budget`` into integer quotas proportional to ``weights`` (largest remainder), each ≤ its cap."""
    quota = np.zeros(len(weights), dtype=np.int64)
    open_ = caps > 0
    for _ in range(8):  # strata that hit their cap hand the excess to the others
        left = budget - int(quota.sum())
        if left <= 0 or not open_.any():
            break
        share = np.where(open_, weights, 0.0)
        if share.sum() <= 0:
            break
        exact = left * share / share.sum()
        add = np.floor(exact).astype(np.int64)
        remainder = left - int(add.sum())
        if remainder > 0:
            add[np.argsort(-(exact - add), kind="stable")[:remainder]] += 1
        quota = np.minimum(quota + add, caps)
        open_ = quota < caps
    return quota


def choose_sample(
    note_ids: np.ndarray,
    weeks: np.ndarray,
    previous: np.ndarray | None,
    size: int,
    *,
    seed: int,
    topic_floor: int,
    recent_weight: float = RECENT_WEIGHT,
) -> np.ndarray:
    """Row numbers (sorted) of a stratified sample of about ``size`` notes.

    Args:
        note_ids: one id per note (the sample is a function of the ids, not of their order).
        weeks: a week number per note (any integer that grows with time); the largest is "this week".
        previous: the topic id each note had in the previous run (-1 if none), or ``None``.
        size: how many notes to take (all of them when there are no more).
        seed: changes which notes a stratum gives.
        topic_floor: notes guaranteed to each previous topic (all of its notes when it has fewer).
        recent_weight: how much likelier a note of the newest week is to be taken.
    """
    n = len(note_ids)
    if size >= n:
        return np.arange(n)
    priority = note_priority(note_ids, seed)
    topics = np.full(n, UNCLEAR, dtype=np.int64) if previous is None else np.asarray(previous, dtype=np.int64)
    topic_values, topic_codes = np.unique(topics, return_inverse=True)
    chosen = np.zeros(n, dtype=bool)
    if topic_floor > 0 and previous is not None:
        floors = np.bincount(topic_codes, minlength=len(topic_values))
        floors = np.minimum(floors, topic_floor)
        floors[topic_values < 0] = 0  # unclear / never placed is not a topic to keep
        if floors.sum() > size:  # more topics than the budget holds: shrink every floor alike
            floors = np.floor(floors * (size / floors.sum())).astype(np.int64)
        chosen = _take_lowest(topic_codes, priority, floors, np.ones(n, dtype=bool))
    week_values, week_codes = np.unique(np.asarray(weeks, dtype=np.int64), return_inverse=True)
    strata = week_codes * len(topic_values) + topic_codes
    stratum_values, stratum_codes = np.unique(strata, return_inverse=True)
    left = np.bincount(stratum_codes[~chosen], minlength=len(stratum_values))
    newest = (stratum_values // len(topic_values)) == len(week_values) - 1
    weights = left * np.where(newest, recent_weight, 1.0)
    quota = _apportion(size - int(chosen.sum()), weights, left)
    chosen |= _take_lowest(stratum_codes, priority, quota, ~chosen)
    return np.flatnonzero(chosen)


def place_by_centroid(vectors: np.ndarray, centroids: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """(topic index, cosine) of each unit vector's nearest centroid; -1 below ``threshold``. Blockwise."""
    labels = np.empty(len(vectors), dtype=np.int64)
    scores = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), _PLACE_BLOCK):
        sims = vectors[start : start + _PLACE_BLOCK] @ centroids.T
        best = np.argmax(sims, axis=1)
        top = sims[np.arange(len(best)), best]
        labels[start : start + len(best)] = np.where(top >= threshold, best, UNCLEAR)
        scores[start : start + len(best)] = top
    return labels, scores


def sample_rows(
    note_ids: np.ndarray, weeks: np.ndarray, previous: np.ndarray | None, params: TopicParams
) -> np.ndarray | None:
    """Row numbers (sorted) of the notes a refit fits on, or ``None`` when it fits on all of them.

    Above ``params.sample_size`` notes: :func:`choose_sample`, every previous topic keeping
    ``FLOOR_FACTOR`` times the smallest topic size of the sample. Cheap (no vectors, no texts), so a
    refit decides it before reading anything large and reads texts for these rows only.
    """
    if params.sample_size <= 0 or len(note_ids) <= params.sample_size:
        return None
    floor = FLOOR_FACTOR * effective_min_size(params.sample_size, params.min_topic_size)
    return choose_sample(note_ids, weeks, previous, params.sample_size, seed=params.random_seed, topic_floor=floor)


def centroid_scores(vectors: np.ndarray, labels: np.ndarray, centroids: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Cosine of each row to its label's centroid (``fallback`` for unclear rows), blockwise.

    ``centroids[labels]`` at once would copy the whole matrix (1.5 GB at 1M notes).
    """
    scores = np.asarray(fallback, dtype=np.float32).copy()
    placed = np.flatnonzero(labels >= 0)
    for start in range(0, len(placed), _PLACE_BLOCK):
        block = placed[start : start + _PLACE_BLOCK]
        scores[block] = np.einsum("ij,ij->i", vectors[block], centroids[labels[block]])
    return scores


def fit_corpus(
    texts: Sequence[str],
    embeddings: np.ndarray,
    params: TopicParams,
    *,
    rows: np.ndarray | None,
    cache_dir: Path,
    previous: np.ndarray | None = None,
    previous_communities: int | None = None,
    progress: ProgressCallback | None = None,
    embed=None,
    placed: np.ndarray | None = None,
) -> TopicFit:
    """Fit topics on the whole corpus, or on the sample ``rows`` (see :func:`sample_rows`) and place the rest.

    Same result as :func:`insight.topics.engine.fit_topics` (a label and score per note of the corpus,
    topics with row numbers of the corpus as representatives). ``embeddings`` has a row per note of the
    corpus; ``texts`` one per fitted note — of ``rows`` when sampling (only the sample's texts are read),
    else of the corpus. With a sample, its notes keep the fit's topics; every other note goes to the most
    similar topic centroid, or to unclear below the fit's threshold; then sizes and centroids are
    recomputed over all notes. ``quality`` records ``sample_size`` and ``seconds_place``.
    """
    from insight.topics.engine import fit_topics

    n = len(embeddings)
    if rows is None:
        return fit_topics(
            texts, embeddings, params, cache_dir=cache_dir, previous=previous,
            previous_communities=previous_communities, progress=progress, embed=embed, placed=placed,
        )  # fmt: skip
    if len(texts) != len(rows):
        raise ValueError(f"{len(texts)} texts for a sample of {len(rows)} notes")
    sample_fit = fit_topics(
        texts,
        embeddings[rows],
        params,
        cache_dir=cache_dir,
        previous=None if previous is None else previous[rows],
        previous_communities=previous_communities,
        progress=progress,
        embed=embed,
        placed=None if placed is None else placed[rows],
    )
    started = time.perf_counter()
    if progress is not None:
        progress(f"placing the other {n - len(rows):,} notes on the topics", 0, 0)
    labels = np.full(n, UNCLEAR, dtype=np.int64)
    labels[rows] = sample_fit.labels
    k = len(sample_fit.topics)
    rest = np.ones(n, dtype=bool)
    rest[rows] = False
    if k:  # placing every row (the sample too) avoids copying the other rows out: the sample is small
        centroids = np.stack([t.centroid for t in sample_fit.topics]).astype(np.float32)
        labels[rest] = place_by_centroid(embeddings, centroids, sample_fit.threshold)[0][rest]
    centroids = unit_centroids(embeddings, labels, k)
    scores = centroid_scores(embeddings, labels, centroids, np.zeros(n, dtype=np.float32))
    placed = labels >= 0
    sizes = np.bincount(labels[placed], minlength=k)
    topics = tuple(
        replace(
            t,
            size=int(sizes[t.index]),
            centroid=centroids[t.index],
            representatives=tuple(int(rows[i]) for i in t.representatives),
        )
        for t in sample_fit.topics
    )
    quality = {
        **sample_fit.quality,
        "unclear_share": float(np.mean(~placed)),
        "mean_similarity": float(scores[placed].mean()) if placed.any() else 0.0,
        "largest_topic_share": float(sizes.max() / n) if k else 0.0,
        "smallest_topic": float(sizes.min()) if k else 0.0,
        "sample_size": float(len(rows)),
        "seconds_place": round(time.perf_counter() - started, 2),
    }
    return TopicFit(labels, scores, topics, sample_fit.threshold, quality)
