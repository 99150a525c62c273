"""Agents: log an observation in one click, then see who else heard the same this week."""

from __future__ import annotations

import streamlit as st

from ingest.service import NoteRejected, save_note
from insight.records import CHANNELS, KINDS, UNCLEAR_TOPIC_ID
from insight.search import filter_options, similar_this_week
from ui import auth, data, render, resources, state

settings, store = resources.get_settings(), resources.get_store()
options = data.cached(filter_options, store)
identity = auth.current_identity()

st.title("Log an observation")
st.caption("What did a customer ask for, complain about or praise? One or two sentences is plenty.")

if identity and identity.signed_in and identity.email:
    state.set_agent_default(identity.email, None)
elif options.agents:
    state.set_agent_default(*options.agents[0])
agent_id, team = state.agent_inputs(options.teams, locked=bool(identity and identity.signed_in))

with st.form("observation"):
    text = st.text_area(
        "Observation",
        placeholder="e.g. Customer wants to pause their TV package while abroad instead of cancelling.",
        height=110,
        max_chars=settings.note_max_chars,
        key="log-text",
    )
    left, middle, right = st.columns([3, 2, 2])
    kind = left.pills("Kind", KINDS, default="need", key="log-kind")
    product = middle.selectbox(
        "Product", options.products, index=None, placeholder="Pick or type", accept_new_options=True, key="log-product"
    )
    channel = right.segmented_control("Channel", CHANNELS[:4], default="phone", key="log-channel")
    submitted = st.form_submit_button("Log it", type="primary", icon=":material/send:")

if submitted:
    fields = {
        "text": text,
        "kind": kind,
        "product": product,
        "channel": channel,
        "agent_id": agent_id or None,
        "team": team or None,
        "source": "app",
    }
    try:
        saved = save_note(
            store, fields, embedder=resources.get_embedder(), redactor=resources.get_redactor(), settings=settings
        )
    except NoteRejected as exc:
        # The form keeps what was typed, so the agent only fixes what is wrong.
        problems = "; ".join(f"{p.field or 'note'}: {p.message}" for p in exc.problems)
        st.error(f"The note was not saved — {render.escape_markdown(problems)}", icon=":material/error:")
        state.forget("last_saved")
    else:
        data.changed()
        similar = similar_this_week(
            store,
            embedder=resources.get_embedder(),
            note_id=saved.note.id,
            agent_id=saved.note.agent_id,
            topic_id=saved.topic_id,
        )
        state.remember("last_saved", (saved, similar))
        state.clear_inputs("log-text")
        st.rerun()  # show the emptied form with the result below it

last = state.recall("last_saved")
if last:
    saved, similar = last
    with st.container(border=True):
        if saved.duplicate:
            st.info("You already logged this today, so nothing new was saved.", icon=":material/content_copy:")
        else:
            if saved.topic_label:
                where = render.escape_markdown(saved.topic_label)
            else:
                where = "Unclear" if saved.topic_id == UNCLEAR_TOPIC_ID else "no topic yet"
            st.success(f"Saved — filed under **{where}**.", icon=":material/check_circle:")
        if saved.redactions:
            st.caption("Removed before saving: " + ", ".join(saved.redactions))
        colleagues = max(similar.colleagues, similar.topic_colleagues)
        noun = "colleague" if colleagues == 1 else "colleagues"
        st.subheader(f"{colleagues} {noun} reported something similar this week")
        if similar.topic_notes:
            st.caption(f"{similar.topic_notes} notes in this topic over the last 7 days.")
        for hit in similar.hits[:5]:
            meta = " · ".join(x for x in (hit.note.agent_id, hit.note.team, render.when(hit.note.created_at)) if x)
            render.quote(hit.note.text, meta)
        if not similar.hits:
            st.caption("Nobody else logged anything close to this in the last 7 days — you may be first.")
