"""Plotly figures for the pages (built from service records; no data access here)."""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence

import plotly.graph_objects as go

from insight.topic_map import TopicPoint
from insight.trend_view import TopicTrend

SIGNAL_COLOURS = {
    "emerging": "#d9480f",
    "new": "#7048e8",
    "spike": "#e8590c",
    "fading": "#868e96",
    "new-source": "#74c0fc",  # a pale blue: a topic like the rest, that only arrived with a new source
    None: "#1c7ed6",
}
SIGNAL_WORDS = {"new-source": "new source"}  # how a signal kind reads beside its bar
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
            text=[SIGNAL_WORDS.get(r.signal or "", r.signal or "") for r in rows],
            textposition="outside",
            cliponaxis=False,  # the longest bar's word may run into the margin rather than be cut
            hovertemplate="%{y}<br>%{x} notes in the last " + str(weeks) + " weeks<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=max(260, 28 * len(rows) + 60), xaxis_title=f"Notes, last {weeks} weeks")
    fig.update_xaxes(range=[0, max(recent or [1]) * 1.3])  # room for the signal label
    fig.update_layout(clickmode="event+select")
    return fig


def weekly_bars(weeks: Sequence[str], counts: Sequence[int], title: str = "Notes per week") -> go.Figure:
    """One topic's notes per week, one bar a week: a count belongs to its week, and a line would draw counts
    between weeks that no week had."""
    fig = go.Figure(
        go.Bar(
            x=list(weeks),
            y=list(counts),
            marker_color=SIGNAL_COLOURS[None],
            hovertemplate="%{x}: %{y} notes<extra></extra>",
        )
    )
    fig.update_layout(**_LAYOUT, height=280, title=title, yaxis_title="notes", bargap=0.25)
    # ISO week labels, in order, never read as dates: "W46" under each bar, the year(s) under the axis (a
    # "2026-W35" tick is wider than a bar and runs into the next one)
    fig.update_xaxes(type="category", tickvals=list(weeks), ticktext=week_ticks(weeks), tickangle=0)
    fig.update_xaxes(title_text=week_years(weeks))
    return fig


def week_ticks(weeks: Sequence[str]) -> list[str]:
    """Short tick labels for ISO weeks: "2026-W45" → "W45" (a label that is no ISO week is kept whole)."""
    return [week.partition("-")[2] or week for week in weeks]


def week_years(weeks: Sequence[str]) -> str:
    """The year(s) the weeks fall in, for the axis title: "2026", or "2025–2026" across a new year."""
    years = sorted({week.partition("-")[0] for week in weeks if week.partition("-")[2]})
    return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""


def breakdown_bars(values: dict[str, int], title: str) -> go.Figure:
    """Counts per value of one dimension (product, channel…)."""
    items = sorted(values.items(), key=lambda kv: kv[1])
    fig = go.Figure(go.Bar(x=[v for _, v in items], y=[k for k, _ in items], orientation="h"))
    fig.update_layout(**_LAYOUT, height=max(160, 26 * len(items) + 50), title=title)
    return fig


MAP_HEIGHT = 520
MAP_WIDTH_GUESS = 780  # px; the chart fills its column: this wide in a 1280 px window, wider at 1440 (never less)
MAP_PAD = 0.07  # share of the map's span left empty on each side, so edge bubbles and their names fit
MAP_LABELS = 12
RISING_COLOR = SIGNAL_COLOURS["emerging"]  # this week's emerging topics on the topic map, as on the Trends chart
MAP_REGIONS = (4, 3)  # columns × rows: each part of the map gets its largest topic named before a second one
_CHAR_PX = 6.6  # average width of an 11 px label character
_LINE_PX = 15
_GAP_X, _GAP_Y = 12, 8  # px kept clear between two names on the map


def _bubble_px(size: int, biggest: int) -> float:
    return 12 + 40 * (size / max(biggest, 1)) ** 0.5


