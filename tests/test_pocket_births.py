"""A confirmed pocket gets its own topic at the next refit (a birth in the lineage), then keeps it."""

from __future__ import annotations

import numpy as np
import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.records import LineageEvent
from insight.store import signals as signals_sql
from insight.topics import list_topics, refit, topic_lineage
from insight.topics.pocket_births import PocketSeed, as_births, carve_pockets
from insight.topics.records import FittedTopic, TopicFit


def _fit(labels: list[int], vectors: np.ndarray) -> TopicFit:
    lab = np.array(labels)
    topics = []
    for t in sorted(set(labels) - {-1}):
        c = vectors[lab == t].mean(axis=0)
        topics.append(FittedTopic(t, int((lab == t).sum()), f"topic {t}", (), c / np.linalg.norm(c)))
    return TopicFit(lab, np.ones(len(lab), np.float32), tuple(topics), 0.3)


def _unit(rows: list[list[float]]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_a_pocket_inside_a_topic_is_carved_out_and_its_parent_keeps_the_rest():
    vectors = _unit([[1, 0, 0]] * 6 + [[1, 0.9, 0]] * 4 + [[0, 0, 1]] * 5)
    fit = _fit([0] * 10 + [1] * 5, vectors)
    seed = PocketSeed(7, "login loop", ("loop",), _unit([[1, 0.9, 0]])[0], 0.95, (8, 9))
    carved, clusters = carve_pockets(fit, np.arange(15), vectors, [seed], min_size=3)
    assert clusters == {2: 7}
    assert (carved.labels[6:10] == 2).all() and (carved.labels[:6] == 0).all() and (carved.labels[10:] == 1).all()
    new = next(t for t in carved.topics if t.index == 2)
    assert new.label == "login loop" and new.size == 4 and {t.size for t in carved.topics if t.index == 0} == {6}


def test_a_pocket_that_already_is_a_topic_is_left_alone():
    vectors = _unit([[1, 0, 0]] * 6 + [[1, 0.9, 0]] * 4)
    fit = _fit([0] * 6 + [1] * 4, vectors)
    seed = PocketSeed(3, "login loop", (), _unit([[1, 0.9, 0]])[0], 0.95, ())
    carved, clusters = carve_pockets(fit, np.arange(10), vectors, [seed], min_size=3)
    assert carved is fit and clusters == {1: 3}


def test_a_split_off_pocket_is_recorded_as_a_birth_with_its_parent():
    events = (LineageEvent("split", 9, (1,)), LineageEvent("split", 10, (2,)), LineageEvent("continue", 1, (1,)))
    assert [e.event for e in as_births(events, {9})] == ["birth", "split", "continue"]
    assert as_births(events, {9})[0].related_topic_ids == (1,)


@pytest.mark.slow
def test_the_next_refit_gives_a_stored_pocket_a_topic_of_its_own(store, settings, real_embedder):
    corpus = embedded_corpus(real_embedder)
    ids = store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    # A pocket inside "app login": the notes about the two-factor code (a new need inside an old topic).
    rows = [i for i, d in enumerate(corpus["drafts"]) if "two factor code" in d.text]
    assert len(rows) >= 5
    centroid = corpus["vectors"][rows].mean(axis=0)
    centroid /= np.linalg.norm(centroid)
    radius = float(np.quantile(corpus["vectors"][rows] @ centroid, 0.1))
    with store.transaction() as con:
        pocket_id = signals_sql.insert_pocket(
            con, week="2025-W10", label="two factor code", keywords=("two factor code",), model_id=corpus["model_id"],
            centroid=centroid, radius=radius, parent_topic_ids=(), note_ids=[ids[r] for r in rows],
        )  # fmt: skip
    before = {t.topic_id for t in list_topics(store)}
    result = refit(store, settings, corpus["model_id"], force=True)
    born = [t for t in list_topics(store) if t.topic_id not in before]
    assert [t.label for t in born] == ["two factor code"], result.message
    assert born[0].size >= len(rows) * 0.9
    (event,) = [e for e in topic_lineage(store, born[0].topic_id) if e.run_id == result.run_id]
    assert event.event == "birth"
    with store.read() as con:
        (row,) = [r for r in signals_sql.pockets(con) if r.pocket_id == pocket_id]
    assert row.topic_id == born[0].topic_id and row.born_run_id == result.run_id
    again = refit(store, settings, corpus["model_id"], force=True)
    assert born[0].topic_id in {t.topic_id for t in list_topics(store)}  # the pocket's topic continues
    assert not [e for e in topic_lineage(store, born[0].topic_id) if e.run_id == again.run_id and e.event == "birth"]
