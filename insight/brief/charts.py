"""Small inline SVG charts for the HTML brief: no script, no external file, every label escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def sparkline_svg(points: Sequence[tuple[str, int]], width: int = 140, height: int = 32) -> str:
    """A line of weekly counts, the last week marked; ``points`` are (week, count), oldest first."""
    if not points:
        return ""
    top = max(max(c for _, c in points), 1)
    pad = 3
    step = (width - 2 * pad) / max(1, len(points) - 1)
    coords = [(pad + i * step, height - pad - (c / top) * (height - 2 * pad)) for i, (_, c) in enumerate(points)]
    line = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
    label = ", ".join(f"{w}: {c}" for w, c in points)
    lx, ly = coords[-1]
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<polyline fill="none" stroke="#6b7a90" stroke-width="1.5" points="{line}"/>'
        f'<circle cx="{_num(lx)}" cy="{_num(ly)}" r="2.5" fill="#c2410c"/></svg>'
    )


def week_bars_svg(points: Sequence[tuple[str, int]], width: int = 320, height: int = 80) -> str:
    """Columns of notes per week with the week labels underneath; the last (this) week highlighted."""
    if not points:
        return ""
    top = max(max(c for _, c in points), 1)
    label_h, gap = 14, 4
    bar_w = (width - gap * (len(points) - 1)) / len(points)
    parts = []
    for i, (week, count) in enumerate(points):
        h = (count / top) * (height - label_h - 2)
        x = i * (bar_w + gap)
        fill = "#c2410c" if i == len(points) - 1 else "#b8c2d0"
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(height - label_h - h)}" width="{_num(bar_w)}" height="{_num(h)}" '
            f'fill="{fill}"><title>{escape(week)}: {count} notes</title></rect>'
            f'<text x="{_num(x + bar_w / 2)}" y="{height - 2}" text-anchor="middle">{escape(week[-3:])}</text>'
        )
    label = ", ".join(f"{w}: {c}" for w, c in points)
    return (
        f'<svg class="bars" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Notes per week: {escape(label)}">{"".join(parts)}</svg>'
    )


def product_bars_svg(rows: Sequence[tuple[str, int, int]], width: int = 360, row_h: int = 18) -> str:
    """Horizontal bars per product: this week filled, last week as an outline; rows are (name, now, before)."""
    if not rows:
        return ""
    top = max(max(max(n, p) for _, n, p in rows), 1)
    label_w, pad = 120, 4
    bar_span = width - label_w - 40
    height = row_h * len(rows) + pad
    parts = []
    for i, (name, now, before) in enumerate(rows):
        y = pad + i * row_h
        w_now, w_before = bar_span * now / top, bar_span * before / top
        short = name if len(name) <= 18 else name[:17] + "…"
        parts.append(
            f'<text x="0" y="{y + row_h - 6}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{_num(w_now)}" height="{row_h - 6}" fill="#6b7a90">'
            f"<title>{escape(name)}: {now} notes (last week {before})</title></rect>"
            f'<rect x="{label_w}" y="{y + 2}" width="{_num(w_before)}" height="{row_h - 6}" fill="none" '
            f'stroke="#c2410c" stroke-dasharray="3 2"/>'
            f'<text x="{_num(label_w + max(w_now, w_before) + 4)}" y="{y + row_h - 6}">{now}</text>'
        )
    return (
        f'<svg class="products" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Notes per product this week and last">{"".join(parts)}</svg>'
    )
