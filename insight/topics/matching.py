"""Keeping topic identity across refits: match a new fit to the previous run by shared notes.

Pure functions on assignments (note id → topic), no database, no model. The rules:

* **continue** — pairs (old topic, new cluster) are taken greedily by the number of notes they share,
  largest first; a pair continues when the shared notes are at least ``min_overlap`` of the smaller of
  the two — the old topic's notes still stored (placed or now unclear), and the *whole* new cluster, new
  notes included — and, when centroid similarities are given, the two are about the same thing
  (``min_similarity``). The new
  cluster inherits the old id, and with it the PM's name, owner, status and history. (Measuring the
  cluster on old notes only let a cluster of 200 newly imported notes that had pulled in 3 notes of an
  unrelated old topic take over that topic's id and history.)
* **split** — an unmatched new cluster made mostly (more than ``majority`` of all its notes) of one old
  topic's notes: a new id, its parent recorded.
* **birth** — any other unmatched new cluster: a new id.
* **merge** — an unmatched old topic whose notes went mostly (more than ``majority``) into one new cluster: it
  ends, merged into that cluster's topic.
* **death** — any other unmatched old topic.

A PM merge is sticky: when a refit splits a topic that a PM built by merging (``sticky_ids``), the
split-off cluster is folded back into the topic instead of becoming a new one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from insight.records import LineageEvent

# note id → topic (or cluster): a mapping, or (note ids, topics) as two arrays of the same length with
# unique ids — what a refit passes, so a million notes never become Python dictionaries.
Assignment = Mapping[int, int] | tuple[np.ndarray, np.ndarray]

MIN_OVERLAP = 0.5
MAJORITY = 0.5
MIN_SIMILARITY = 0.5  # cosine between an old topic's centroid and a new cluster's, to share an identity


@dataclass(frozen=True)
class TopicMatch:
    """How a new fit maps onto stable topic ids.

    ``ids``: new cluster index → topic id. ``folded``: cluster index → cluster index it was folded into
    (PM merges kept). ``events``: lineage, one per continued/born/split/merged/dead topic.
    ``next_id``: the first topic id still unused.
    """

    ids: dict[int, int]
    events: tuple[LineageEvent, ...]
    folded: dict[int, int] = field(default_factory=dict)
    next_id: int = 1

    def counts(self) -> dict[str, int]:
        """How many events of each kind."""
        return dict(Counter(e.event for e in self.events))


def _arrays(assignment: Assignment) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, topics) as int64 arrays."""
    if isinstance(assignment, Mapping):
        n = len(assignment)
        return (np.fromiter(assignment.keys(), dtype=np.int64, count=n),
                np.fromiter(assignment.values(), dtype=np.int64, count=n))  # fmt: skip
    ids, topics = assignment
    return np.asarray(ids, dtype=np.int64), np.asarray(topics, dtype=np.int64)


def _counts(values: np.ndarray) -> Counter[int]:
    """How many times each value occurs (a small Counter built from an array of any length)."""
    keys, counts = np.unique(values, return_counts=True)
    return Counter(dict(zip(keys.tolist(), counts.tolist(), strict=True)))


def _weighted_counts(values: np.ndarray, weights: np.ndarray) -> Counter[int]:
    """The summed weight of each value."""
    keys, inverse = np.unique(values, return_inverse=True)
    sums = np.bincount(inverse.reshape(-1), weights=weights, minlength=len(keys))
    return Counter(dict(zip(keys.tolist(), sums.tolist(), strict=True)))


