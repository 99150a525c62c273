"""The topics service on a real DuckDB file with the real model and real BERTopic (synthetic corpus)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from topics_corpus import embedded_corpus, store_corpus

from insight.errors import NotEnoughNotesError, RefitRunningError
from insight.export import notes_export_frame
from insight.settings import load_settings
from insight.topics import (
    get_topic,
    list_runs,
    list_topics,
    merge_topics,
    needs_refit,
    refit,
    rename_topic,
    set_topic_owner,
    set_topic_status,
    topic_lineage,
)
from insight.topics.lock import refit_lock

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real embeddings (computed once per session)."""
    return embedded_corpus(real_embedder)


def _themes_by_topic(store, note_ids, themes) -> dict[int, Counter]:
    frame = notes_export_frame(store)
    topic_of = dict(zip(frame["note_id"], frame["topic_id"], strict=True))
    by_topic: dict[int, Counter] = {}
    for draft_id, theme in zip(note_ids, themes, strict=True):
        by_topic.setdefault(int(topic_of[draft_id]), Counter())[theme] += 1
    return by_topic


def _topic_of_theme(by_topic: dict[int, Counter], theme: str) -> int:
    return max((t for t in by_topic if t >= 0), key=lambda t: by_topic[t][theme])


def test_themes_are_named_like_topics_and_keep_their_ids_across_refits(store, settings, corpus, real_embedder):
    themed = load_settings(environ={}, db=settings.db, topic_theme_min_topics=2)
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, themed, corpus["model_id"], embedder=real_embedder)
    first = {t.topic_id: (t.theme_id, t.theme_label) for t in list_topics(store)}
    assert len({theme for theme, _ in first.values()}) >= 2
    themed_labels = [label for theme, label in first.values() if theme is not None]  # a topic may stand alone
    assert themed_labels and all(label and label[0].isupper() and len(label.split()) <= 6 for label in themed_labels)
    refit(store, themed, corpus["model_id"], force=True, embedder=real_embedder)
    second = {t.topic_id: (t.theme_id, t.theme_label) for t in list_topics(store)}
    assert {t: th for t, (th, _) in second.items()} == {t: th for t, (th, _) in first.items()}
    topic = list_topics(store)[0]
    siblings = get_topic(store, topic.topic_id).siblings
    assert all(s.theme_id == topic.theme_id and s.topic_id != topic.topic_id for s in siblings)
    assert len(siblings) == sum(1 for th, _ in second.values() if th == topic.theme_id) - 1


