"""Weekly volumes: the numbers the trends, the brief and the dashboard all count from.

Each function opens one read on the store and returns records; the SQL is in
:mod:`insight.store.weekly`. Week ranges are inclusive (``start`` … ``end`` ISO weeks).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from insight.records import UNCLEAR_LABEL, UNCLEAR_TOPIC_ID
from insight.store import notes as notes_sql
from insight.store import signals as signals_sql
from insight.store import topics as topics_sql
from insight.store import weekly as weekly_sql
from insight.store.db import Store
from insight.trends.records import Quote, TopicInfo, VolumeFilters, WeeklyCount, WeeklyTotal
from insight.trends.weeks import Week, default_week, week_range

WeekLike = Week | str
ANY_TOPIC = -2  # the topic id of counts that are not about one topic (see weekly_breakdown)


def as_week(value: WeekLike) -> Week:
    """A :class:`Week` from a Week or a ``2025-W10`` string."""
    return value if isinstance(value, Week) else Week.parse(value)


def resolve_week(
    store: Store, week: WeekLike | None = None, as_of: date | None = None, today: date | None = None
) -> Week:
    """The week a report is about.

    An explicit ``week`` wins. Otherwise the latest complete ISO week up to ``as_of`` (default:
    ``today``, default: the UTC date now) — or, if the data ends earlier, the last week containing a note.
    When every note falls in the current, unfinished week (a first import of a file with no dates is
    dated today), that week is the one: reporting on an empty week before it showed nothing at all.
    """
    if week is not None:
        return as_week(week)
    reference = as_of or today or datetime.now(UTC).date()
    current = Week.containing(reference)
    with store.read() as con:
        _, latest = notes_sql.note_time_range(con, until=current.start)
        if latest is None:
            _, latest_any = notes_sql.note_time_range(con, until=current.end)
            if latest_any is not None:
                return current
    return default_week(reference, latest)


def weekly_topic_volume(
    store: Store,
    start: WeekLike,
    end: WeekLike,
    filters: VolumeFilters | None = None,
    by: str | None = None,
) -> list[WeeklyCount]:
    """Notes per ISO week and topic (merged topics under their target), from ``start`` to ``end`` inclusive.

    Args:
        store: the database.
        start: first week.
        end: last week; only notes created before its end are read.
        filters: restrict to products, channels, teams, kinds or topics.
        by: also break each topic down by ``product``, ``channel``, ``team``, ``kind``,
            ``customer_segment`` or ``agent_id``.

    Returns:
        Only non-zero cells, ordered by week, topic and value. Unassigned notes are not counted here.
    """
    first, last = as_week(start), as_week(end)
    with store.read() as con:
        rows = weekly_sql.weekly_topic_counts(con, first.start, last.end, filters, by)
    return [
        WeeklyCount(
            week=Week.containing(ws).label,
            week_start=ws,
            topic_id=int(topic_id),
            count=int(n),
            distinct_agents=int(agents),
            dimension=by,
            value=value,
        )
        for ws, topic_id, value, n, agents in rows
    ]


def weekly_totals(
    store: Store, start: WeekLike, end: WeekLike, filters: VolumeFilters | None = None
) -> list[WeeklyTotal]:
    """All notes per week (with a topic or not), distinct agents and active topics; empty weeks included."""
    first, last = as_week(start), as_week(end)
    with store.read() as con:
        rows = {ws: (n, a, t) for ws, n, a, t in weekly_sql.weekly_totals(con, first.start, last.end, filters)}
    out = []
    for week in week_range(first, last):
        notes, agents, topics = rows.get(week.monday, (0, 0, 0))
        out.append(WeeklyTotal(week.label, week.monday, int(notes), int(agents), int(topics)))
    return out


def weekly_breakdown(
    store: Store, start: WeekLike, end: WeekLike, by: str, filters: VolumeFilters | None = None
) -> list[WeeklyCount]:
    """All notes per week and value of ``by`` (e.g. per product), whatever their topic.

    The records carry ``topic_id = -2`` ("any topic") since they are not about one topic.
    """
    first, last = as_week(start), as_week(end)
    with store.read() as con:
        rows = weekly_sql.weekly_dimension_totals(con, first.start, last.end, by, filters)
    return [
        WeeklyCount(Week.containing(ws).label, ws, ANY_TOPIC, int(n), int(a), by, value) for ws, value, n, a in rows
    ]


def topic_catalogue(store: Store) -> dict[int, TopicInfo]:
    """Display info for every topic, keyed by id; a merged topic maps to its target's info."""
    with store.read() as con:
        rows = topics_sql.topic_infos(con)
    infos: dict[int, TopicInfo] = {UNCLEAR_TOPIC_ID: TopicInfo(UNCLEAR_TOPIC_ID, UNCLEAR_LABEL)}
    for r in rows:
        infos[r.topic_id] = TopicInfo(
            r.topic_id, r.label or f"Topic {r.topic_id}", r.owner, r.status, r.theme, r.born_run_id, r.status_note
        )
    for r in rows:  # merged_into is where the topic finally lives (chains followed by the store)
        if r.merged_into is not None and r.merged_into in infos:
            infos[r.topic_id] = infos[r.merged_into]
    return infos


def pocket_topic_ids(store: Store) -> dict[int, int]:
    """Pocket id → the topic a refit gave that pocket (pockets still inside other topics are left out)."""
    with store.read() as con:
        return {pocket: topic for topic, pocket in signals_sql.pocket_topics(con).items()}


def notes_behind(store: Store, week: WeekLike, filters: VolumeFilters | None = None) -> list[int]:
    """Ids of the notes of ``week`` matching ``filters`` — what any number in a report was counted from.

    With a topic filter only notes in those topics are returned; otherwise every note of the week.
    """
    w = as_week(week)
    with store.read() as con:
        return weekly_sql.note_ids_behind(con, w.start, w.end, filters)


def topic_quotes(
    store: Store, week: WeekLike, topic_ids: list[int], per_topic: int, filters: VolumeFilters | None = None
) -> dict[int, list[Quote]]:
    """Up to ``per_topic`` verbatim notes per topic from ``week``, distinct agents first, most typical first."""
    w = as_week(week)
    with store.read() as con:
        rows = weekly_sql.topic_quotes(con, w.start, w.end, topic_ids, per_topic, filters)
    out: dict[int, list[Quote]] = {}
    for topic_id, note_id, text, created_at, agent_id, channel, product, kind in rows:
        quote = Quote(int(note_id), text, created_at, agent_id, channel, product, kind)
        out.setdefault(int(topic_id), []).append(quote)
    return out
