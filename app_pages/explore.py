"""Product managers: search all notes by meaning, and see the map of topics."""

from __future__ import annotations

import streamlit as st

from insight.errors import InputError
from insight.filter_options import filter_options
from insight.records import NoteFilters
from insight.search import search_notes
from insight.topic_map import topic_map
from insight.trend_view import topic_overview
from ui import charts, data, filters, render, resources, state

settings, store = resources.get_settings(), resources.get_store()
options = data.cached(filter_options, store)

st.title("Explore")
search_tab, map_tab = st.tabs(["Search notes", "Topic map"])

with search_tab:
    query = st.text_input(
        "Search by meaning", placeholder="e.g. customers want to pause their plan while travelling", key="explore-q"
    )
    picked = filters.filter_bar(options, "explore")
    if query.strip():
        try:
            hits = search_notes(store, query, embedder=resources.get_embedder(), filters=picked, limit=50)
        except InputError as exc:
            render.show_error(exc)
            hits = []
        if not hits:
            render.empty(
                "Nothing close to that in the notes"
                + (" with these filters" if picked != NoteFilters() else "")
                + ". Try describing what the customer said, in a sentence."
            )
        else:
            frame = render.notes_frame(
                {
                    "Match": h.score,
                    "Note": h.note.text,
                    "When": h.note.created_at,
                    "Topic": h.note.topic_label or "",
                    "Product": h.note.product or "",
                    "Channel": h.note.channel or "",
                    "Team": h.note.team or "",
                    "Kind": h.note.kind or "",
                    "Agent": h.note.agent_id or "",
                }
                for h in hits
            )
            st.dataframe(
                frame,
                hide_index=True,
                column_config={
                    "Match": st.column_config.ProgressColumn(
                        min_value=0.0, max_value=1.0, format="%.2f", width="small"
                    ),
                    # wide enough that notes sharing their first words still read apart at 1280 px; the
                    # columns after the date scroll into view
                    "Note": st.column_config.TextColumn(width=520),
                    "Topic": st.column_config.TextColumn(width="medium"),
                    "When": st.column_config.DatetimeColumn(format="D MMM YYYY", width=100),
                },
            )
            render.export_buttons(frame, "earshot-search", key="explore")
    else:
        st.caption("Type a sentence; the closest notes come first, whatever words they use.")

with map_tab:
    points = data.cached(topic_map, store)
    if not points:
        render.empty(
            "The map appears once topics have been found: by themselves once enough notes are in, or when an "
            "admin refits (Admin → Topics admin → Refit now)."
        )
    else:
        overview = data.cached(topic_overview, store, settings)
        rising = {t.topic_id for t in overview.topics if t.signal == "emerging"}
        st.caption(
            "Each bubble is a topic (bigger = more notes); nearby topics are about similar things. "
            + (f"Orange bubbles are emerging in {overview.signal_week}. " if rising else "")
            + "The largest in each part of the map are named; hover over any bubble for its name, click to open it."
        )
        render.clickable_topic_chart(charts.topic_scatter(points, state.selected_topic(), rising), key="explore-map")
