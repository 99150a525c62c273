"""Moving a database to another embedding model or backend: embed every note again, in batches.

Vectors are stored with the id of the model (and backend) that made them, and everything that compares
vectors — search, placement, refits — uses one id, so the two never mix. Re-embedding adds the new
vectors beside the old ones (switching back stays free) unless ``drop_old`` is set; it is resumable,
because each batch only takes notes that have no vector of the new id yet. Topics follow at the next
refit: until then the current run belongs to the old id.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insight.embedder import Embedder
from insight.records import CountCallback
from insight.store import Store
from insight.store import notes as notes_sql
from insight.store import runs as runs_sql
from insight.store import vectors as vectors_sql

BATCH = 2048  # notes per read → embed → write round; a crash loses at most one batch of work


@dataclass(frozen=True)
class ReembedResult:
    """What a re-embedding did."""

    model_id: str
    embedded: int
    total: int
    dropped: int
    refit_needed: bool
    message: str


def reembed(
    store: Store,
    embedder: Embedder,
    *,
    drop_old: bool = False,
    batch_size: int = BATCH,
    progress: CountCallback | None = None,
) -> ReembedResult:
    """Give every stored note a vector from ``embedder`` (those that have one keep it).

    Args:
        store: the database.
        embedder: the model/backend to move to; its ``model_id`` tags the new vectors.
        drop_old: afterwards, delete vectors of every other model id (frees ~160 MB per 100k notes).
        batch_size: notes per round (each round is one short transaction).
        progress: optional ``(done, total)`` callback after each batch.
    """
    model_id = embedder.model_id
    with store.read() as con:
        total = notes_sql.count_notes(con)
        have = vectors_sql.embedding_counts(con).get(model_id, 0)
    todo, done = max(0, total - have), 0
    while True:
        with store.read() as con:
            batch = vectors_sql.notes_missing_embeddings(con, model_id, batch_size)
        if not batch:
            break
        vectors = np.asarray(embedder.embed([text for _, text in batch]), dtype=np.float32)
        with store.transaction() as con:
            vectors_sql.insert_embeddings(con, [i for i, _ in batch], vectors, model_id)
        done += len(batch)
        if progress is not None:
            progress(done, max(todo, done))
    dropped = 0
    if drop_old:
        with store.transaction() as con:
            dropped = vectors_sql.delete_embeddings_except(con, model_id)
    with store.read() as con:
        run = runs_sql.current_run(con)
    refit_needed = run is not None and run.model_id != model_id
    message = f"{done} notes embedded with {model_id} ({total} stored)"
    message += f"; {dropped} vectors of other models deleted." if drop_old else "."
    if refit_needed:
        message += f" The topics were fitted on {run.model_id} vectors: run `python -m insight refit` next."
    return ReembedResult(model_id, done, total, dropped, refit_needed, message)
