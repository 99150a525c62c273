"""Exact nearest-note search from vectors kept in RAM, refreshed from the store by what changed.

DuckDB's ``list_dot_product`` over every stored vector costs several times what the same top-k costs
from a float32 matrix in memory (one BLAS matrix-vector product plus an ``argpartition``; figures in
docs/scale.md). So each process keeps, per (database, model id), the note ids and their vectors. Before a search a
cheap query (count, largest and sum of the note ids of that model's vectors) tells whether anything
changed: notes added since (larger ids) are appended; anything else (a re-embedding, deleted notes)
reloads the whole matrix. A vector overwritten in place for the same note is not seen (nothing in
Earshot does that: a new model or backend gets a new model id).
Results are exact — the same notes, in the same order, as the SQL scan — so there is no recall
to trade and no index to rebuild. The price is memory: 1.5 GB per million 384-d vectors per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from insight.store import vectors as vectors_sql

_BLOCK = 262_144  # rows per block when only some notes are allowed (bounded temporary memory)


@dataclass
class _Matrix:
    ids: np.ndarray  # int64, ascending
    vectors: np.ndarray  # float32 (n, dim), unit rows
    count: int
    max_id: int
    id_sum: int


class VectorIndex:
    """The vectors of one model in one database, in RAM. Thread-safe; refresh before each search."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self._matrix: _Matrix | None = None
        self._lock = threading.Lock()

    def refresh(self, con: duckdb.DuckDBPyConnection) -> None:
        """Bring the matrix up to date with the store: append new notes, or reload when others changed."""
        count, max_id, id_sum = vectors_sql.vector_stats(con, self.model_id)
        with self._lock:
            m = self._matrix
            if m is not None and (m.count, m.max_id, m.id_sum) == (count, max_id, id_sum):
                return
            if m is not None and count > m.count and max_id > m.max_id:
                ids, vectors = vectors_sql.vectors_after(con, self.model_id, m.max_id)
                grown = m.count + len(ids) == count and m.id_sum + int(ids.sum()) == id_sum
                if grown and vectors.shape[1] == m.vectors.shape[1]:
                    matrix = np.vstack([m.vectors, vectors])
                    self._matrix = _Matrix(np.concatenate([m.ids, ids]), matrix, count, max_id, id_sum)
                    return
            ids, vectors = vectors_sql.vectors_after(con, self.model_id, None)
            self._matrix = _Matrix(ids, np.ascontiguousarray(vectors, dtype=np.float32), len(ids), max_id, id_sum)

    def top(
        self,
        vector: np.ndarray,
        k: int,
        *,
        allowed: np.ndarray | None = None,
        exclude: Sequence[int] = (),
        min_score: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(note ids, cosine scores) of the ``k`` nearest notes, best first (ties: smaller id first).

        ``allowed``: sorted note ids a filter kept (``None`` = all); ``exclude``: ids never returned.
        """
        with self._lock:
            m = self._matrix
        if m is None or len(m.ids) == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != m.vectors.shape[1]:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if allowed is None:
            rows = None
            scores = m.vectors @ query
        else:
            wanted = np.asarray(allowed, dtype=np.int64)
            pos = np.searchsorted(m.ids, wanted)
            inside = pos < len(m.ids)
            pos, wanted = pos[inside], wanted[inside]
            rows = pos[m.ids[pos] == wanted]  # allowed notes that have a vector of this model
            scores = np.empty(len(rows), dtype=np.float32)
            for start in range(0, len(rows), _BLOCK):
                scores[start : start + _BLOCK] = m.vectors[rows[start : start + _BLOCK]] @ query
        ids = m.ids if rows is None else m.ids[rows]
        keep = np.ones(len(ids), dtype=bool)
        if len(exclude):
            keep &= ~np.isin(ids, np.asarray(exclude, dtype=np.int64))
        if min_score is not None:
            keep &= scores >= min_score
        if not keep.all():
            ids, scores = ids[keep], scores[keep]
        if len(ids) > k:
            part = np.argpartition(-scores, k - 1)[:k]
            ids, scores = ids[part], scores[part]
        order = np.lexsort((ids, -scores))
        return ids[order], scores[order]


_indexes: dict[tuple[str, str], VectorIndex] = {}
_indexes_lock = threading.Lock()


def index_for(db: Path, model_id: str) -> VectorIndex:
    """The process's index of ``model_id`` vectors in the database file ``db`` (created empty)."""
    key = (str(Path(db).resolve()), model_id)
    with _indexes_lock:
        if key not in _indexes:
            _indexes[key] = VectorIndex(model_id)
        return _indexes[key]


def forget_indexes() -> None:
    """Drop every in-memory index (tests; or to give the memory back)."""
    with _indexes_lock:
        _indexes.clear()