def match_topics(
    old: Assignment,
    new: Assignment,
    next_id: int,
    sticky_ids: Iterable[int] = (),
    min_overlap: float = MIN_OVERLAP,
    majority: float = MAJORITY,
    similarity: Mapping[tuple[int, int], float] | None = None,
    min_similarity: float = MIN_SIMILARITY,
    old_weights: np.ndarray | None = None,
) -> TopicMatch:
    """Give each new cluster a stable topic id and describe what happened to every old topic.

    Args:
        old: note id → topic id in the previous run (unclear notes, -1, are ignored), as a mapping or
            as (note ids, topic ids) arrays.
        new: note id → cluster index in the new fit (-1 ignored), likewise. Every cluster that should get
            an id must have at least one note here.
        next_id: the first never-used topic id (ids are never reused).
        sticky_ids: topics built by PM merges; a split-off part of one is folded back into it.
        min_overlap: shared share of the smaller side needed to continue.
        majority: share of a cluster (split) or of an old topic (merge) that decides the parent.
        similarity: optional cosine between (old topic, new cluster) centroids; a pair below
            ``min_similarity`` never continues (missing pairs are not checked).
        min_similarity: see ``similarity``.
        old_weights: optional weight of each note of ``old`` (same order as its arrays) in the shared counts and
            the old topics' sizes; default 1 for every note.

    Returns:
        A :class:`TopicMatch`.
    """
    old_ids, old_labels = _arrays(old)
    weights = np.ones(len(old_ids)) if old_weights is None else np.asarray(old_weights, dtype=np.float64)
    kept = old_labels >= 0
    old_ids, old_labels, weights = old_ids[kept], old_labels[kept], weights[kept]
    new_ids, new_labels = _arrays(new)
    still_stored = np.isin(old_ids, new_ids)  # the new fit saw them (placed, or unclear now)
    placed = new_labels >= 0
    new_ids, new_labels = new_ids[placed], new_labels[placed]
    _, in_old, in_new = np.intersect1d(old_ids, new_ids, assume_unique=True, return_indices=True)
    pairs, which = np.unique(
        np.stack([old_labels[in_old], new_labels[in_new]], axis=1).reshape(-1, 2), axis=0, return_inverse=True
    )
    pair_counts = np.bincount(which.reshape(-1), weights=weights[in_old], minlength=len(pairs))
    overlap: Counter[tuple[int, int]] = Counter(
        {(int(o), int(c)): float(k) for (o, c), k in zip(pairs.tolist(), pair_counts.tolist(), strict=True)}
    )
    # An old topic's size counts its notes that still exist, unclear ones included: 3 of its 10 notes
    # landing in a new cluster is 30 % of it, not "all of it".
    old_size = _weighted_counts(old_labels[still_stored], weights[still_stored])
    cluster_total = _counts(new_labels)
    clusters = sorted(cluster_total, key=lambda c: (-cluster_total[c], c))
    old_topics = np.unique(old_labels).tolist()

    ids: dict[int, int] = {}
    events: list[LineageEvent] = []
    continued: dict[int, int] = {}  # old topic → cluster
    for (o, c), count in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if o in continued or c in ids:
            continue
        alike = similarity is None or similarity.get((o, c), 1.0) >= min_similarity
        if alike and count >= min_overlap * min(old_size[o], cluster_total[c]):
            continued[o] = c
            ids[c] = o
            events.append(LineageEvent("continue", o, (), round(count / old_size[o], 4)))

    by_cluster: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_old: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (o, c), count in overlap.items():
        by_cluster[c].append((count, o))
        by_old[o].append((count, c))

    sticky = set(sticky_ids)
    folded: dict[int, int] = {}
    for c in clusters:
        if c in ids:
            continue
        parents = sorted(by_cluster.get(c, []), key=lambda x: (-x[0], x[1]))
        parent = parents[0][1] if parents and parents[0][0] > majority * cluster_total[c] else None
        if parent is not None and parent in sticky and parent in continued:
            folded[c] = continued[parent]  # a PM merged these; keep them together
            ids[c] = parent
            continue
        ids[c] = next_id
        next_id += 1
        if parent is not None:
            events.append(LineageEvent("split", ids[c], (parent,), round(parents[0][0] / cluster_total[c], 4)))
        else:
            contributors = tuple(o for count, o in parents if count >= 0.2 * max(cluster_total[c], 1))
            events.append(LineageEvent("birth", ids[c], contributors))

    for o in old_topics:
        if o in continued:
            continue
        targets = sorted(by_old.get(o, []), key=lambda x: (-x[0], x[1]))
        if targets and targets[0][0] > majority * old_size[o]:
            target = ids[targets[0][1]]
            events.append(LineageEvent("merge", o, (target,), round(targets[0][0] / old_size[o], 4)))
        else:
            events.append(LineageEvent("death", o))
    return TopicMatch(ids=ids, events=tuple(events), folded=folded, next_id=next_id)
