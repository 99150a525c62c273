"""Admins: refit topics now (in the background, one at a time), and the history of runs with quality figures."""

from __future__ import annotations

import dataclasses

import streamlit as st

from ui import data, refit, render, resources, services

settings, store = resources.get_settings(), resources.get_store()

st.title("Topics admin")
if not refit.available():
    render.coming("Topic refits", "insight.topics.refit(store, embedder=…, settings=…, progress=…)")
    st.stop()

status = refit.current()
left, right = st.columns([1, 3])
if left.button("Refit now", type="primary", icon=":material/refresh:", disabled=bool(status and status.running)):
    refit.start_refit(store, settings)
    st.rerun()
needs = services.topics("needs_refit")
if needs is not None:
    right.caption(
        "Automatic refit: on — runs when "
        f"{settings.auto_refit_new_notes} new notes or {settings.auto_refit_new_share:.0%} more arrived "
        "since the last run."
        if settings.auto_refit_new_notes
        else "Automatic refit: off (EARSHOT_AUTO_REFIT_NEW_NOTES=0)."
    )


@st.fragment(run_every=1.0)
def refit_progress() -> None:
    """Live progress of the running refit; reruns the page when it ends."""
    current = refit.current()
    if current is None:
        return
    if current.running:
        counts = f" — {current.done:,} of {current.total:,}" if current.total else ""
        st.progress(current.fraction, text=f"Refitting: {current.stage}{counts} ({current.seconds:.0f} s)")
    elif current.error:
        st.error(f"The last refit failed — {render.escape_markdown(current.error)}")
    else:
        st.success(f"Last refit finished in {current.seconds:.0f} s.")


refit_progress()

runs_fn = services.topics("list_runs") or services.topics("topic_runs")
st.subheader("Run history")
if runs_fn is None:
    render.coming("Run history", "insight.topics.list_runs(store)")
else:
    runs = data.cached(runs_fn, store)
    rows = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in runs]
    frame = render.notes_frame(rows)
    st.dataframe(frame, hide_index=True)
    render.export_buttons(frame, "earshot-topic-runs", key="runs")
