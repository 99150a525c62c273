"""The Trends page in one record: each topic's weekly volume and growth, and the week's signals as stored.

Signals come from the weekly ledger (:func:`insight.trends.weekly_signals`): a past week shows what was
said about it when it was first judged, whatever refits happened since. Emerging needs found below the
topic level (pockets) are listed with the topic(s) they grow inside. Under product, channel, team or kind
filters the signals are computed afresh for that slice (topics only: pockets are about the whole stream).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from insight.store import Store

if TYPE_CHECKING:
    from insight.records import NoteFilters
    from insight.trends import TrendSignal


@dataclass(frozen=True)
class TopicTrend:
    """One row of the Trends table: a topic's weekly volume over the chosen weeks and this week's signal."""

    topic_id: int
    label: str
    owner: str | None
    status: str | None
    weekly: tuple[int, ...]  # aligned with TrendOverview.weeks
    total: int
    last_week: int
    growth: float | None  # recent weeks over the weeks before them (None from under one note a week)
    signal: str | None = None
    signal_reason: str | None = None
    theme: str | None = None  # the theme the topic belongs to in the current run
    signal_words: str = ""  # the signal's change and chance in words ("0 → 13 a week · very unlikely by chance …")


@dataclass(frozen=True)
class PocketTrend:
    """An emerging need found below the topic level in the signal week, with the topics it grows inside.

    ``parents`` are (topic id, label) pairs, the topic holding most of its notes first; ``weekly`` is the
    pocket's own weekly count over the weeks its decision read; ``change`` and ``chance`` are in words.
    """

    label: str
    count: int
    baseline: float
    distinct_agents: int
    change: str
    chance: str
    reason: str
    parents: tuple[tuple[int, str], ...]
    weekly: tuple[tuple[str, int], ...]
    keywords: tuple[str, ...] = ()
    pocket_id: int | None = None


@dataclass(frozen=True)
class TrendOverview:
    """The Trends page in one record: the weeks shown, the week signals are about, and a row per topic.

    ``judged_at`` says when the signal week's signals were stored (``None``: computed for this view, as
    for the week still running or under filters). ``pending``: the week is not judged yet and too large
    to judge while a page waits — topic signals only; judge it in the background (``weekly_signals``).
    """

    weeks: tuple[str, ...]
    signal_week: str | None
    topics: tuple[TopicTrend, ...]
    pockets: tuple[PocketTrend, ...] = ()
    judged_at: str | None = None
    pending: bool = False
    fading_pockets: tuple[PocketTrend, ...] = ()  # needs going quiet below the topic level
    unclear: tuple[int, ...] = ()  # the Unclear bucket's notes per week (aligned with ``weeks``), not a row

    def notes_per_week(self) -> tuple[int, ...]:
        """Every note of each week, the Unclear bucket's included (the brief's headline counts them too)."""
        totals = [sum(t.weekly[i] for t in self.topics) for i in range(len(self.weeks))]
        return tuple(n + (self.unclear[i] if i < len(self.unclear) else 0) for i, n in enumerate(totals))


def rise_in_notes(weekly: Sequence[int], window: int) -> int:
    """Notes in the last ``window`` weeks minus the ``window`` weeks before them."""
    return sum(weekly[-window:]) - sum(weekly[-2 * window : -window])


def window_growth(weekly: Sequence[int], window: int) -> float | None:
    """Recent weeks over the weeks before (+1 smoothed), rounded to a whole percent.

    ``None`` when the weeks before averaged under one note a week: a ratio from (almost) nothing reads
    as "+1400 %" and means only "new".
    """
    recent = sum(weekly[-window:])
    before = sum(weekly[-2 * window : -window])
    if before < window:
        return None
    return round((recent + 1) / (before + 1), 2)


def _pocket(signal: TrendSignal, labels: dict[int, str]) -> PocketTrend:
    parents = signal.parent_topic_ids or (signal.topic_id,)
    return PocketTrend(
        label=signal.label,
        count=signal.count,
        baseline=signal.baseline,
        distinct_agents=signal.distinct_agents,
        change=signal.change,
        chance=signal.chance,
        reason=signal.reason,
        parents=tuple((t, labels.get(t, f"Topic {t}")) for t in parents),
        weekly=signal.weekly_counts,
        keywords=signal.keywords,
        pocket_id=signal.pocket_id,
    )


def topic_overview(
    store: Store, settings: object, filters: NoteFilters | None = None, *, window: int = 2
) -> TrendOverview:
    """Topics with weekly volumes (for sparklines), growth, the signal week's signals and its pockets.

    Volumes come from ``weekly_topic_volume``; signals for the latest complete week in range from the
    weekly ledger (``weekly_signals``: stored the first time a complete week is judged and never
    recounted by a later refit; on a large database a week not judged yet shows its topic signals and
    ``pending``, see ``signals_for_page``), or computed for the slice under product/channel/team/kind filters.
    Growth compares the last ``window`` weeks with the ``window`` before them (+1 smoothed). Rows come
    ranked: signals first, then the rise in notes (not the ratio, which favours tiny topics), then
    volume; the Unclear bucket is left out.
    """
    from insight.filter_options import filter_options
    from insight.records import NoteFilters
    from insight.trends import (
        Week,
        detect_signals,
        resolve_week,
        signals_for_page,
        topic_catalogue,
        weekly_topic_volume,
    )
    from insight.trends.weeks import week_range

    filters = filters or NoteFilters()
    latest = resolve_week(store)
    options = filter_options(store)
    if options.first is None:
        return TrendOverview((), None, ())
    end = min(Week.containing(filters.end), latest) if filters.end else latest
    start = Week.containing(filters.start) if filters.start else max(Week.containing(options.first), end.shift(-11))
    weeks = week_range(start, end)
    if not weeks:
        return TrendOverview((), None, ())
    volume_filters = replace(filters, start=None, end=None)  # the weeks shown bound the counts
    counts = weekly_topic_volume(store, start, end, volume_filters)
    sliced = any((filters.products, filters.channels, filters.teams, filters.kinds))
    pending = False
    if sliced:
        said = detect_signals(store, settings, end, filters=volume_filters, quotes=0)  # type: ignore[arg-type]
    else:
        said, pending = signals_for_page(store, settings, end)  # type: ignore[arg-type]
    signals = {s.topic_id: s for s in said if s.scope == "topic"}
    catalogue = topic_catalogue(store)
    labels = {t: info.label for t, info in catalogue.items()}
    index = {w.label: i for i, w in enumerate(weeks)}
    series: dict[int, list[int]] = {}
    unclear = [0] * len(weeks)
    for c in counts:
        if c.week in index and c.topic_id < 0:
            unclear[index[c.week]] += c.count
        if c.topic_id < 0 or c.week not in index:
            continue
        series.setdefault(c.topic_id, [0] * len(weeks))[index[c.week]] += c.count
    # A topic a newly connected source fills says so even in a week judged before the import arrived (what was
    # signalled stays; where the notes came from is a fact about them), and ranks below the topics with history.
    from insight.trends.new_sources import new_source_topics

    baseline_weeks = settings.baseline_weeks  # type: ignore[attr-defined]
    fresh = new_source_topics(store, end.shift(1 - window), end, baseline_weeks)
    arrived = (
        "its notes come mostly from a source connected lately: new to Earshot rather than rising (judged once "
        f"the source has {baseline_weeks} weeks of history)"
    )
    rows = []
    for topic_id, weekly in series.items():
        info = catalogue.get(topic_id)
        signal = signals.get(topic_id)
        kind, reason = (signal.kind, signal.reason) if signal else (None, None)
        if signal is None and topic_id in fresh:
            kind, reason = "new-source", arrived
        rows.append(
            TopicTrend(
                topic_id=topic_id,
                label=info.label if info else f"Topic {topic_id}",
                owner=info.owner if info else None,
                status=info.status if info else None,
                weekly=tuple(weekly),
                total=sum(weekly),
                last_week=weekly[-1],
                growth=window_growth(weekly, window),
                signal=kind,
                signal_reason=reason,
                signal_words=" · ".join(w for w in (signal.change, signal.chance) if w) if signal else "",
                theme=info.theme if info else None,
            )
        )
    rank = {"emerging": 0, "new": 1, "spike": 2, "new-source": 3.5, "fading": 4}
    # Within a signal, the biggest rise in notes first: ranking by the growth ratio put a topic going
    # from 0 to 2 notes ("+200 %") above one going from 20 to 40.
    rows.sort(key=lambda r: (rank.get(r.signal or "", 3), -rise_in_notes(r.weekly, window), -r.total, r.topic_id))
    pockets = tuple(_pocket(s, labels) for s in said if s.scope == "pocket" and s.kind == "emerging")
    fading = tuple(_pocket(s, labels) for s in said if s.scope == "pocket" and s.kind == "fading")
    judged = next((s.computed_at for s in said if s.computed_at), None)
    return TrendOverview(
        tuple(w.label for w in weeks),
        end.label,
        tuple(rows),
        pockets,
        judged,
        pending,
        fading_pockets=fading,
        unclear=tuple(unclear),
    )
