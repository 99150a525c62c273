"""Do topic ids survive refits? And what do refits and on-arrival placement cost?

    .venv/bin/python benchmarks/topic_stability.py [--datasets banking77 clinc150]

For each dataset, on a temporary DuckDB file, through the real service (``insight.topics.refit``):

1. store a seeded random 90 % of the notes (with their cached embeddings) and refit;
2. store the other 10 % and refit: of the notes of step 1 whose topic survived (``continue``), the share
   that still sit in a topic with the same id — target ≥ 90 %;
3. refit again on identical data (``force=True``, as the content hash would otherwise skip it): the
   share of notes whose topic id is unchanged — target 100 %.

Then, on the Banking77 database: on-arrival placement latency (``assign_notes`` for one note with a
precomputed vector, inside a write transaction, as the ingest service calls it; embedding one note adds
16–19 ms here), and the wall clock of ``python -m insight refit --force`` in a fresh process, imports
and numba cache loading included (run once beforehand so the on-disk cache exists).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._data import load_dataset, store_notes  # noqa: E402
from insight.settings import load_settings  # noqa: E402
from insight.store import Store  # noqa: E402
from insight.store import placements as placements_sql  # noqa: E402
from insight.store import profiles as profiles_sql  # noqa: E402
from insight.topics import assign_notes, refit  # noqa: E402


def _placements(store: Store) -> dict[int, int]:
    with store.read() as con:
        notes, topics = placements_sql.placements(con)
    return dict(zip(notes.tolist(), topics.tolist(), strict=True))


def _kept(before: dict[int, int], after: dict[int, int], surviving: set[int]) -> tuple[float, int]:
    """Share of notes in surviving topics (of ``before``) whose topic id is the same in ``after``."""
    notes = [n for n, t in before.items() if t in surviving and n in after]
    return (sum(after[n] == before[n] for n in notes) / len(notes) if notes else float("nan")), len(notes)


def stability(name: str, folder: Path) -> tuple[dict[str, object], Store]:
    """Run the three refits for one dataset; return the figures and the filled store."""
    ds = load_dataset(name)
    db = folder / f"{name}.duckdb"
    store, settings = Store(db), load_settings(environ={}, db=db)
    rng = np.random.default_rng(0)
    first = np.sort(rng.choice(len(ds.texts), int(0.9 * len(ds.texts)), replace=False))
    rest = np.setdiff1d(np.arange(len(ds.texts)), first)
    store_notes(store, ds, first)
    r1 = refit(store, settings, ds.model_id)
    p1 = _placements(store)
    store_notes(store, ds, rest)
    r2 = refit(store, settings, ds.model_id)
    p2 = _placements(store)
    with store.read() as con:
        continued = {e.topic_id for e in profiles_sql.lineage_events(con, r2.run_id) if e.event == "continue"}
    kept_growth, n_growth = _kept(p1, p2, continued)
    surviving_notes = sum(1 for t in p1.values() if t in continued) / len(p1)
    r3 = refit(store, settings, ds.model_id, force=True)
    p3 = _placements(store)
    kept_same, _ = _kept(p2, p3, set(p2.values()) - {-1})
    return {
        "dataset": name,
        "topics": f"{r1.n_topics} → {r2.n_topics} → {r3.n_topics}",
        "events_90_to_100": r2.events,
        "notes_in_surviving_topics": surviving_notes,
        "kept_90_to_100": kept_growth,
        "n_90_to_100": n_growth,
        "kept_identical": kept_same,
        "events_identical": r3.events,
        "seconds": f"{r1.seconds:.1f} / {r2.seconds:.1f} / {r3.seconds:.1f}",
    }, store


def arrival_latency(store: Store, model_id: str, vectors: np.ndarray, n: int = 200) -> list[float]:
    """Milliseconds to place one note (precomputed vector) and record it, each in its own transaction."""
    with store.read() as con:
        note_ids = [int(i) for i in placements_sql.placements(con)[0][:n]]
    times = []
    for note_id, vector in zip(note_ids, vectors[:n], strict=True):
        start = time.perf_counter()
        with store.transaction() as con:
            placed = assign_notes(con, [note_id], vector[None, :], model_id)
        times.append((time.perf_counter() - start) * 1000)
        assert placed
    return times


def fresh_cli_refit(db: Path) -> float:
    """Wall clock of a forced refit from the command line in a new process."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "insight", "refit", "--db", str(db), "--force", "--no-progress"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    """Print the stability table, then the operational figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=["banking77", "clinc150"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results, stores = [], {}
        for name in args.datasets:
            row, stores[name] = stability(name, folder)
            results.append(row)
        print(f"{'dataset':<10} {'topics (90%→100%→same)':<24} {'in surviving':>12} {'kept 90→100':>11} "
              f"{'kept same':>9}  refit s      events 90→100")  # fmt: skip
        for r in results:
            print(
                f"{r['dataset']:<10} {r['topics']:<24} {r['notes_in_surviving_topics']:>12.1%} "
                f"{r['kept_90_to_100']:>11.1%} {r['kept_identical']:>9.1%}  {r['seconds']:<12} {r['events_90_to_100']}"
            )
        name = args.datasets[0]
        ds = load_dataset(name)
        store = stores[name]
        times = arrival_latency(store, ds.model_id, ds.embeddings)
        store.release()
        fresh = fresh_cli_refit(store.path)
        print(
            f"\non-arrival placement ({name}, {len(times)} single-note transactions): median "
            f"{statistics.median(times):.1f} ms, p95 {np.percentile(times, 95):.1f} ms, first {times[0]:.1f} ms"
        )
        print(f"fresh-process `python -m insight refit --force` on {len(ds.texts)} notes: {fresh:.1f} s wall clock")


if __name__ == "__main__":
    main()
