"""Where a refit's memory goes: run one refit in this process and print the peak RSS of each phase.

    nice -n 10 .venv/bin/python benchmarks/_refit_memory.py DB [--sample-size N]

Called by ``benchmarks/scale.py memory``, or directly on a copy of a scale database. The refit is the one
``python -m insight refit --force`` runs (same settings, same embedder), with the functions of each phase
wrapped so their start and end are known; a thread samples this process's RSS (``/proc/self/status``)
every 20 ms. For each phase: RSS when it started, its peak, and what it left behind when it ended.
Prints one JSON object (phases in order) on standard output.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_samples: list[tuple[float, int]] = []
_events: list[tuple[str, float, float, int, int]] = []  # name, start, end, rss at start, rss at end
_stop = threading.Event()


def _rss() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _sample() -> None:
    while not _stop.is_set():
        _samples.append((time.perf_counter(), _rss()))
        time.sleep(0.02)


def _wrap(owner, attribute: str, name: str) -> None:
    """Replace ``owner.attribute`` by a wrapper that records the phase ``name``."""
    inner = getattr(owner, attribute)

    @functools.wraps(inner)
    def timed(*args, **kwargs):
        start, before = time.perf_counter(), _rss()
        try:
            return inner(*args, **kwargs)
        finally:
            _events.append((name, start, time.perf_counter(), before, _rss()))

    setattr(owner, attribute, timed)


def main() -> None:
    """Refit the given database once, phase by phase; print the phases' memory as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--sample-size", type=int, default=None)
    args = parser.parse_args()
    os.environ["EARSHOT_DB"] = str(args.db)
    if args.sample_size is not None:
        os.environ["EARSHOT_TOPIC_SAMPLE_SIZE"] = str(args.sample_size)
    threading.Thread(target=_sample, daemon=True).start()
    t0 = time.perf_counter()

    from insight import runtime
    from insight.settings import load_settings
    from insight.store import Store
    from insight.store import notes as notes_sql
    from insight.store import placements as placements_sql
    from insight.store import vectors as vectors_sql
    from insight.topics import engine, refitting, sampling

    for owner, attribute, name in [
        (vectors_sql, "fit_inputs", "read: notes + vectors"),  # before the streamed read
        (refitting, "note_weeks", "read: note ids + weeks"),
        (vectors_sql, "vectors_of", "read: vectors (streamed)"),
        (notes_sql, "texts_of", "read: texts"),
        (refitting, "sample_rows", "sample: choose"),
        (placements_sql, "placements", "read: previous placements"),
        (engine, "fit_topics", "fit (sample)"),
        (sampling, "place_by_centroid", "place: nearest centroid"),
        (sampling, "unit_centroids", "place: centroids"),
        (sampling, "centroid_scores", "place: scores"),
        (refitting, "fit_corpus", "fit_corpus (whole)"),
        (refitting, "apply_labeller", "labels / summaries"),
        (refitting, "carve_pockets", "carve pockets"),
        (refitting, "match_topics", "match topics"),
        (refitting, "_fold", "fold"),
        (refitting, "_write", "write (one transaction)"),
        (placements_sql, "place_notes", "write: placements"),
        (placements_sql, "unplaced_note_ids", "write: late notes"),
    ]:
        if hasattr(owner, attribute):
            _wrap(owner, attribute, name)
    _ = notes_sql
    settings = load_settings(db=args.db)
    store = Store(args.db)
    start, before = time.perf_counter(), _rss()
    embedder = runtime.embedder_for(settings)
    _events.append(("load embedder", start, time.perf_counter(), before, _rss()))
    result = refitting.refit(store, settings, embedder.model_id, force=True, embedder=embedder)
    _stop.set()
    store.release()
    peak = max(r for _, r in _samples)
    phases = []
    for name, start, end, before, after in sorted(_events, key=lambda e: e[1]):
        during = [r for t, r in _samples if start <= t <= end] + [before, after]
        phases.append({"phase": name, "seconds": round(end - start, 1), "start_gb": before / 2**30,
                       "peak_gb": max(during) / 2**30, "end_gb": after / 2**30})  # fmt: skip
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # kernel's high-water mark, GB
    print(json.dumps({"peak_gb": peak / 2**30, "maxrss_gb": maxrss, "seconds": time.perf_counter() - t0,
                      "message": result.message, "phases": phases}))  # fmt: skip


if __name__ == "__main__":
    main()
