"""Semantic search over notes, "similar notes this week", an agent's own notes, and the topic map.

All SQL is in :mod:`insight.store`; this module turns rows into records and adds the bits of
logic (thresholds, the 2-D projection) that pages must not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from insight.demo_data import demo_note_count  # noqa: F401  (kept importable from here)
from insight.embedder import Embedder
from insight.errors import InputError
from insight.records import Note, NoteFilters
from insight.store import Store
from insight.store import note_views as views_sql
from insight.store import notes as notes_sql
from insight.store import placements as placements_sql
from insight.store import topics as topics_sql
from insight.store import vectors as vectors_sql
from insight.store.topics import TopicCentroids
from insight.vector_index import index_for

SIMILAR_MIN_SCORE = 0.55  # cosine above which two notes read as "about the same thing" (MiniLM)
SIMILAR_DAYS = 7
# Cosine under which a search hit is unrelated, per model (a calibration belongs to the model that made
# the vectors). all-MiniLM-L6-v2 on the demo notes: nonsense ("zzqx", "lorem ipsum", "banana") tops out
# at 0.31 against every note, real queries ("eSIM", "bill too high", "router") start at 0.43. Unknown
# models (and the hashing test double) get no floor.
UNRELATED_BELOW: dict[str, float] = {"all-MiniLM-L6-v2": 0.35}


@dataclass(frozen=True)
class SearchHit:
    """One note found by a search, with its cosine similarity to the query."""

    note: Note
    score: float


@dataclass(frozen=True)
class SimilarThisWeek:
    """Who else saw this in the last days: one set of other people's notes, and every figure taken from it.

    The set is the notes close in meaning (``hits``) plus the notes filed under the same topic, minus
    the agent's own. ``notes`` and ``colleagues`` (distinct other agents) count that set, so a headline
    and its caption can never disagree. ``topic_notes``/``topic_colleagues`` are the same-topic part.
    """

    hits: tuple[SearchHit, ...]
    colleagues: int
    topic_notes: int = 0
    topic_colleagues: int = 0
    notes: int = 0


@dataclass(frozen=True)
class MyNote:
    """One of an agent's notes, with where it went and what is being done about it."""

    note: Note
    topic_status: str | None
    topic_owner: str | None
    status_note: str | None


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


@dataclass(frozen=True)
class TopicPoint:
    """A topic placed on a 2-D map: similar topics sit close together."""

    topic_id: int
    label: str
    keywords: tuple[str, ...]
    size: int
    x: float
    y: float


def _hit(row: tuple) -> SearchHit:
    *note_row, score = row
    return SearchHit(notes_sql.row_to_note(tuple(note_row)), float(score))


def search_notes(
    store: Store, query: str, *, embedder: Embedder, filters: NoteFilters | None = None, limit: int = 25
) -> list[SearchHit]:
    """The notes closest in meaning to ``query``, best first, among those matching ``filters``.

    Notes below the model's :data:`UNRELATED_BELOW` floor are left out, so a query about nothing in the
    notes ("zzqx") finds nothing instead of 50 notes at 0.25.

    Raises:
        InputError: the query is blank.
    """
    query = query.strip()
    if not query:
        raise InputError("Type a sentence to search for, e.g. 'customers want to pause their plan'.")
    vector = embedder.embed([query])[0]
    floor = UNRELATED_BELOW.get(embedder.model_id)
    return nearest(store, vector, embedder.model_id, limit=limit, filters=filters, min_score=floor)


def nearest(
    store: Store,
    vector: np.ndarray,
    model_id: str,
    *,
    limit: int,
    filters: NoteFilters | None = None,
    min_score: float | None = None,
    exclude_ids: tuple[int, ...] = (),
) -> list[SearchHit]:
    """Exact top-``limit`` notes by cosine among those ``filters`` keep (see :mod:`insight.vector_index`)."""
    index = index_for(store.path, model_id)
    with store.read() as con:
        index.refresh(con)
        allowed = notes_sql.filtered_note_ids(con, filters) if filters and filters != NoteFilters() else None
        ids, scores = index.top(vector, limit, allowed=allowed, exclude=exclude_ids, min_score=min_score)
        rows = views_sql.notes_with_topics(con, ids.tolist())
    score_of = dict(zip(ids.tolist(), scores.tolist(), strict=True))
    return [_hit((*r, score_of[r[0]])) for r in rows]


