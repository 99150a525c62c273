"""On a large database the Trends and Brief pages do not wait for the pocket screen: topic signals at once,
the week judged (and stored, pockets included) by a background job, shown on a later rerun."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from app_support import clean_streamlit, new_app, open_page  # noqa: F401
from pocket_fixtures import CARDS, LOGIN, LOOP, OTHER, STEADY, TARGET, Cluster, build

from insight.settings import load_settings
from insight.store import Store
from insight.store.gate import release_all
from insight.trends import signals_for_page, stored_weeks, weekly_signals

LABELS = {1: "log in", 2: "card delivery", 3: "other things"}


def _world(path: Path) -> Store:
    """A login loop rising inside the steady "log in" topic in the target week (2025-W09)."""
    store = Store(path)
    clusters = [
        Cluster("login", LOGIN, STEADY, topics=(1,), text="customer cannot log in to the app"),
        Cluster("loop", LOOP, (0, 0, 0, 0, 0, 1, 0, 14), topics=(1,), text="login loop after the update on android"),
        Cluster("cards", CARDS, (20, 21, 19, 20, 22, 20, 19, 21), topics=(2,), text="card not delivered yet"),
        Cluster("other", OTHER, (9, 8, 10, 9, 9, 10, 8, 9), topics=(3,), text="asks about opening hours"),
    ]
    build(store, clusters, LABELS)
    return store


def test_above_the_limit_a_page_gets_topic_signals_now_and_the_week_stays_unjudged(tmp_path) -> None:
    store = _world(tmp_path / "t.duckdb")
    large = load_settings(environ={}).replace(trends_inline_max_notes=0)
    quick, pending = signals_for_page(store, large, TARGET)
    assert pending and stored_weeks(store) == []
    assert quick and all(s.scope == "topic" for s in quick)  # the screen did not run
    judged = weekly_signals(store, large, TARGET)  # what the background job does
    assert any(s.scope == "pocket" for s in judged) and [w[0] for w in stored_weeks(store)] == [TARGET.label]
    again, pending = signals_for_page(store, large, TARGET)
    assert not pending and [s.as_dict() for s in again] == [s.as_dict() for s in judged]


def test_below_the_limit_the_page_judges_the_week_itself(tmp_path) -> None:
    store = _world(tmp_path / "t.duckdb")
    said, pending = signals_for_page(store, load_settings(environ={}), TARGET)
    assert not pending and any(s.scope == "pocket" for s in said)
    assert [w[0] for w in stored_weeks(store)] == [TARGET.label]


@pytest.mark.parametrize("page", ["trends", "brief"])
def test_the_page_says_it_is_looking_and_shows_the_pocket_once_judged(page: str, monkeypatch) -> None:
    import ui.judging

    monkeypatch.setenv("EARSHOT_TRENDS_INLINE_MAX_NOTES", "0")
    store = _world(Path(os.environ["EARSHOT_DB"]))
    store.release()
    release_all()
    go = threading.Event()  # the job judges only once the test has seen the page without it

    def held(*args, **kwargs):
        go.wait(60)
        return weekly_signals(*args, **kwargs)

    monkeypatch.setattr(ui.judging, "weekly_signals", held)
    at = open_page(new_app("pm"), page)
    notices = [i.value for i in at.info if "in the background" in i.value]
    assert notices and "2025-W09" in notices[0], [i.value for i in at.info]
    assert "login loop" not in " ".join(m.value for m in at.markdown).lower()  # no pocket yet
    assert not any((b.key or "").startswith("pocket-parent-") for b in at.button)
    go.set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any("in the background" in i.value for i in at.info):
        time.sleep(0.5)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
    assert not any("in the background" in i.value for i in at.info)
    if page == "trends":
        assert any((b.key or "").startswith("pocket-parent-") and b.label == "log in" for b in at.button)
        assert any(c.value == "growing inside:" for c in at.caption)
        assert any("Signals are for 2025-W09 as judged on" in c.value for c in at.caption)
    else:
        assert "login loop" in " ".join(m.value for m in at.markdown).lower()
