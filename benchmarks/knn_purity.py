"""Do a riser's notes have their own intent among their nearest neighbours? kNN purity under representation variants.

A diagnostic beside ``benchmarks/pocket_diagnose.py``. The neighbour-share screen
(:mod:`insight.trends.pocket_knn`) can only see a new need whose notes are among each other's nearest
neighbours; in CLINC150 and HWU64 a riser's notes held 2–5 of their own intent among their 10 nearest the
week after onset. This measures that, for every planted riser at its onset and the week after, under
variants of the neighbour relation computed only from what the product has (the notes' vectors and texts
of the weeks a ``trends`` run reads — never the labels):

* ``raw``: cosine of the MiniLM vectors (today);
* ``abtt-D``: "all-but-the-top" — vectors centred on the pool's mean and their top ``D`` principal
  components removed, then renormalised (Mu & Viswanath 2018);
* ``csls``: cross-domain similarity local scaling — ``cos(x, y) − r(y)/2``, ``r(y)`` the mean cosine of
  ``y`` to its own 10 nearest (a hub, close to everything, is pushed back);
* ``ls``: local scaling — distance divided by ``sqrt(σ_x σ_y)``, ``σ`` the distance to the 7th neighbour;
* ``mp``: mutual proximity (Gaussian) — the chance that ``y`` is closer to ``x`` than a random note is
  *and* ``x`` closer to ``y`` than a random note is;
* ``tfidf-a``: ``a · cos + (1 − a) · cos_tfidf`` over word uni/bigrams fitted on the pool's texts;
* ``char-a``: ``a · cos + (1 − a) · cos_char``, TF-IDF over character 3–5-grams within words (stems and
  spellings: "louder"/"loud", "dim"/"dimmer"), fitted on the week's and baseline's texts;
* combinations (``abtt-D+csls``, ``csls+tfidf-a``, ``csls+char-a``).

Printed per stream, worst first: the mean number of own-intent notes among a riser note's ``k = 10``
nearest (onset / onset+1), the same as a share of what the pool holds (a note cannot have more own-intent
neighbours than there are other notes of its intent), and — so a variant that lifts the risers but scrambles
everything else is seen — the mean purity of all of the week's notes.

Run: ``OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/knn_purity.py --seeds 1 2``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from benchmarks.emerging import SIZES  # noqa: E402
from benchmarks.pocket_diagnose import week_input  # noqa: E402
from benchmarks.stream import SOURCES, Stream, generate_stream, load_pool, note_text  # noqa: E402
from insight.settings import Settings, load_settings  # noqa: E402

K = 10

Similarity = Callable[[np.ndarray, list[str]], np.ndarray]


def _cos(vectors: np.ndarray, _texts: list[str]) -> np.ndarray:
    return vectors @ vectors.T


def abtt(vectors: np.ndarray, d: int) -> np.ndarray:
    """Centre on the mean, remove the top ``d`` principal directions, renormalise."""
    x = vectors - vectors.mean(axis=0)
    if d > 0:
        _, _, vt = np.linalg.svd(x, full_matrices=False)
        top = vt[:d]
        x = x - (x @ top.T) @ top
    return (x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)).astype(np.float32)


def _kth_mean(sims: np.ndarray, k: int) -> np.ndarray:
    s = sims.copy()
    np.fill_diagonal(s, -np.inf)
    top = -np.partition(-s, k, axis=1)[:, :k]
    return top.mean(axis=1)


def csls(sims: np.ndarray, k: int = K) -> np.ndarray:
    r = _kth_mean(sims, k)
    return sims - r[None, :] / 2  # ranking per row: the row's own r is a constant


def local_scaling(sims: np.ndarray, k: int = 7) -> np.ndarray:
    d = 1 - sims
    s = d.copy()
    np.fill_diagonal(s, np.inf)
    sigma = np.partition(s, k, axis=1)[:, k - 1]
    return -d / np.sqrt(np.maximum(sigma[:, None] * sigma[None, :], 1e-9))


def mutual_proximity(sims: np.ndarray) -> np.ndarray:
    from scipy.stats import norm

    d = 1 - sims
    mu, sd = d.mean(axis=1), d.std(axis=1) + 1e-9
    return norm.sf((d - mu[:, None]) / sd[:, None]) * norm.sf((d - mu[None, :]) / sd[None, :])


def tfidf_sims(texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit_transform(texts)
    return (m @ m.T).toarray().astype(np.float32)


def char_sims(texts: list[str]) -> np.ndarray:
    """Cosine of TF-IDF over character 3–5-grams inside word boundaries (spelling and stems, not word lists)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2).fit_transform(texts)
    return (m @ m.T).toarray().astype(np.float32)


