# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""AppTest: Trends, Topic, Explore and the weekly brief (PM and leader), including exports and clicks."""

from __future__ import annotations

import json
import re

from app_support import DIM, clean_streamlit, demo_db, demo_template, media, new_app, open_page, texts  # noqa: F401

from ui.charts import RISING_COLOR


def test_trends_ranks_topics_with_sparklines(demo_db) -> None:
    at = open_page(new_app("pm"), "trends")
    frame = at.dataframe[0].value
    assert {"Topic", "Signal", "This week", "Total", "Growth", "Status"} <= set(frame.columns)
    weekly = next(c for c in frame.columns if c.startswith("Weekly"))
    assert all(len(list(v)) >= 8 for v in frame[weekly])  # a sparkline per topic
    assert len(frame) >= 15
    assert [m.label for m in at.metric][1] == "Topics"
    assert at.get("plotly_chart"), "the clickable bar chart is drawn"
    # Every flagged topic is reachable from the signals panel: a card of its own, a sibling in its theme's card,
    # or counted in "…and N more".
    flagged = int((frame["Signal"] != "").sum())
    opened = sum(1 for b in at.button if (b.key or "").startswith("signal-open-"))
    more = next((int(m[1]) for c in at.caption if (m := re.match(r"…and (\d+) more", c.value))), 0)
    pockets = sum(1 for b in at.button if (b.key or "").startswith("pocket-parent-"))
    assert flagged and opened + more >= flagged and (pockets or opened + more == flagged)
    # Growth reads as a PM would say it: a percentage, the two counts from (almost) nothing, never "None"/"nan".
    assert all(g == "" or re.fullmatch(r"[+-]\d+%|\d+ → \d+", g) for g in frame["Growth"]), set(frame["Growth"])
    # A topic no PM has triaged reads "untriaged", so "new" on this page is only the signal (born this week)
    assert "⚪ untriaged" in set(frame["Status"]) and not any("new" in s for s in frame["Status"])
    # The week's notes are every note, as the brief's headline counts them (the Unclear bucket included)
    from insight.brief import build_brief
    from insight.settings import load_settings
    from insight.store import Store

    notes = next(m for m in at.metric if m.label.startswith("Notes in "))
    week = notes.label.removeprefix("Notes in ")
    store = Store(demo_db[0])
    try:
        headline = build_brief(store, load_settings(), week).headline
    finally:
        store.release()
    assert int(str(notes.value).replace(",", "")) == headline.notes


def test_growth_text_says_the_counts_instead_of_a_ratio_from_nothing() -> None:
    from ui.render import growth_text

    assert growth_text(228.6, 10) == "+229%"
    assert growth_text(-50.0, 3) == "-50%"
    assert growth_text(None, 24) == "new"
    assert growth_text(float("nan"), 24) == "new"
    assert growth_text(None, 0) == ""
    assert growth_text(None, 9, 1) == "1 → 9"  # the counts, not "new", beside a topic that is not new
    assert growth_text(None, 9, 0) == "0 → 9"


def test_trends_filters_narrow_the_table(demo_db) -> None:
    at = open_page(new_app("pm"), "trends")
    everything = at.dataframe[0].value["Total"].sum()
    at.multiselect(key="trends-product").set_value(["Mobile"])
    at.run()
    assert not at.exception
    narrowed = at.dataframe[0].value
    assert 0 < narrowed["Total"].sum() < everything
    assert "Esim" in set(narrowed["Topic"]) and "Pause" not in set(narrowed["Topic"])


