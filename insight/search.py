"""Semantic search over notes: the notes closest in meaning to a query, among those a filter keeps.

All SQL is in :mod:`insight.store`; the exact top-k over vectors held in RAM is :mod:`insight.vector_index`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.embedder import Embedder
from insight.errors import InputError
from insight.records import Note, NoteFilters
from insight.store import Store
from insight.store import note_views as views_sql
from insight.store import notes as notes_sql
from insight.vector_index import index_for

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
