"""Bulk embedding and bulk placement as Ray Data jobs: beyond one machine, on an existing engine.

Both jobs have the same shape: the store writes the notes to Parquet (``settings.ray_export_dir``),
Ray Data reads the files and runs ``map_batches`` on as many workers as the cluster has, and the
driver writes the results back **through the store**, in short transactions — DuckDB stays the only
writer of its file. With ``settings.ray_address`` empty, ``ray.init()`` starts Ray inside this
process on this machine; with an address (``ray://head:10001``, ``auto``) the same code runs on that
cluster, whose nodes must have Earshot installed and read ``ray_export_dir`` (a shared mount).

* :func:`bulk_embed` — every note without a vector of the configured model and backend gets one (an
  actor per worker loads the model once).
* :func:`bulk_place` — every note with a vector of the current run's model is placed on the nearest
  topic centroid of that run (``assigned_by = 'bulk'``), as arrival does for one note.

Ray is imported lazily, and only here.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from insight.errors import EarshotError
from insight.records import CountCallback
from insight.settings import Settings
from insight.store import Store
from insight.store import parquet as parquet_sql
from insight.store import placements as placements_sql
from insight.store import runs as runs_sql
from insight.store import topics as topics_sql
from insight.store import vectors as vectors_sql

log = logging.getLogger(__name__)

WRITE_BATCH = 8192  # rows per transaction when results come back


@dataclass(frozen=True)
class BulkResult:
    """What a bulk job did: rows processed, seconds, workers, and a sentence for people."""

    job: str
    rows: int
    seconds: float
    workers: int
    message: str


def _connect(settings: Settings):
    """``ray.init`` against ``settings.ray_address``, or a local Ray in this process (reused if running)."""
    try:
        import ray
    except ImportError as exc:
        raise EarshotError(
            "Bulk jobs run on Ray, which is not installed: pip install 'ray[data]==2.60.0'.", title="Ray missing"
        ) from exc
    if ray.is_initialized():
        return ray
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {"OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}
    if settings.ray_address:
        ray.init(address=settings.ray_address, log_to_driver=False, runtime_env={"env_vars": env})
    else:  # workers import this checkout, whatever is installed
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
        ray.init(include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env})
    return ray


def _workers(ray) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


class _EmbedBatch:
    """A Ray actor: loads the embedder once, then turns batches of texts into vectors."""

    def __init__(self, model: str, batch_size: int, backend: str, cache_dir: str) -> None:
        from insight.embedder import build_embedder

        self.embedder = build_embedder(model, batch_size, backend, Path(cache_dir))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.embed([str(t) for t in batch["text"]])
        return {"note_id": batch["note_id"], "vector": np.asarray(vectors, dtype=np.float32)}


def _place_batch(
    batch: dict[str, np.ndarray], centroids: np.ndarray, topic_ids: np.ndarray, threshold: float
) -> dict[str, np.ndarray]:
    """Nearest centroid of each vector (a Ray task): topic id, or -1 below ``threshold``, and the cosine."""
    vectors = np.stack(batch["vector"]).astype(np.float32)
    sims = vectors @ centroids.T
    best = np.argmax(sims, axis=1)
    scores = sims[np.arange(len(best)), best]
    topics = np.where(scores >= threshold, topic_ids[best], -1)
    return {"note_id": batch["note_id"], "topic_id": topics.astype(np.int64), "score": scores.astype(np.float64)}


def _folder(settings: Settings, job: str) -> Path:
    return Path(settings.ray_export_dir) / f"{job}-{uuid.uuid4().hex[:12]}"


def bulk_embed(store: Store, settings: Settings, *, progress: CountCallback | None = None) -> BulkResult:
    """Embed every note that has no vector of the configured model/backend, on Ray; write back via the store."""
    from insight.runtime import model_id_for

    started = time.perf_counter()
    model_id = model_id_for(settings)
    folder = _folder(settings, "embed")
    try:
        with store.read() as con:
            total = parquet_sql.export_texts_without_vectors(con, model_id, folder)
        if total == 0:
            return BulkResult("embed", 0, time.perf_counter() - started, 0, f"Every note has a {model_id} vector.")
        ray = _connect(settings)
        workers = _workers(ray)
        # One export file reads as one block, and one block feeds one actor: split it so every worker has work
        # (read_parquet's override_num_blocks does not split a single file).
        blocks = max(1, min(workers * 4, total // settings.embed_batch_size))
        ds = (
            ray.data.read_parquet(str(folder))
            .repartition(blocks)
            .map_batches(
                _EmbedBatch,
                fn_constructor_kwargs={
                    "model": settings.embedding_model,
                    "batch_size": settings.embed_batch_size,
                    "backend": settings.embedding_backend,
                    "cache_dir": str(settings.model_cache_dir),
                },
                batch_size=settings.embed_batch_size * 4,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=workers),
                # Half a CPU each on paper (each runs one thread): with a whole one, the actors took every CPU
                # of a small machine and the Parquet read tasks they wait for could never be scheduled.
                num_cpus=0.5,
            )
        )
        done = 0
        for batch in ds.iter_batches(batch_size=WRITE_BATCH, batch_format="numpy"):
            with store.transaction() as con:
                vectors_sql.insert_embeddings(con, batch["note_id"].tolist(), np.stack(batch["vector"]), model_id)
            done += len(batch["note_id"])
            if progress is not None:
                progress(done, total)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    rate = done / seconds if seconds else 0.0
    return BulkResult("embed", done, seconds, workers,
                      f"{done} notes embedded with {model_id} on {workers} Ray workers in {seconds:.0f} s "
                      f"({rate:.0f} notes/s).")  # fmt: skip


def bulk_place(store: Store, settings: Settings, *, progress: CountCallback | None = None) -> BulkResult:
    """Place every note with a vector of the current run's model on that run's nearest topic, on Ray.

    Raises:
        EarshotError: there is no topic run yet, or a refit replaced the run while the job ran.
    """
    started = time.perf_counter()
    with store.read() as con:
        key = runs_sql.current_run_key(con)
        if key is None:
            raise EarshotError("There are no topics yet: run `python -m insight refit` first.", title="No topics")
        run_id, model_id, threshold = key.run_id, key.model_id, key.assign_threshold
        topics = topics_sql.run_centroids(con, run_id)
        topic_ids, centroids = topics.topic_ids, topics.centroids
    folder = _folder(settings, "place")
    try:
        with store.read() as con:
            total = parquet_sql.export_vectors(con, model_id, folder)
        ray = _connect(settings)
        workers = _workers(ray)
        blocks = max(1, min(workers * 4, total // WRITE_BATCH))
        ds = (
            ray.data.read_parquet(str(folder))
            .repartition(blocks)
            .map_batches(
                _place_batch,
                fn_kwargs={"centroids": centroids, "topic_ids": topic_ids, "threshold": float(threshold)},
                batch_size=WRITE_BATCH,
                batch_format="numpy",
            )
        )
        done = 0
        for batch in ds.iter_batches(batch_size=WRITE_BATCH, batch_format="numpy"):
            with store.transaction() as con:
                current = runs_sql.current_run_key(con)
                if current is None or current.run_id != run_id:
                    raise EarshotError(
                        f"A refit replaced topic run {run_id} while the placement ran; nothing more was written. "
                        "The new run has placed every note already.",
                        title="Topics changed",
                    )
                ids = batch["note_id"].tolist()
                placements_sql.place_notes(con, run_id, ids, batch["topic_id"], batch["score"], "bulk")
            done += len(batch["note_id"])
            if progress is not None:
                progress(done, total)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    message = f"{done} notes placed on the topics of run {run_id} on {workers} Ray workers in {seconds:.0f} s."
    return BulkResult("place", done, seconds, workers, message)
