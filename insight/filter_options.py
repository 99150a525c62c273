"""What the filter pickers offer (stored products, channels, teams, kinds, agents, the date span), and
whether there is any note at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from insight.store import Store
from insight.store import notes as notes_sql


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter pickers offer, and the date span of the data."""

    products: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    first: date | None = None
    last: date | None = None
    agents: tuple[tuple[str, str | None], ...] = field(default=())


def filter_options(store: Store) -> FilterOptions:
    """What the filter pickers offer: stored products, channels, teams, kinds, agents and the date span."""
    with store.read() as con:
        values = notes_sql.distinct_values(con)
        first, last = notes_sql.note_time_range(con)
        agent_rows = notes_sql.agents(con)
    return FilterOptions(
        products=tuple(values["product"]),
        channels=tuple(values["channel"]),
        teams=tuple(values["team"]),
        kinds=tuple(values["kind"]),
        first=first.date() if first else None,
        last=last.date() if last else None,
        agents=tuple((a, t) for a, t in agent_rows),
    )


def has_notes(store: Store) -> bool:
    """Whether any note is stored (creates and upgrades the database file if it is new)."""
    with store.read() as con:
        first, _ = notes_sql.note_time_range(con)
    return first is not None
