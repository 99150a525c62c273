"""A PM's merge survives a refit that gives each part back to a neighbouring topic."""

from __future__ import annotations

import numpy as np

from insight.topics.matching import match_topics
from insight.topics.pm_merges import MergedTopic, keep_pm_merges
from insight.topics.records import FittedTopic, TopicFit


def _fit(labels: list[int], vectors: np.ndarray) -> TopicFit:
    arr = np.array(labels)
    topics = []
    for index in sorted(set(labels) - {-1}):
        centroid = vectors[arr == index].mean(axis=0)
        topics.append(FittedTopic(index, int((arr == index).sum()), f"cluster {index}", ("w",), centroid))
    return TopicFit(arr, np.ones(len(arr), dtype=np.float32), tuple(topics), 0.3)


def _vectors(n: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(n, 8)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_a_scattered_pm_merge_is_carved_out_and_continues_its_topic():
    note_ids = np.arange(100, 124)
    vectors = _vectors(24)
    # the new fit: cluster 0 = notes 100-109, cluster 1 = 110-119, cluster 2 = 120-123 (new notes)
    fit = _fit([0] * 10 + [1] * 10 + [2] * 4, vectors)
    # the PM merged topic 7: three notes of each neighbour's need
    merged = MergedTopic(7, "Login after update", ("login", "update"), np.array([100, 101, 102, 110, 111, 112]))
    kept = keep_pm_merges(fit, note_ids, vectors, [merged])
    carved = np.isin(note_ids, merged.note_ids)
    assert set(kept.labels[carved]) == {3} and 3 not in set(kept.labels[~carved])
    topic = next(t for t in kept.topics if t.index == 3)
    assert (
        topic.label == "Login after update"
        and topic.size == 6
        and set(topic.representatives) <= set(np.flatnonzero(carved).tolist())
    )
    assert {t.index: t.size for t in kept.topics} == {0: 7, 1: 7, 2: 4, 3: 6}
    assert np.isclose(np.linalg.norm(topic.centroid), 1.0, atol=1e-5)

    # the previous run: 5 and 6 the neighbours, 7 the PM's merge
    old = {int(n): (7 if n in merged.note_ids else 5 if n < 110 else 6) for n in note_ids[:20]}
    match = match_topics(old, (note_ids, kept.labels), next_id=8, sticky_ids={7})
    assert match.ids[3] == 7 and match.ids[0] == 5 and match.ids[1] == 6
    assert not any(e.event in {"merge", "death"} and e.topic_id == 7 for e in match.events)


def test_without_the_carving_the_merged_topic_would_end():
    note_ids = np.arange(100, 120)
    fit = _fit([0] * 10 + [1] * 10, _vectors(20))
    old = {int(n): (7 if n in (100, 101, 102, 110, 111, 112) else 5 if n < 110 else 6) for n in note_ids}
    match = match_topics(old, (note_ids, fit.labels), next_id=8, sticky_ids={7})
    assert 7 not in match.ids.values()  # what keep_pm_merges exists for


def test_a_merge_the_fit_keeps_together_is_left_alone():
    note_ids = np.arange(100, 120)
    vectors = _vectors(20)
    fit = _fit([0] * 10 + [1] * 10, vectors)
    together = MergedTopic(7, "Refund", ("refund",), np.arange(100, 109))  # 9 of cluster 0's 10 notes
    assert keep_pm_merges(fit, note_ids, vectors, [together]) is fit
    gone = MergedTopic(8, "Old", ("old",), np.array([500, 501]))  # its notes are no longer stored
    assert keep_pm_merges(fit, note_ids, vectors, [gone]) is fit
