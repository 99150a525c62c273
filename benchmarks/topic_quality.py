"""Topic quality on labelled intent data: BERTopic defaults vs KMeans told the answer vs Earshot's pipeline.

    .venv/bin/python benchmarks/topic_quality.py [--datasets banking77 clinc150]

Datasets (see ../shared/datasets/*/README.md): Banking77 train+test (13,083 queries, 77 intents) and the
shared half of CLINC150 (11,450 requests: 75 intents + out-of-scope as a 76th label). Embeddings are
all-MiniLM-L6-v2, computed once and cached in .cache/bench. Methods, all on the same embeddings:

  (a) BERTopic with its defaults (UMAP 5-d + HDBSCAN min_topic_size=10), outliers kept as topic -1;
  (b) KMeans told the true number of labels (k-means++, n_init=1) — a baseline that cheats;
  (c) Earshot (insight.topics.engine.fit_topics with the default settings) — not told k.

(b) and (c) run once per seed (default 42, 1, 2; the table shows the mean and, in brackets, the worst
seed); (a) runs once — its UMAP is unseeded by default. NMI/ARI treat topic -1 (outliers / unclear) as one
more cluster. Each (dataset, method) runs in a fresh subprocess: a warm-up fit on 1,500 notes first (so
numba compilation is not counted), then the timed fits; "fit s" is the mean wall clock of a fit and
"peak MB" the largest rise of the process's peak RSS during a fit over its RSS just before it. Wall
clocks depend on what else runs on the machine (2 cores here, shared).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._data import load_dataset  # noqa: E402

METHODS = ("bertopic-defaults", "kmeans-true-k", "earshot")
CACHE = REPO / ".cache" / "bench"


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _fit(method: str, texts: list[str], vectors: np.ndarray, k_true: int, seed: int) -> np.ndarray:
    if method == "kmeans-true-k":
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=k_true, n_init=1, random_state=seed).fit_predict(vectors)
    if method == "bertopic-defaults":
        from insight.topics.startup import import_bertopic

        import_bertopic(CACHE)
        from bertopic import BERTopic

        topics, _ = BERTopic().fit_transform(texts, embeddings=vectors)
        return np.asarray(topics)
    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    return fit_topics(texts, vectors, TopicParams(random_seed=seed), cache_dir=CACHE).labels


def run_one(dataset: str, method: str, seeds: list[int]) -> dict[str, float]:
    """Fit one method on one dataset in this process, once per seed, and return its figures."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    ds = load_dataset(dataset)
    warm = np.random.default_rng(0).choice(len(ds.texts), 1500, replace=False)
    _fit(method, [ds.texts[i] for i in warm], ds.embeddings[warm], min(ds.n_labels, 40), seeds[0])
    runs = []
    for seed in seeds if method != "bertopic-defaults" else seeds[:1]:
        _reset_peak()
        before = _rss_mb("VmRSS")
        start = time.perf_counter()
        labels = _fit(method, ds.texts, ds.embeddings, ds.n_labels, seed)
        seconds = time.perf_counter() - start
        runs.append(
            (
                normalized_mutual_info_score(ds.labels, labels),
                adjusted_rand_score(ds.labels, labels),
                len(set(labels.tolist()) - {-1}),
                float(np.mean(labels == -1)),
                seconds,
                _rss_mb("VmHWM") - before,
            )
        )
    r = np.array(runs)
    return {
        "nmi": r[:, 0].mean(),
        "nmi_min": r[:, 0].min(),
        "ari": r[:, 1].mean(),
        "ari_min": r[:, 1].min(),
        "topics": r[:, 2].mean(),
        "unclear": r[:, 3].mean(),
        "seconds": r[:, 4].mean(),
        "peak_mb": r[:, 5].max(),
        "runs": len(runs),
        "k_true": ds.n_labels,
    }


def main() -> None:
    """Run every (dataset, method) in a fresh subprocess and print one table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=["banking77", "clinc150"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 1, 2])
    parser.add_argument("--one", nargs=2, metavar=("DATASET", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one, args.seeds)))
        return
    for name in args.datasets:
        load_dataset(name)  # embed (once) before timing anything
    rows = []
    for name in args.datasets:
        for method in METHODS:
            out = subprocess.run(
                [sys.executable, __file__, "--one", name, method, "--seeds", *map(str, args.seeds)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rows.append((name, method, json.loads(out.strip().splitlines()[-1])))
            print(f"  done: {name} {method}", file=sys.stderr)
    header = f"{'dataset':<10} {'method':<21} {'runs':>4} {'topics':>6} {'unclear':>8} {'NMI (worst)':>14}"
    print(header + f" {'ARI (worst)':>14} {'fit s':>6} {'peak MB':>8}")
    for name, method, r in rows:
        label = method + (f" (k={r['k_true']})" if method == "kmeans-true-k" else "")
        print(
            f"{name:<10} {label:<21} {r['runs']:>4} {r['topics']:>6.0f} {r['unclear']:>8.1%} "
            f"{r['nmi']:>6.3f} ({r['nmi_min']:.3f}) {r['ari']:>6.3f} ({r['ari_min']:.3f}) "
            f"{r['seconds']:>6.1f} {r['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
