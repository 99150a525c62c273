"""The Topic page's weekly chart: one bar a week, short week labels."""

from __future__ import annotations

from ui.charts import week_ticks, week_years, weekly_bars


def test_week_ticks_are_short_and_the_years_go_under_the_axis():
    weeks = ["2025-W51", "2025-W52", "2026-W01", "2026-W02"]
    assert week_ticks(weeks) == ["W51", "W52", "W01", "W02"]
    assert week_years(weeks) == "2025–2026"
    assert week_years(weeks[2:]) == "2026"
    assert week_ticks([]) == [] and week_years([]) == ""


def test_weekly_bars_draw_one_bar_a_week_in_order():
    weeks = ["2026-W45", "2026-W46", "2026-W47"]
    figure = weekly_bars(weeks, [0, 4, 9])
    (bars,) = figure.data
    assert bars.type == "bar"
    assert list(bars.x) == weeks and list(bars.y) == [0, 4, 9]
    assert list(figure.layout.xaxis.ticktext) == ["W45", "W46", "W47"]
    assert figure.layout.xaxis.title.text == "2026"
    assert figure.layout.xaxis.type == "category"  # never read as dates
