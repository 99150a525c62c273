"""Display helpers. Note text is data, never markup: it goes through :func:`escape_markdown` or into a
dataframe cell, so HTML, Markdown or script in a note is shown as typed and never renders or runs."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from insight.errors import EarshotError

log = logging.getLogger("ui.render")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@])")
SIGNAL_BADGES: dict[str, str] = {"emerging": "📈 emerging", "new": "🆕 new", "spike": "⚡ spike", "fading": "📉 fading"}
STATUS_BADGES: dict[str, str] = {
    "new": "🆕 new",
    "investigating": "🔎 investigating",
    "planned": "🗓️ planned",
    "done": "✅ done",
    "declined": "🚫 declined",
}


def escape_markdown(text: object) -> str:
    """``text`` as Markdown that displays literally: every punctuation mark backslash-escaped, line breaks kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return "  \n".join(line.strip() for line in escaped.splitlines())


def show_error(exc: EarshotError) -> None:
    """An :class:`EarshotError` as a person should see it (title and what to do; never a traceback)."""
    log.info("shown to user: %s", exc, exc_info=True)
    st.error(f"**{escape_markdown(exc.title)}** — {escape_markdown(exc.message)}", icon=":material/error:")


def quote(text: str, caption: str | None = None) -> None:
    """A note shown as a quote card: escaped text plus an optional caption line (also escaped)."""
    with st.container(border=True):
        st.markdown(escape_markdown(text))
        if caption:
            st.caption(escape_markdown(caption))


def coming(what: str, needs: str) -> None:
    """The empty state of a feature whose service is still being written."""
    st.info(f"**{what}** is coming soon.", icon=":material/construction:")
    st.caption(f"Waiting for the service call {needs}.")


def empty(message: str) -> None:
    """A friendly empty state."""
    st.info(message, icon=":material/inbox:")


def when(moment: datetime | None) -> str:
    """A short date-time for tables and captions."""
    return moment.strftime("%d %b %Y %H:%M") if moment else ""


def signal_badge(kind: str | None) -> str:
    """A signal kind with its emoji, for a table cell."""
    return SIGNAL_BADGES.get(kind or "", kind or "")


def status_badge(status: str | None) -> str:
    """A topic status with its emoji, for a table cell."""
    return STATUS_BADGES.get(status or "", status or "")


def _export_module() -> Any | None:
    try:
        from insight import export  # owned by the topics work; may not exist yet
    except ImportError:
        return None
    return export


def _escaped_frame(frame: pd.DataFrame, escape: Callable[[object], object]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(escape)
    return out


def table_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """A table as CSV or XLSX bytes, spreadsheet formulas escaped by ``insight.export``."""
    export = _export_module()
    if export is None or not hasattr(export, "escape_formula"):
        raise EarshotError("Exports are not available yet (insight/export.py is missing).", title="Export unavailable")
    writer = getattr(export, "write_table", None)
    if writer is not None:
        buffer = io.BytesIO()
        writer(frame, buffer, fmt)
        return buffer.getvalue()
    safe = _escaped_frame(frame, export.escape_formula)
    if fmt == "csv":
        return safe.to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    safe.to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


def export_buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX download buttons for a table."""
    if frame.empty:
        return
    try:
        csv_bytes, xlsx_bytes = table_bytes(frame, "csv"), table_bytes(frame, "xlsx")
    except EarshotError as exc:
        st.caption(exc.message)
        return
    row = st.container(horizontal=True)
    row.download_button(
        "CSV",
        csv_bytes,
        f"{name}.csv",
        "text/csv",
        key=f"{key}-csv",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        "XLSX",
        xlsx_bytes,
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        icon=":material/download:",
        on_click="ignore",
    )


def notes_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A list of row dicts as a DataFrame (empty frame when there are none)."""
    return pd.DataFrame(list(rows))
