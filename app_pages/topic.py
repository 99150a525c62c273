"""Product managers: one topic — volume, breakdowns, quotes, similar topics, lineage — and what to do about it."""

from __future__ import annotations

import re

import streamlit as st

from insight.errors import EarshotError
from insight.topic_activity import topic_activity
from insight.topic_map import similar_topics
from insight.topics import get_topic, list_topics
from insight.trend_view import topic_overview
from insight.trends import topic_catalogue
from ui import auth, charts, data, render, resources, state, topic_admin

settings, store = resources.get_settings(), resources.get_store()
topics = data.cached(list_topics, store)
if not topics:
    st.title("Topic")
    render.empty(
        "No topics yet. They are found by themselves once enough notes are in, or when an admin refits "
        "(Admin → Topics admin → Refit now)."
    )
    st.stop()

labels = {t.topic_id: t.label for t in sorted(topics, key=lambda t: t.label.lower())}
wanted = state.selected_topic()
if wanted is not None and wanted not in labels:
    followed = data.cached(topic_catalogue, store).get(wanted)  # a merged topic lives on in its target
    wanted = followed.topic_id if followed else None
topic_id = state.topic_picker(labels, wanted)
try:
    detail = data.cached(get_topic, store, topic_id)
except EarshotError as exc:
    render.show_error(exc)
    st.stop()
summary = detail.summary
activity = data.cached(topic_activity, store, topic_id)

st.title(render.escape_markdown(summary.label))  # a PM-given name is text, not markup


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# A summary that only repeats the name ("change to platinum account" under "Change to Platinum account") says nothing.
if summary.summary and _words(summary.summary) != _words(summary.label):
    st.write(render.escape_markdown(summary.summary))
if summary.keywords:
    st.caption("Keywords: " + render.escape_markdown(", ".join(summary.keywords)))
with st.container(horizontal=True):
    st.badge(render.status_word(summary.status), icon=":material/flag:", color="blue")
    st.badge(f"owner: {summary.owner}" if summary.owner else "no owner yet", icon=":material/group:", color="gray")
    st.badge(f"{summary.size:,} notes · {summary.share:.1%} of all", icon=":material/notes:", color="violet")
    if summary.theme_label:
        st.badge(f"theme: {render.escape_markdown(summary.theme_label)}", icon=":material/category:", color="green")
if summary.status_note:
    st.info(f"Note for agents: {render.escape_markdown(summary.status_note)}", icon=":material/campaign:")
# What Trends says of this topic this week: a PM who opens the week's top need from a link should read it here too.
trend = data.cached(topic_overview, store, settings)
row = next((t for t in trend.topics if t.topic_id == topic_id), None)
if row is not None and row.signal:
    said = row.signal_words or row.signal_reason or ""
    st.warning(
        f"**{render.signal_badge(row.signal)} in {trend.signal_week}** — {render.escape_markdown(said)}",
        icon=":material/trending_up:" if row.signal != "fading" else ":material/trending_down:",
    )
for pocket in trend.pockets:
    if topic_id in {t for t, _ in pocket.parents}:
        st.warning(
            f"**{render.signal_badge('emerging')} inside this topic in {trend.signal_week}: "
            f"{render.escape_markdown(pocket.label)}** — {render.escape_markdown(pocket.change)}, "
            f"{pocket.distinct_agents} agents",
            icon=":material/trending_up:",
        )

overview, quotes_tab, manage = st.tabs(["Overview", "Quotes", "Manage"])
with overview:
    left, right = st.columns([3, 2])
    left.plotly_chart(charts.weekly_bars(activity.weeks, activity.counts), config={"displayModeBar": False})
    with right:
        if summary.theme_label:
            st.write(f"**Theme: {render.escape_markdown(summary.theme_label)}**")
            if not detail.siblings:
                st.caption("No other topic in this theme.")
            for sibling in detail.siblings[:8]:
                if st.button(
                    f"{render.escape_markdown(sibling.label)} · {sibling.size:,} notes",
                    key=f"sibling-{sibling.topic_id}",
                    type="tertiary",
                ):
                    state.open_topic(sibling.topic_id, "app_pages/topic.py")
            if len(detail.siblings) > 8:
                st.caption(f"…and {len(detail.siblings) - 8} more in this theme.")
        st.write("**Similar topics**")
        for other, score in data.cached(similar_topics, store, topic_id):
            # closeness in words: a bare cosine ("· 0.65") meant nothing to a PM
            closeness = "very close" if score >= 0.85 else "close" if score >= 0.7 else "related"
            if st.button(
                f"{render.escape_markdown(other.label)} · {other.size:,} notes · {closeness}",
                key=f"similar-{other.topic_id}",
                type="tertiary",
                help=f"Cosine similarity of the two topics' centres: {score:.2f}",
            ):
                state.open_topic(other.topic_id, "app_pages/topic.py")
    # A dimension every note leaves empty, or fills with one value, is a single bar that says nothing (an
    # export without product or team columns): say it in a line instead of drawing it.
    telling = {d: v for d, v in activity.breakdowns.items() if len(v) > 1}
    for col, (dimension, values) in zip(st.columns(len(telling)) if telling else [], telling.items(), strict=True):
        col.plotly_chart(
            charts.breakdown_bars(values, f"By {dimension}"),
            config={"displayModeBar": False},
            key=f"breakdown-{dimension}",
        )
    if len(telling) < len(activity.breakdowns):
        st.caption(render.single_valued(activity.breakdowns))
with quotes_tab:
    quotes = detail.representative_notes or activity.quotes
    if not quotes:
        render.empty("No notes in this topic yet.")
    seen: set[str] = set()
    for note in quotes:
        said = " ".join(note.text.lower().split())
        if said in seen:
            continue  # the same words twice (an agent's template) are one quote
        seen.add(said)
        meta = (render.when(note.created_at), note.agent_id, note.product, note.channel, note.team, note.kind)
        render.quote(note.text, " · ".join(x for x in meta if x))
with manage:
    identity = auth.current_identity()
    topic_admin.manage_topic(store, summary, labels, detail.lineage, can_edit=bool(identity and identity.can("pm")))
