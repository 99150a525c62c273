"""Agents: what I logged, where each note went, and what is being done about it."""

from __future__ import annotations

import streamlit as st

from insight.agent_notes import notes_by_agent, updates_on
from insight.filter_options import filter_options
from ui import auth, data, render, resources, state

store = resources.get_store()
options = data.cached(filter_options, store)
identity = auth.current_identity()

st.title("My notes")
if identity and identity.signed_in and identity.email:
    state.set_agent_default(identity.email, None)
agent_id, _ = state.agent_inputs(options.teams, locked=bool(identity and identity.signed_in))
if not agent_id:
    render.empty("Enter your agent id above to see the notes you logged.")
    if identity and identity.demo and options.agents:
        example = render.escape_markdown(options.agents[0][0])
        st.caption(f"Without sign-in, try an agent id from the stored notes, e.g. {example}.")
    st.stop()

# Not cached: notes also arrive from the API server and helpdesk webhooks (another process), and an agent
# who just wrote an internal note in the helpdesk expects to see it here at once. One agent's notes are cheap.
mine = notes_by_agent(store, agent_id)
if not mine:
    render.empty("You have not logged any notes yet. Use **Log an observation** to add your first.")
    st.stop()

acted = sum(1 for m in mine if m.topic_status in ("planned", "done"))
c1, c2, c3 = st.columns(3)
c1.metric("Notes logged", len(mine))
c2.metric("In a topic", sum(1 for m in mine if m.note.topic_id is not None and m.note.topic_id >= 0))
c3.metric("Planned or fixed", acted)

# What is being done about what I reported: one card per decision (the same one on sibling topics is one).
updates = updates_on(mine)
if updates:
    st.subheader("Updates on what you reported")
    for items in updates:
        first = items[0]
        with st.container(border=True):
            # escaped apart from its separator: escaping trims the text, and took the space before "·" with it
            owner = f" · owner: {render.escape_markdown(first.topic_owner)}" if first.topic_owner else ""
            st.markdown(
                f"**{render.escape_markdown(first.note.topic_label or 'Topic')}** — "
                f"{render.status_badge(first.topic_status)}{owner}"
            )
            if first.status_note:
                st.markdown(f"> {render.escape_markdown(first.status_note)}")
            mine_here = "Your note" if len(items) == 1 else f"{len(items)} of your notes, latest"
            st.caption(f"{mine_here}: " + render.escape_markdown(items[0].note.text[:140]))

frame = render.notes_frame(
    {
        "When": m.note.created_at,
        "Note": m.note.text,
        "Topic": m.note.topic_label or ("Unclear" if m.note.topic_id == -1 else "—"),
        "Status": m.topic_status or ("new" if m.note.topic_id is not None else ""),
        "What's happening": m.status_note or "",
        "Owner": m.topic_owner or "",
        "Kind": m.note.kind or "",
        "Product": m.note.product or "",
    }
    for m in mine
)
# What an agent opens this page for comes first: their note, its topic, and what was decided about it. At
# 1280 px "Owner" and "What's happening" sat behind the table's horizontal scroll after Kind and Product.
st.dataframe(
    render.with_badges(frame),
    hide_index=True,
    column_config={
        "When": st.column_config.DatetimeColumn(format="D MMM YYYY", width=100),
        "Note": st.column_config.TextColumn(width="medium"),
        "Topic": st.column_config.TextColumn(width="medium"),
        "What's happening": st.column_config.TextColumn(width="medium"),
        "Owner": st.column_config.TextColumn(width="small"),
        "Kind": st.column_config.TextColumn(width="small"),
        "Product": st.column_config.TextColumn(width="small"),
    },
)
render.export_buttons(frame, f"my-notes-{agent_id}", key="my-notes")
