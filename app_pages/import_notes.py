"""Admins: import notes from a CSV, JSONL or XLSX file, with progress and a report of rejected rows; list and
undo earlier imports."""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st

from insight.errors import EarshotError
from insight.records import IngestReport
from ui import importing, render, state

STAGES = {"reading": "Reading rows", "embedding": "Embedding notes", "writing": "Saving notes"}
DATE_ORDERS = {
    "Decide from the file": None,
    "Day first (03/04/2025 is 3 April)": "day-first",
    "Month first (03/04/2025 is 4 March)": "month-first",
}

st.title("Import notes")
st.caption(
    "A CSV, JSONL or XLSX file with one note per row. Only a text column is required (text, note, comment…); "
    "created_at, agent_id, team, channel, product, customer_segment, kind, tags and an id are picked up when present. "
    "Personal data is redacted before anything is stored; re-importing the same file adds no duplicates. "
    "A file that cannot be read to the end is refused whole: nothing of it is stored."
)
with st.form("import"):
    upload = st.file_uploader("File", type=importing.UPLOAD_TYPES)
    left, right = st.columns([3, 1])
    source = left.text_input("Source name", placeholder="e.g. crm-export (default: the file name)")
    dry_run = right.checkbox("Dry run (check only)", help="Validate every row without saving anything.")
    d_left, d_right = st.columns([3, 1])
    order = d_left.selectbox(
        "Dates like 03/04/2025",
        list(DATE_ORDERS),
        key="import-date-format",
        help="Earshot reads all of a file's dates the same way. When no date in the file tells day and month "
        "apart, the import is refused until you choose here (the CLI's --date-format).",
    )
    default_date = d_right.date_input(
        "Date for undated notes",
        value=None,
        key="import-date",
        help="Used when the file has no date column or a row has no date (default: now).",
    )
    go = st.form_submit_button("Import", type="primary", icon=":material/upload:")

if go:
    if upload is None:
        st.warning("Choose a file first.")
    else:
        # The import runs in a job of this session's own: leaving the page no longer stops it halfway.
        session = state.recall("import-session") or uuid.uuid4().hex
        state.remember("import-session", session)
        state.forget("import")
        importing.start_import(
            upload.name,
            upload.getvalue(),
            session=session,
            source=source or Path(upload.name).stem,
            dry_run=dry_run,
            date_format=DATE_ORDERS[order],
            default_date=default_date,
        )
        state.remember("import-was-running", True)


@st.fragment(run_every=1.0)
def import_progress() -> None:
    """Live progress of this session's import; keeps its report when it ends and shows it."""
    session = state.recall("import-session")
    current = importing.import_status(session) if session else None
    if current is None or not state.recall("import-was-running"):
        return
    if current.running:
        counts = f" — {current.done:,} of {current.total:,}" if current.total else ""
        counts = counts or (f" — {current.done:,}" if current.done else "…")
        st.progress(current.fraction, text=f"{STAGES.get(current.stage, current.stage.capitalize())}{counts}")
        st.caption("You can open other pages meanwhile: the import goes on, and its report waits here.")
        return
    state.forget("import-was-running")
    if current.error:
        st.error(f"The file was not imported — {render.escape_markdown(current.error)}")
        state.forget("import")
        return
    state.remember("import", current.result)
    st.rerun(scope="app")  # the report below, and the imports list, from the finished job


import_progress()

last = state.recall("import")
if last:
    report, rejected = last
    report: IngestReport
    st.subheader(("Dry run of " if report.dry_run else "Imported ") + report.source_name)
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric("Rows read", f"{report.rows_read:,}")
    c2.metric("Would import" if report.dry_run else "Imported", f"{report.imported:,}")
    c3.metric("Duplicates", f"{report.duplicates:,}")
    c4.metric("Rejected", f"{report.rejected:,}")
    c5.metric("Redacted", f"{report.redacted_notes:,}", help="Notes where personal data was removed.")
    if report.import_id is not None:
        st.caption(f"Import #{report.import_id} — it can be undone below.")
    if report.date_note:
        st.info(f"Dates: {report.date_note}", icon=":material/calendar_month:")
    if report.column_mapping:
        st.caption("Columns used: " + ", ".join(f"{k} → {v}" for k, v in report.column_mapping.items()))
    if report.unknown_columns:
        st.caption("Kept as extra attributes: " + ", ".join(report.unknown_columns))
    if report.dropped_columns:
        st.caption(
            "Not stored (personal data): "
            + "; ".join(f"{render.escape_markdown(c)} — {why}" for c, why in report.dropped_columns.items())
        )
    if report.problems:
        st.write("**Problems**")
        frame = render.notes_frame(
            {"Row": p.row, "Field": p.field or "", "Problem": p.message} for p in report.problems[:1000]
        )
        st.dataframe(frame, hide_index=True, column_config={"Problem": st.column_config.TextColumn(width="large")})
    if rejected:
        st.download_button(
            "Rejected rows (CSV)",
            rejected,
            f"{report.source_name}.rejected.csv",
            "text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="import-rejected",
        )

st.subheader("Imports")
undone = state.recall("import-undone")
if undone:
    st.success(undone, icon=":material/undo:")
    state.forget("import-undone")
try:
    imports = importing.recent_imports()
except EarshotError as exc:
    render.show_error(exc)
    imports = []
if not imports:
    render.empty("No imports yet.")
else:
    st.dataframe(
        render.notes_frame(
            {
                "Id": r.import_id,
                "Status": "interrupted" if r.interrupted else r.status,
                "Started (UTC)": r.started_at,
                "Kind": r.kind,
                "Name": r.name,
                "Read": r.rows_read,
                "Stored": r.imported,
                "Duplicates": r.duplicates,
                "Rejected": r.rejected,
                "Note": r.message or "",
            }
            for r in imports
        ),
        hide_index=True,
        key="import-ledger",
    )
    undoable = {
        f"#{r.import_id} — {r.name} ({r.imported:,} notes)": r.import_id
        for r in imports
        if r.status == "complete" or r.interrupted
    }
    if undoable:
        with st.form("undo-import"):
            choice = st.selectbox(
                "Undo an import",
                list(undoable),
                key="undo-choice",
                help="Removes the notes it stored, with their vectors and topic placements.",
            )
            sure = st.checkbox("Yes, remove these notes", key="undo-sure")
            undo_go = st.form_submit_button("Undo import", icon=":material/undo:")
        if undo_go:
            if not sure:
                st.warning("Tick “Yes, remove these notes” first.")
            else:
                try:
                    result = importing.undo(undoable[choice])
                except EarshotError as exc:
                    render.show_error(exc)
                else:
                    state.remember(
                        "import-undone",
                        f"Undid import #{result.record.import_id} ({result.record.name}): removed "
                        f"{result.notes_removed:,} notes. Topic sizes catch up at the next refit.",
                    )
                    st.rerun()
