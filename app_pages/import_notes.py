"""Admins: import notes from a CSV, JSONL or XLSX file, with progress and a report of rejected rows."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from insight.errors import EarshotError
from insight.records import IngestReport
from ui import importing, render, state

STAGES = {"reading": "Reading rows", "embedding": "Embedding notes", "writing": "Saving notes"}

st.title("Import notes")
st.caption(
    "A CSV, JSONL or XLSX file with one note per row. Only a text column is required (text, note, comment…); "
    "created_at, agent_id, team, channel, product, customer_segment, kind, tags and an id are picked up when present. "
    "Personal data is redacted before anything is stored; re-importing the same file adds no duplicates."
)
with st.form("import"):
    upload = st.file_uploader("File", type=["csv", "tsv", "txt", "jsonl", "ndjson", "json", "xlsx"])
    left, right = st.columns([3, 1])
    source = left.text_input("Source name", placeholder="e.g. crm-export (default: the file name)")
    dry_run = right.checkbox("Dry run (check only)", help="Validate every row without saving anything.")
    go = st.form_submit_button("Import", type="primary", icon=":material/upload:")

if go:
    if upload is None:
        st.warning("Choose a file first.")
    else:
        bar = st.progress(0.0, text="Starting…")

        def progress(stage: str, done: int, total: int) -> None:
            share = min(1.0, done / total) if total else 0.0
            counts = f" — {done:,} of {total:,}" if total else f" — {done:,}"
            bar.progress(share, text=f"{STAGES.get(stage, stage)}{counts}")

        try:
            report, rejected = importing.import_upload(
                upload.name,
                upload.getvalue(),
                source=source or Path(upload.name).stem,
                dry_run=dry_run,
                progress=progress,
            )
        except EarshotError as exc:
            bar.empty()
            render.show_error(exc)
            state.forget("import")
        else:
            bar.progress(1.0, text=f"Done in {report.seconds:.1f} s")
            state.remember("import", (report, rejected))

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
    if report.column_mapping:
        st.caption("Columns used: " + ", ".join(f"{k} → {v}" for k, v in report.column_mapping.items()))
    if report.unknown_columns:
        st.caption("Kept as extra attributes: " + ", ".join(report.unknown_columns))
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
