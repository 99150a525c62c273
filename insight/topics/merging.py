"""One need, one topic: merge topics that are the same need before a PM sees them.

The clusterer draws borders in a 10-d layout, and a need that agents phrase in several ways ("wants to
move to eSIM", "no eSIM option", "can we do eSIM?") can come out as several topics. Two topics are the
same need when **both** hold:

* their centroids are close (cosine ≥ ``min_similarity``) — they mean the same thing; and
* their central notes use the same phrases (cosine of their phrase-coverage vectors ≥ ``min_overlap``) —
  they are *said* the same way. Near-twin needs ("set an alarm" / "remove an alarm", "card arrival" /
  "card delivery estimate") sit as close in meaning but differ in the phrases that matter, so they stay apart.

Merging is agglomerative: the closest qualifying pair merges first, the merged topic's centroid and phrases
are recomputed, and the rest is re-checked — so a chain of loosely related topics never collapses into one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from insight.topics.phrases import Phrase

PHRASE_FLOOR = 0.15  # a phrase counts for a topic when at least this share of its central notes use it


def phrase_matrix(
    phrases: Sequence[Sequence[Phrase]], groups: np.ndarray, k: int
) -> tuple[np.ndarray, dict[tuple[str, ...], int]]:
    """Counts of each phrase key in each group's sampled notes: a (k, n_phrases) matrix and the key index."""
    index: dict[tuple[str, ...], int] = {}
    cells: list[tuple[int, int]] = []
    for group, row in zip(groups.tolist(), phrases, strict=True):
        if group < 0:
            continue
        for phrase in row:
            cells.append((group, index.setdefault(phrase.key, len(index))))
    counts = np.zeros((k, max(len(index), 1)), dtype=np.float64)
    for group, col in cells:
        counts[group, col] += 1.0
    return counts, index


def _phrase_profile(counts: np.ndarray, sampled: np.ndarray) -> np.ndarray:
    """Unit rows of coverage (share of sampled notes using a phrase), phrases under ``PHRASE_FLOOR`` dropped."""
    coverage = counts / np.maximum(sampled, 1.0)[:, None]
    coverage = np.where(coverage >= PHRASE_FLOOR, coverage, 0.0)
    norms = np.linalg.norm(coverage, axis=1, keepdims=True)
    return coverage / np.where(norms == 0, 1.0, norms)


def merge_plan(
    centroid_sums: np.ndarray,
    phrase_counts: np.ndarray,
    sampled: np.ndarray,
    min_similarity: float,
    min_overlap: float,
) -> np.ndarray:
    """Which topic each topic merges into (itself if none), merging the closest qualifying pair first.

    Args:
        centroid_sums: per topic, the sum of its notes' unit vectors (so merged centroids are exact).
        phrase_counts: per topic, how many of its sampled notes use each phrase.
        sampled: per topic, how many notes were sampled.
        min_similarity: centroid cosine needed to merge.
        min_overlap: phrase-profile cosine needed to merge.
    """
    k = len(centroid_sums)
    owner = np.arange(k)
    if k < 2 or min_similarity > 1.0:
        return owner
    sums = centroid_sums.astype(np.float64).copy()
    counts = phrase_counts.astype(np.float64).copy()
    sampled = sampled.astype(np.float64).copy()
    alive = np.ones(k, dtype=bool)
    while True:
        unit = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        meaning = unit @ unit.T
        profile = _phrase_profile(counts, sampled)
        wording = profile @ profile.T
        ok = (meaning >= min_similarity) & (wording >= min_overlap) & alive[:, None] & alive[None, :]
        np.fill_diagonal(ok, False)
        if not ok.any():
            break
        candidates = np.where(ok, meaning, -np.inf)
        a, b = np.unravel_index(int(np.argmax(candidates)), candidates.shape)
        keep, gone = (a, b) if a < b else (b, a)
        sums[keep] += sums[gone]
        counts[keep] += counts[gone]
        sampled[keep] += sampled[gone]
        alive[gone] = False
        owner[owner == gone] = keep
    return owner


def merge_labels(
    labels: np.ndarray,
    vectors: np.ndarray,
    phrases: Sequence[Sequence[Phrase]],
    sample_rows: np.ndarray,
    min_similarity: float,
    min_overlap: float,
) -> np.ndarray:
    """Labels with same-need topics merged (not renumbered; -1 stays -1)."""
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    if k < 2 or min_similarity > 1.0:
        return labels
    sums = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    placed = labels >= 0
    np.add.at(sums, labels[placed], vectors[placed])
    groups = labels[sample_rows]
    counts, _ = phrase_matrix(phrases, groups, k)
    sampled = np.bincount(groups[groups >= 0], minlength=k)
    owner = merge_plan(sums, counts, sampled, min_similarity, min_overlap)
    return np.where(placed, owner[np.maximum(labels, 0)], -1)
