"""Placing new notes into the current run's topics on arrival (no refit).

Owned by the topics work; this first version is nearest-centroid against the current run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np


@dataclass(frozen=True)
class Placement:
    """Where one note landed: a topic id (``-1`` = unclear), its display label, and the cosine score."""

    note_id: int
    topic_id: int
    label: str
    score: float


def assign_notes(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> list[Placement]:
    """Assign notes to the current topic run and record it in ``note_topics``.

    Returns an empty list when there is no current run for ``model_id`` yet (nothing is recorded).
    Runs inside the caller's transaction.
    """
    return []
