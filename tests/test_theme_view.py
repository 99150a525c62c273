"""Trends grouped by theme, and which names the topic map prints (pure functions, no app)."""

from __future__ import annotations

from insight.theme_view import NO_THEME, by_signal_and_growth, theme_members, theme_trends
from insight.topic_map import TopicPoint
from insight.trend_view import TopicTrend, TrendOverview
from ui.charts import RISING_COLOR, readable_labels, topic_scatter
from ui.render import growth_cell


def _trend(topic_id: int, weekly: tuple[int, ...], theme: str | None, signal: str | None = None) -> TopicTrend:
    return TopicTrend(topic_id, f"t{topic_id}", None, None, weekly, sum(weekly), weekly[-1], None, signal, None, theme)


def test_theme_trends_add_up_their_topics_and_count_signals():
    overview = TrendOverview(
        ("W1", "W2", "W3", "W4"),
        "W4",
        (
            _trend(1, (1, 1, 5, 9), "eSIM", "emerging"),
            _trend(2, (2, 2, 2, 2), "eSIM"),
            _trend(3, (9, 9, 9, 9), "Billing"),
            _trend(4, (0, 0, 1, 0), None),
            _trend(5, (0, 0, 3, 4), "Roaming", "new"),
            _trend(6, (0, 1, 2, 3), "Roaming", "new"),
        ),
    )
    themes = theme_trends(overview)
    assert [t.theme for t in themes] == ["Billing", "eSIM", "Roaming", NO_THEME]  # largest first, no-theme last
    esim = themes[1]
    assert esim.weekly == (3, 3, 7, 11) and esim.total == 24 and esim.last_week == 11
    assert esim.signals == 1 and [r.topic_id for r in esim.topics] == [1, 2]
    assert esim.growth == round((18 + 1) / (6 + 1), 2)  # rounded as a topic's is
    # From (almost) nothing a theme has no ratio, as a topic has none: the page shows "1 → 12", not "+1200%"
    roaming = themes[2]
    assert roaming.growth is None and growth_cell(roaming.growth, roaming.weekly) == "1 → 12"
    assert growth_cell(None if esim.growth is None else 100 * (esim.growth - 1), esim.weekly) == "+171%"
    assert [r.topic_id for r in theme_members(overview.topics, NO_THEME)] == [4]
    # "Rank by: Signal & growth": two topics with a signal first, then one, then none; volume only breaks ties
    assert [t.theme for t in by_signal_and_growth(themes)] == ["Roaming", "eSIM", "Billing", NO_THEME]


def _point(topic_id: int, x: float, y: float, size: int, label: str = "Some readable topic name") -> TopicPoint:
    return TopicPoint(topic_id, label, (), size, x, y)


def test_the_map_names_only_what_can_be_read_largest_and_selected_first():
    crowded = [_point(i, 0.0 + i * 0.001, 0.0, 100 - i) for i in range(10)]  # ten bubbles on one spot
    apart = [_point(100 + i, float(i), float(i % 3) * 5, 20) for i in range(1, 6)]
    points = crowded + apart
    shown = readable_labels(points, limit=12)
    assert 0 in shown and not {1, 2, 3} & shown  # only the largest of the pile is named
    assert len(shown & {p.topic_id for p in apart}) >= 3
    assert 7 in readable_labels(points, selected=7)  # the selected topic is always named
    # A corner of small topics (an import beside the demo) gets a name before the big pile's next largest
    pile = [_point(200 + i, float(i % 6), float(i // 6), 300 - i, "Big") for i in range(30)]
    corner = [_point(300 + i, 10.0 + i * 0.01, 10.0, 20, "Small") for i in range(3)]
    assert 300 in readable_labels(pile + corner, limit=12)
    figure = topic_scatter(points, selected=7)
    assert len(figure.layout.annotations) == len(readable_labels(points, selected=7))
    assert sum(a.text.startswith("<b>") for a in figure.layout.annotations) == 1  # the selected one, in bold
    assert all(h for h in figure.data[0].hovertext)  # every bubble names itself on hover


def test_the_map_names_this_weeks_emerging_topics_first_and_draws_them_apart():
    """A PM opens the map to find what is rising: a small emerging topic in the crowded middle was nameless."""
    pile = [_point(200 + i, float(i % 6), float(i // 6), 300 - i, "Big") for i in range(30)]
    small = _point(999, 2.5, 2.5, 6, "Login screen after update")
    points = [*pile, small]
    assert 999 not in readable_labels(points, limit=12)
    assert 999 in readable_labels(points, rising={999}, limit=12)
    figure = topic_scatter(points, rising={999})
    hot = [trace for trace in figure.data if list(trace.customdata) == [[999, 6]]]
    assert len(hot) == 1 and hot[0].marker.color == RISING_COLOR and "emerging" in hot[0].hovertemplate
    assert any(a.text == "Login screen after update" for a in figure.layout.annotations)


def test_two_names_on_the_map_keep_a_gap_between_them():
    from ui.charts import crowds

    placed = [(0.0, 0.0, 100.0, 15.0)]
    assert crowds((0.0, 16.0, 100.0, 31.0), placed)  # one pixel below: a stack
    assert not crowds((0.0, 25.0, 100.0, 40.0), placed)
    assert crowds((104.0, 0.0, 200.0, 15.0), placed) and not crowds((115.0, 0.0, 200.0, 15.0), placed)
