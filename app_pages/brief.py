"""Leadership: the weekly brief for a chosen week, in the app and as Markdown / HTML downloads."""

from __future__ import annotations

import streamlit as st

from insight.brief import build_brief, render_appendix, render_html, render_markdown, render_page_one
from insight.filter_options import filter_options
from insight.trends import Week, resolve_week
from ui import data, judging, render, resources

settings, store = resources.get_settings(), resources.get_store()
options = data.cached(filter_options, store)

st.title("Weekly brief")
if options.first is None:
    render.empty("No notes yet, so there is nothing to brief on.")
    st.stop()

latest = data.cached(resolve_week, store)
weeks = [latest.shift(-k) for k in range(0, 26) if latest.shift(-k) >= Week.containing(options.first)]
pick, downloads = st.columns([2, 3], vertical_alignment="bottom")
week = pick.selectbox("Week", weeks, format_func=lambda w: f"{w.label} (from {w.monday:%d %b %Y})", key="brief-week")
brief = data.cached(build_brief, store, settings, week, wait=False)
if brief.pending:
    judging.pending_notice(store, settings, brief.week)
markdown = render_markdown(brief)
with downloads.container(horizontal=True):
    st.download_button(
        "Markdown",
        markdown.encode("utf-8"),
        f"earshot-brief-{brief.week}.md",
        "text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="brief-md",
    )
    st.download_button(
        "HTML",
        render_html(brief).encode("utf-8"),
        f"earshot-brief-{brief.week}.html",
        "text/html",
        icon=":material/download:",
        on_click="ignore",
        key="brief-html",
    )

h = brief.headline
c1, c2, c3 = st.columns(3)
c1.metric("Notes", f"{h.notes:,}", delta=h.notes - h.notes_previous)
c2.metric("Agents reporting", h.agents, delta=h.agents - h.agents_previous)
c3.metric("Active topics", h.topics, delta=h.topics - h.topics_previous)

# Page one is what leadership reads; the rest is one click away. render_* escape every piece of
# note-derived text, so quotes display as typed.
with st.container(border=True):
    st.markdown(render_page_one(brief, heading=False))
with st.expander("Appendix — movers, new topics, kinds, products and every topic this week"):
    st.markdown(render_appendix(brief))
