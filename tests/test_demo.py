"""The demo data generator: realistic shape, deterministic, and seeding through the ingest service."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from ingest.demo import (
    DEMO_DECISIONS,
    DEMO_SOURCE,
    THEMES,
    decided_topics,
    generate_demo_notes,
    record_demo_decisions,
    seed_demo,
)
from ingest.redaction import default_redactor
from insight.demo_data import demo_note_count
from insight.embedder import HashingEmbedder
from insight.records import CHANNELS, KINDS
from insight.search import search_notes
from insight.settings import load_settings
from insight.store import Store
from tests.store_fixtures import write_answer_key_topics

NOW = datetime(2026, 3, 16, 12, 0)


def _weekly(notes, theme: str) -> list[int]:
    start = (NOW - timedelta(weeks=14)).replace(hour=0, minute=0)
    counts = [0] * 14
    for n in notes:
        if dict(n.extra).get("demo_theme") == theme:
            counts[min(13, (n.created_at - start).days // 7)] += 1
    return counts


def test_shape_of_the_demo() -> None:
    notes = generate_demo_notes(now=NOW)
    assert 3000 <= len(notes) <= 6000
    assert notes[0].created_at >= NOW - timedelta(weeks=14, days=1) and notes[-1].created_at <= NOW
    assert len({n.product for n in notes}) >= 5
    assert len({n.team for n in notes}) >= 5
    assert len({n.agent_id for n in notes}) >= 30
    assert {n.channel for n in notes} <= set(CHANNELS) and {n.kind for n in notes} <= set(KINDS)
    kinds = Counter(n.kind for n in notes)
    for kind in ("praise", "churn-risk", "upsell", "need", "complaint", "idea"):
        assert kinds[kind] >= 50, kind
    assert all(n.source == DEMO_SOURCE for n in notes)
    assert any("@example.com" in n.text for n in notes)  # something for the redactor


def test_time_profiles_make_trends() -> None:
    notes = generate_demo_notes(now=NOW)
    esim = _weekly(notes, "esim")  # emerging
    assert sum(esim[-3:]) > 4 * sum(esim[:3]) + 5
    login = _weekly(notes, "login-loop")  # new in the last two weeks
    assert sum(login[:-2]) == 0 and sum(login[-2:]) >= 10
    sports = _weekly(notes, "sports-channel")  # fading
    assert sum(sports[:4]) > 3 * sum(sports[-4:])
    router = _weekly(notes, "router-firmware")  # one spike
    assert max(router) == router[-6] and router[-6] > 3 * (sum(router) - router[-6] - router[-5]) / 12


def test_deterministic() -> None:
    assert generate_demo_notes(now=NOW, seed=7) == generate_demo_notes(now=NOW, seed=7)
    assert generate_demo_notes(now=NOW, seed=7) != generate_demo_notes(now=NOW, seed=8)


def test_every_theme_appears() -> None:
    themes = {dict(n.extra)["demo_theme"] for n in generate_demo_notes(now=NOW)}
    assert themes == {t.key for t in THEMES}


def test_seed_demo_goes_through_ingest(tmp_path) -> None:
    from ingest.redaction import default_redactor

    path = tmp_path / "demo.duckdb"
    settings = load_settings({}, db=path)
    store = Store(path)
    embedder = HashingEmbedder(128)
    stages: set[str] = set()
    report = seed_demo(
        store,
        embedder=embedder,
        redactor=default_redactor(),
        settings=settings,
        progress=lambda stage, done, total: stages.add(stage),
        notes_per_week=40,
        now=NOW,
        refit_topics=False,
    )
    assert report.imported > 400 and report.rejected == 0
    assert {"embedding", "writing"} <= stages
    assert demo_note_count(store) == report.imported
    assert report.redacted_notes > 0  # the e-mail addresses and phone numbers were removed
    hits = search_notes(store, "example.com", embedder=embedder, limit=200)
    assert not any("@example.com" in h.note.text for h in hits)
    topics = write_answer_key_topics(store, embedder.model_id)
    assert set(topics) == {t.key for t in THEMES}


def _demo_with_answer_key_topics(tmp_path) -> tuple[Store, dict[str, int]]:
    """A third of the demo's volume (every decided need still holds dozens of notes) in its answer-key topics."""
    path = tmp_path / "demo.duckdb"
    store = Store(path)
    embedder = HashingEmbedder(128)
    settings = load_settings({}, db=path)
    seed_demo(
        store,
        embedder=embedder,
        redactor=default_redactor(),
        settings=settings,
        notes_per_week=100,
        now=NOW,
        refit_topics=False,
    )
    return store, write_answer_key_topics(store, embedder.model_id)


def test_the_demo_records_what_pms_decided_on_the_topics_holding_each_theme(tmp_path) -> None:
    """Agents' "My notes" and the brief's "What was decided" need decisions; the demo records a few."""
    from insight.store import profiles

    store, topics = _demo_with_answer_key_topics(tmp_path)
    assert record_demo_decisions(store, redactor=default_redactor()) == len(DEMO_DECISIONS)
    with store.read() as con:
        for decision in DEMO_DECISIONS:
            got = profiles.profile(con, topics[decision.theme])
            assert (got.status, got.owner, got.status_note) == (decision.status, decision.owner, decision.note)
        # the needs the demo leaves for a PM to pick up stay new
        assert profiles.profile(con, topics["esim"]).status == "new"
        assert profiles.profile(con, topics["login-loop"]).status == "new"


def test_a_decision_is_not_put_on_a_topic_that_mostly_holds_another_need(tmp_path) -> None:
    store, topics = _demo_with_answer_key_topics(tmp_path)
    with store.transaction() as con:  # a PM merge moved the SIM notes into the larger price-rise topic
        con.execute(
            "UPDATE note_topics SET topic_id = ? WHERE topic_id = ?", [topics["price-rise"], topics["sim-delay"]]
        )
    decided = decided_topics(store)
    assert "sim-delay" not in decided
    assert decided["debit-date"] == [topics["debit-date"]]


@pytest.mark.slow
def test_seeding_with_the_real_model_fits_the_demos_topics(tmp_path, real_embedder) -> None:
    """The full demo through the real model and the real redactor, then the first topic fit.

    How long it takes is a figure, not a test: the README reports the first-run time measured from a fresh clone.
    """
    from ingest.redaction import default_redactor

    path = tmp_path / "demo.duckdb"
    store = Store(path)
    report = seed_demo(store, embedder=real_embedder, redactor=default_redactor(), settings=load_settings({}, db=path))
    assert report.imported > 3000
    from insight.topics import list_topics

    assert len(list_topics(store)) >= 10  # the refit that seeding runs found the demo's themes
    # the real topics hold the decided themes clearly enough for every decision to land on one of them
    assert {"done", "planned", "investigating", "declined"} <= {t.status for t in list_topics(store)}