def crowds(box: tuple[float, float, float, float], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    """Whether a name's box (left, top, right, bottom, px) comes within ``_GAP_X``/``_GAP_Y`` of a placed one.

    Names a hair apart read as one stack whose lines belong to no bubble in particular (three emerging eSIM
    topics' names, 1 px apart, on the demo after an import).
    """
    return any(
        box[0] - _GAP_X < b[2] and b[0] < box[2] + _GAP_X and box[1] - _GAP_Y < b[3] and b[1] < box[3] + _GAP_Y
        for b in boxes
    )


def map_ranges(points: Sequence[TopicPoint]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The map's x and y ranges: the points' span with ``MAP_PAD`` on each side (fixed, so names can be placed)."""
    xs = [p.x for p in points] or [0.0]
    ys = [p.y for p in points] or [0.0]
    pad_x = ((max(xs) - min(xs)) or 1.0) * MAP_PAD
    pad_y = ((max(ys) - min(ys)) or 1.0) * MAP_PAD
    return (min(xs) - pad_x, max(xs) + pad_x), (min(ys) - pad_y, max(ys) + pad_y)


def readable_labels(
    points: Sequence[TopicPoint],
    *,
    selected: int | None = None,
    rising: Collection[int] = (),
    limit: int = MAP_LABELS,
    width: float = MAP_WIDTH_GUESS,
    height: float = MAP_HEIGHT,
) -> set[int]:
    """Topic ids whose names fit on the map without overlapping: the selected one, then the ``rising`` ones
    (this week's emerging topics: what a PM opens the map to find, and often small; the largest half the
    ``limit`` of them, so an import of new needs does not leave the rest of the map nameless), then the largest of each
    part of the map, then the next largest of each part, and so on.

    By size alone every name went to the biggest cluster: after an import beside the demo data, the 25 topics
    of the imported notes (smaller, in a corner of their own) were all nameless. Labels sit above their
    bubble; each is placed only if its box (estimated from the name's length) clears every label already
    placed. The rest are read by hovering.
    """
    if not points:
        return set()
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    (x0, x1), (y0, y1) = map_ranges(points)
    plot_w = width - _LAYOUT["margin"]["l"] - _LAYOUT["margin"]["r"]
    plot_h = height - _LAYOUT["margin"]["t"] - _LAYOUT["margin"]["b"]
    # rising topics are named first, but only so many: the largest of each part still name the map around them
    by_size = sorted((p for p in points if p.topic_id in rising), key=lambda p: (-p.size, p.topic_id))
    rising_first = {p.topic_id for p in by_size[: max(1, limit // 2)]}
    biggest = max(p.size for p in points)
    boxes: list[tuple[float, float, float, float]] = []
    shown: set[int] = set()
    columns, rows = MAP_REGIONS
    region = {
        p.topic_id: (
            min(int((p.x - min(xs)) / span_x * columns), columns - 1),
            min(int((max(ys) - p.y) / span_y * rows), rows - 1),
        )
        for p in points
    }
    rank_in_region: dict[int, int] = {}
    seen: dict[tuple[int, int], int] = {}
    for p in sorted(points, key=lambda p: (-p.size, p.topic_id)):
        rank_in_region[p.topic_id] = seen.get(region[p.topic_id], 0)
        seen[region[p.topic_id]] = rank_in_region[p.topic_id] + 1

    def priority(p: TopicPoint) -> tuple:
        return (p.topic_id != selected, p.topic_id not in rising_first, rank_in_region[p.topic_id], -p.size, p.topic_id)

    order = sorted(points, key=priority)
    for p in order:
        if len(shown) >= limit and p.topic_id != selected:
            break
        cx = (p.x - x0) / (x1 - x0) * plot_w
        cy = (y1 - p.y) / (y1 - y0) * plot_h
        half = len(p.label) * _CHAR_PX / 2 + 4
        top = cy - _bubble_px(p.size, biggest) / 2 - _LINE_PX - 2
        box = (cx - half, top, cx + half, top + _LINE_PX)
        clash = crowds(box, boxes)
        if clash and p.topic_id != selected:
            continue
        boxes.append(box)
        shown.add(p.topic_id)
    return shown


def topic_scatter(points: Sequence[TopicPoint], selected: int | None = None, rising: Collection[int] = ()) -> go.Figure:
    """The topic map: one bubble per topic (size = notes); close bubbles are similar topics. Click opens it.

    Only the names that can be read are printed (:func:`readable_labels`): the selected topic's, the ``rising``
    ones' (this week's emerging topics, drawn in orange) and the largest topics' that do not overlap; every
    bubble shows its name on hover.
    """
    sizes = [p.size for p in points]
    biggest = max(sizes) if sizes else 1
    shown = readable_labels(points, selected=selected, rising=rising)
    calm = [p for p in points if p.topic_id not in rising]
    hot = [p for p in points if p.topic_id in rising]
    fig = go.Figure()
    for group, color, note in ((calm, None, ""), (hot, RISING_COLOR, " · emerging this week")):
        if not group:
            continue
        fig.add_trace(
            go.Scatter(
                x=[p.x for p in group],
                y=[p.y for p in group],
                mode="markers",
                hovertext=[html.escape(p.label) for p in group],
                customdata=[[p.topic_id, p.size] for p in group],
                marker={
                    "size": [_bubble_px(p.size, biggest) for p in group],
                    "opacity": 0.75 if color is None else 0.9,
                    "line": {"width": 1, "color": "white"},
                    **(
                        {"color": [p.size for p in group], "colorscale": "Blues", "cmin": -biggest * 0.3}
                        if color is None
                        else {"color": color}
                    ),
                },
                hovertemplate=f"%{{hovertext}}<br>%{{customdata[1]}} notes{note} · click to open<extra></extra>",
                showlegend=False,
            )
        )
    for p in points:  # names as annotations: drawn above every bubble, on a light backing
        if p.topic_id in shown:
            fig.add_annotation(
                x=p.x,
                y=p.y,
                text=("<b>" + html.escape(p.label) + "</b>") if p.topic_id == selected else html.escape(p.label),
                showarrow=False,
                yshift=_bubble_px(p.size, biggest) / 2 + _LINE_PX / 2 + 1,
                font={"size": 11, "color": "#1f2937"},
                bgcolor="rgba(255,255,255,0.85)",
                borderpad=1,
            )
    x_range, y_range = map_ranges(points)
    fig.update_layout(**_LAYOUT, height=MAP_HEIGHT, xaxis_visible=False, yaxis_visible=False, clickmode="event+select")
    fig.update_xaxes(range=list(x_range), fixedrange=True)
    fig.update_yaxes(range=list(y_range), fixedrange=True)
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