def test_trends_row_click_opens_topic(demo_db) -> None:
    at = open_page(new_app("pm"), "trends")
    frame = at.dataframe[0].value
    row = list(frame["Topic"]).index("Esim")
    # What the browser sends when a row is selected (the browser test clicks for real).
    at.session_state["trends-table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Esim"


def test_trends_exports_csv_and_xlsx(demo_db, media) -> None:
    at = open_page(new_app("pm"), "trends")
    csv_button = at.download_button(key="trends-csv")
    body = media(csv_button).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Topic,Signal")
    # growth as the page says it ("+443%", "0 → 46"), not a bare 443.0 with no unit
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and all(re.fullmatch(r"-?\d+", r["Growth"]) for r in rows if r["Growth"]), "whole percent, sortable"
    shown = [r["Growth as shown"] for r in rows]
    assert all(g == "" or re.fullmatch(r"[+-]\d+%|\d+ → \d+", g) for g in shown), set(shown)
    assert any("→" in g for g in shown), "a rise from almost nothing says its counts"
    xlsx = media(at.download_button(key="trends-xlsx"))
    assert xlsx[:2] == b"PK"


def test_search_export_escapes_formulas(demo_db, media) -> None:
    from ingest.redaction import default_redactor
    from ingest.service import save_note
    from insight.embedder import HashingEmbedder
    from insight.settings import load_settings
    from insight.store import Store

    path, _ = demo_db
    store = Store(path)
    save_note(
        store,
        {"text": '=HYPERLINK("http://evil.example","eSIM refund")', "agent_id": "x.y"},
        embedder=HashingEmbedder(DIM),
        redactor=default_redactor(),
        settings=load_settings({}, db=path),
    )
    store.release()
    at = open_page(new_app("pm"), "explore")
    at.text_input(key="explore-q").set_value("HYPERLINK evil example eSIM refund").run()
    body = media(at.download_button(key="explore-csv")).decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_topic_page_from_deep_link(demo_db) -> None:
    _, topics = demo_db
    at = open_page(new_app("pm", topic=str(topics["pause"])), "topic")
    assert at.title[0].value == "Pause"
    assert len(at.get("plotly_chart")) >= 2  # volume + breakdowns
    volume = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert volume["type"] == "bar", "a week's count is a bar, not a point on a line"
    assert sum(volume["y"]) > 0 and len(volume["x"]) == len(volume["y"])
    page = texts(at)
    assert "pause" in page.lower()  # representative quotes
    similar = [b.label for b in at.button if b.key and b.key.startswith("similar-")]
    # closeness in words and the topic's size, not a bare cosine ("· 0.65")
    assert similar and all(re.search(r"· [\d,]+ notes · (very close|close|related)$", label) for label in similar)


def test_topic_page_says_what_trends_says_of_the_topic_this_week(demo_db) -> None:
    """A PM who opens the week's top need read only "untriaged" on its page."""
    from insight.settings import load_settings
    from insight.store import Store
    from insight.trend_view import topic_overview

    store = Store(demo_db[0])
    try:
        overview = topic_overview(store, load_settings())
    finally:
        store.release()
    rising = next(t for t in overview.topics if t.signal == "emerging")
    at = open_page(new_app("pm", topic=str(rising.topic_id)), "topic")
    said = [w.value for w in at.warning if f"emerging in {overview.signal_week}" in w.value]
    assert said and " → " in said[0], [w.value for w in at.warning]


def test_topic_page_is_read_only_for_leaders(demo_db) -> None:
    at = open_page(new_app("leader"), "topic")
    assert "Only product managers and admins can change a topic." in texts(at)


def test_explore_semantic_search_with_filters(demo_db) -> None:
    at = open_page(new_app("pm"), "explore")
    at.text_input(key="explore-q").set_value("eSIM").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert "esim" in frame["Note"].iloc[0].lower()
    assert frame["Match"].is_monotonic_decreasing
    at.multiselect(key="explore-channel").set_value(["chat"]).run()
    assert set(at.dataframe[0].value["Channel"]) == {"chat"}


def test_explore_map_click_opens_topic(demo_db) -> None:
    _, topics = demo_db
    at = open_page(new_app("pm"), "explore")
    chart = at.get("plotly_chart")[0]
    assert chart.proto.spec  # the map is drawn
    # the demo's emerging topics of the signal week are drawn apart and said so (eSIM rises in the demo)
    assert RISING_COLOR in chart.proto.spec and "emerging this week" in chart.proto.spec
    assert any("Orange bubbles are emerging in" in c.value for c in at.caption)
    # What the browser sends when a bubble is clicked (the browser test clicks for real).
    event = {
        "selection": {
            "points": [{"customdata": [topics["esim"]], "point_index": 0}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.session_state["explore-map"] = event
    at.run()
    assert at.title[0].value == "Esim"


def test_brief_renders_and_downloads(demo_db, media) -> None:
    at = open_page(new_app("leader"), "brief")
    assert at.title[0].value == "Weekly brief"
    assert [m.label for m in at.metric] == ["Notes", "Agents reporting", "Active topics"]
    md = media(at.download_button(key="brief-md")).decode()
    html = media(at.download_button(key="brief-html")).decode()
    assert md.startswith("#") and "<html" in html.lower()
    picker = at.selectbox(key="brief-week")
    assert len(picker.options) >= 10
    earlier = picker.value.shift(-3)
    picker.set_value(earlier).run()
    assert not at.exception
    assert earlier.label in media(at.download_button(key="brief-md")).decode()


def _submit(at, label: str):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_pm_manages_a_topic(demo_db) -> None:
    _, topics = demo_db
    pause, esim = topics["pause"], topics["esim"]
    at = open_page(new_app("pm", topic=str(pause)), "topic")
    at.session_state[f"status-value-{pause}"] = "planned"
    at.text_area(key=f"status-note-{pause}").set_value("Pausing ships in the spring release")
    at = _submit(at, "Save status")
    assert not at.exception, [e.message for e in at.exception]
    assert "Pausing ships in the spring release" in texts(at)
    assert any(b.value == "planned" for b in at.get("badge")) or "planned" in texts(at)

    at.selectbox(key=f"owner-value-{pause}").set_value("product")
    at = _submit(at, "Save owner")
    assert "owner: product" in [b.value for b in at.get("badge")] or "owner: product" in texts(at)

    at.text_input(key=f"rename-value-{pause}").set_value("Pause [tracker](http://evil.example) **now**")
    at = _submit(at, "Rename")
    title = at.title[0].value
    assert "\\[tracker\\]" in title and "\\*\\*now" in title  # a PM-given name is shown as typed

    at.selectbox(key=f"merge-value-{pause}").set_value(esim)
    at = _submit(at, "Merge")
    assert not at.exception, [e.message for e in at.exception]
    at.run()
    assert at.title[0].value == "Esim"  # the merged topic lives on in its target
    assert "merged" in " ".join(str(v) for v in at.dataframe[-1].value.get("What happened", [])).lower()


def test_lineage_after_a_merge_names_the_merged_topic(demo_db) -> None:
    from insight.store import Store
    from insight.topics import merge_topics

    path, topics = demo_db
    store = Store(path)
    merge_topics(store, topics["paper-bill"], topics["debit-date"])
    store.release()
    at = open_page(new_app("pm", topic=str(topics["debit-date"])), "topic")
    lineage = next(d.value for d in at.dataframe if "What happened" in d.value.columns)
    related = " ".join(lineage["Related topics"])
    assert "Paper bill" in related and "#" not in related
    assert "None" not in " ".join(map(str, lineage["Overlap"]))


def test_a_breakdown_of_one_value_is_said_in_words_not_drawn_as_one_bar() -> None:
    from ui.render import single_valued

    export = {"product": {"(none)": 36}, "channel": {"social": 36}, "team": {"(none)": 36}, "kind": {"(none)": 36}}
    assert single_valued(export) == "No product, team or kind recorded; every note's channel is social."
    assert single_valued({"product": {"a": 3, "b": 4}}) == ""  # two values are worth a chart