def similar_this_week(
    store: Store,
    *,
    embedder: Embedder,
    note_id: int | None = None,
    text: str | None = None,
    agent_id: str | None = None,
    topic_id: int | None = None,
    now: datetime | None = None,
    days: int = SIMILAR_DAYS,
    min_score: float = SIMILAR_MIN_SCORE,
    limit: int = 8,
) -> SimilarThisWeek:
    """Notes like one note (by id, using its stored vector) or like a draft ``text``, from the last ``days``.

    The agent's own notes are left out; with ``topic_id``, the topic's notes in the same window join the
    set that :class:`SimilarThisWeek` counts.
    """
    now = now or datetime.utcnow()
    start = now - timedelta(days=days)
    with store.read() as con:
        vector = vectors_sql.note_vector(con, note_id, embedder.model_id) if note_id is not None else None
    if vector is None:
        if not text or not text.strip():
            return SimilarThisWeek(hits=(), colleagues=0)
        vector = embedder.embed([text])[0]
    hits = nearest(
        store,
        vector,
        embedder.model_id,
        limit=limit * 4,
        filters=NoteFilters(start=start, end=now + timedelta(minutes=1)),
        min_score=min_score,
        exclude_ids=(note_id,) if note_id is not None else (),
    )
    with store.read() as con:
        topic_rows = (
            placements_sql.topic_notes_between(con, topic_id, start, now + timedelta(minutes=1))
            if topic_id is not None and topic_id >= 0
            else []
        )
    hits = [h for h in hits if not _same_agent(h.note.agent_id, agent_id)]
    others = {h.note.id: h.note.agent_id for h in hits}
    in_topic = {i: a for i, a in topic_rows if not _same_agent(a, agent_id) and i != note_id}
    others.update(in_topic)
    return SimilarThisWeek(
        hits=tuple(hits[:limit]),
        colleagues=len({a for a in others.values() if a}),
        topic_notes=len(in_topic),
        topic_colleagues=len({a for a in in_topic.values() if a}),
        notes=len(others),
    )


def _same_agent(author: str | None, agent_id: str | None) -> bool:
    return bool(agent_id) and (author or "").strip().lower() == str(agent_id).strip().lower()


def notes_by_agent(store: Store, agent_id: str, *, limit: int = 500) -> list[MyNote]:
    """An agent's notes, newest first, each with its topic and that topic's status, owner and note."""
    with store.read() as con:
        rows = views_sql.notes_of_agent(con, agent_id, limit)
    out = []
    for row in rows:
        *note_row, status, owner, status_note = row
        out.append(MyNote(notes_sql.row_to_note(tuple(note_row)), status, owner, status_note))
    return out


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


def topic_map(store: Store) -> list[TopicPoint]:
    """The current topics on a plane: their centroids projected on the two main axes (PCA).

    Returns an empty list until a topic run exists.
    """
    with store.read() as con:
        topics = topics_sql.run_centroids(con)
    if not len(topics.topic_ids):
        return []
    centered = topics.centroids - topics.centroids.mean(axis=0)
    if len(topics.topic_ids) >= 2:
        _, _, vt = np.linalg.svd(centered, full_matrices=False)
        axes = vt[:2] if vt.shape[0] >= 2 else np.vstack([vt, np.zeros_like(vt)])
        xy = centered @ axes.T
    else:
        xy = np.zeros((1, 2), dtype=np.float32)
    return [_point(topics, i, float(xy[i, 0]), float(xy[i, 1])) for i in range(len(topics.topic_ids))]


def _point(topics: TopicCentroids, i: int, x: float, y: float) -> TopicPoint:
    return TopicPoint(int(topics.topic_ids[i]), str(topics.labels[i]), topics.keywords[i], topics.sizes[i], x, y)


def similar_topics(store: Store, topic_id: int, *, limit: int = 5) -> list[tuple[TopicPoint, float]]:
    """The current topics whose centroids are closest to ``topic_id``'s, with their cosine similarity."""
    with store.read() as con:
        topics = topics_sql.run_centroids(con)
    ids = [int(t) for t in topics.topic_ids]
    if topic_id not in ids or len(ids) < 2:
        return []
    centroids = topics.centroids / (np.linalg.norm(topics.centroids, axis=1, keepdims=True) + 1e-12)
    scores = centroids @ centroids[ids.index(topic_id)]
    order = [i for i in np.argsort(-scores) if ids[i] != topic_id][:limit]
    return [(_point(topics, int(i), 0.0, 0.0), float(scores[i])) for i in order]


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
    from insight.store.notes import get_notes
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


def has_notes(store: Store) -> bool:
    """Whether any note is stored (creates and upgrades the database file if it is new)."""
    with store.read() as con:
        first, _ = notes_sql.note_time_range(con)
    return first is not None


# The Trends page's record and service live in insight.trend_view; kept importable from here.
from insight.trend_view import PocketTrend, TopicTrend, TrendOverview, topic_overview  # noqa: E402, F401
