"""Topic identity across a refit after importing notes of another domain (real model, real BERTopic).

A bank's notes are fitted first; then a telecom's notes are imported and topics refitted. A topic made
of the imported notes is about something the bank never heard: it must be born in the new run, never
inherit the id, name and history of a bank topic ("signup shown as born weeks before its notes existed").
"""

from __future__ import annotations

from collections import Counter

import pytest
from topics_corpus import embedded_corpus, store_corpus

from ingest.demo import generate_demo_notes
from insight.export import notes_export_frame
from insight.settings import load_settings
from insight.store import Store
from insight.topics import get_topic, list_topics, refit, rename_topic

pytestmark = pytest.mark.slow


def _theme_nmi(store, drafts) -> tuple[float, int]:
    """How well the topics of ``drafts`` (external ids ``telecom-i``) follow their demo themes: NMI, topics."""
    from sklearn.metrics import normalized_mutual_info_score

    theme = {d.external_id: dict(d.extra)["demo_theme"] for d in drafts}
    frame = notes_export_frame(store)
    rows = frame[frame["note_id"].isin(theme)]
    nmi = normalized_mutual_info_score([theme[e] for e in rows["note_id"]], rows["topic_id"])
    return float(nmi), int(rows["topic_id"].nunique())


@pytest.mark.parametrize("placed_on_arrival", [False, True], ids=["stored", "placed-on-arrival"])
def test_an_import_of_another_domain_never_takes_over_an_old_topic(
    store, settings, real_embedder, redactor, placed_on_arrival: bool, tmp_path
) -> None:
    """With ``placed_on_arrival`` the imported notes are first put in their nearest bank topics, as an import does
    before the next refit: they then count among those topics' notes, and must still not carry one off."""
    corpus = embedded_corpus(real_embedder)
    store_corpus(store, corpus["drafts"], corpus["vectors"], corpus["model_id"])
    first = refit(store, settings, corpus["model_id"])
    old_ids = {t.topic_id for t in list_topics(store)}
    for topic_id in old_ids:  # PM work the imported notes must not inherit
        rename_topic(store, topic_id, f"bank topic {topic_id}", redactor=redactor)

    telecom = [d for d in generate_demo_notes(notes_per_week=40, weeks=4, seed=3)][:160]
    vectors = real_embedder.embed([d.text for d in telecom])
    drafts = [
        d.__class__(**{**d.__dict__, "external_id": f"telecom-{i}", "source": "telecom-import"})
        for i, d in enumerate(telecom)
    ]
    new_ids = store_corpus(store, drafts, vectors, corpus["model_id"])
    if placed_on_arrival:
        from insight.topics.assign import assign_notes

        with store.transaction() as con:
            assert assign_notes(con, new_ids, vectors, corpus["model_id"])
    second = refit(store, settings, corpus["model_id"])
    assert second.run_id > first.run_id

    frame = notes_export_frame(store)
    imported = set(frame.loc[frame["source"] == "telecom-import", "note_id"])
    makeup: dict[int, Counter] = {}
    for note_id, topic_id in zip(frame["note_id"], frame["topic_id"], strict=True):
        if topic_id is not None and topic_id >= 0:
            makeup.setdefault(int(topic_id), Counter())["import" if note_id in imported else "bank"] += 1
    import_topics = [t for t, c in makeup.items() if c["import"] >= 0.8 * sum(c.values())]
    assert import_topics, "the telecom notes should form topics of their own"
    # The imported notes are told apart about as finely as if they had been fitted alone: starting the refit
    # from the bank's topics (pulled towards the imports placed in them) once left them 6 topics of 12 themes.
    alone = Store(tmp_path / "alone.duckdb", lock_timeout_s=30)
    try:
        store_corpus(alone, drafts, vectors, corpus["model_id"])
        refit(alone, load_settings(environ={}, db=tmp_path / "alone.duckdb"), corpus["model_id"])
        nmi_alone, topics_alone = _theme_nmi(alone, drafts)
    finally:
        alone.release()
    nmi_mixed, topics_mixed = _theme_nmi(store, drafts)
    assert nmi_mixed >= nmi_alone - 0.03, (
        f"imported notes: NMI {nmi_mixed:.3f} in {topics_mixed} topics beside the bank's, "
        f"{nmi_alone:.3f} in {topics_alone} alone"
    )
    for topic_id in import_topics:
        detail = get_topic(store, topic_id)
        assert topic_id not in old_ids, f"{detail.summary.label!r} took over bank topic {topic_id}"
        assert detail.born_run_id == second.run_id
        assert not detail.summary.label.startswith("bank topic")
