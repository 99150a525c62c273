"""Product managers: one topic — volume, breakdowns, quotes, similar topics, lineage — and what to do about it."""

from __future__ import annotations

import streamlit as st

from insight.records import UNCLEAR_TOPIC_ID
from insight.search import similar_topics, topic_activity
from insight.trends import topic_catalogue
from ui import auth, charts, data, render, resources, state, topic_admin

store = resources.get_store()
catalogue = {tid: info for tid, info in data.cached(topic_catalogue, store).items() if tid != UNCLEAR_TOPIC_ID}
# A merged topic maps to its target's info; list each surviving topic once.
choices = sorted({info.topic_id: info.label for info in catalogue.values()}.items(), key=lambda kv: kv[1].lower())
if not choices:
    st.title("Topic")
    render.empty("No topics yet. They appear after the first topic refit (Admin → Topics admin).")
    st.stop()

wanted = state.selected_topic()
if wanted in catalogue:
    wanted = catalogue[wanted].topic_id  # follow a merge to the surviving topic
ids = [tid for tid, _ in choices]
topic_id = st.selectbox(
    "Topic",
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=dict(choices).__getitem__,
    key=f"topic-pick-{wanted}",
)
if topic_id != wanted:
    state.select_topic(topic_id)
info = catalogue[topic_id]
activity = data.cached(topic_activity, store, topic_id)

st.title(info.label)
if activity.keywords:
    st.caption("Keywords: " + render.escape_markdown(", ".join(activity.keywords)))
badges = st.container(horizontal=True)
with badges:
    st.badge(render.status_badge(info.status or "new"), color="blue")
    st.badge(f"owner: {info.owner}" if info.owner else "no owner yet", color="gray")
    st.badge(f"{sum(activity.counts):,} notes in {len(activity.weeks)} weeks", color="violet")

overview, quotes_tab, manage = st.tabs(["Overview", "Quotes", "Manage"])
with overview:
    left, right = st.columns([3, 2])
    left.plotly_chart(charts.volume_line(activity.weeks, activity.counts), config={"displayModeBar": False})
    with right:
        st.write("**Similar topics**")
        for other, score in data.cached(similar_topics, store, topic_id):
            if st.button(f"{other.label} · {score:.2f}", key=f"similar-{other.topic_id}", type="tertiary"):
                state.open_topic(other.topic_id, "app_pages/topic.py")
    cols = st.columns(4)
    for col, (dimension, values) in zip(cols, activity.breakdowns.items(), strict=True):
        if values:
            col.plotly_chart(
                charts.breakdown_bars(values, f"By {dimension}"),
                config={"displayModeBar": False},
                key=f"breakdown-{dimension}",
            )
with quotes_tab:
    if not activity.quotes:
        render.empty("No notes in this topic yet.")
    for note in activity.quotes:
        render.quote(
            note.text,
            " · ".join(
                x for x in (render.when(note.created_at), note.product, note.channel, note.team, note.kind) if x
            ),
        )
with manage:
    identity = auth.current_identity()
    topic_admin.manage_topic(store, topic_id, info, dict(choices), can_edit=bool(identity and identity.can("pm")))
