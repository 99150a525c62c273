"""Earshot at 100k, 300k and 1M notes: refit cost and quality, search, pages, embedding backends, Ray.

    nice -n 10 .venv/bin/python benchmarks/scale.py refit --sizes 100000 --full-at 100000
    nice -n 10 .venv/bin/python benchmarks/scale.py refit --sizes 300000 1000000
    nice -n 10 .venv/bin/python benchmarks/scale.py search --size 1000000
    nice -n 10 .venv/bin/python benchmarks/scale.py pages --size 1000000
    nice -n 10 .venv/bin/python benchmarks/scale.py backends
    nice -n 10 .venv/bin/python benchmarks/scale.py ray --notes 4000

Databases come from :mod:`benchmarks._scale_data` (real MiniLM vectors of Banking77 mixed within an
intent over 26 weeks, with one intent planted only in the newest week; built once under .cache/bench).
Each refit is ``python -m insight refit --force`` in a fresh process on a fresh copy of the database (a
first fit, no previous run), after a warm-up refit of a small database so numba's compiled code is on
disk. For every run: wall clock, CPU time (user + system) and peak RSS of that process (``wait4``), the
topic count, NMI/ARI of the topics against the gold intents over all notes (unclear counted as one more
cluster), and whether the planted pocket got a topic of its own (the share of its notes in the topic
holding most of them, and that topic's purity). ``full`` runs set ``EARSHOT_TOPIC_SAMPLE_SIZE=0``.
The machine is shared (2 cores, other work running): wall clocks are inflated, CPU time less so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._data import CACHE_DIR  # noqa: E402
from benchmarks._scale_data import POCKET_INTENT, build_scale_db, intent_names, scale_db_path  # noqa: E402

TARGET_MINUTES, TARGET_GB, TARGET_RATIO = 10.0, 6.0, 4.0


def run_refit(db: Path, sample_size: int | None) -> dict[str, float]:
    """``python -m insight refit --force`` on ``db`` in a fresh process: wall, CPU time, peak RSS (its own)."""
    import tempfile

    env = {**os.environ, "EARSHOT_DB": str(db), "EARSHOT_TOPIC_CACHE_DIR": str(REPO / ".cache"),
           "HF_HUB_OFFLINE": "1"}  # fmt: skip
    env.pop("EARSHOT_TOPIC_SAMPLE_SIZE", None)
    if sample_size is not None:
        env["EARSHOT_TOPIC_SAMPLE_SIZE"] = str(sample_size)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "insight", "refit", "--force", "--no-progress"],
            cwd=REPO, env=env, stdout=out, stderr=err, text=True,
        )  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own CPU time and peak RSS
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"refit failed on {db}: {err.read()[-2000:]}")
        message = out.read().strip()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_gb": usage.ru_maxrss / 1024 / 1024,
        "message": message,
    }


def quality(db: Path, gold: np.ndarray) -> dict[str, float]:
    """NMI/ARI against the gold intents, topic count, unclear share, and how the planted pocket fared."""
    import duckdb
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT CAST(substr(n.external_id, 7) AS BIGINT), coalesce(nt.topic_id, -1) FROM notes n "
            "LEFT JOIN note_topics nt ON nt.note_id = n.id"
        ).fetchnumpy()
        run = con.execute("SELECT quality FROM topic_runs WHERE is_current").fetchall()[0][0]
    finally:
        con.close()
    row_col, topic_col = list(rows)
    topics = np.asarray(rows[topic_col])[np.argsort(rows[row_col])]
    pocket = int(np.flatnonzero(intent_names() == POCKET_INTENT)[0])
    in_pocket = gold == pocket
    values, counts = np.unique(topics[in_pocket], return_counts=True)
    best = int(values[np.argmax(counts)])
    q = json.loads(run) if isinstance(run, str) else run
    return {
        "nmi": normalized_mutual_info_score(gold, topics),
        "ari": adjusted_rand_score(gold, topics),
        "topics": len(set(topics.tolist()) - {-1}),
        "unclear": float(np.mean(topics == -1)),
        "pocket_recall": float(counts.max() / in_pocket.sum()) if best >= 0 else 0.0,
        "pocket_purity": float(np.mean(in_pocket[topics == best])) if best >= 0 else 0.0,
        "sample": q.get("sample_size", 0),
        "seconds_place": q.get("seconds_place", 0.0),
    }


def refit_report(sizes: list[int], full_at: list[int], seed: int) -> list[dict]:
    """Time and score every (size, mode); print one Markdown table."""
    warm, _ = build_scale_db(5_000, seed)
    work = CACHE_DIR / "scale-work.duckdb"
    shutil.copy(warm, work)
    run_refit(work, None)  # compiled UMAP code onto disk before anything is timed
    results = []
    for size in sizes:
        db, gold = build_scale_db(size, seed)
        for mode in (["full"] if size in full_at else []) + ["sampled"]:
            for suffix in ("", ".wal"):
                Path(str(work) + suffix).unlink(missing_ok=True)
            shutil.copy(db, work)
            usage = run_refit(work, 0 if mode == "full" else None)
            row = {"size": size, "mode": mode, **usage, **quality(work, gold)}
            results.append(row)
            print(f"  {size:,} {mode}: {row['wall_s']:.0f} s wall, {row['cpu_s']:.0f} s CPU, "
                  f"{row['peak_gb']:.2f} GB; {usage['message']}", file=sys.stderr)  # fmt: skip
            if mode == "sampled":
                shutil.copy(work, scale_db_path(size, seed).with_suffix(".fitted.duckdb"))
    _print(results)
    return results


def _print(results: list[dict]) -> None:
    print("| notes | fit | wall | CPU | peak RSS | topics | unclear | NMI | ARI | pocket recall / purity |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted(results, key=lambda r: -r["wall_s"]):
        fit = "full" if r["mode"] == "full" else f"sample {int(r['sample']):,}"
        print(
            f"| {r['size']:,} | {fit} | {r['wall_s'] / 60:.1f} min | {r['cpu_s'] / 60:.1f} min | "
            f"{r['peak_gb']:.2f} GB | {r['topics']} | {r['unclear']:.1%} | {r['nmi']:.3f} | {r['ari']:.3f} | "
            f"{r['pocket_recall']:.2f} / {r['pocket_purity']:.2f} |"
        )
    sampled = {r["size"]: r for r in results if r["mode"] == "sampled"}
    if len(sampled) > 1:
        small, large = min(sampled), max(sampled)
        ratio = sampled[large]["wall_s"] / sampled[small]["wall_s"]
        cpu_ratio = sampled[large]["cpu_s"] / sampled[small]["cpu_s"]
        print(f"\nrefit({large:,}) / refit({small:,}): {ratio:.2f}× wall, {cpu_ratio:.2f}× CPU (target ≤ 4)")
    for size, r in sampled.items():
        full = next((f for f in results if f["size"] == size and f["mode"] == "full"), None)
        if full is not None:
            print(
                f"sampled − full at {size:,}: NMI {r['nmi'] - full['nmi']:+.3f}, ARI {r['ari'] - full['ari']:+.3f}; "
                f"wall {full['wall_s'] / r['wall_s']:.1f}× faster, peak {full['peak_gb']:.2f} → {r['peak_gb']:.2f} GB"
            )
    print(f"targets: refit at 1M ≤ {TARGET_MINUTES:.0f} min and ≤ {TARGET_GB:.0f} GB; sampled within 0.01 NMI/ARI")


def main() -> None:
    """Dispatch the benchmark parts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="part", required=True)
    refit = sub.add_parser("refit", help="refit wall/CPU/RSS and quality by corpus size")
    refit.add_argument("--sizes", nargs="+", type=int, default=[100_000])
    refit.add_argument("--full-at", nargs="*", type=int, default=[100_000])
    refit.add_argument("--seed", type=int, default=0)
    for name in ("search", "pages"):
        part = sub.add_parser(name, help=f"{name} at one size (needs the refitted database for pages)")
        part.add_argument("--size", type=int, default=100_000)
    sub.add_parser("backends", help="torch vs onnx-int8: encode and ingest rate, topic NMI (Banking77)")
    ray = sub.add_parser("ray", help="bulk embedding: plain loop vs Ray Data on local Ray")
    ray.add_argument("--notes", type=int, default=4000)
    args = parser.parse_args()
    from benchmarks import _scale_parts as parts

    if args.part == "refit":
        refit_report(args.sizes, args.full_at, args.seed)
    elif args.part == "search":
        parts.search_report(args.size)
    elif args.part == "pages":
        parts.pages_report(args.size)
    elif args.part == "backends":
        parts.backends_report()
    else:
        parts.ray_report(args.notes)


if __name__ == "__main__":
    main()
