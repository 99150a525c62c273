"""Fading below the topic level: a need that goes quiet while the topics it was filed under carry on."""

from __future__ import annotations

from pocket_fixtures import CARDS, LOGIN, OTHER, STEADY, TARGET, Cluster, build, direction
from trend_fixtures import new_store

from insight.settings import load_settings
from insight.trends import detect_signals

SETTINGS = load_settings(environ={})
LABELS = {1: "log in", 2: "card delivery", 3: "other things"}
STATEMENTS = direction((4, 1.0))  # "paper statements", filed half under "log in", half under "other things"


def _world(fade: list[int], scale: float = 1.0) -> list[Cluster]:
    def steady(counts: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(counts[:-2]) + tuple(round(c * scale) for c in counts[-2:])

    return [
        Cluster("login", LOGIN, steady(STEADY), topics=(1,), text="customer cannot log in to the app"),
        Cluster("cards", CARDS, steady((20, 21, 19, 20, 22, 20, 19, 21)), topics=(2,), text="card not delivered yet"),
        Cluster("other", OTHER, steady((9, 8, 10, 9, 9, 10, 8, 9)), topics=(3,), text="asks about opening hours"),
        Cluster("statements", STATEMENTS, fade, topics=(1, 3), text="wants paper statements by post again"),
    ]


def _fading(store):
    return [s for s in detect_signals(store, SETTINGS, TARGET) if s.kind == "fading"]


def test_a_need_fading_across_two_busy_topics_is_found_below_them(tmp_path):
    store = new_store(tmp_path)
    ids = build(store, _world([16, 15, 17, 16, 16, 16, 1, 0]), LABELS)
    # Neither topic falls far: each keeps its steady notes, so the topic level says nothing …
    topic_level = detect_signals(store, SETTINGS.replace(pocket_search=False), TARGET)
    assert not [s for s in topic_level if s.kind == "fading"]
    # … and below it the fade is found, with both topics it was filed under.
    (signal,) = _fading(store)
    assert signal.scope == "pocket" and set(signal.parent_topic_ids) == {1, 3}
    before = set(ids["statements"][:-1])
    assert len(set(signal.note_ids) & before) >= 0.8 * len(signal.note_ids)  # what it held was the need
    assert signal.count <= 1 and signal.baseline >= 10
    assert "statement" in signal.label.lower(), signal.label
    assert signal.chance.endswith("(p < 0.001)")


def test_a_quiet_holiday_fortnight_fades_nothing(tmp_path):
    store = new_store(tmp_path)
    build(store, _world([16, 15, 17, 16, 16, 16, 8, 8], scale=0.5), LABELS)  # everything halves together
    assert _fading(store) == []


def test_a_steady_need_split_across_topics_does_not_fade(tmp_path):
    store = new_store(tmp_path)
    build(store, _world([16, 15, 17, 16, 16, 16, 15, 17]), LABELS)
    assert _fading(store) == []


def test_the_brief_lists_the_fade_without_calling_its_topics_fading(tmp_path):
    from insight.brief import build_brief

    store = new_store(tmp_path)
    build(store, _world([16, 15, 17, 16, 16, 16, 1, 0]), LABELS)
    brief = build_brief(store, SETTINGS, TARGET)
    (item,) = brief.fading
    assert "statement" in item.label.lower() and item.count <= 1
    assert item.previous == item.weekly_counts[-2][1] <= 2  # the fade's own last week, not its topic's
    movers = brief.movers_up + brief.movers_down
    assert all(m.flag != "fading" for m in movers)  # "log in" and "other things" themselves carry on


def test_a_fade_reads_as_falling_and_the_cli_says_where_it_was(tmp_path):
    from insight.cli.trends_cmd import format_table
    from insight.trends.wording import change_words

    assert change_words(14, 2, 2).endswith("falling over 2 weeks")
    assert change_words(1, 12, 3).endswith("rising over 3 weeks")
    store = new_store(tmp_path)
    build(store, _world([16, 15, 17, 16, 16, 16, 1, 0]), LABELS)
    (signal,) = _fading(store)
    assert "rising" not in signal.change
    table = format_table([signal], TARGET)
    assert "(was inside #" in table and "growing inside" not in table


def test_the_trends_overview_and_page_show_a_need_going_quiet_below_the_topics(tmp_path, monkeypatch):
    import streamlit as st
    from app_support import EMBEDDER, new_app, open_page

    from insight.store.gate import release_all
    from insight.trend_view import topic_overview

    store = new_store(tmp_path, "page.duckdb")
    build(store, _world([16, 15, 17, 16, 16, 16, 1, 0]), LABELS)
    overview = topic_overview(store, SETTINGS)
    (quiet,) = overview.fading_pockets
    assert {t for t, _ in quiet.parents} == {1, 3} and overview.pockets == ()
    store.release()
    release_all()
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("EARSHOT_DB", str(tmp_path / "page.duckdb"))
    monkeypatch.setenv("EARSHOT_EMBEDDING_MODEL", EMBEDDER)
    at = open_page(new_app("pm"), "trends")
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Fading").value == "1"
    assert any("statement" in m.value.lower() for m in at.markdown), [m.value for m in at.markdown]
    assert any(c.value == "was inside:" for c in at.caption)
    assert {b.label for b in at.button if (b.key or "").startswith("fading-parent-")} == {"log in", "other things"}
    st.cache_data.clear()
    st.cache_resource.clear()
    release_all()
