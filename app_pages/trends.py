"""Product managers and leaders: which topics are growing, new, spiking or fading."""

from __future__ import annotations

import streamlit as st

from insight.filter_options import filter_options
from insight.theme_view import by_signal_and_growth, theme_members, theme_trends
from insight.trend_view import PocketTrend, topic_overview
from ui import charts, data, filters, judging, render, resources, state

settings, store = resources.get_settings(), resources.get_store()
options = data.cached(filter_options, store)

st.title("Trends")
picked = filters.filter_bar(options, "trends", default_weeks=12)
overview = data.cached(topic_overview, store, settings, picked)
if not overview.topics:
    render.empty(
        "No topics yet. They are found by themselves once enough notes are in, or when an admin refits "
        "(Admin → Topics admin → Refit now)."
    )
    st.stop()

if overview.pending and overview.signal_week:
    judging.pending_notice(store, settings, overview.signal_week)
rows = overview.topics
signals = [r for r in rows if r.signal in ("emerging", "new", "spike")]
c1, c2, c3, c4 = st.columns(4)
per_week = overview.notes_per_week()  # Unclear included: the brief's headline says the same number
c1.metric(
    f"Notes in {overview.weeks[-1]}",
    f"{per_week[-1]:,}",
    delta=per_week[-1] - per_week[-2] if len(per_week) > 1 else None,
)
c2.metric("Topics", len(rows))
c3.metric("Emerging / new / spiking", len(signals) + len(overview.pockets))
c4.metric("Fading", sum(1 for r in rows if r.signal == "fading") + len(overview.fading_pockets))


def pocket_card(pocket: PocketTrend, kind: str, key: str, relation: str, link_help: str) -> None:
    """A need found below the topic level: its name, change and evidence, and a link to each topic it sits in."""
    st.markdown(f"{render.signal_badge(kind)} · **{render.escape_markdown(pocket.label)}**")
    agents = f" · {pocket.distinct_agents} agents" if kind != "fading" else ""
    st.caption(
        f"{render.escape_markdown(pocket.change)}{agents} · {render.escape_markdown(pocket.chance)}",
        help=render.escape_markdown(pocket.reason),
    )
    # One wrapping row of links: a need spread over four topics took four full lines, one per topic.
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.caption(f"{relation}:", width="content")
    for topic_id, topic_label in pocket.parents:
        if row.button(topic_label, key=f"{key}-{topic_id}", type="tertiary", help=link_help):
            state.open_topic(topic_id, "app_pages/topic.py")


GROWTH_HELP = "Last 2 weeks vs the 2 before; from under a note a week, the two counts ('1 → 9')"
# Bars, not a line: a PM reads weekly counts, and a smoothed line draws a rise between two weeks that had none.

chart_col, signal_col = st.columns([3, 2])
with chart_col:
    judged = f" as judged on {overview.judged_at[:10]}" if overview.judged_at else ""
    st.caption(f"Top topics, last 4 weeks — click a bar to open it. Signals are for {overview.signal_week}{judged}.")
    top = sorted(rows, key=lambda r: -sum(r.weekly[-4:]))[:16]
    render.clickable_topic_chart(charts.trend_bars(top), key="trends-chart")
with signal_col:
    st.subheader(f"Signals in {overview.signal_week}")
    flagged = [r for r in rows if r.signal]
    if not flagged and not overview.pockets and not overview.fading_pockets:
        st.caption("Nothing unusual this week.")
    # New needs found below the topic level first: their topic's own count barely moved, so nothing else shows them.
    for i, pocket in enumerate(overview.pockets[:5]):
        pocket_card(
            pocket, "emerging", f"pocket-parent-{i}", "growing inside", "Open the topic this new need is growing inside"
        )
    # Topics of one theme with the same signal are one card: one surge often lands in several sibling topics.
    groups: dict[tuple, list] = {}
    for n, r in enumerate(flagged):
        groups.setdefault((r.signal, r.theme) if r.theme else (r.signal, n), []).append(r)
    shown = list(groups.values())[: max(0, 5 - len(overview.pockets))]
    for lead, *siblings in shown:
        label = f"{render.signal_badge(lead.signal)} · {render.escape_markdown(lead.label)}"
        if st.button(label, key=f"signal-open-{lead.topic_id}", type="tertiary", help="Open this topic"):
            state.open_topic(lead.topic_id, "app_pages/topic.py")
        growth = f" · {lead.growth - 1:+.0%} vs the 2 weeks before" if lead.growth is not None else ""
        plural = "s" if lead.last_week != 1 else ""
        st.caption(
            f"{lead.last_week} note{plural} this week · {sum(lead.weekly[-4:])} in 4 weeks{growth}",
            help=render.escape_markdown(lead.signal_reason) if lead.signal_reason else None,
        )
        if siblings:
            row = st.container(horizontal=True, gap="small", vertical_alignment="center")
            row.caption(f"also {lead.signal} in its theme:", width="content")
            for r in siblings:
                opened = row.button(
                    f"{r.label} ({r.last_week})", key=f"signal-open-{r.topic_id}", type="tertiary", help="Open it"
                )
                if opened:
                    state.open_topic(r.topic_id, "app_pages/topic.py")
    hidden = sum(len(g) for g in groups.values()) - sum(len(g) for g in shown) + max(0, len(overview.pockets) - 5)
    if hidden > 0:
        st.caption(f"…and {hidden} more (topics in the table below).")
    # Needs going quiet below the topic level: no topic's count shows them, so they are listed here.
    for i, pocket in enumerate(overview.fading_pockets[:3]):
        pocket_card(pocket, "fading", f"fading-parent-{i}", "was inside", "Open a topic this need was filed under")

