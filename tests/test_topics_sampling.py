"""Fitting on a stratified sample above ``topic_sample_size`` notes: the sample itself, then the real refit.

The refit tests run the sampled path with a threshold small enough for the 240-note corpus (real model,
real BERTopic, real DuckDB file) and check what the full path promises: themes found, every note placed,
ids, PM names and merges kept across refits.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.export import notes_export_frame
from insight.topics import list_runs, list_topics, merge_topics, refit, rename_topic, topic_lineage
from insight.topics.cluster import unit_centroids
from insight.topics.sampling import choose_sample, note_priority, place_by_centroid


def _corpus(n: int = 20_000, seed: int = 0):
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1) * 3
    weeks = rng.integers(0, 26, n)
    previous = rng.integers(0, 10, n)
    return ids, weeks, previous


def test_the_sample_has_the_asked_size_and_is_a_function_of_the_ids():
    ids, weeks, previous = _corpus()
    rows = choose_sample(ids, weeks, previous, 2_000, seed=42, topic_floor=50)
    assert len(rows) == 2_000 and len(set(rows.tolist())) == 2_000 and (np.diff(rows) > 0).all()
    order = np.random.default_rng(1).permutation(len(ids))
    shuffled = choose_sample(ids[order], weeks[order], previous[order], 2_000, seed=42, topic_floor=50)
    assert set(ids[order][shuffled].tolist()) == set(ids[rows].tolist())
    other_seed = choose_sample(ids, weeks, previous, 2_000, seed=7, topic_floor=50)
    assert set(other_seed.tolist()) != set(rows.tolist())
    assert len(choose_sample(ids[:500], weeks[:500], previous[:500], 2_000, seed=42, topic_floor=50)) == 500


def test_a_small_previous_topic_keeps_its_floor_and_this_week_is_weighted_up():
    ids, weeks, previous = _corpus()
    previous[:30] = 99  # a 30-note topic: a 10 % uniform sample would keep ~3 of its notes
    rows = choose_sample(ids, weeks, previous, 2_000, seed=42, topic_floor=50)
    assert (previous[rows] == 99).sum() == 30
    newest = weeks == weeks.max()
    share_now = newest[rows].mean()
    assert share_now > 2.5 * newest.mean()  # weighted up four times, after the floors (a quarter of the budget)
    counts = Counter(weeks[rows].tolist())
    assert min(counts[w] for w in range(25)) >= 0.5 * 2_000 / 26 * (1 - share_now)  # no old week starved


def test_more_notes_keep_almost_the_same_sample():
    ids, weeks, previous = _corpus()
    before = set(ids[choose_sample(ids, weeks, previous, 2_000, seed=42, topic_floor=50)].tolist())
    rng = np.random.default_rng(5)
    more_ids = np.concatenate([ids, ids.max() + 1 + np.arange(1_000)])
    more_prev = np.concatenate([previous, rng.integers(0, 10, 1_000)])
    same_weeks = np.concatenate([weeks, rng.integers(0, 26, 1_000)])
    after = set(more_ids[choose_sample(more_ids, same_weeks, more_prev, 2_000, seed=42, topic_floor=50)].tolist())
    assert len(before & after) >= 0.9 * len(before)  # 5 % more notes in the same weeks
    next_week = np.concatenate([weeks, np.full(1_000, 26)])
    after = set(more_ids[choose_sample(more_ids, next_week, more_prev, 2_000, seed=42, topic_floor=50)].tolist())
    assert len(before & after) >= 0.75 * len(before)  # a new week: it takes the weight the last one had


def test_priorities_are_uniform_and_seeded():
    p = note_priority(np.arange(100_000), 42)
    assert p.min() >= 0 and p.max() < 1 and abs(p.mean() - 0.5) < 0.01
    assert not np.array_equal(p, note_priority(np.arange(100_000), 43))


def test_placement_by_centroid_uses_the_threshold_and_centroids_are_exact():
    rng = np.random.default_rng(3)
    centroids = np.eye(4, 8, dtype=np.float32)
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels, scores = place_by_centroid(vectors, centroids, 0.2)
    sims = vectors @ centroids.T
    assert np.allclose(scores, sims.max(axis=1))
    assert (labels[sims.max(axis=1) < 0.2] == -1).all()
    assert (labels[sims.max(axis=1) >= 0.2] == sims.argmax(axis=1)[sims.max(axis=1) >= 0.2]).all()
    means = np.stack([vectors[labels == t].sum(axis=0) for t in range(4)])
    expected = means / np.linalg.norm(means, axis=1, keepdims=True)
    assert np.allclose(unit_centroids(vectors, labels, 4), expected, atol=1e-6)


# -- the sampled path through the real refit -----------------------------------------------------------


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real embeddings (computed once per session)."""
    return embedded_corpus(real_embedder)


