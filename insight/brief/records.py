"""Records of the weekly brief: what it says, in numbers that can each be traced to notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insight.trends.records import Quote


@dataclass(frozen=True)
class Headline:
    """The week's headline numbers and the same numbers a week earlier."""

    notes: int
    notes_previous: int
    agents: int
    agents_previous: int
    topics: int
    topics_previous: int


@dataclass(frozen=True)
class BriefItem:
    """One topic in a section of the brief.

    ``count`` is its notes this week (within the section's kind, for the kind sections), ``previous`` last
    week's, ``baseline`` the weekly mean before the ``window_weeks`` weeks the signal judged (signals
    only). ``flag`` names a trend signal the topic also raised (``spike``, ``fading``…). ``summary``
    comes from the summariser.
    """

    topic_id: int
    label: str
    count: int
    previous: int
    distinct_agents: int
    owner: str | None = None
    status: str | None = None
    baseline: float | None = None
    growth: float | None = None
    score: float | None = None
    flag: str | None = None
    window_weeks: int = 1
    summary: str | None = None
    weekly_counts: tuple[tuple[str, int], ...] = ()
    quotes: tuple[Quote, ...] = ()
    theme: str | None = None  # the topic's theme (emerging topics only; a pocket has none)
    # a pocket not yet a topic of its own: the topic it grows inside, and that topic's notes this week — so the
    # reader sees why the appendix lists that topic, not this need, and with more notes
    inside: str | None = None
    inside_count: int | None = None


@dataclass(frozen=True)
class NeedGroup:
    """Emerging topics of one theme, shown as one need: the strongest in full, the others on one line.

    One surge often lands in several sibling topics ("eSIM option", "Dual SIM setup", "Bought new Galaxy");
    listed apart they took three of page one's five places and read as three needs.
    """

    lead: BriefItem
    also: tuple[BriefItem, ...] = ()

    @property
    def theme(self) -> str | None:
        return self.lead.theme


def group_needs(items: tuple[BriefItem, ...]) -> list[NeedGroup]:
    """``items`` (strongest first) as needs: items sharing a theme join the first of them, order kept."""
    groups: dict[tuple[str, object], list[BriefItem]] = {}
    for n, item in enumerate(items):
        key = ("theme", item.theme) if item.theme else ("alone", n)
        groups.setdefault(key, []).append(item)
    return [NeedGroup(members[0], tuple(members[1:])) for members in groups.values()]


@dataclass(frozen=True)
class KindSection:
    """Notes of one kind (praise, churn-risk, upsell…) this week, and the topics they are about."""

    kind: str
    title: str
    count: int
    previous: int
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class ProductLine:
    """One product's notes this week and last, and its biggest topic this week."""

    product: str
    count: int
    previous: int
    agents: int
    top_topic: str | None
    top_topic_count: int


@dataclass(frozen=True)
class TopicLine:
    """One active topic of the week with who owns it and where it stands."""

    topic_id: int
    label: str
    owner: str | None
    status: str | None
    count: int
    previous: int
    distinct_agents: int
    status_note: str | None = None  # what the PM decided, as agents read it


@dataclass(frozen=True)
class Brief:
    """The weekly brief for one ISO week. Every count is notes created in that week (or the one before)."""

    week: str
    week_start: date
    week_end: date  # Sunday, inclusive
    previous_week: str
    headline: Headline
    weekly_notes: tuple[tuple[str, int], ...]
    emerging: tuple[BriefItem, ...]
    new_topics: tuple[BriefItem, ...]
    movers_up: tuple[BriefItem, ...]
    movers_down: tuple[BriefItem, ...]
    spikes: tuple[BriefItem, ...]
    fading: tuple[BriefItem, ...]
    kinds: tuple[KindSection, ...]
    products: tuple[ProductLine, ...]
    topics: tuple[TopicLine, ...]
    method: str
    pending: bool = False  # built without waiting: the week's pockets are still being looked for
    # needs that came with a source connected lately: new to Earshot, not rising (insight.trends.new_sources)
    from_new_sources: tuple[BriefItem, ...] = ()
