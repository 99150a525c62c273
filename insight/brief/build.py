"""``build_brief``: assemble one week's brief from the same service functions the dashboard uses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

from insight.brief.records import Brief, BriefItem, Headline, KindSection, ProductLine, TopicLine, group_needs
from insight.brief.summarise import ExtractiveSummariser, Summariser
from insight.records import UNCLEAR_TOPIC_ID
from insight.settings import Settings
from insight.store.db import Store
from insight.trends import (
    SIGNAL_KINDS,
    TopicInfo,
    TrendSignal,
    VolumeFilters,
    Week,
    pocket_topic_ids,
    signals_for_page,
    topic_catalogue,
    topic_quotes,
    weekly_breakdown,
    weekly_signals,
    weekly_topic_volume,
    weekly_totals,
)
from insight.trends.new_sources import new_source_topics
from insight.trends.volume import WeekLike, as_week

SUMMARY_NOTES = 12  # notes of an emerging topic's week its one-line summary is drawn from
KIND_SECTIONS: tuple[tuple[str, str], ...] = (
    ("praise", "What customers praise"),
    ("churn-risk", "Churn risk"),
    ("upsell", "Upsell signals"),
)
SPARK_WEEKS = 8
NO_PRODUCT = "(no product)"


def _method(settings: Settings, week: Week) -> str:
    return (
        f"Counts are notes created in {week.label} (Monday–Sunday, UTC), by the topic each note is in now; "
        "topics merged by a PM count under the surviving topic. Emerging: a topic from a low base "
        f"(≤ {settings.emerging_max_baseline:g} notes a week over the previous {settings.baseline_weeks} weeks) "
        f"whose count is unlikely under its baseline rate (chance ≤ {settings.trend_max_p:g}, Gamma–Poisson) "
        f"and reported by at least {settings.emerging_min_agents} agents, no agent counting for more than the "
        f"{_ordinal(settings.emerging_min_agents)} most active. Quotes are verbatim, already redacted, and cite "
        f"their note id; `python -m insight trends --week {week.label} --json` shows the signals behind this page."
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _previous(signal: TrendSignal, before: dict[int, int]) -> int:
    """Last week's notes of what the signal is about: a pocket's own count, else its topic's."""
    if signal.scope == "pocket":
        counts = [c for _, c in signal.weekly_counts]
        return counts[-2] if len(counts) >= 2 else 0
    return before.get(signal.topic_id, 0)


def _item(
    signal: TrendSignal, previous: int, summariser: Summariser | None, catalogue: dict[int, TopicInfo] | None = None
) -> BriefItem:
    texts = [q.text for q in signal.quotes]
    info = catalogue.get(signal.topic_id) if catalogue is not None and signal.scope == "topic" else None
    return BriefItem(
        topic_id=signal.topic_id,
        label=signal.label,
        count=signal.count,
        previous=previous,
        distinct_agents=signal.distinct_agents,
        owner=signal.owner,
        status=signal.status,
        baseline=signal.baseline,
        growth=signal.growth,
        score=signal.score,
        flag=signal.kind,
        window_weeks=signal.window_weeks,
        summary=(summariser.summarise(signal.label, texts) or None) if summariser and texts else None,
        weekly_counts=signal.weekly_counts,
        quotes=signal.quotes,
        theme=info.theme if info else None,
    )


def _placed_pocket(
    item: BriefItem,
    signal: TrendSignal,
    born: dict[int, int],
    catalogue: dict[int, TopicInfo],
    now: dict[int, tuple[int, int]],
) -> BriefItem:
    """A pocket's item, told where its notes are now: in the topic a refit gave it (then the item is about that
    topic, and "what changed" does not list the same need again), else inside its parent topic."""
    if signal.scope != "pocket":
        return item
    topic = born.get(signal.pocket_id) if signal.pocket_id is not None else None
    if topic is not None and topic in catalogue and catalogue[topic].topic_id == topic:
        return replace(item, topic_id=topic)
    parent = catalogue.get(signal.topic_id)
    if parent is None or signal.topic_id == UNCLEAR_TOPIC_ID:
        return item
    return replace(item, inside=parent.label, inside_count=now.get(signal.topic_id, (0, 0))[0])


def said_above(signals: list[TrendSignal], emerging: list[BriefItem], arrived: list[BriefItem]) -> set[int]:
    """Topics "what changed" leaves out because page one already says why they moved: the emerging needs, those
    that came with a new source, and every topic a need emerged inside — it moves because of that need, or
    because a refit carved the need out of it ("Down: Login loop 18 → 10" read as the need falling)."""
    inside = {t for s in signals if s.kind == "emerging" and s.scope == "pocket" for t in s.parent_topic_ids}
    return {i.topic_id for i in emerging} | {i.topic_id for i in arrived} | inside


