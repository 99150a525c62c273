"""Themes on the dashboard: the Trends rows added up per theme (a theme is a group of related topics)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from insight.trend_view import TopicTrend, TrendOverview, rise_in_notes, window_growth

NO_THEME = "Other topics"


@dataclass(frozen=True)
class ThemeTrend:
    """One theme on the Trends page: its topics' weekly notes added up, and how many of them carry a signal."""

    theme: str
    weekly: tuple[int, ...]
    total: int
    last_week: int
    growth: float | None
    topics: tuple[TopicTrend, ...]  # largest first
    signals: int  # topics with an emerging / new / spike signal


def theme_trends(overview: TrendOverview, *, window: int = 2) -> list[ThemeTrend]:
    """Group an overview's topics by theme (topics without one under :data:`NO_THEME`), largest theme first.

    Growth compares the last ``window`` weeks with the ``window`` before them exactly as for topics: a theme
    that had under one note a week before has none (its table cell reads "0 → 184", not "+18400%").
    """
    groups: dict[str, list[TopicTrend]] = {}
    for row in overview.topics:
        groups.setdefault(row.theme or NO_THEME, []).append(row)
    out = []
    for theme, rows in groups.items():
        weekly = tuple(sum(r.weekly[i] for r in rows) for i in range(len(overview.weeks)))
        out.append(
            ThemeTrend(
                theme=theme,
                weekly=weekly,
                total=sum(weekly),
                last_week=weekly[-1] if weekly else 0,
                growth=window_growth(weekly, window),
                topics=tuple(sorted(rows, key=lambda r: (-r.total, r.topic_id))),
                signals=sum(1 for r in rows if r.signal in ("emerging", "new", "spike")),
            )
        )
    out.sort(key=lambda t: (t.theme == NO_THEME, -t.total, t.theme))
    return out


def by_signal_and_growth(themes: Sequence[ThemeTrend], *, window: int = 2) -> list[ThemeTrend]:
    """Themes as the Trends page ranks them by "Signal & growth": most topics with a signal first, then the
    biggest rise in notes over the last ``window`` weeks (as topics are ranked), then volume; "Other topics" last.
    """
    return sorted(
        themes,
        key=lambda t: (t.theme == NO_THEME, -t.signals, -rise_in_notes(t.weekly, window), -t.total, t.theme),
    )


def theme_members(rows: Sequence[TopicTrend], theme: str) -> list[TopicTrend]:
    """The topics of one theme among ``rows`` (``NO_THEME`` for topics without a theme)."""
    return [r for r in rows if (r.theme or NO_THEME) == theme]
