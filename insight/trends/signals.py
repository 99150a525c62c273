"""``detect_signals``: one week's emerging, new, spike and fading topics, each with its evidence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from insight.records import UNCLEAR_TOPIC_ID
from insight.settings import Settings
from insight.store import analytics
from insight.store.db import Store
from insight.trends.detectors import PoissonGammaDetector, TrendDetector
from insight.trends.records import SIGNAL_KINDS, Detection, Quote, TopicHistory, TopicInfo, TrendSignal, VolumeFilters
from insight.trends.volume import WeekLike, as_week, topic_catalogue, topic_quotes
from insight.trends.weeks import Week


def history_weeks(settings: Settings, week: Week) -> list[Week]:
    """The weeks a decision about ``week`` reads, oldest first, ``week`` last."""
    span = settings.baseline_weeks + max(1, settings.fading_weeks, settings.emerging_window_weeks)
    return [*week.previous(span - 1), week]


def build_histories(
    weeks: list[Week],
    agent_rows: list[tuple[date, int, str | None, int]],
    totals: dict[date, int],
    first_note_week: Week | None,
    born: set[int],
) -> list[TopicHistory]:
    """Per-topic weekly histories from (week start, topic, agent, notes) rows (Unclear left out)."""
    counts: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    agents: dict[int, dict[date, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for week_start, topic_id, agent_id, n in agent_rows:
        if topic_id == UNCLEAR_TOPIC_ID:
            continue
        counts[topic_id][week_start] += int(n)
        if agent_id is not None:
            agents[topic_id][week_start].append((agent_id, int(n)))
    observed = tuple(first_note_week is not None and w >= first_note_week for w in weeks)
    histories = []
    for topic_id in sorted(set(counts) | born):
        series = tuple(counts[topic_id].get(w.monday, 0) for w in weeks) if topic_id in counts else (0,) * len(weeks)
        histories.append(
            TopicHistory(
                topic_id=topic_id,
                weeks=tuple(w.label for w in weeks),
                counts=series,
                totals=tuple(max(0, totals.get(w.monday, 0) - c) for w, c in zip(weeks, series, strict=True)),
                observed=observed,
                agents=tuple(tuple(agents[topic_id].get(w.monday, ())) for w in weeks),
                is_new=topic_id in born,
            )
        )
    return histories


def _sort_key(signal: TrendSignal) -> tuple[int, float, int]:
    return (SIGNAL_KINDS.index(signal.kind), -signal.score, signal.topic_id)


def detect_signals(
    store: Store,
    settings: Settings,
    week: WeekLike,
    detector: TrendDetector | None = None,
    filters: VolumeFilters | None = None,
    quotes: int | None = None,
) -> list[TrendSignal]:
    """Every signal for one ISO week, strongest first within each kind (emerging, new, spike, fading).

    Only notes created before the end of ``week`` are read. Topics merged by a PM count under their target.

    Args:
        store: the database.
        settings: thresholds (the trends section).
        week: the week, as a :class:`Week` or ``2025-W10``.
        detector: decides per topic; default :class:`PoissonGammaDetector` with ``settings``.
        filters: restrict the counting to some products, channels, teams, kinds or topics.
        quotes: quotes per signal (default ``settings.brief_quotes``; 0 for none).
    """
    target = as_week(week)
    detector = detector or PoissonGammaDetector(settings)
    weeks = history_weeks(settings, target)
    with store.read() as con:
        agent_rows = analytics.weekly_topic_agent_counts(con, weeks[0].start, target.end, filters)
        totals = {ws: int(n) for ws, n, _, _ in analytics.weekly_totals(con, weeks[0].start, target.end, filters)}
        first, _ = analytics.note_time_range(con, until=target.end)
        born = analytics.topics_born_between(con, target.start, target.end)
    catalogue = topic_catalogue(store)
    # A topic merged away is not new on its own: its notes already count under the target.
    born = {t for t in born if t != UNCLEAR_TOPIC_ID and catalogue.get(t, TopicInfo(t, "")).topic_id == t}
    if filters is not None:  # under filters, a new topic is only news where it has notes
        born &= {row[1] for row in agent_rows}
    first_week = Week.containing(first) if first is not None else None
    found: list[tuple[TopicHistory, Detection]] = []
    for history in build_histories(weeks, agent_rows, totals, first_week, born):
        for detection in detector.detect(history):
            found.append((history, detection))
    per_topic = settings.brief_quotes if quotes is None else quotes
    quote_map: dict[int, list[Quote]] = {}
    if found and per_topic > 0:
        quote_map = topic_quotes(store, target, sorted({h.topic_id for h, _ in found}), per_topic, filters)
    signals = []
    for history, d in found:
        info = catalogue.get(history.topic_id, TopicInfo(history.topic_id, f"Topic {history.topic_id}"))
        signals.append(
            TrendSignal(
                topic_id=history.topic_id,
                label=info.label,
                kind=d.kind,
                score=d.score,
                week=target.label,
                count=d.count,
                baseline=d.baseline,
                distinct_agents=d.distinct_agents,
                confidence=d.confidence,
                p_value=d.p_value,
                growth=d.growth,
                corroborated_count=d.corroborated_count,
                expected=d.expected,
                reason=d.reason,
                window_weeks=d.window_weeks,
                window_agents=d.window_agents,
                weekly_counts=tuple(zip(history.weeks, history.counts, strict=True)),
                quotes=tuple(quote_map.get(history.topic_id, ())),
                owner=info.owner,
                status=info.status,
            )
        )
    return sorted(signals, key=_sort_key)