def _emerging_needs(
    signals: list[TrendSignal],
    before: dict[int, int],
    catalogue: dict[int, TopicInfo],
    summariser: Summariser,
    top_n: int,
    week_notes: dict[int, list[str]] | None = None,
    *,
    born: dict[int, int] | None = None,
    now: dict[int, tuple[int, int]] | None = None,
) -> list[BriefItem]:
    """The emerging items of the first ``top_n`` needs (topics of one theme are one need, see ``NeedGroup``).

    Only a need's lead is summarised: the others are shown on one line, and a summariser may be a model. A
    topic's lead is summarised from ``week_notes`` (more of its notes this week) when given, a pocket's from its
    own quotes: three notes cannot tell what they share from what two of them happen to add. ``born`` (pocket id →
    topic) and ``now`` (topic → this week's notes and agents) say where a pocket's notes are now.
    """
    emerging = [s for s in signals if s.kind == "emerging"]
    items = [
        _placed_pocket(_item(s, _previous(s, before), None, catalogue), s, born or {}, catalogue, now or {})
        for s in emerging
    ]
    scope = {id(i): s.scope for s, i in zip(emerging, items, strict=True)}  # a pocket's topic_id is its parent's
    leads = {}
    for group in group_needs(tuple(items))[:top_n]:
        leads[id(group.lead)] = group

    def texts(item: BriefItem) -> list[str]:
        quoted = [q.text for q in item.quotes]
        more = (week_notes or {}).get(item.topic_id, []) if scope[id(item)] == "topic" else []
        return list(dict.fromkeys([*quoted, *more]))

    summaries = {
        key: summariser.summarise(g.lead.label, texts(g.lead)) or None for key, g in leads.items() if g.lead.quotes
    }
    kept = {id(i) for g in leads.values() for i in (g.lead, *g.also)}
    return [replace(i, summary=summaries.get(id(i))) for i in items if id(i) in kept]


def _counts_by_topic(
    store: Store, week: Week, previous: Week, filters: VolumeFilters | None = None
) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """(topic → (notes, agents) this week, topic → notes last week)."""
    now: dict[int, tuple[int, int]] = {}
    before: dict[int, int] = {}
    for row in weekly_topic_volume(store, previous, week, filters):
        if row.week == week.label:
            now[row.topic_id] = (row.count, row.distinct_agents)
        else:
            before[row.topic_id] = row.count
    return now, before


def _movers(
    now: dict[int, tuple[int, int]],
    before: dict[int, int],
    catalogue: dict[int, TopicInfo],
    flags: dict[int, str],
    skip: set[int],
    settings: Settings,
) -> tuple[tuple[BriefItem, ...], tuple[BriefItem, ...]]:
    rows = []
    for topic_id in set(now) | set(before):
        if topic_id == UNCLEAR_TOPIC_ID or topic_id in skip:
            continue
        count, agents = now.get(topic_id, (0, 0))
        prev = before.get(topic_id, 0)
        if max(count, prev) < settings.emerging_min_count or count == prev:
            continue
        info = catalogue.get(topic_id, TopicInfo(topic_id, f"Topic {topic_id}"))
        growth = round(count / prev, 3) if prev else None
        rows.append(
            BriefItem(
                topic_id,
                info.label,
                count,
                prev,
                agents,
                info.owner,
                info.status,
                growth=growth,
                flag=flags.get(topic_id),
            )
        )
    up = sorted((r for r in rows if r.count > r.previous), key=lambda r: (r.previous - r.count, r.topic_id))
    down = sorted((r for r in rows if r.count < r.previous), key=lambda r: (r.count - r.previous, r.topic_id))
    return tuple(up[: settings.brief_top_n]), tuple(down[: settings.brief_top_n])


def _kind_section(
    store: Store, settings: Settings, week: Week, kind: str, title: str, catalogue: dict[int, TopicInfo]
) -> KindSection:
    previous = week.shift(-1)
    filters = VolumeFilters(kinds=(kind,))
    totals = {t.week: t.notes for t in weekly_totals(store, previous, week, filters)}
    now, before = _counts_by_topic(store, week, previous, filters)
    ranked = sorted(
        (t for t in now if t != UNCLEAR_TOPIC_ID), key=lambda t: (-now[t][0], catalogue.get(t, TopicInfo(t, "")).label)
    )[: settings.brief_top_n]
    quotes = topic_quotes(store, week, ranked, min(2, settings.brief_quotes), filters)
    items = []
    for topic_id in ranked:
        info = catalogue.get(topic_id, TopicInfo(topic_id, f"Topic {topic_id}"))
        count, agents = now[topic_id]
        quoted = tuple(quotes.get(topic_id, ()))
        prev = before.get(topic_id, 0)
        items.append(BriefItem(topic_id, info.label, count, prev, agents, info.owner, info.status, quotes=quoted))
    return KindSection(kind, title, totals.get(week.label, 0), totals.get(previous.label, 0), tuple(items))