def test_refit_finds_the_themes_with_readable_unique_labels(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    result = refit(store, settings, corpus["model_id"])
    assert not result.skipped and result.run_id == 1
    topics = list_topics(store)
    assert 6 <= len(topics) <= 18
    labels = [t.label for t in topics]
    assert len(set(labels)) == len(labels)
    # names are short phrases in sentence case, never a keyword list or a dangling fragment
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9' ·-]*", label) and len(label.split()) <= 6 for label in labels), labels
    assert all(label.split()[-1].lower() not in {"to", "the", "for", "of", "and", "went"} for label in labels), labels
    assert all(t.keywords and t.size >= 5 for t in topics)
    assert all(t.summary and len(t.summary) <= 200 for t in topics)  # the most typical note, one line

    by_topic = _themes_by_topic(store, [d.external_id for d in corpus["drafts"]], corpus["themes"])
    placed = sum(sum(c.values()) for c in by_topic.values())
    assert placed == 240  # every note is in a topic or in Unclear
    assert sum(by_topic.get(-1, Counter()).values()) <= 0.05 * 240
    for topic_id, themes in by_topic.items():
        if topic_id >= 0:
            assert themes.most_common(1)[0][1] >= 0.9 * sum(themes.values()), themes

    run = list_runs(store)[0]
    assert run.is_current and run.n_notes == 240 and run.model_id == corpus["model_id"]
    assert run.params["random_seed"] == settings.random_seed and len(run.input_hash) == 64
    assert 0 <= run.quality["unclear_share"] <= 0.05 and run.assign_threshold is not None

    detail = get_topic(store, topics[0].topic_id)
    assert detail.representative_notes and detail.lineage[0].event == "birth"


def test_refit_with_nothing_new_does_nothing_and_says_so(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    first = refit(store, settings, corpus["model_id"])
    again = refit(store, settings, corpus["model_id"])
    assert again.skipped and again.run_id == first.run_id
    assert "Nothing changed" in again.message
    assert len(list_runs(store)) == 1


def test_too_few_notes_says_how_many_more_are_needed(store, settings, corpus):
    store_corpus(store, corpus["drafts"][:12], corpus["vectors"][:12], corpus["model_id"])
    with pytest.raises(NotEnoughNotesError, match="there are 12, so 38 more are needed"):
        refit(store, settings, corpus["model_id"])


def test_a_tiny_corpus_fits_without_crashing_when_allowed(store, settings, corpus):
    store_corpus(store, corpus["drafts"][:6], corpus["vectors"][:6], corpus["model_id"])
    result = refit(store, settings.replace(min_notes_for_topics=5), corpus["model_id"])
    assert result.n_topics >= 1 and result.n_notes == 6


def test_identical_refits_keep_every_note_in_its_topic(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    before = notes_export_frame(store)[["note_id", "topic_id"]]
    result = refit(store, settings, corpus["model_id"], force=True)
    after = notes_export_frame(store)[["note_id", "topic_id"]]
    assert result.events == {"continue": result.n_topics}
    assert (before["topic_id"].to_numpy() == after["topic_id"].to_numpy()).all()


def test_pm_work_survives_a_refit_with_new_notes_and_a_new_theme_is_born(store, settings, corpus, redactor):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    by_topic = _themes_by_topic(store, [d.external_id for d in corpus["drafts"]], corpus["themes"])
    card = _topic_of_theme(by_topic, "card delivery")
    rename_topic(store, card, "Card delivery delay", redactor=redactor)
    set_topic_status(store, card, "planned", note="New courier from April", redactor=redactor)
    set_topic_owner(store, card, "service")
    # The PM merges two topics about the same theme (the theme the model split most).
    main_theme = {t: c.most_common(1)[0][0] for t, c in by_topic.items() if t >= 0}
    split_theme = Counter(main_theme.values()).most_common(1)[0][0]
    same = sorted((t for t, th in main_theme.items() if th == split_theme), key=lambda t: -by_topic[t].total())
    assert len(same) >= 2
    target, source = same[0], same[-1]
    merge_topics(store, source, target)

    store_corpus(store, corpus["extra"], corpus["extra_vectors"], corpus["model_id"])
    result = refit(store, settings, corpus["model_id"])
    assert result.run_id == 2 and result.events.get("continue", 0) >= 5
    live = {t.topic_id: t for t in list_topics(store)}
    assert live[card].label == "Card delivery delay" and live[card].generated_label != "Card delivery delay"
    assert (live[card].status, live[card].status_note, live[card].owner) == (
        "planned",
        "New courier from April",
        "service",
    )
    assert source not in live and target in live
    # The card topic's own history: born, then continued. (Its lineage may also list a topic that split off
    # it: the new notes were placed on it on arrival until the refit gave them their own topic.)
    assert [e.event for e in topic_lineage(store, card) if e.topic_id == card] == ["birth", "continue"]
    assert ("pm-merge", (source,)) in [(e.event, e.related_topic_ids) for e in topic_lineage(store, target)]

    ids = [d.external_id for d in corpus["drafts"] + corpus["extra"]]
    by_topic = _themes_by_topic(store, ids, corpus["themes"] + corpus["extra_themes"])
    phone = _topic_of_theme(by_topic, "lost phone")
    assert by_topic[phone]["lost phone"] >= 15
    assert topic_lineage(store, phone)[0].event in ("birth", "split")


def test_one_refit_at_a_time(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    with refit_lock(store.path):
        assert not needs_refit(store, settings)
        with pytest.raises(RefitRunningError, match="already running"):
            refit(store, settings, corpus["model_id"])


def test_needs_refit_follows_the_auto_refit_settings(store, settings, corpus):
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    assert needs_refit(store, settings)  # no run yet, enough notes
    refit(store, settings, corpus["model_id"])
    assert not needs_refit(store, settings)
    store_corpus(store, corpus["extra"], corpus["extra_vectors"], corpus["model_id"])
    assert not needs_refit(store, settings.replace(auto_refit_new_notes=500, auto_refit_new_share=0.5))
    assert needs_refit(store, settings.replace(auto_refit_new_notes=30))
    assert needs_refit(store, settings.replace(auto_refit_new_notes=500, auto_refit_new_share=0.1))
    assert not needs_refit(store, settings.replace(auto_refit_new_notes=0, auto_refit_new_share=0.1))


def test_a_merge_made_while_a_refit_runs_is_kept(store, settings, corpus, monkeypatch):
    import insight.topics.engine as engine

    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    refit(store, settings, corpus["model_id"])
    first, second = (t.topic_id for t in list_topics(store)[:2])
    real_fit = engine.fit_topics

    def fit_while_a_pm_merges(*args, **kwargs):
        merge_topics(store, first, second)  # the PM clicks "merge" during the slow part
        return real_fit(*args, **kwargs)

    monkeypatch.setattr(engine, "fit_topics", fit_while_a_pm_merges)
    refit(store, settings, corpus["model_id"], force=True)
    live = {t.topic_id for t in list_topics(store)}
    assert first not in live and second in live
    frame = notes_export_frame(store)
    assert first not in set(frame["topic_id"].dropna())
