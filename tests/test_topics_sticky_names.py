"""A continuing topic keeps its name while the name still fits it (insight.topics.sticky_names)."""

from __future__ import annotations

import numpy as np
import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.topics.phrases import name_key
from insight.topics.records import FittedTopic, TopicFit
from insight.topics.sticky_names import keep_continuing_names


def _fit(*topics: tuple[str, tuple[str, ...], int, int | None, str | None, tuple[str, ...]]) -> TopicFit:
    """Topics given as (label, candidates, size, theme, theme label, theme candidates)."""
    fitted = tuple(
        FittedTopic(
            i,
            size,
            label,
            (),
            np.zeros(3, np.float32),
            theme=theme,
            theme_label=theme_label,
            candidates=candidates,
            theme_candidates=theme_candidates,
        )
        for i, (label, candidates, size, theme, theme_label, theme_candidates) in enumerate(topics)
    )
    return TopicFit(np.zeros(0, np.int64), np.zeros(0, np.float32), fitted, 0.3)


def test_a_continuing_topic_keeps_its_name_while_it_is_among_its_best_names() -> None:
    fit = _fit(
        (
            "Vodaline offered 2Gb",
            ("Vodaline offered 2Gb", "Vodaline offered 1Gb", "Offer from Vodaline"),
            40,
            None,
            None,
            (),
        )
    )
    kept = keep_continuing_names(fit, {0: 7}, {7}, {7: "Vodaline offered 1Gb"}, {}, {})
    assert kept.topics[0].label == "Vodaline offered 1Gb"


def test_a_topic_that_drifted_takes_its_new_name() -> None:
    fit = _fit(("Router keeps dropping", ("Router keeps dropping", "Wifi drops at night"), 40, None, None, ()))
    kept = keep_continuing_names(fit, {0: 7}, {7}, {7: "Vodaline offered 1Gb"}, {}, {})
    assert kept.topics[0].label == "Router keeps dropping"


def test_a_new_topic_never_takes_an_old_name() -> None:
    """A birth has no name to keep, even when its best options hold an ended topic's name."""
    fit = _fit(("Offer from Vodaline", ("Offer from Vodaline", "Vodaline offered 1Gb"), 40, None, None, ()))
    kept = keep_continuing_names(fit, {0: 9}, {7}, {7: "Vodaline offered 1Gb"}, {}, {})
    assert kept.topics[0].label == "Offer from Vodaline"


def test_names_stay_unique_when_a_kept_name_is_another_topics_fresh_one() -> None:
    """The new fit gave topic 8 the name topic 7 had and keeps: 8 moves to its next option."""
    fit = _fit(
        ("Upgrade to 2Gb", ("Upgrade to 2Gb", "Upgrade to 1Gb"), 50, None, None, ()),
        ("Upgrade to 1Gb", ("Upgrade to 1Gb", "Faster broadband"), 30, None, None, ()),
    )
    kept = keep_continuing_names(fit, {0: 7, 1: 8}, {7, 8}, {7: "Upgrade to 1Gb", 8: "Something else"}, {}, {})
    assert [t.label for t in kept.topics] == ["Upgrade to 1Gb", "Faster broadband"]


def test_two_topics_cannot_keep_the_same_name_the_larger_keeps_it() -> None:
    fit = _fit(
        ("Refund late", ("Refund late", "Refund status"), 20, None, None, ()),
        ("Refund not received", ("Refund not received", "Refund status"), 60, None, None, ()),
    )
    kept = keep_continuing_names(fit, {0: 1, 1: 2}, {1, 2}, {1: "Refund status", 2: "Refund status"}, {}, {})
    assert [t.label for t in kept.topics] == ["Refund late", "Refund status"]


def test_a_continuing_theme_keeps_its_name_for_every_topic_in_it() -> None:
    options = ("Compare with Vodaline", "Price rise", "Cheaper deal")
    fit = _fit(
        ("Price going up", ("Price going up",), 40, 0, "Compare with Vodaline", options),
        ("Vodaline offer", ("Vodaline offer",), 30, 0, "Compare with Vodaline", options),
        ("Slow broadband", ("Slow broadband",), 30, 1, "Broadband speed", ("Broadband speed",)),
    )
    kept = keep_continuing_names(fit, {0: 1, 1: 2, 2: 3}, {1, 2, 3}, {}, {0: 5, 1: 6}, {5: "Price rise", 6: "Wifi"})
    assert [t.theme_label for t in kept.topics] == ["Price rise", "Price rise", "Broadband speed"]


def test_a_theme_name_is_not_kept_when_another_theme_now_goes_by_it() -> None:
    fit = _fit(
        ("A", ("A",), 40, 0, "Billing", ("Billing", "Payments")),
        ("B", ("B",), 30, 1, "Payments", ("Payments",)),
    )
    kept = keep_continuing_names(fit, {0: 1, 1: 2}, {1, 2}, {}, {0: 5, 1: 6}, {5: "Payments"})
    assert [t.theme_label for t in kept.topics] == ["Billing", "Payments"]


@pytest.mark.slow
def test_a_refit_keeps_a_continuing_topics_name_while_it_fits_and_replaces_one_that_does_not(
    store, settings, real_embedder, monkeypatch
) -> None:
    """Through the real refit (real model, real BERTopic, a real DuckDB file): last run's name of a continuing
    topic is read from the store and kept while it is one of the topic's best names; a stale one is replaced."""
    import insight.topics.refitting as refitting
    from insight.store.sql import CURRENT_RUN_ID
    from insight.topics import list_topics, refit

    corpus = embedded_corpus(real_embedder)
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"], embedder=real_embedder)
    seen: dict[int, tuple[str, ...]] = {}
    original = refitting.keep_continuing_names

    def recording(fit, topic_ids, *args):
        seen.update({topic_ids[t.index]: t.candidates for t in fit.topics})
        return original(fit, topic_ids, *args)

    monkeypatch.setattr(refitting, "keep_continuing_names", recording)
    refit(store, settings, corpus["model_id"], embedder=real_embedder, force=True)
    fresh = {t.topic_id: t.generated_label for t in list_topics(store)}
    assert fresh and all(fresh[t] == seen[t][0] for t in fresh), "a refit of the same notes names them the same"
    kept, stale = sorted(t for t in fresh if len(seen[t]) >= 3)[:2]
    older_name = seen[kept][2]  # as if last run had called it by its third-best name
    with store.transaction() as con:
        for topic_id, label in ((kept, older_name), (stale, "Zebra crossing lights")):
            con.execute(
                f"UPDATE topics SET label = ? WHERE topic_id = ? AND run_id = {CURRENT_RUN_ID}", [label, topic_id]
            )
    refit(store, settings, corpus["model_id"], embedder=real_embedder, force=True)
    now = {t.topic_id: t.generated_label for t in list_topics(store)}
    assert now[kept] == older_name
    assert now[stale] == fresh[stale]
    assert len({name_key(label) for label in now.values()}) == len(now), "names stay unique"
