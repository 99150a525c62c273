"""The other parts of ``benchmarks/scale.py``: search, embedding backends, Ray, pages (each prints a table)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from benchmarks._data import load_dataset
from benchmarks._scale_data import build_scale_db, scale_db_path


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(values) * 1000:.0f} ms (p95 {p95 * 1000:.0f})"


def search_report(size: int, queries: int = 40, seed: int = 0) -> None:
    """Similar-notes search at ``size`` notes: numpy brute force, Earshot's search path, the SQL scan."""
    from insight.search import nearest
    from insight.store import Store
    from insight.store import note_views as views_sql
    from insight.vector_index import index_for

    fitted = scale_db_path(size, seed).with_suffix(".fitted.duckdb")
    db = fitted if fitted.exists() else build_scale_db(size, seed)[0]
    ds = load_dataset("banking77")
    rng = np.random.default_rng(1)
    probes = ds.embeddings[rng.choice(len(ds.embeddings), queries, replace=False)]
    store = Store(db)
    index = index_for(db, ds.model_id)
    started = time.perf_counter()
    with store.read() as con:
        index.refresh(con)
    cold = time.perf_counter() - started
    matrix = index._matrix.vectors  # the same vectors, for the numpy baseline
    ids = index._matrix.ids
    brute, ours, scan, recall = [], [], [], []
    for q in probes:
        t0 = time.perf_counter()
        scores = matrix @ q
        top = np.argpartition(-scores, 9)[:10]
        truth = set(ids[top[np.argsort(-scores[top])]].tolist())
        brute.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hits = nearest(store, q, ds.model_id, limit=10)
        ours.append(time.perf_counter() - t0)
        recall.append(len(truth & {h.note.id for h in hits}) / 10)
    for q in probes[:10]:
        t0 = time.perf_counter()
        with store.read() as con:
            views_sql.nearest_notes(con, q, ds.model_id, limit=10)
        scan.append(time.perf_counter() - t0)
    rss = index._matrix.vectors.nbytes / 2**30
    print(f"\nsearch at {size:,} notes ({queries} queries, top 10):")
    print("| path | latency median (p95) |\n|---|---|")
    print(f"| numpy brute force, matrix in RAM | {_ms(brute)} |")
    print(f"| Earshot search (index refresh check + top-k + notes with topics) | {_ms(ours)} |")
    print(f"| SQL scan (list_dot_product in DuckDB) | {_ms(scan)} |")
    ratio = statistics.median(ours) / statistics.median(brute)
    print(f"Earshot / brute force: {ratio:.2f}× (target ≤ 1.5×); recall@10 {np.mean(recall):.3f}; "
          f"first load {cold:.1f} s, {rss:.2f} GB of vectors in RAM")  # fmt: skip
    store.release()


def backends_report(ingest_notes: int = 2000) -> None:
    """torch vs onnx-int8 in one run: embedding rate on Banking77, ingest rate, and topic NMI on each."""
    from sklearn.metrics import normalized_mutual_info_score

    from ingest.redaction import default_redactor
    from ingest.service import ingest_drafts
    from insight.embedder import build_embedder
    from insight.records import NoteDraft
    from insight.settings import load_settings
    from insight.store import Store
    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    ds = load_dataset("banking77")
    redactor = default_redactor()
    cache = Path(__file__).resolve().parent.parent / ".cache" / "models"
    rows = []
    for backend in ("torch", "onnx-int8"):
        embedder = build_embedder(backend=backend, cache_dir=cache)
        embedder.warm_up()
        t0 = time.perf_counter()
        vectors = embedder.embed(ds.texts)
        encode_s = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ingest.duckdb"
            settings = load_settings({}, db=path, embedding_backend=backend, model_cache_dir=cache)
            drafts = [NoteDraft(text=t, created_at=datetime(2025, 1, 1), source="bench",
                                external_id=f"b{i}") for i, t in enumerate(ds.texts[:ingest_notes])]  # fmt: skip
            store = Store(path)
            t0 = time.perf_counter()
            ingest_drafts(store, drafts, embedder=embedder, redactor=redactor, settings=settings)
            ingest_s = time.perf_counter() - t0
            store.release()
        labels = fit_topics(ds.texts, vectors, TopicParams(), cache_dir=cache.parent).labels
        cosine = float((vectors * ds.embeddings).sum(axis=1).mean()) if backend != "torch" else 1.0
        rows.append((backend, len(ds.texts) / encode_s, ingest_notes / ingest_s,
                     normalized_mutual_info_score(ds.labels, labels), cosine))  # fmt: skip
        print(f"  {backend}: done", file=sys.stderr)
    print("\nembedding backends on Banking77 (13,083 texts), one run:")
    print("| backend | encode notes/s | ingest notes/s (redaction included) | NMI of topics | cosine to torch |")
    print("|---|---|---|---|---|")
    for backend, enc, ing, nmi, cos in rows:
        print(f"| {backend} | {enc:.0f} | {ing:.0f} | {nmi:.3f} | {cos:.3f} |")
    (_, t_enc, t_ing, t_nmi, _), (_, o_enc, o_ing, o_nmi, _) = rows
    print(f"onnx-int8 / torch: encode {o_enc / t_enc:.2f}×, ingest {o_ing / t_ing:.2f}× (target ≥ 2.5×); "
          f"NMI {o_nmi - t_nmi:+.3f} (target within 0.01)")  # fmt: skip