def _products(store: Store, week: Week, catalogue: dict[int, TopicInfo]) -> tuple[ProductLine, ...]:
    previous = week.shift(-1)
    counts: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in weekly_breakdown(store, previous, week, "product"):
        counts[row.value or NO_PRODUCT][row.week] = (row.count, row.distinct_agents)
    top: dict[str, tuple[int, int]] = {}
    for row in weekly_topic_volume(store, week, week, by="product"):
        if row.topic_id == UNCLEAR_TOPIC_ID:
            continue
        product = row.value or NO_PRODUCT
        best = top.get(product)
        if best is None or (row.count, -row.topic_id) > (best[1], -best[0]):
            top[product] = (row.topic_id, row.count)
    lines = []
    for product, by_week in counts.items():
        count, agents = by_week.get(week.label, (0, 0))
        prev = by_week.get(previous.label, (0, 0))[0]
        topic = top.get(product)
        label = catalogue.get(topic[0], TopicInfo(topic[0], f"Topic {topic[0]}")).label if topic else None
        lines.append(ProductLine(product, count, prev, agents, label, topic[1] if topic else 0))
    return tuple(sorted(lines, key=lambda p: (-p.count, -p.previous, p.product)))


def build_brief(
    store: Store, settings: Settings, week: WeekLike, summariser: Summariser | None = None, *, wait: bool = True
) -> Brief:
    """The weekly brief for leadership, from notes created up to the end of ``week``.

    Args:
        store: the database.
        settings: thresholds (trends section) and list lengths (``brief_top_n``, ``brief_quotes``).
        week: the ISO week, as a :class:`~insight.trends.weeks.Week` or ``2025-W10``.
        summariser: writes one line per emerging topic; default :class:`ExtractiveSummariser` (no model).
        wait: judge the week fully if it never was (a page passes ``False``: on a large database the week's
            pockets are then left for a background job, see ``signals_for_page``, and ``pending`` is set).

    Returns:
        A :class:`Brief`; render it with :func:`~insight.brief.render_markdown` or :func:`~insight.brief.render_html`.
    """
    target = as_week(week)
    previous = target.shift(-1)
    summariser = summariser or ExtractiveSummariser()
    catalogue = topic_catalogue(store)
    totals = weekly_totals(store, target.shift(1 - SPARK_WEEKS), target)
    this, last = totals[-1], totals[-2]
    headline = Headline(this.notes, last.notes, this.agents, last.agents, this.topics, last.topics)
    now, before = _counts_by_topic(store, target, previous)
    pending = False
    if wait:
        signals = weekly_signals(store, settings, target)
    else:
        signals, pending = signals_for_page(store, settings, target)
    # A pocket's kind is not its parent topic's: only a topic's own signal flags the topic.
    flags = {s.topic_id: s.kind for s in signals if s.kind in ("spike", "fading") and s.scope == "topic"}
    by_kind = {k: [s for s in signals if s.kind == k][: settings.brief_top_n] for k in SIGNAL_KINDS}
    emerging_topics = [s.topic_id for s in signals if s.kind == "emerging" and s.scope == "topic"]
    week_notes = {
        t: [q.text for q in qs] for t, qs in topic_quotes(store, target, emerging_topics, SUMMARY_NOTES).items()
    }
    emerging_items = _emerging_needs(
        signals, before, catalogue, summariser, settings.brief_top_n, week_notes, born=pocket_topic_ids(store), now=now
    )
    arrived = [_item(s, _previous(s, before), None) for s in signals if s.kind == "new-source"]
    skip = said_above(signals, emerging_items, arrived)
    skip |= new_source_topics(store, previous, target, settings.baseline_weeks)  # an import's dates, not a move
    up, down = _movers(now, before, catalogue, flags, skip, settings)
    topics = [
        TopicLine(t, info.label, info.owner, info.status, now[t][0], before.get(t, 0), now[t][1], info.status_note)
        for t, info in ((t, catalogue.get(t, TopicInfo(t, f"Topic {t}"))) for t in now if t != UNCLEAR_TOPIC_ID)
    ]
    return Brief(
        week=target.label,
        week_start=target.monday,
        week_end=target.monday + timedelta(days=6),
        previous_week=previous.label,
        headline=headline,
        weekly_notes=tuple((t.week, t.notes) for t in totals),
        emerging=tuple(emerging_items),
        new_topics=tuple(_item(s, _previous(s, before), None) for s in by_kind["new"]),
        movers_up=up,
        movers_down=down,
        spikes=tuple(_item(s, _previous(s, before), None) for s in by_kind["spike"]),
        fading=tuple(_item(s, _previous(s, before), None) for s in by_kind["fading"]),
        from_new_sources=tuple(sorted(arrived, key=lambda i: (-i.count, i.label))),
        kinds=tuple(_kind_section(store, settings, target, k, title, catalogue) for k, title in KIND_SECTIONS),
        products=_products(store, target, catalogue),
        topics=tuple(sorted(topics, key=lambda t: (-t.count, t.label, t.topic_id))),
        method=_method(settings, target),
        pending=pending,
    )
