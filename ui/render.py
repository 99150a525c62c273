"""Display helpers. Note text is data, never markup: it goes through :func:`escape_markdown` or into a
dataframe cell, so HTML, Markdown or script in a note is shown as typed and never renders or runs."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from insight.errors import EarshotError
from insight.export import table_bytes
from ui import charts, state

log = logging.getLogger("ui.render")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@])")
SIGNAL_BADGES: dict[str, str] = {
    "emerging": "📈 emerging",
    "new": "🆕 new",
    "spike": "⚡ spike",
    "fading": "📉 fading",
    "new-source": "📥 new source",
}
STATUS_BADGES: dict[str, str] = {
    # A PM has not looked at it yet. Shown as "untriaged", not "new": beside the "new" signal (a topic born this
    # week) a steady topic read as news.
    "new": "⚪ untriaged",
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


def empty(message: str) -> None:
    """A friendly empty state."""
    st.info(message, icon=":material/inbox:")


def when(moment: datetime | None) -> str:
    """A short date-time for tables and captions."""
    return moment.strftime("%d %b %Y %H:%M") if moment else ""


def signal_badge(kind: str | None) -> str:
    """A signal kind with its emoji, for a table cell."""
    return SIGNAL_BADGES.get(kind or "", kind or "")


def status_word(status: str | None) -> str:
    """A topic's status as a word, the same on every page: "new" (no PM has looked at it) reads "untriaged"."""
    return STATUS_BADGES.get(status or "new", status or "").split(" ", 1)[-1]


def status_badge(status: str | None) -> str:
    """A topic status with its emoji, for a table cell."""
    return STATUS_BADGES.get(status or "", status or "")


BADGED_COLUMNS: dict[str, Any] = {"Status": status_badge, "Signal": signal_badge}


def with_badges(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for display: the Status and Signal columns with their emoji (exports keep the plain words)."""
    out = frame.copy()
    for column, badge in BADGED_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(badge)
    return out


def growth_text(growth_pct: float | None, recent_notes: int, earlier_notes: int | None = None) -> str:
    """A growth percentage as a PM reads it: ``+229%``; from (almost) nothing, the counts themselves —
    ``1 → 9`` when the earlier notes are known, else ``new``.

    The numeric column stays in exports; on screen a missing ratio read "None", which says nothing, and "new"
    beside a topic with fifty notes read as if the topic were new.
    """
    if growth_pct is None or growth_pct != growth_pct:  # None or NaN (pandas turns None into NaN)
        if recent_notes <= 0:
            return ""
        return f"{earlier_notes} → {recent_notes}" if earlier_notes is not None else "new"
    return f"{growth_pct:+.0f}%"


def single_valued(breakdowns: dict[str, dict[str, int]]) -> str:
    """The dimensions with at most one value, in words: "No product, team or kind recorded; every note's
    channel is social." (a bar chart of one bar says less)."""
    empty = [d for d, v in breakdowns.items() if not v or set(v) == {"(none)"}]
    same = [(d, next(iter(v))) for d, v in breakdowns.items() if len(v) == 1 and d not in empty]
    parts = []
    if empty:
        listed = empty[0] if len(empty) == 1 else f"{', '.join(empty[:-1])} or {empty[-1]}"
        parts.append(f"No {listed} recorded")
    parts += [f"every note's {d} is {value}" for d, value in same]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def growth_cell(growth_pct: float | None, weekly: Sequence[int]) -> str:
    """:func:`growth_text` for a row whose ``weekly`` counts end with the two weeks the growth compares."""
    return growth_text(growth_pct, sum(weekly[-2:]), sum(weekly[-4:-2]))


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """What a spreadsheet should get: lists (sparkline series) as ``1, 4, 2`` text, one value per cell, and
    numbers rounded to 2 decimals (a growth of 228.57142857142856 % is read as 229)."""
    flat = frame.map(lambda v: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    floats = flat.select_dtypes("float").columns
    flat[floats] = flat[floats].round(2)
    return flat


def export_buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX download buttons for a table (formulas escaped by ``insight.export``)."""
    if frame.empty:
        return
    flat = _flat(frame)
    csv_bytes, xlsx_bytes = table_bytes(flat, "csv"), table_bytes(flat, "xlsx")
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


def clickable_topic_chart(figure: Any, key: str) -> None:
    """Show a plotly chart of topics; clicking a topic's bar or bubble opens its Topic page."""
    event = st.plotly_chart(
        figure, on_select="rerun", selection_mode="points", key=key, config={"displayModeBar": False}
    )
    clicked = charts.selected_topic_id(event)
    if clicked is not None:
        state.open_topic(clicked, "app_pages/topic.py")
