"""``detect_signals``: one week's emerging, new, spike and fading topics, each with its evidence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from insight.records import UNCLEAR_TOPIC_ID
from insight.settings import Settings
from insight.store import notes as notes_sql
from insight.store import profiles as profiles_sql
from insight.store import signals as signals_sql
from insight.store import weekly as weekly_sql
from insight.store.db import Store
from insight.trends.detectors import PoissonGammaDetector, TrendDetector
from insight.trends.fading_pockets import FadeFinding, find_fades
from insight.trends.new_sources import mark_new_sources, new_sources
from insight.trends.pocket_signals import PocketFinding, find_pockets, load_pocket_input
from insight.trends.records import SIGNAL_KINDS, Detection, Quote, TopicHistory, TopicInfo, TrendSignal, VolumeFilters
from insight.trends.volume import WeekLike, as_week, topic_catalogue, topic_quotes
from insight.trends.weeks import Week
from insight.trends.wording import chance_words, change_words


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


POCKET_COVERED = 0.6  # a pocket making up this share of a rising topic's week is that topic's rise
POCKET_EXPLAINS = 0.5  # a pocket carrying this share of a topic's rise above expected replaces the topic
NEW_TOPIC_BASELINE = 1.0  # a topic that rose from under this many notes a week is itself the new need


def _words(kind: str, d: Detection) -> tuple[str, str]:
    """The change and the chance in words (a topic born with no history has no chance to state)."""
    chance = "" if kind == "new" and d.p_value >= 1.0 else chance_words(d.p_value)
    return change_words(d.baseline, d.count, d.window_weeks), chance


def _detection_fields(target: Week, d: Detection) -> dict:
    """The fields every signal takes from its detection, for a topic and a pocket alike."""
    change, chance = _words(d.kind, d)
    return {
        "kind": d.kind,
        "score": d.score,
        "week": target.label,
        "count": d.count,
        "baseline": d.baseline,
        "distinct_agents": d.distinct_agents,
        "confidence": d.confidence,
        "p_value": d.p_value,
        "growth": d.growth,
        "corroborated_count": d.corroborated_count,
        "expected": d.expected,
        "window_weeks": d.window_weeks,
        "window_agents": d.window_agents,
        "change": change,
        "chance": chance,
    }


def _topic_signal(
    target: Week, history: TopicHistory, d: Detection, info: TopicInfo, quotes: list[Quote], pocket_id: int | None
) -> TrendSignal:
    return TrendSignal(
        topic_id=history.topic_id,
        label=info.label,
        reason=d.reason,
        weekly_counts=tuple(zip(history.weeks, history.counts, strict=True)),
        quotes=tuple(quotes),
        owner=info.owner,
        status=info.status,
        pocket_id=pocket_id,
        **_detection_fields(target, d),
    )


def _pocket_signal(target: Week, f: PocketFinding, catalogue: dict[int, TopicInfo]) -> TrendSignal:
    d = f.detection
    inside = ", ".join(catalogue.get(t, TopicInfo(t, f"Topic {t}")).label for t in f.parents)
    return TrendSignal(
        topic_id=f.history.topic_id,
        label=f.label,
        reason=f"a pocket of notes growing inside {inside}: {d.reason}",
        weekly_counts=tuple(zip(f.history.weeks, f.history.counts, strict=True)),
        quotes=f.quotes,
        scope="pocket",
        parent_topic_ids=f.parents,
        keywords=f.keywords,
        note_ids=f.note_ids,
        **_detection_fields(target, d),
    )


def fade_signals(
    target: Week, fades: list[FadeFinding], signals: list[TrendSignal], catalogue: dict[int, TopicInfo]
) -> list[TrendSignal]:
    """Fades below the topic level that no topic's own fading signal already says.

    A fade whose notes mostly sat in topics that are fading this week is those topics' fade.
    """
    fading = {s.topic_id for s in signals if s.kind == "fading" and s.scope == "topic"}
    out = []
    for f in fades:
        if sum(t in fading for t in f.note_topics) > POCKET_EXPLAINS * len(f.note_topics):
            continue
        d = f.detection
        inside = ", ".join(catalogue.get(t, TopicInfo(t, f"Topic {t}")).label for t in f.parents)
        out.append(
            TrendSignal(
                topic_id=f.history.topic_id,
                label=f.label,
                reason=f"a pocket of notes fading inside {inside}: {d.reason}",
                weekly_counts=tuple(zip(f.history.weeks, f.history.counts, strict=True)),
                scope="pocket",
                parent_topic_ids=f.parents,
                keywords=f.keywords,
                note_ids=f.note_ids,
                **_detection_fields(target, d),
            )
        )
    return out


def merge_pockets(
    topic_signals: list[TrendSignal], pockets: list[TrendSignal], counts: dict[int, int]
) -> list[TrendSignal]:
    """Topic signals and pocket signals without saying one rise twice.

    A pocket that makes up most of a topic that is already emerging or new this week is that topic's
    signal (the topic is kept), and so is any pocket inside a topic that is itself new — one that rose from
    under ``NEW_TOPIC_BASELINE`` notes a week: the whole topic is the new need, and the pocket one part of it
    (the demo's "Login loop", 0 → 19 → 23 a week, was shown only as its 13-note "Login screen after update",
    and the brief's appendix then listed the need's topic with other numbers and no signal). A pocket that
    carries most of an older topic's rise (emerging or spike) above what was expected, but not most of its
    notes, replaces the topic's signal: the topic rose because of the pocket, and the pocket says what is new.
    Any other pocket is a signal of its own.
    """
    out = list(topic_signals)
    for pocket in pockets:
        parent = pocket.topic_id
        mine = [s for s in out if s.topic_id == parent and s.scope == "topic"]
        rising = next((s for s in mine if s.kind in ("emerging", "new")), None)
        if rising is not None and pocket.count >= POCKET_COVERED * max(counts.get(parent, 0), 1):
            continue
        if rising is not None and rising.baseline < NEW_TOPIC_BASELINE:
            continue
        for s in mine:
            if s.kind in ("emerging", "spike") and pocket.count >= POCKET_EXPLAINS * max(s.count - s.expected, 1.0):
                out.remove(s)
        out.append(pocket)
    return out


def compute_signals(
    store: Store,
    settings: Settings,
    week: WeekLike,
    detector: TrendDetector | None = None,
    filters: VolumeFilters | None = None,
    quotes: int | None = None,
) -> tuple[list[TrendSignal], list[PocketFinding]]:
    """:func:`detect_signals`, also returning the confirmed pockets behind its pocket signals."""
    target = as_week(week)
    # A topic's count test is its only evidence, so its fall may be asked to beat a steady need's week-to-week
    # swing too (off by default); a pocket's groups are already calibrated on shuffled weeks.
    pocket_detector = detector or PoissonGammaDetector(settings)
    detector = detector or PoissonGammaDetector(settings, overdispersion=settings.fading_overdispersion)
    weeks = history_weeks(settings, target)
    with store.read() as con:
        agent_rows = weekly_sql.weekly_topic_agent_counts(con, weeks[0].start, target.end, filters)
        totals = {ws: int(n) for ws, n, _, _ in weekly_sql.weekly_totals(con, weeks[0].start, target.end, filters)}
        # A source connected lately adds notes to every week it covers: counted in the volume every topic is
        # judged against, its import made the demo's steady topics look as if they were fading.
        fresh = new_sources(weekly_sql.source_starts(con, target.end), target, settings.baseline_weeks)
        for week_start, n in weekly_sql.weekly_source_notes(
            con, weeks[0].start, target.end, sorted(fresh), filters
        ).items():
            totals[week_start] = max(0, totals.get(week_start, 0) - n)
        first, _ = notes_sql.note_time_range(con, until=target.end)
        born = profiles_sql.topics_born_between(con, target.start, target.end)
        # The first refit's topics are the catalogue a user starts from, not news: one of them is new only when
        # its notes start this week. (An export of last quarter, imported and refitted once, made every topic
        # "new" in the export's last week.)
        born -= {
            row[1] for row in agent_rows if row[0] < target.monday and row[3] > 0
        } & profiles_sql.topics_born_at_first_run(con)
        continued = signals_sql.pocket_topics(con)  # topic -> the pocket it was born from: the same need
    catalogue = topic_catalogue(store)
    # A topic merged away is not new on its own: its notes already count under the target.
    born = {t for t in born if t != UNCLEAR_TOPIC_ID and catalogue.get(t, TopicInfo(t, "")).topic_id == t}
    if filters is not None:  # under filters, a new topic is only news where it has notes
        born &= {row[1] for row in agent_rows}
    first_week = Week.containing(first) if first is not None else None
    found: list[tuple[TopicHistory, Detection]] = []
    histories = build_histories(weeks, agent_rows, totals, first_week, born)
    for history in histories:
        for detection in detector.detect(history):
            found.append((history, detection))
    per_topic = settings.brief_quotes if quotes is None else quotes
    quote_map: dict[int, list[Quote]] = {}
    if found and per_topic > 0:
        quote_map = topic_quotes(store, target, sorted({h.topic_id for h, _ in found}), per_topic, filters)
    signals = []
    for history, d in found:
        info = catalogue.get(history.topic_id, TopicInfo(history.topic_id, f"Topic {history.topic_id}"))
        pocket_id = continued.get(history.topic_id)
        signals.append(_topic_signal(target, history, d, info, quote_map.get(history.topic_id, []), pocket_id))
    pockets: list[PocketFinding] = []
    if filters is None and settings.pocket_search:  # pockets are about the whole stream, not a slice of it
        loaded = load_pocket_input(store, weeks, first_week)
        pockets = find_pockets(store, settings, weeks, totals, first_week, pocket_detector, per_topic, loaded)
        counts = {h.topic_id: h.counts[-1] for h in histories}
        signals = merge_pockets(signals, [_pocket_signal(target, f, catalogue) for f in pockets], counts)
        kept = {s.note_ids for s in signals if s.scope == "pocket"}
        pockets = [f for f in pockets if f.note_ids in kept]
        week_totals = tuple(totals.get(w.monday, 0) for w in weeks)
        fades = find_fades(store, settings, loaded, tuple(w.label for w in weeks), week_totals, pocket_detector)
        signals += fade_signals(target, fades, signals, catalogue)
    # a need that arrived with a newly connected source is not a rise (insight.trends.new_sources)
    signals = mark_new_sources(store, target, signals, settings.baseline_weeks)
    return sorted(signals, key=_sort_key), pockets


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
    Besides topics, emerging needs are looked for below the topic level (pockets, see
    :mod:`insight.trends.pocket_signals`) when no filters are given. This computes afresh; what was
    signalled for a past week, as it was said, comes from :func:`insight.trends.ledger.weekly_signals`.

    Args:
        store: the database.
        settings: thresholds (the trends section).
        week: the week, as a :class:`Week` or ``2025-W10``.
        detector: decides per topic; default :class:`PoissonGammaDetector` with ``settings``.
        filters: restrict the counting to some products, channels, teams, kinds or topics.
        quotes: quotes per signal (default ``settings.brief_quotes``; 0 for none).
    """
    return compute_signals(store, settings, week, detector, filters, quotes)[0]
