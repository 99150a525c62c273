"""One topic's activity for its page: weekly volume, breakdowns by note column, and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from insight.records import Note, NoteFilters
from insight.store import Store
from insight.store import placements as placements_sql
from insight.store import topics as topics_sql
from insight.store.notes import get_notes


@dataclass(frozen=True)
class TopicActivity:
    """A topic's volume over recent weeks, and its notes broken down by product, channel, team and kind."""

    topic_id: int
    weeks: tuple[str, ...]
    counts: tuple[int, ...]
    breakdowns: dict[str, dict[str, int]]
    quotes: tuple[Note, ...]
    keywords: tuple[str, ...] = ()


def topic_activity(store: Store, topic_id: int, *, weeks: int = 14, quotes: int = 6) -> TopicActivity:
    """Weekly volume (from the trends service), breakdowns and representative quotes for one topic.

    Quotes are the topic fit's representative notes, topped up with the newest notes in the topic.
    """
    from insight.trends import resolve_week, weekly_topic_volume

    end = resolve_week(store)  # the latest complete week: a half-finished week would look like a drop
    start = end.shift(-(weeks - 1))
    labels = [start.shift(k).label for k in range(weeks)]
    only = NoteFilters(topic_ids=(topic_id,))
    series = dict.fromkeys(labels, 0)
    for c in weekly_topic_volume(store, start, end, only):
        if c.week in series:
            series[c.week] += c.count
    breakdowns: dict[str, dict[str, int]] = {}
    for dimension in ("product", "channel", "team", "kind"):
        totals: dict[str, int] = {}
        for c in weekly_topic_volume(store, start, end, only, by=dimension):
            key = c.value or "(none)"
            totals[key] = totals.get(key, 0) + c.count
        breakdowns[dimension] = totals
    with store.read() as con:
        ids = topics_sql.representative_note_ids(con, topic_id)[:quotes]
        if len(ids) < quotes:
            ids += [i for i in placements_sql.recent_topic_note_ids(con, topic_id, quotes * 2) if i not in ids]
        notes = get_notes(con, ids[:quotes])
        keywords = topics_sql.topic_keywords(con, topic_id)
    return TopicActivity(topic_id, tuple(series), tuple(series.values()), breakdowns, tuple(notes), tuple(keywords))
