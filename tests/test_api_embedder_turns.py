"""The API's shared embedder: same vectors as the model, one encode at a time, a single note never waits a batch out."""

from __future__ import annotations

import threading
import time

import numpy as np

from api.context import OneAtATime
from insight.embedder import HashingEmbedder


class SlowEmbedder(HashingEmbedder):
    """The fake embedder at a model-like pace (2 ms a text), recording how many encodes overlap."""

    def __init__(self) -> None:
        super().__init__(64)
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()

    def embed(self, texts, progress=None):
        with self._lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        time.sleep(0.002 * len(texts))
        try:
            return super().embed(texts, progress)
        finally:
            with self._lock:
                self.active -= 1


def test_vectors_are_unchanged_and_encodes_never_overlap():
    slow = SlowEmbedder()
    shared = OneAtATime(slow)
    texts = [f"customer {i} wants to pause the plan" for i in range(100)]
    assert np.allclose(shared.embed(texts), HashingEmbedder(64).embed(texts))
    assert shared.embed([]).shape[0] == 0 and shared.model_id == "hashing-64" and shared.dimension == 64
    threads = [threading.Thread(target=shared.embed, args=(texts,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert slow.most_active == 1


def test_a_single_note_goes_before_the_rest_of_a_big_batch():
    shared = OneAtATime(SlowEmbedder())
    batch = [f"batch note {i}" for i in range(1000)]  # ~2 s of encoding
    big = threading.Thread(target=shared.embed, args=(batch,))
    big.start()
    time.sleep(0.1)
    started = time.perf_counter()
    shared.embed(["one agent's note"])
    waited = time.perf_counter() - started
    big.join()
    assert waited < 0.5, f"the single note waited {waited:.2f} s behind the batch"