# The export keeps the weeks in the column's name; on screen the header is one word (a 120–140 px column cuts
# "Weekly (2026-W37 → 2026-W48)") and the weeks are in its help.
weekly_column = f"Weekly ({overview.weeks[0]} → {overview.weeks[-1]})"
WEEKLY_HELP = f"Notes each week, one bar a week, oldest first: {overview.weeks[0]} to {overview.weeks[-1]}"
themes = theme_trends(overview)
controls = st.columns([2, 3])
group = "Topics"
if len(themes) > 1:
    group = controls[0].segmented_control("Show", ["Topics", "Themes"], default="Topics", key="trends-group")
sort = controls[1].segmented_control(
    "Rank by", ["Signal & growth", "Volume"], default="Signal & growth", key="trends-sort"
)
if group == "Themes":  # None (nothing picked) shows topics
    if sort != "Volume":
        themes = by_signal_and_growth(themes)
    theme_frame = render.notes_frame(
        {
            "Theme": t.theme,
            "Topics": len(t.topics),
            "Signals": t.signals,
            weekly_column: list(t.weekly),
            "This week": t.last_week,
            "Total": t.total,
            "Growth": round(100.0 * (t.growth - 1.0)) if t.growth is not None else None,  # as for topics
            "Largest topics": " · ".join(r.label for r in t.topics[:3]),
        }
        for t in themes
    )
    theme_display = theme_frame.copy()
    theme_display["Growth"] = [
        render.growth_cell(g, t.weekly) for g, t in zip(theme_frame["Growth"], themes, strict=True)
    ]
    picked_theme = st.dataframe(
        theme_display,
        hide_index=True,
        column_config={
            # 140 px holds 12 weekly bars and leaves "Largest topics" its room at 1280 px
            weekly_column: st.column_config.BarChartColumn("Weekly", width=140, y_min=0, help=WEEKLY_HELP),
            "Growth": st.column_config.TextColumn(help=GROWTH_HELP),
            "Signals": st.column_config.NumberColumn(help="Topics in the theme that are emerging, new or spiking"),
            "Theme": st.column_config.TextColumn(width=210),  # names run to ~30 characters; the topics get the rest
            "Largest topics": st.column_config.TextColumn(),
        },
        height=min(35 * (len(theme_frame) + 1) + 3, 800),  # every theme without an inner scrollbar, up to ~22
        on_select="rerun",
        selection_mode="single-row",
        key="trends-theme-table",
    )
    if not picked_theme.selection.rows:
        st.caption("Select a theme to see its topics.")
        st.stop()
    theme_name = themes[picked_theme.selection.rows[0]].theme
    st.subheader(f"Topics in {render.escape_markdown(theme_name)}")
    rows = tuple(theme_members(rows, theme_name))
ranked = sorted(rows, key=lambda r: -r.total) if sort == "Volume" else list(rows)
frame = render.notes_frame(
    {
        "Topic": r.label,
        "Signal": r.signal or "",
        weekly_column: list(r.weekly),
        "This week": r.last_week,
        "Total": r.total,
        "Growth": round(100.0 * (r.growth - 1.0)) if r.growth is not None else None,  # whole percent, exports too
        "Status": r.status or "",
        "Owner": r.owner or "",
        "id": r.topic_id,
    }
    for r in ranked
)
display = render.with_badges(frame)
display["Growth"] = [render.growth_cell(g, r.weekly) for g, r in zip(frame["Growth"], ranked, strict=True)]
table = st.dataframe(
    display,
    hide_index=True,
    column_order=[c for c in frame.columns if c != "id"],
    column_config={
        # Names are short phrases of up to ~40 characters: the topic gets the room, the sparkline less.
        weekly_column: st.column_config.BarChartColumn("Weekly", width=120, y_min=0, help=WEEKLY_HELP),
        "Growth": st.column_config.TextColumn(help=GROWTH_HELP),
        "Topic": st.column_config.TextColumn(width=250),
        "Signal": st.column_config.TextColumn(width=95),
        "Status": st.column_config.TextColumn(width=125),  # "🔎 investigating" whole at 1280 px
    },
    height=min(35 * (len(frame) + 1) + 3, 800),  # every topic without an inner scrollbar, up to ~22
    on_select="rerun",
    selection_mode="single-row",
    key="trends-table",
)
if table.selection.rows:
    state.open_topic(int(frame.iloc[table.selection.rows[0]]["id"]), "app_pages/topic.py")
# The export keeps Growth a whole-percent number a spreadsheet can sort (443, not 443.0), and says it as the page
# does beside it ("+443%", "0 → 46" where there is no ratio from almost nothing).
export = frame.drop(columns=["id"])
export["Growth"] = export["Growth"].astype("Int64")
export.insert(export.columns.get_loc("Growth") + 1, "Growth as shown", list(display["Growth"]))
render.export_buttons(export, f"trends-{overview.signal_week}", key="trends")
