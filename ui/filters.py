"""The filter bar every analysis page shares: date range, product, channel, team, kind."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from insight.filter_options import FilterOptions
from insight.records import NoteFilters


def filter_bar(options: FilterOptions, key: str, *, default_weeks: int | None = None) -> NoteFilters:
    """Render the filters (in an expander) and return what is selected.

    ``default_weeks`` pre-selects the last N weeks of data; ``None`` selects the whole span.
    """
    last = options.last or date.today()
    first = options.first or last
    start_default = max(first, last - timedelta(weeks=default_weeks)) if default_weeks else first
    with st.expander("Filters", icon=":material/filter_list:"):
        cols = st.columns([2, 1, 1, 1, 1])
        picked = cols[0].date_input(
            "Dates",
            value=(start_default, last),
            min_value=first,
            max_value=last,
            key=f"{key}-dates",
            format="YYYY-MM-DD",
        )
        products = cols[1].multiselect("Product", options.products, key=f"{key}-product", placeholder="All")
        channels = cols[2].multiselect("Channel", options.channels, key=f"{key}-channel", placeholder="All")
        teams = cols[3].multiselect("Team", options.teams, key=f"{key}-team", placeholder="All")
        kinds = cols[4].multiselect("Kind", options.kinds, key=f"{key}-kind", placeholder="All")
    start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (None, None)
    whole_span = start == first and end == last
    return NoteFilters(
        start=None if whole_span else start,
        end=None if whole_span else end,
        products=tuple(products),
        channels=tuple(channels),
        teams=tuple(teams),
        kinds=tuple(kinds),
    )
