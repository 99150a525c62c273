"""Small worlds with note vectors, for the pocket detector: clusters in embedding space, weekly counts, topics.

Each cluster is a direction in a 48-dimensional space; a note is that direction plus Gaussian noise,
normalised (within a cluster notes are ~0.7 cosine apart, like paraphrases of one intent under
all-MiniLM-L6-v2; two "twin" clusters sit ~0.6 apart note to note). Which topic a note is in is set by the
fixture, so a new need can be put inside its twin's topic, or split across two topics.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from insight.privacy import synthetic_draft
from insight.records import NoteDraft
from insight.store import Store
from insight.store.notes import insert_notes
from insight.trends.weeks import Week
from tests import store_fixtures as fixtures

DIM = 48
MODEL = "fixture-vectors"
FIRST = Week(2025, 2)
N_WEEKS = 8
TARGET = FIRST.shift(N_WEEKS - 1)  # 2025-W09
RUN_AT = datetime(2025, 3, 2, 22, 0)  # Sunday evening of the target week


def direction(*parts: tuple[int, float]) -> np.ndarray:
    """A unit vector from (axis, weight) pairs."""
    v = np.zeros(DIM, dtype=np.float32)
    for axis, weight in parts:
        v[axis] = weight
    return v / np.linalg.norm(v)


@dataclass(frozen=True)
class Cluster:
    """Notes around one direction: weekly counts (oldest first), their topic(s), agents and a text."""

    name: str
    centre: np.ndarray
    counts: Sequence[int]
    topics: Sequence[int] = (1,)  # notes go to these topics in turn
    agents: Sequence[str] = ("a1", "a2", "a3", "a4", "a5", "a6")
    text: str = "note"


def build(store: Store, clusters: Sequence[Cluster], labels: Mapping[int, str], seed: int = 0) -> dict[str, list[int]]:
    """Store the clusters' notes with vectors and one current topic run; return note ids per cluster."""
    rng = np.random.default_rng(seed)
    drafts, vectors, topics, names = [], [], [], []
    for cluster in clusters:
        for w, count in enumerate(cluster.counts):
            week = FIRST.shift(w)
            for i in range(count):
                moment = week.start + timedelta(days=i % 5, hours=9 + i % 8, minutes=(7 * i) % 60)
                agent = cluster.agents[i % len(cluster.agents)]
                drafts.append(NoteDraft(text=f"{cluster.text} ({week.label} #{i})", created_at=moment,
                                        agent_id=agent, source="fixture"))  # fmt: skip
                v = cluster.centre + rng.normal(0.0, 0.09, DIM).astype(np.float32)
                vectors.append(v / np.linalg.norm(v))
                topics.append(cluster.topics[i % len(cluster.topics)])
                names.append(cluster.name)
    keys = [hashlib.sha1(f"{i}|{d.text}".encode()).hexdigest() for i, d in enumerate(drafts)]
    with store.transaction() as con:
        clean = [synthetic_draft(d) for d in drafts]
        ids = insert_notes(con, clean, keys, [() for _ in drafts], np.vstack(vectors), MODEL)
        sizes: dict[int, int] = {}
        for t in topics:
            sizes[t] = sizes.get(t, 0) + 1
        run_id = fixtures.record_topic_run(
            con, RUN_AT, [(t, label, label.split(), sizes.get(t, 0)) for t, label in labels.items()], model_id=MODEL
        )
        fixtures.record_assignments(con, run_id, [(i, t, 0.8) for i, t in zip(ids, topics, strict=True)])
    out: dict[str, list[int]] = {}
    for name, note_id in zip(names, ids, strict=True):
        out.setdefault(name, []).append(note_id)
    return out


def reassign(store: Store, assignments: Mapping[int, int], labels: Mapping[int, str]) -> None:
    """A new current run (as a refit would make) that puts the given notes in other topics."""
    with store.read() as con:
        rows = con.execute("SELECT note_id, topic_id FROM note_topics").fetchall()
    placed = {int(n): int(t) for n, t in rows} | dict(assignments)
    with store.transaction() as con:
        run_id = fixtures.record_topic_run(
            con, RUN_AT + timedelta(days=7), [(t, lbl, lbl.split(), 0) for t, lbl in labels.items()], model_id=MODEL
        )
        fixtures.record_assignments(con, run_id, [(n, t, 0.8) for n, t in placed.items()])


# Directions: a steady "can't log in" intent, its near-twin "login loop after the update", a third intent
# ("card delivery") and a fourth that sits between topics 1 and 3.
LOGIN = direction((0, 1.0))
LOOP = direction((0, 1.0), (1, 0.75))
CARDS = direction((2, 1.0))
OTHER = direction((3, 1.0))
STEADY = (12, 11, 13, 12, 12, 11, 12, 12)
