"""Plotly figures for the pages (built from service records; no data access here)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

from insight.search import TopicPoint, TopicTrend

SIGNAL_COLOURS = {"emerging": "#d9480f", "new": "#7048e8", "spike": "#e8590c", "fading": "#868e96", None: "#1c7ed6"}
_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "hovermode": "closest", "dragmode": False}


def trend_bars(rows: Sequence[TopicTrend], weeks: int = 4) -> go.Figure:
    """Horizontal bars: each topic's notes in the last ``weeks`` weeks, coloured by its signal. Click opens it."""
    rows = list(rows)[::-1]
    recent = [sum(r.weekly[-weeks:]) for r in rows]
    fig = go.Figure(
        go.Bar(
            x=recent,
            y=[f"{html.escape(r.label)}  " for r in rows],
            orientation="h",
            customdata=[r.topic_id for r in rows],
            marker_color=[SIGNAL_COLOURS.get(r.signal, SIGNAL_COLOURS[None]) for r in rows],
            text=[r.signal or "" for r in rows],
            textposition="outside",
            hovertemplate="%{y}<br>%{x} notes in the last " + str(weeks) + " weeks<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=max(260, 28 * len(rows) + 60), xaxis_title=f"Notes, last {weeks} weeks")
    fig.update_xaxes(range=[0, max(recent or [1]) * 1.25])  # room for the signal label
    fig.update_layout(clickmode="event+select")
    return fig


def volume_line(weeks: Sequence[str], counts: Sequence[int], title: str = "Notes per week") -> go.Figure:
    """One topic's weekly volume."""
    fig = go.Figure(go.Scatter(x=list(weeks), y=list(counts), mode="lines+markers", line_shape="spline"))
    fig.update_layout(**_LAYOUT, height=280, title=title, yaxis_title="notes")
    return fig


def breakdown_bars(values: dict[str, int], title: str) -> go.Figure:
    """Counts per value of one dimension (product, channel…)."""
    items = sorted(values.items(), key=lambda kv: kv[1])
    fig = go.Figure(go.Bar(x=[v for _, v in items], y=[k for k, _ in items], orientation="h"))
    fig.update_layout(**_LAYOUT, height=max(160, 26 * len(items) + 50), title=title)
    return fig


def topic_scatter(points: Sequence[TopicPoint]) -> go.Figure:
    """The topic map: one bubble per topic (size = notes); close bubbles are similar topics. Click opens it."""
    sizes = [p.size for p in points]
    biggest = max(sizes) if sizes else 1
    fig = go.Figure(
        go.Scatter(
            x=[p.x for p in points],
            y=[p.y for p in points],
            mode="markers+text",
            text=[html.escape(p.label) for p in points],
            textposition="top center",
            customdata=[p.topic_id for p in points],
            textfont={"size": 11},
            marker={
                "size": [12 + 40 * (s / biggest) ** 0.5 for s in sizes],
                "opacity": 0.75,
                "color": sizes,
                "colorscale": "Blues",
                "cmin": -biggest * 0.3,
                "line": {"width": 1, "color": "white"},
            },
            hovertemplate="%{text}<br>%{marker.color} notes · click to open<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=520, xaxis_visible=False, yaxis_visible=False, clickmode="event+select")
    return fig


def selected_topic_id(selection: object) -> int | None:
    """The topic id of the first point a person clicked in a chart made here (from ``customdata``)."""
    points = getattr(getattr(selection, "selection", None), "points", None)
    if points is None and isinstance(selection, dict):
        points = selection.get("selection", {}).get("points")
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if custom is not None:
            return int(custom)
    return None
