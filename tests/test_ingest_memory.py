"""Streaming: importing a bigger file must not need more memory (the reader alone is tested at 50 MB)."""

from __future__ import annotations

import csv
import dataclasses
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
            writer.writerow([i, " ".join(rng.choice(WORDS) for _ in range(20)), f"a{i % 40}"])
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
    # Short notes in small batches: what is measured is whether the import holds a few batches or the file,
    # and a file of many short rows shows that in a minute (redaction time grows with the text, not the rows).
    # The batches are small so that the prepare pipeline (a few batches ahead, as fast as the thread
    # scheduler lets it run) moves the peak by far less than holding the file would.
    settings = dataclasses.replace(settings, import_batch_size=16)
    # One small import first: what loads once per process (the name finder's word lists, the NER model's
    # buffers) is not what this test is about, and which earlier test loaded it first varies.
    _peak_import(tmp_path, 0.02, fake_embedder, redactor, settings)
    small_rows, small_peak = _peak_import(tmp_path, 0.1, fake_embedder, redactor, settings)
    big_rows, big_peak = _peak_import(tmp_path, 1.0, fake_embedder, redactor, settings)
    assert big_rows > 9 * small_rows
    # Python allocations during the import, 10x the rows: measured +0.3 MB; an import that held the file's
    # drafts before storing them measured +3.6 MB here.
    assert big_peak < small_peak + 1.5, (small_peak, big_peak)
    assert big_peak < 50, big_peak
