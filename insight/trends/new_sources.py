"""A need that arrives with a new source is news, not a trend: signals whose notes come from a source that began
sending notes only lately are said as such.

Importing a helpdesk's last fortnight beside the demo made every topic of the import "emerging" (0 notes a week
before, 19 now): the brief's top needs became the import's ordinary requests ("Order item", "Update shipping
address"), and the demo's real rise fell to fifth. Nothing rose; a source was connected. So when most of a
signal's notes this week (``NEW_SOURCE_SHARE``) come from sources that began after the stream did and have fewer
than ``baseline_weeks`` weeks of history before the week, the signal's kind becomes ``new-source``: it is still
listed (a need new to Earshot is worth seeing), never as a rise, and never sent as an emerging-need alert. Once
the source has a baseline, its needs are judged like any other. A stream that began with its only source (every
benchmark stream, a first import) has no new source.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from insight.store import weekly as weekly_sql
from insight.store.db import Store
from insight.trends.records import TrendSignal
from insight.trends.weeks import Week

NEW_SOURCE_SHARE = 0.8
JUDGED_KINDS = ("emerging", "spike", "new")  # kinds that claim a change; "fading" is about notes that stopped


def new_sources(starts: dict[str, datetime], target: Week, baseline_weeks: int) -> dict[str, datetime]:
    """The sources new at ``target``: begun after the first source's week, within ``baseline_weeks`` before it."""
    if not starts:
        return {}
    stream_week = Week.containing(min(starts.values()))
    since = target.monday - timedelta(weeks=baseline_weeks)
    return {
        source: first
        for source, first in starts.items()
        if Week.containing(first) > stream_week and first >= datetime.combine(since, datetime.min.time())
    }


def _dominant(counts: dict[str, int], new: dict[str, datetime]) -> str | None:
    """The new source behind at least ``NEW_SOURCE_SHARE`` of ``counts`` (the largest of them), else ``None``."""
    total = sum(counts.values())
    fresh = {s: c for s, c in counts.items() if s in new}
    if not total or sum(fresh.values()) < NEW_SOURCE_SHARE * total:
        return None
    return max(fresh, key=lambda s: (fresh[s], s))


def new_source_topics(store: Store, start: Week, end: Week, baseline_weeks: int) -> set[int]:
    """Topics whose notes from ``start`` to ``end`` come mostly (``NEW_SOURCE_SHARE``) from sources new at ``end``.

    Their move from one week to the next is the new source's own dates (an export of a fortnight: 7 notes, then
    2), not a change in what customers need; the brief leaves them out of "what changed".
    """
    with store.read() as con:
        new = new_sources(weekly_sql.source_starts(con, end.end), end, baseline_weeks)
        if not new:
            return set()
        by_topic: dict[int, dict[str, int]] = {}
        for topic_id, source, n in weekly_sql.topic_source_counts(con, start.start, end.end, None):
            by_topic.setdefault(topic_id, {})[source] = n
    return {t for t, counts in by_topic.items() if _dominant(counts, new) is not None}


def mark_new_sources(store: Store, target: Week, signals: list[TrendSignal], baseline_weeks: int) -> list[TrendSignal]:
    """``signals`` with those carried by a new source re-said as ``new-source`` (see the module notes)."""
    judged = [s for s in signals if s.kind in JUDGED_KINDS]
    if not judged:
        return signals
    with store.read() as con:
        new = new_sources(weekly_sql.source_starts(con, target.end), target, baseline_weeks)
        if not new:
            return signals
        topics = sorted({s.topic_id for s in judged if s.scope == "topic"})
        by_topic: dict[int, dict[str, int]] = {}
        for topic_id, source, n in weekly_sql.topic_source_counts(con, target.start, target.end, topics):
            by_topic.setdefault(topic_id, {})[source] = n
        by_pocket = {
            id(s): weekly_sql.note_source_counts(con, s.note_ids) for s in judged if s.scope == "pocket" and s.note_ids
        }
    out = []
    for s in signals:
        counts = by_topic.get(s.topic_id, {}) if s.scope == "topic" else by_pocket.get(id(s), {})
        source = _dominant(counts, new) if s.kind in JUDGED_KINDS else None
        if source is None:
            out.append(s)
            continue
        began = new[source].strftime("%-d %b %Y")
        out.append(
            replace(
                s,
                kind="new-source",
                reason=f"{s.count} notes this week, mostly from '{source}', which began sending notes on {began}: "
                f"new to Earshot rather than rising (its needs are judged once it has {baseline_weeks} weeks of "
                f"history); was: {s.kind}, {s.reason}",
            )
        )
    return out
