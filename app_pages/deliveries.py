"""Admins: where the brief and alerts go, what was delivered (what, to whom, when, how), and the API tokens."""

from __future__ import annotations

import re

import streamlit as st

from insight.delivery import Channel, delivery_overview
from ui import render, resources

STATUS = {"sent": "✅ sent", "retrying": "🔁 retrying", "failed": "❌ failed", "pending": "⏳ sending"}
ENV_VAR = re.compile(r"(EARSHOT_[A-Z_]+)")

settings, store = resources.get_settings(), resources.get_store()
overview = delivery_overview(store, settings)

st.title("API & deliveries")
st.caption(
    f"The API server (`python -m insight serve-api`, started by `./earshot run`) sends the weekly brief and new "
    f"emerging-need alerts on schedule **{overview.schedule}** (server time) and retries failed deliveries. "
    "`python -m insight deliver --dry-run` shows what each channel would receive."
)

failed = [d for d in overview.failed if d.status == "failed"]
waiting = [d for d in overview.failed if d.status == "retrying"]
if failed:
    st.error(
        f"{len(failed)} delivery(ies) failed for good — check the channel's settings; the error is in the table.",
        icon=":material/error:",
    )
if waiting:
    st.warning(f"{len(waiting)} delivery(ies) failed and will be retried.", icon=":material/schedule:")

st.subheader("Channels")
cols = st.columns(len(overview.channels))
for col, (name, channel) in zip(cols, overview.channels.items(), strict=True):
    with col.container(border=True):
        st.markdown(f"**{name.capitalize()}**")
        if isinstance(channel, Channel):
            st.caption(f"✅ to {render.escape_markdown(channel.recipient)}")
        else:
            # The reason names settings: show them as code so long names wrap as one piece.
            st.caption("Not configured — " + ENV_VAR.sub(r"`\1`", channel))

st.subheader("Deliveries")
if not overview.deliveries:
    render.empty("Nothing delivered yet.")
else:
    frame = render.notes_frame(
        {
            "When": d.last_attempt_at or d.created_at,
            "What": d.title,
            "Channel": d.channel,
            "Status": STATUS.get(d.status, d.status),
            "Error": d.last_error or "",
            "Next try": d.next_attempt_at,
            "Attempts": d.attempts,
            "To": d.recipient,
        }
        for d in overview.deliveries
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "When": st.column_config.DatetimeColumn(format="D MMM YYYY HH:mm", width="medium"),
            "Next try": st.column_config.DatetimeColumn(format="D MMM HH:mm", width="small"),
            "What": st.column_config.TextColumn(width="medium"),
            "Status": st.column_config.TextColumn(width="small"),
            "Error": st.column_config.TextColumn(width="medium"),
        },
    )
    render.export_buttons(frame, "earshot-deliveries", key="deliveries")
if overview.runs:
    runs = [f"{slot} ({render.escape_markdown(summary or 'running')})" for slot, _, _, summary in overview.runs[:5]]
    st.caption("Scheduled runs: " + " · ".join(runs))

st.subheader("API tokens")
st.caption(
    "Create with `python -m insight tokens create --name NAME --scope ingest|read`; revoke with "
    "`python -m insight tokens revoke NAME`. Secrets are shown once, at creation, and never stored."
)
if not overview.tokens:
    render.empty("No API tokens yet.")
else:
    st.dataframe(
        render.notes_frame(
            {
                "Name": t.name,
                "Scope": t.scope,
                "Starts with": t.prefix + "…",
                "Created": t.created_at,
                "Last used": t.last_used_at,
                "State": "active" if t.active else "revoked",
            }
            for t in overview.tokens
        ),
        hide_index=True,
    )