def ray_report(notes: int = 4000) -> None:
    """Bulk embedding of ``notes`` Banking77 texts: the plain loop (reembed) vs the Ray Data job, local Ray."""
    from insight.bulk import bulk_embed
    from insight.embedder import build_embedder
    from insight.privacy import synthetic_draft
    from insight.records import NoteDraft
    from insight.reembed import reembed
    from insight.settings import load_settings
    from insight.store import Store
    from insight.store.notes import insert_notes

    ds = load_dataset("banking77")
    results = {}
    for path_name in ("plain loop", "ray data"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bulk.duckdb"
            store = Store(path)
            drafts = [NoteDraft(text=t, created_at=datetime(2025, 1, 1), source="bench",
                                external_id=f"b{i}") for i, t in enumerate(ds.texts[:notes])]  # fmt: skip
            with store.transaction() as con:
                # Dataset texts: nothing to redact (the store refuses drafts that skipped the gate otherwise).
                clean = [synthetic_draft(d) for d in drafts]
                insert_notes(con, clean, [d.external_id for d in drafts], [()] * notes, None, None)
            settings = load_settings({}, db=path, ray_export_dir=Path(tmp) / "ray")
            t0 = time.perf_counter()
            if path_name == "plain loop":
                embedder = build_embedder()
                embedder.warm_up()
                t0 = time.perf_counter()
                reembed(store, embedder)
                workers = 1
            else:
                import ray

                ray.init(include_dashboard=False, log_to_driver=False)  # started before the clock, like the model
                t0 = time.perf_counter()
                workers = bulk_embed(store, settings).workers
                ray.shutdown()
            results[path_name] = (notes / (time.perf_counter() - t0), workers)
            store.release()
    print(f"\nbulk embedding of {notes:,} texts on this machine ({os.cpu_count()} cores):")
    print("| path | notes/s | workers |\n|---|---|---|")
    for name, (rate, workers) in results.items():
        print(f"| {name} | {rate:.0f} | {workers} |")
    print(f"ray / plain: {results['ray data'][0] / results['plain loop'][0]:.2f}× (model load excluded on both)")


def pages_report(size: int, seed: int = 0) -> None:
    """Page times on the refitted database of ``size`` notes: each page's service calls, then AppTest.

    On a private copy. First the service calls each page makes, one by one (``_page_services``; shows
    which call a slow page waits for, including the Trends page's first view of a week nobody judged yet:
    topic signals only, the pocket screen left to a background job). Then the signal week is judged
    without the pocket screen (``EARSHOT_POCKET_SEARCH=0``: at 1M notes the screen runs for 15+ minutes,
    which is what the background job is for) so the pages read a stored week, as they do once that job
    is done, and every page is timed in AppTest (warm server; fresh = data caches cleared).
    """
    import shutil
    import subprocess

    from benchmarks import app_pages

    fitted = scale_db_path(size, seed).with_suffix(".fitted.duckdb")
    if not fitted.exists():
        raise SystemExit(f"run `scale.py refit --sizes {size}` first: pages need the topics it fits")
    work = fitted.with_name(f"scale-{size}-pages.duckdb")
    for suffix in ("", ".wal"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copy(fitted, work)
    repo = Path(__file__).resolve().parent.parent
    print(f"\nservice calls of each page at {size:,} notes (one warm process; 'again' = second call):")
    services = subprocess.run([sys.executable, str(repo / "benchmarks" / "_page_services.py"), str(work)],
                              cwd=repo, capture_output=True, text=True, check=True)  # fmt: skip
    print(services.stdout.strip())
    os.environ["EARSHOT_POCKET_SEARCH"] = "0"
    from insight.settings import load_settings
    from insight.store import Store
    from insight.trends import resolve_week, weekly_signals

    store = Store(work)
    settings = load_settings(db=work)
    weekly_signals(store, settings, resolve_week(store))
    store.release()
    app_pages.EMBEDDER = "packaged:all-MiniLM-L6-v2"  # the scale databases hold real MiniLM vectors
    app_pages.logging_quiet()
    times = app_pages.time_pages(work, runs=2)
    print(f"\npages at {size:,} notes (AppTest, warm server; fresh = data caches cleared; signal week stored):")
    print("| page | fresh | cached |\n|---|---|---|")
    for page, (fresh, cached) in sorted(times.items(), key=lambda kv: -kv[1][0]):
        print(f"| {page} | {fresh:.2f} s | {cached:.2f} s |")
    worst = max(fresh for fresh, _ in times.values())
    print(f"slowest page: {worst:.2f} s — {'meets' if worst <= 2 else 'MISSES'} the 2 s target")
