"""The Trends page reads the weekly ledger: pockets with their parent topic; a refit leaves past weeks alone."""

from __future__ import annotations

import os
from pathlib import Path

from app_support import clean_streamlit, new_app, open_page  # noqa: F401
from pocket_fixtures import CARDS, LOGIN, LOOP, OTHER, STEADY, TARGET, Cluster, build, reassign

from insight.settings import load_settings
from insight.store import Store
from insight.store.gate import release_all
from insight.trend_view import topic_overview

SETTINGS = load_settings(environ={})
LABELS = {1: "log in", 2: "card delivery", 3: "other things"}


def _world(path: Path) -> tuple[Store, dict[str, list[int]]]:
    """A login loop rising inside the steady "log in" topic in the target week (2025-W09)."""
    store = Store(path)
    clusters = [
        Cluster("login", LOGIN, STEADY, topics=(1,), text="customer cannot log in to the app"),
        Cluster("loop", LOOP, (0, 0, 0, 0, 0, 1, 0, 14), topics=(1,), text="login loop after the update on android"),
        Cluster("cards", CARDS, (20, 21, 19, 20, 22, 20, 19, 21), topics=(2,), text="card not delivered yet"),
        Cluster("other", OTHER, (9, 8, 10, 9, 9, 10, 8, 9), topics=(3,), text="asks about opening hours"),
    ]
    return store, build(store, clusters, LABELS)


def test_the_overview_lists_the_pocket_with_its_parent_and_keeps_it_after_a_refit(tmp_path) -> None:
    store, ids = _world(tmp_path / "t.duckdb")
    first = topic_overview(store, SETTINGS)
    assert first.signal_week == TARGET.label and first.judged_at is not None
    (pocket,) = first.pockets
    # Its count is its core: the region holds three quarters of the notes that made it (10 or more of 14).
    assert pocket.parents == ((1, "log in"),) and pocket.count >= 10 and pocket.distinct_agents >= 3
    assert pocket.change.startswith(("0 → ", "<1 → ")) and pocket.pocket_id is not None
    login = next(r for r in first.topics if r.topic_id == 1)
    assert login.signal is None  # the parent's own count did not rise; the pocket says what did
    # A refit gives the loop its own topic and renames the parent: the past week still says what it said.
    reassign(store, {n: 4 for n in ids["loop"]}, {**LABELS, 1: "renamed", 4: "login loop"})
    again = topic_overview(store, SETTINGS)
    assert [(p.label, p.count, p.change, p.pocket_id) for p in again.pockets] == [
        (p.label, p.count, p.change, p.pocket_id) for p in first.pockets
    ]
    assert again.judged_at == first.judged_at
    assert {r.topic_id: r.signal for r in again.topics if r.signal} == {
        r.topic_id: r.signal for r in first.topics if r.signal
    }
    assert again.pockets[0].parents == ((1, "renamed"),)  # the parent is named as it is called now
    # Recounting the week under today's topics would have called the new topic emerging instead.
    from insight.trends import detect_signals

    fresh = [s for s in detect_signals(store, SETTINGS, TARGET) if s.kind == "emerging"]
    assert [(s.scope, s.topic_id) for s in fresh] == [("topic", 4)]


def test_the_trends_page_shows_the_pocket_and_opens_its_parent(tmp_path) -> None:
    store, _ = _world(Path(os.environ["EARSHOT_DB"]))
    store.release()
    release_all()
    at = open_page(new_app("pm"), "trends")
    assert "Signals in 2025-W09" in [h.value for h in at.subheader]
    assert any("Login loop" in m.value for m in at.markdown), [m.value for m in at.markdown]
    assert not any(c.value == "Nothing unusual this week." for c in at.caption)
    assert any(c.value == "growing inside:" for c in at.caption)
    button = next(b for b in at.button if (b.key or "").startswith("pocket-parent-") and b.label == "log in")
    assert any("Signals are for 2025-W09 as judged on" in c.value for c in at.caption)
    button.click().run()
    assert not at.exception
    assert at.title[0].value == "log in"


def test_filters_recompute_signals_for_the_slice_without_pockets(tmp_path) -> None:
    from insight.records import NoteFilters

    store, _ = _world(tmp_path / "t.duckdb")
    sliced = topic_overview(store, SETTINGS, NoteFilters(kinds=("complaint",)))
    assert sliced.pockets == () and sliced.judged_at is None
