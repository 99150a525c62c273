"""Who else saw this lately: notes like one note (or a draft), from other agents, in the last days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from insight.clock import utc_now
from insight.embedder import Embedder
from insight.records import NoteFilters
from insight.search import SearchHit, nearest
from insight.store import Store
from insight.store import placements as placements_sql
from insight.store import vectors as vectors_sql

SIMILAR_MIN_SCORE = 0.55  # cosine above which two notes read as "about the same thing" (MiniLM)
# A note this far from its topic's centre was filed there for want of a closer one (nine in ten of a fit's notes
# sit nearer; a bill in Welsh landed in "Large print bill requested" at 0.54): its topic's other notes are not
# "something similar", and the agent is told the topic is only the nearest.
CLOSE_TO_TOPIC = 0.65


def close_match(score: float | None) -> bool:
    """Whether a note placed at ``score`` (cosine to its topic's centre) is a close match for that topic."""
    return score is not None and score >= CLOSE_TO_TOPIC


SIMILAR_DAYS = 7


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
    now = now or utc_now()
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
