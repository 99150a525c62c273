"""What was signalled each week, kept as it was said.

A week's signals depend on the topics in use when they were computed; a later refit moves notes between
topics and would rewrite history if past weeks were recounted. So the first time a *complete* week is
judged, its signals are stored, and every later request returns them unchanged. Recomputing a stored
week is an explicit action (``python -m insight trends --week W --recompute``).

Storing a week also records its confirmed pockets: a pocket seen again in a later week (its centroid
close to a stored pocket's) keeps its id and gathers the week's notes, and the next refit gives it a
topic of its own (:mod:`insight.topics.pocket_births`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from insight.clock import utc_now
from insight.settings import Settings
from insight.store import profiles as profiles_sql
from insight.store import runs as runs_sql
from insight.store import signals as signals_sql
from insight.store.db import Store
from insight.trends.pocket_signals import PocketFinding
from insight.trends.records import TrendSignal
from insight.trends.signals import compute_signals
from insight.trends.volume import WeekLike, as_week

SAME_POCKET = 0.85  # centroid cosine above which this week's pocket is a stored one seen again


def weekly_signals(
    store: Store,
    settings: Settings,
    week: WeekLike,
    *,
    recompute: bool = False,
    now: datetime | None = None,
) -> list[TrendSignal]:
    """The signals of ``week`` as first said: stored ones if the week was judged before, else computed.

    A week is stored once it is over (its end is before ``now``); the week still running is computed
    afresh each time. ``recompute=True`` judges the week again under today's topics and replaces what
    was stored.
    """
    target = as_week(week)
    if not recompute:
        with store.read() as con:
            stored = signals_sql.stored_week(con, target.label)
        if stored is not None:
            return as_named_now(store, [TrendSignal.from_dict(d) for d in stored])
    signals, pockets = compute_signals(store, settings, target)
    moment = now or utc_now()
    if target.end > moment:
        return signals
    return _store(store, target.label, signals, pockets, moment)


def as_named_now(store: Store, signals: list[TrendSignal]) -> list[TrendSignal]:
    """Stored signals with what a PM has since decided about their topics: name, owner and status.

    What was signalled — the topic, its counts, its chance — stays as it was said; a PM's rename or triage is
    how the topic is called and handled now, and the brief, the CLI and the pages must agree on it.
    """
    with store.read() as con:
        decided = profiles_sql.pm_decisions(con)
    out = []
    for signal in signals:
        pm = decided.get(signal.topic_id) if signal.scope == "topic" else None
        if pm is None:
            out.append(signal)
            continue
        name, owner, status = pm
        out.append(replace(signal, label=name or signal.label, owner=owner, status=status or signal.status))
    return out


def signals_for_page(
    store: Store, settings: Settings, week: WeekLike, *, now: datetime | None = None
) -> tuple[list[TrendSignal], bool]:
    """(signals, pending) for a page, which must not wait minutes: :func:`weekly_signals` unless that is dear.

    A stored week is read back. Otherwise, up to ``settings.trends_inline_max_notes`` stored notes the
    week is judged now (and stored, if over). Above that, the pocket screen would take minutes (it
    compares every note of the week with the weeks before: ~15 min at 1M notes on 2 cores), so the
    topic signals are computed alone — seconds — and ``pending`` is true for a finished week: the caller
    should have :func:`weekly_signals` judge it in the background, which stores it with its pockets.
    """
    target = as_week(week)
    with store.read() as con:
        stored = signals_sql.stored_week(con, target.label)
        n_notes = signals_sql.count_notes(con)
    if stored is not None:
        return as_named_now(store, [TrendSignal.from_dict(d) for d in stored]), False
    if n_notes <= settings.trends_inline_max_notes:
        return weekly_signals(store, settings, target, now=now), False
    signals, _ = compute_signals(store, settings.replace(pocket_search=False), target)
    return signals, target.end <= (now or utc_now())


def _same_pocket(existing: list[signals_sql.PocketRow], finding: PocketFinding) -> int | None:
    """The stored pocket (same model) whose centroid is closest to ``finding``'s, if close enough."""
    best: tuple[float, int] | None = None
    for row in existing:
        if row.model_id != finding.model_id:
            continue
        sim = float(row.centroid @ finding.centroid)
        if sim >= SAME_POCKET and (best is None or sim > best[0]):
            best = (sim, row.pocket_id)
    return best[1] if best else None


def _store(
    store: Store, week: str, signals: list[TrendSignal], pockets: list[PocketFinding], moment: datetime
) -> list[TrendSignal]:
    by_notes = {f.note_ids: f for f in pockets}
    out: list[TrendSignal] = []
    with store.transaction() as con:
        existing = signals_sql.pockets(con)
        for signal in signals:
            finding = by_notes.get(signal.note_ids) if signal.scope == "pocket" else None
            if finding is not None:
                pocket_id = _same_pocket(existing, finding)
                if pocket_id is None:
                    pocket_id = signals_sql.insert_pocket(
                        con,
                        week=week,
                        label=finding.label,
                        keywords=finding.keywords,
                        model_id=finding.model_id,
                        centroid=finding.centroid,
                        radius=finding.radius,
                        parent_topic_ids=finding.parents,
                        note_ids=finding.note_ids,
                    )
                    existing = signals_sql.pockets(con)
                else:
                    signals_sql.extend_pocket(con, pocket_id, week, finding.note_ids)
                signal = replace(signal, pocket_id=pocket_id)
            out.append(replace(signal, computed_at=moment.isoformat(timespec="seconds")))
        signals_sql.save_week(con, week, runs_sql.current_run_id(con), moment, [s.as_dict() for s in out])
    return out


def stored_weeks(store: Store) -> list[tuple[str, datetime, int | None, int]]:
    """(week, judged at, topic run then in use, number of signals) for every stored week."""
    with store.read() as con:
        return signals_sql.stored_weeks(con)
