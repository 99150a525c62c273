"""Streaming: importing a bigger file must not need more memory (the reader alone is tested at 50 MB)."""

from __future__ import annotations

import csv
import random
import tracemalloc
from pathlib import Path

import pytest

from ingest.file_import import import_file
from insight.store import Store

WORDS = "customer asked about delivery delays refund policy mobile app crash login error invoice pdf export".split()


def _file(path: Path, megabytes: float) -> Path:
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "agent"])
        i = 0
        while f.tell() < megabytes * 1_000_000:
            writer.writerow([i, " ".join(rng.choice(WORDS) for _ in range(150)), f"a{i % 40}"])
            i += 1
    return path


def _peak_import(tmp_path: Path, megabytes: float, embedder, redactor, settings) -> tuple[int, float]:
    path = _file(tmp_path / f"{megabytes}.csv", megabytes)
    store = Store(tmp_path / f"{megabytes}.duckdb")
    tracemalloc.start()
    try:
        report = import_file(path, store, embedder=embedder, redactor=redactor, settings=settings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        store.release()
    return report.imported, peak / 1e6


@pytest.mark.slow
def test_import_memory_does_not_grow_with_file_size(tmp_path, fake_embedder, redactor, settings):
    # One small import first: what loads once per process (the name finder's word lists, the NER model's
    # buffers) is not what this test is about, and which earlier test loaded it first varies.
    _peak_import(tmp_path, 0.2, fake_embedder, redactor, settings)
    small_rows, small_peak = _peak_import(tmp_path, 1, fake_embedder, redactor, settings)
    big_rows, big_peak = _peak_import(tmp_path, 5, fake_embedder, redactor, settings)
    assert big_rows > 4 * small_rows
    # Python allocations during the import: a few batches in flight, whatever the file size (5x the rows here).
    assert big_peak < small_peak * 1.2 + 5, (small_peak, big_peak)
    assert big_peak < 100, big_peak  # batches of long notes with their NER views and vectors, not the file
