"""Admins: refit topics now (in the background, one at a time), and the history of runs with quality figures."""

from __future__ import annotations

import streamlit as st

from insight.topics import list_runs, needs_refit
from ui import data, refit, render, resources, state

settings, store = resources.get_settings(), resources.get_store()

RUN_COLUMNS = {"unclear_share", "n_notes", "n_topics", "n_themes", "fit_seconds"}

st.title("Topics admin")
status = refit.current()
left, right = st.columns([1, 3], vertical_alignment="center")
if left.button("Refit now", type="primary", icon=":material/refresh:", disabled=bool(status and status.running)):
    refit.start_refit(store, settings)
    st.rerun()
if settings.auto_refit_new_notes:
    due = " — one is due now" if data.cached(needs_refit, store, settings) else ""
    right.caption(
        f"Automatic refit is on: it runs after {settings.auto_refit_new_notes:,} new notes, or "
        f"{settings.auto_refit_new_share:.0%} more than the last run had{due}. Refits run in the background; "
        "everyone keeps working meanwhile."
    )
else:
    right.caption("Automatic refit is off (EARSHOT_AUTO_REFIT_NEW_NOTES=0).")


@st.fragment(run_every=1.0)
def refit_progress() -> None:
    """Live progress of the running refit; reruns the page when it ends."""
    current = refit.current()
    if current is None:
        return
    if current.running:
        counts = f" — {current.done:,} of {current.total:,}" if current.total else ""
        st.progress(current.fraction, text=f"Refitting: {current.stage}{counts} ({current.seconds:.0f} s)")
        state.remember("refit-was-running", True)
        return
    if current.error:
        st.error(f"The last refit failed — {render.escape_markdown(current.error)}")
    else:
        result = current.result
        message = getattr(result, "message", "") or "done"
        st.success(f"Last refit: {render.escape_markdown(message)} ({current.seconds:.0f} s)")
    if state.recall("refit-was-running"):
        state.forget("refit-was-running")
        st.rerun(scope="app")  # refresh the run history below


refit_progress()

st.subheader("Run history")
runs = data.cached(list_runs, store)
if not runs:
    render.empty(f"No topic run yet. Topics need at least {settings.min_notes_for_topics} notes; then press Refit now.")
    st.stop()
frame = render.notes_frame(
    {
        "Run": r.run_id,
        "When": r.created_at,
        "Current": r.is_current,
        "Notes": r.n_notes,
        "Topics": r.n_topics,
        "Themes": r.n_themes,
        "Unclear": r.unclear_share,
        "Fit (s)": r.fit_seconds,
        "Model": r.model_id,
        # Quality figures, minus those the run already has a column for (unclear_share was shown twice).
        **{
            k.replace("_", " ").capitalize(): v
            for k, v in (r.quality or {}).items()
            if isinstance(v, int | float) and k not in RUN_COLUMNS
        },
    }
    for r in runs
)
# A share reads as a percentage ("3.4%", not 0.0336) and a duration in tenths of a second, whatever its key.
quality_formats = {
    column: st.column_config.NumberColumn(format="percent" if column.endswith(" share") else "%.1f")
    for column in frame.columns
    if column.endswith(" share") or column.startswith("Seconds ")
}
st.dataframe(
    frame,
    hide_index=True,
    column_config={
        **quality_formats,
        "When": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
        "Unclear": st.column_config.NumberColumn(format="percent", help="Share of notes in no clear topic"),
        "Fit (s)": st.column_config.NumberColumn(format="%.1f"),
        "Mean similarity": st.column_config.NumberColumn(
            format="%.3f", help="Mean cosine of each note to its topic's centre (higher: tighter topics)"
        ),
    },
)
render.export_buttons(frame, "earshot-topic-runs", key="runs")