def _topic_of(store) -> dict[str, int]:
    frame = notes_export_frame(store)
    return dict(zip(frame["note_id"], frame["topic_id"], strict=True))


@pytest.mark.slow
def test_a_sampled_refit_finds_the_themes_and_keeps_ids_names_and_merges(store, settings, corpus, redactor):
    sampled = settings.replace(topic_sample_size=150)
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    first = refit(store, sampled, corpus["model_id"])
    run = list_runs(store)[0]
    assert run.quality["sample_size"] == 150 and run.n_notes == 240 and run.params["sample_size"] == 150
    topic_of = _topic_of(store)
    assert len(topic_of) == 240 and sum(t == -1 for t in topic_of.values()) <= 0.08 * 240
    by_topic: dict[int, Counter] = {}
    for draft, theme in zip(corpus["drafts"], corpus["themes"], strict=True):
        by_topic.setdefault(int(topic_of[draft.external_id]), Counter())[theme] += 1
    for topic_id, themes in by_topic.items():
        if topic_id >= 0:
            assert themes.most_common(1)[0][1] >= 0.85 * sum(themes.values()), themes
    assert {t.size for t in list_topics(store)} and sum(t.size for t in list_topics(store)) + sum(
        t == -1 for t in topic_of.values()
    ) == 240  # sizes count the placed notes, not only the sample

    topics = list_topics(store)
    named, source, target = topics[0].topic_id, topics[-1].topic_id, topics[-2].topic_id
    rename_topic(store, named, "Named by a PM", redactor=redactor)
    merge_topics(store, source, target)
    store_corpus(store, corpus["extra"], corpus["extra_vectors"], corpus["model_id"])
    second = refit(store, sampled, corpus["model_id"])
    assert second.run_id == first.run_id + 1 and second.events.get("continue", 0) >= first.n_topics - 2
    live = {t.topic_id: t for t in list_topics(store)}
    assert live[named].label == "Named by a PM" and source not in live and target in live
    assert [e.event for e in topic_lineage(store, named)] == ["birth", "continue"]
    assert len(_topic_of(store)) == 278


@pytest.mark.slow
def test_below_the_threshold_the_fit_is_the_full_one(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings.replace(topic_sample_size=240), corpus["model_id"])
    assert "sample_size" not in list_runs(store)[0].quality


# -- the refit's reads: streamed, in note-id order, texts for the sample only ----------------------------


def test_vectors_are_streamed_into_note_id_order_whatever_order_they_were_stored_in(store):
    from datetime import datetime

    from insight.privacy import synthetic_draft
    from insight.records import NoteDraft
    from insight.store import notes as notes_sql
    from insight.store import vectors as vectors_sql
    from insight.store.notes import insert_notes
    from insight.store.vectors import insert_embeddings, note_weeks

    rng = np.random.default_rng(3)
    drafts = [synthetic_draft(NoteDraft(text=f"note number {i}", created_at=datetime(2025, 1, 1 + i % 20),
                                        source="t", external_id=f"x{i}")) for i in range(300)]  # fmt: skip
    with store.transaction() as con:
        ids = np.asarray(insert_notes(con, drafts, [d.external_id for d in drafts], [()] * 300, None, None))
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    shuffled = rng.permutation(300)
    with store.transaction() as con:
        for part in np.array_split(shuffled, 7):  # stored in seven shuffled batches
            insert_embeddings(con, ids[part].tolist(), vectors[part], "m")
        insert_embeddings(con, ids[:50].tolist(), -vectors[:50], "other-model")  # never mixed in
    with store.read() as con:
        note_ids, _ = note_weeks(con, "m")
        read = vectors_sql.vectors_of(con, "m", note_ids, batch_rows=32)
        texts = notes_sql.texts_of(con, note_ids[::-7])
    order = np.argsort(ids)
    assert np.array_equal(note_ids, ids[order]) and read.dtype == np.float32
    assert np.array_equal(read, vectors[order])
    assert texts == [f"note number {int(np.flatnonzero(ids == i)[0])}" for i in note_ids[::-7]]


def test_matching_on_arrays_is_matching_on_dictionaries():
    from insight.topics.matching import match_topics

    rng = np.random.default_rng(5)
    old_ids = rng.choice(5_000, 3_000, replace=False)
    old_topics = rng.integers(-1, 12, 3_000)
    new_ids = rng.choice(6_000, 4_000, replace=False)
    new_labels = np.where(rng.random(4_000) < 0.7, rng.integers(-1, 9, 4_000), (new_ids // 400) % 9)
    old = dict(zip(old_ids.tolist(), old_topics.tolist(), strict=True))
    new = dict(zip(new_ids.tolist(), new_labels.tolist(), strict=True))
    as_dicts = match_topics(old, new, 20, sticky_ids={3})
    as_arrays = match_topics((old_ids, old_topics), (new_ids, new_labels), 20, sticky_ids={3})
    assert as_arrays == as_dicts and as_arrays.counts()
