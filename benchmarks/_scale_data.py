"""Large synthetic databases for the scale benchmarks, built from real MiniLM vectors of Banking77.

A synthetic note copies the text of a random Banking77 query and gets a vector mixed from that query's
vector and another query of the same intent (weight 0.55–1 on the first, renormalised), so every note
has a gold intent, vectors keep the real geometry, and no text has to be embedded. Notes are spread
uniformly over 26 weeks, with agents, teams, channels and products for the dashboard's filters.

The planted hard case: one intent (``POCKET_INTENT``) is held out of the first 25 weeks and appears
only in the newest one, as 0.15 % of the corpus — a pocket a uniform sample would thin out.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from benchmarks._data import CACHE_DIR, load_dataset

WEEKS = 26
START = datetime(2025, 6, 2)  # a Monday
POCKET_INTENT = "lost_or_stolen_phone"
POCKET_SHARE = 0.0015
CHANNELS = ("phone", "chat", "email")
PRODUCTS = ("current account", "savings", "card", "app", "loans")
_CHUNK = 50_000


def scale_db_path(size: int, seed: int = 0) -> Path:
    """Where the database of ``size`` notes is cached."""
    return CACHE_DIR / f"scale-{size}-s{seed}.duckdb"


def gold_path(size: int, seed: int = 0) -> Path:
    """The gold intent of each note (by external id ``scale-<row>``), saved beside the database."""
    return CACHE_DIR / f"scale-{size}-s{seed}-gold.npy"


def build_scale_db(size: int, seed: int = 0) -> tuple[Path, np.ndarray]:
    """Build (once) the database of ``size`` notes; return its path and the gold label index per row."""
    path, gold_file = scale_db_path(size, seed), gold_path(size, seed)
    if path.exists() and gold_file.exists():
        return path, np.load(gold_file)
    from insight.privacy import synthetic_draft
    from insight.records import NoteDraft
    from insight.store import Store
    from insight.store.notes import insert_notes

    started = time.perf_counter()
    ds = load_dataset("banking77")
    intents, gold_of_row = np.unique(ds.labels, return_inverse=True)
    pocket = int(np.flatnonzero(intents == POCKET_INTENT)[0])
    by_intent = [np.flatnonzero(gold_of_row == i) for i in range(len(intents))]
    members = np.argsort(gold_of_row, kind="stable")  # rows grouped by intent, for drawing partners
    counts = np.bincount(gold_of_row, minlength=len(intents))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rng = np.random.default_rng(seed)
    n_pocket = max(20, round(POCKET_SHARE * size))
    ordinary = np.flatnonzero(gold_of_row != pocket)
    source = np.concatenate([rng.choice(ordinary, size - n_pocket), rng.choice(by_intent[pocket], n_pocket)])
    week = np.concatenate([rng.integers(0, WEEKS, size - n_pocket), np.full(n_pocket, WEEKS - 1)])
    order = np.argsort(week * 7 * 86400 + rng.integers(0, 7 * 86400, size), kind="stable")
    source, week = source[order], week[order]
    seconds = np.sort(rng.integers(0, 7 * 86400, size))  # within the week; sorted keeps ids in time order
    gold = gold_of_row[source]
    if path.exists():
        path.unlink()
    store = Store(path)
    agents = 300
    for first in range(0, size, _CHUNK):
        rows = np.arange(first, min(size, first + _CHUNK))
        g = gold[rows]
        partner = members[starts[g] + (rng.random(len(rows)) * counts[g]).astype(np.int64)]
        weight = rng.uniform(0.55, 1.0, len(rows))[:, None].astype(np.float32)
        vectors = weight * ds.embeddings[source[rows]] + (1 - weight) * ds.embeddings[partner]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        agent = rng.integers(0, agents, len(rows))
        drafts = [
            NoteDraft(
                text=ds.texts[source[r]],
                created_at=START + timedelta(weeks=int(week[r]), seconds=int(seconds[r])),
                agent_id=f"agent-{agent[j]:03d}",
                team=f"team-{agent[j] % 12:02d}",
                channel=CHANNELS[int(agent[j] + r) % 3],
                product=PRODUCTS[int(gold[r]) % len(PRODUCTS)],
                kind="complaint",
                source="benchmark",
                external_id=f"scale-{r}",
            )
            for j, r in enumerate(rows)
        ]
        with store.transaction() as con:
            clean = [synthetic_draft(d) for d in drafts]  # dataset text, no personal data: no redactor needed
            insert_notes(con, clean, [f"scale:{r}" for r in rows], [()] * len(rows), vectors, ds.model_id)
        print(f"  built {rows[-1] + 1:,} / {size:,} notes", file=sys.stderr)
    store.release()
    np.save(gold_file, gold)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path, gold


def intent_names() -> np.ndarray:
    """The Banking77 intent names, in the order of the gold label indices."""
    return np.unique(load_dataset("banking77").labels)