VARIANTS: dict[str, Similarity] = {
    "raw": _cos,
    "abtt-1": lambda v, t: _cos(abtt(v, 1), t),
    "abtt-3": lambda v, t: _cos(abtt(v, 3), t),
    "abtt-10": lambda v, t: _cos(abtt(v, 10), t),
    "csls": lambda v, t: csls(_cos(v, t)),
    "ls": lambda v, t: local_scaling(_cos(v, t)),
    "mp": lambda v, t: mutual_proximity(_cos(v, t)),
    "abtt-3+csls": lambda v, t: csls(_cos(abtt(v, 3), t)),
    "abtt-10+csls": lambda v, t: csls(_cos(abtt(v, 10), t)),
    "tfidf-.7": lambda v, t: 0.7 * _cos(v, t) + 0.3 * tfidf_sims(t),
    "tfidf-.5": lambda v, t: 0.5 * _cos(v, t) + 0.5 * tfidf_sims(t),
    "abtt-3+csls+tfidf-.7": lambda v, t: csls(0.7 * _cos(abtt(v, 3), t) + 0.3 * tfidf_sims(t)),
    "tfidf-.85": lambda v, t: 0.85 * _cos(v, t) + 0.15 * tfidf_sims(t),
    "char-.85": lambda v, t: 0.85 * _cos(v, t) + 0.15 * char_sims(t),
    "char-.7": lambda v, t: 0.7 * _cos(v, t) + 0.3 * char_sims(t),
    "char-.5": lambda v, t: 0.5 * _cos(v, t) + 0.5 * char_sims(t),
    "csls+tfidf-.85": lambda v, t: csls(0.85 * _cos(v, t) + 0.15 * tfidf_sims(t)),
    "csls+char-.7": lambda v, t: csls(0.7 * _cos(v, t) + 0.3 * char_sims(t)),
}


def purity(sims: np.ndarray, truth: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ``rows``: own-intent notes among the k nearest, and how many the pool could give."""
    s = sims[rows].copy()
    s[np.arange(len(rows)), rows] = -np.inf
    top = np.argpartition(-s, K, axis=1)[:, :K]
    own = (truth[top] == truth[rows][:, None]).sum(axis=1)
    available = np.array([min(K, int((truth == truth[r]).sum()) - 1) for r in rows])
    return own, available


def measure(stream: Stream, pool, settings: Settings, variants: list[str]) -> dict[str, dict[str, float]]:
    """Per variant: riser purity at onset and onset+1 (count, share of possible) and the week's mean purity."""
    out: dict[str, dict[str, list[float]]] = {v: {"on": [], "on1": [], "frac": [], "all": []} for v in variants}
    for label, onset in stream.rising().items():
        for offset in (0, 1):
            target = onset + offset
            if target >= len(stream.weeks):
                continue
            data, truth, weeks, _ = week_input(stream, pool, settings, target)
            notes = [n for n in stream.notes if weeks[0].start <= n.created_at < weeks[-1].end]
            last = data.n_weeks - 1
            in_pool = np.flatnonzero(data.week_index >= last - settings.baseline_weeks)  # window 1 and its baseline
            vectors, texts, t = data.vectors[in_pool], [note_text(pool, notes[i]) for i in in_pool], truth[in_pool]
            now = data.week_index[in_pool] == last
            mine = np.flatnonzero(now & (t == label))
            everyone = np.flatnonzero(now)
            if len(mine) < 2:
                continue
            for v in variants:
                sims = VARIANTS[v](vectors, texts)
                own, avail = purity(sims, t, mine)
                out[v]["on" if offset == 0 else "on1"].append(float(own.mean()))
                out[v]["frac"].append(float((own / np.maximum(avail, 1)).mean()))
                if offset == 1:
                    all_own, all_avail = purity(sims, t, everyone)
                    out[v]["all"].append(float((all_own / np.maximum(all_avail, 1)).mean()))
    return {
        v: {key: statistics.mean(vals) if vals else float("nan") for key, vals in d.items()} for v, d in out.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", nargs="+", choices=SOURCES)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), default=list(VARIANTS))
    args = parser.parse_args()
    settings = load_settings(environ={})
    n_weeks, scale, sources, _ = SIZES["full"]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for source in args.sources or sources:
        pool = load_pool(source)
        for seed in args.seeds:
            stream = generate_stream(pool, seed, n_weeks, scale)
            results[stream.name] = measure(stream, pool, settings, args.variants)
            print(f"{stream.name} done", file=sys.stderr, flush=True)
    order = sorted(results, key=lambda s: results[s]["raw"]["on1"])
    print(f"\nOwn-intent notes among a riser note's {K} nearest, onset / onset+1 (share of possible); all notes")
    print(f"{'variant':<22}" + "".join(f"{s:>22}" for s in order) + f"{'worst on+1':>12}{'mean on+1':>11}{'all':>7}")
    for v in args.variants:
        cells = "".join(
            f"{results[s][v]['on']:>6.2f} /{results[s][v]['on1']:>5.2f} ({results[s][v]['frac']:.2f})" for s in order
        )
        on1 = [results[s][v]["on1"] for s in order]
        every = statistics.mean(results[s][v]["all"] for s in order)
        print(f"{v:<22}{cells}{min(on1):>12.2f}{statistics.mean(on1):>11.2f}{every:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
