"""Agents: log an observation in one click, then see who else heard the same this week."""

from __future__ import annotations

import streamlit as st

from ingest.service import save_note
from insight.errors import NoteRejected
from insight.filter_options import filter_options
from insight.records import CHANNELS, KINDS, UNCLEAR_TOPIC_ID
from insight.similar import close_match, similar_this_week
from ui import auth, data, render, resources, state

settings, store = resources.get_settings(), resources.get_store()
options = data.cached(filter_options, store)
identity = auth.current_identity()

st.title("Log an observation")
st.caption("What did a customer ask for, complain about or praise? One or two sentences is plenty.")

if identity and identity.signed_in and identity.email:
    state.set_agent_default(identity.email, None)
agent_id, team = state.agent_inputs(options.teams, locked=bool(identity and identity.signed_in))

with st.form("observation"):
    text = st.text_area(
        "Observation",
        placeholder="e.g. Customer wants to pause their TV package while abroad instead of cancelling.",
        height=110,
        max_chars=settings.note_max_chars,
        key="log-text",
    )
    # Full-width rows: in narrow columns the last choices were cut off (upsell, other, social).
    # required=True: clicking the chosen kind again must not leave the note without one.
    kind = st.pills("Kind", KINDS, default="need", key="log-kind", required=True)
    channel = st.segmented_control("Channel", CHANNELS, default="phone", key="log-channel", required=True)
    product = st.selectbox(
        "Product", options.products, index=None, placeholder="Pick or type", accept_new_options=True, key="log-product"
    )
    submitted = st.form_submit_button("Log it", type="primary", icon=":material/send:")

if submitted and not agent_id.strip():
    # Kept in the box: without an id the note could never be found again under My notes.
    st.error("The note was not saved — type your agent id above first.", icon=":material/error:")
    state.forget("last_saved")
elif submitted:
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
            # the topic's notes count as "similar" only when the note is a close match for the topic
            topic_id=saved.topic_id if close_match(saved.topic_score) else None,
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
            if saved.topic_label and not close_match(saved.topic_score):
                where += " — the nearest topic, not a close match; a PM will see it there or in a new topic"
            st.success(f"Saved — filed under **{where}**.", icon=":material/check_circle:")
        if saved.redactions:
            st.caption("Removed before saving: " + ", ".join(saved.redactions))
        # Every figure below counts one set of other people's notes (see SimilarThisWeek).
        if similar.notes == 0:
            st.subheader("Nobody else reported this in the last 7 days")
            st.caption("No colleague logged anything close to it, or in its topic — you may be the first.")
        else:
            noun = "colleague" if similar.colleagues == 1 else "colleagues"
            st.subheader(f"{similar.colleagues} {noun} reported something similar this week")
            notes = "1 note" if similar.notes == 1 else f"{similar.notes} notes"
            in_topic = f", {similar.topic_notes} of them in the same topic" if similar.topic_notes else ""
            st.caption(f"{notes} from other agents in the last 7 days{in_topic}.")
        for hit in similar.hits[:5]:
            meta = " · ".join(x for x in (hit.note.agent_id, hit.note.team, render.when(hit.note.created_at)) if x)
            render.quote(hit.note.text, meta)
