"""Ingest benchmark: how much does the pipeline add over the embedding model itself?

Prints, from one run on ../shared/datasets/banking77/train.csv (10,003 customer messages):

* raw ``model.encode`` throughput on the same texts (same model, same batch size);
* the pipeline's import throughput (``import_file``: read → validate → redact → dedupe → embed → store);
* their ratio — target ≥ 0.9 (the pipeline adds ≤ 10 % over the model);
* the latency of saving one note (``save_note``, p50/p95) next to encoding one text — target ≤ 1.3×.

Run: ``.venv/bin/python benchmarks/ingest.py [--csv PATH] [--single N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_CSV = ROOT.parent / "shared" / "datasets" / "banking77" / "train.csv"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="CSV with a text column (default: Banking77)")
    parser.add_argument("--single", type=int, default=200, help="single-note saves to time (default 200)")
    args = parser.parse_args()

    import pandas as pd

    from ingest.file_import import import_file
    from ingest.redaction import default_redactor
    from ingest.service import save_note
    from insight.embedder import SentenceTransformerEmbedder
    from insight.settings import load_settings
    from insight.store import Store

    texts = pd.read_csv(args.csv)["text"].astype(str).tolist()
    embedder = SentenceTransformerEmbedder()
    redactor = default_redactor()
    embedder.warm_up()
    redactor.redact("warm up the analyzer, call me at 555-123-4567")

    # 1. the model alone, same batches as the pipeline uses
    started = time.perf_counter()
    embedder.embed(texts)
    encode_s = time.perf_counter() - started
    encode_rate = len(texts) / encode_s
    print(f"model.encode: {encode_rate:,.0f} notes/s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        settings = load_settings(environ={}, db=db)
        store = Store(db)
        # 2. the whole import pipeline on the same file
        started = time.perf_counter()
        report = import_file(
            args.csv,
            store,
            embedder=embedder,
            redactor=redactor,
            settings=settings,
            source="banking77",
            rejected_path=Path(tmp) / "rejected.csv",
        )
        import_s = time.perf_counter() - started
        import_rate = report.imported / import_s
        print(f"import: {import_rate:,.0f} notes/s", file=sys.stderr, flush=True)

        # 3. one note at a time, as in the app: with a current topic run, so each save is also placed in a topic
        from insight.topics import refit

        refit(store, settings, embedder.model_id)
        print("refit done", file=sys.stderr, flush=True)
        sample = texts[: args.single]
        encode_one, save_one = [], []
        for i, text in enumerate(sample):
            started = time.perf_counter()
            embedder.embed([text])
            encode_one.append(time.perf_counter() - started)
            started = time.perf_counter()
            save_note(
                store, {"text": text, "agent_id": f"bench-{i}"}, embedder=embedder, redactor=redactor, settings=settings
            )
            save_one.append(time.perf_counter() - started)
        store.release()

    ratio = import_rate / encode_rate
    p50_ratio = statistics.median(save_one) / statistics.median(encode_one)
    print(
        f"Ingest benchmark — {args.csv.name}: {len(texts):,} texts; imported {report.imported:,}, "
        f"duplicates {report.duplicates:,}, rejected {report.rejected:,}"
    )
    print()
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| raw model.encode throughput | {encode_rate:,.0f} notes/s ({encode_s:.1f} s) | |")
    print(f"| pipeline import throughput | {import_rate:,.0f} notes/s ({import_s:.1f} s) | |")
    print(f"| pipeline / model ratio | {ratio:.2f} | ≥ 0.90 {'✓' if ratio >= 0.9 else '✗ MISSED'} |")
    print(
        f"| encode one text p50 / p95 | {1000 * statistics.median(encode_one):.1f} / "
        f"{1000 * _pct(encode_one, 0.95):.1f} ms | |"
    )
    print(
        f"| save one note p50 / p95 | {1000 * statistics.median(save_one):.1f} / "
        f"{1000 * _pct(save_one, 0.95):.1f} ms | |"
    )
    print(f"| save / encode (p50) | {p50_ratio:.2f}× | ≤ 1.30× {'✓' if p50_ratio <= 1.3 else '✗ MISSED'} |")
    print(f"| save / encode (p95) | {_pct(save_one, 0.95) / _pct(encode_one, 0.95):.2f}× | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
