"""Where do topic names fall short: the ranking, or the candidates? A judge-oracle per candidate source.

    nice -n 10 .venv/bin/python benchmarks/topic_label_oracle.py --datasets hwu64 --seeds 1 [--show 25]

Fits topics as ``benchmarks/topic_labels.py`` does (the fit is cached in ``.cache/bench`` per data set, seed
and parameters; ``--refit`` redoes it), then collects every topic's candidate names by **source** — the
phrases of its central notes, its keywords (as the notes wrote them), its most central short note read as
a name, and the composed pieces of :mod:`insight.topics.composed` (verb + object, subject + state, noun
compounds, "Questions about …") — and asks the benchmark's judge about *each* candidate: is the topic's
majority intent the intent name nearest it (top-1), or among the 3 nearest?

The **oracle** of a source is the size-weighted share of topics for which at least one candidate of that
source would score — what a perfect ranking could reach with those candidates (``all``: every source;
``all-old``: the phrases, keywords and short note only, the sources before composed pieces). It uses the
intent names, so it is a diagnostic, never a namer: it says whether a new kind of candidate raises the
ceiling before it is wired in. Printed beside it: ``chosen``, the score of the names the namer now chooses on
the same fit (``fitted``: the names given when the fit was cached), and, for ``--show`` missed topics, the
chosen name, the best candidate of each source (its judge rank, 0 = top-1) and the majority intent.

How much of the oracle is within reach of a ranking is printed too: the oracle over only the namer's own best
m candidates, beside the expected score of a *random* pick among those m. When the random pick among the top m
falls well below the top-1 score while the top-m oracle rises, the extra hits are candidates the judge happens to
place first, not candidates anything but the intent names could pick out.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._data import CACHE_DIR, load_dataset  # noqa: E402
from benchmarks.topic_labels import SKIP_INTENTS, majority  # noqa: E402


def cached_fit(dataset: str, seed: int, texts, embeddings, embed, refit: bool) -> dict:
    """Labels (merged and not), scores, names and keywords of one fit, from the cache when there."""
    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    params = TopicParams(random_seed=seed)
    digest = hashlib.sha1(params.to_json().encode()).hexdigest()[:10]
    path = CACHE_DIR / f"labelfit-{dataset}-{seed}-{digest}.pkl"
    if path.exists() and not refit:
        return pickle.loads(path.read_bytes())
    fit = fit_topics(texts, embeddings, params, cache_dir=CACHE_DIR, embed=embed)
    out = {
        "labels": fit.labels,
        "unmerged": fit.unmerged,
        "names": [t.label for t in fit.topics],
        "keywords": [t.keywords for t in fit.topics],
    }
    path.write_bytes(pickle.dumps(out))
    return out


def candidates_by_source(texts, embeddings, fit: dict, embed) -> tuple[dict[str, list[list[str]]], np.ndarray]:
    """Per source, per topic, its candidate names (see the module notes); and the topic centroids."""
    from insight.topics.cluster import unit_centroids
    from insight.topics.composed import composed_options, question_options
    from insight.topics.meaning import candidate_pool
    from insight.topics.naming import group_options, name_groups, ranked_candidates, sample_phrases, written_phrases
    from insight.topics.note_names import first_clause, note_as_name

    raw, labels = fit["unmerged"], fit["labels"]
    k_raw, k = int(raw.max()) + 1, int(labels.max()) + 1
    raw_centroids = unit_centroids(embeddings, raw, k_raw)
    raw_scores = np.where(raw >= 0, np.einsum("ij,ij->i", embeddings, raw_centroids[np.maximum(raw, 0)]), 0.0)
    sample = sample_phrases(texts, raw, raw_scores)
    groups = labels[sample.rows]
    sizes = np.bincount(labels[labels >= 0], minlength=k).tolist()
    centroids = unit_centroids(embeddings, labels, k)
    options, fallbacks = group_options(sample, groups, sizes)
    written = written_phrases(sample, groups, k)
    phrase, keyword, note = [], [], []
    for g in range(k):
        phrase.append(list(options[g]))
        pool = candidate_pool([], fit["keywords"][g], None, written[g])
        keyword.append(pool)
        short = note_as_name(fallbacks[g]) if fallbacks[g] else None
        note.append([n for n in (short, first_clause(short) if short else None) if n])
    composed = composed_options(sample, groups, sizes)
    questions = question_options(sample, groups, sizes)
    sources = {"phrase": phrase, "keyword": keyword, "note": note, "composed": composed, "question": questions}
    names = name_groups(sample, groups, sizes, "Topic", centroids=centroids, embed=embed, keywords=fit["keywords"])
    sources["chosen"] = [[n] for n in names]
    ranked, _ = ranked_candidates(sample, groups, sizes, centroids=centroids, embed=embed, keywords=fit["keywords"])
    sources["ranked"] = [list(r) for r in ranked]
    return sources, centroids


def main() -> None:
    """Print each data set's and seed's oracle per source, then its missed topics."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=["hwu64"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1])
    parser.add_argument("--show", type=int, default=25)
    parser.add_argument("--refit", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each topic's candidates with their scores here (pickle)")
    args = parser.parse_args()
    from insight.embedder import SentenceTransformerEmbedder

    embed = SentenceTransformerEmbedder().embed
    dumped: list[dict] = []
    for dataset in args.datasets:
        ds = load_dataset(dataset)
        intents = sorted(set(ds.labels.tolist()) - SKIP_INTENTS)
        for seed in args.seeds:
            dumped.append(report(dataset, seed, ds, intents, embed, args))

    if args.dump:
        args.dump.write_bytes(pickle.dumps([d for d in dumped if d]))


def report(dataset: str, seed: int, ds, intents: list[str], embed, args) -> dict:
    """Print one fit's oracle per source and its missed topics; return its candidates for ``--dump``."""
    intent_vecs = embed([i.replace("_", " ") for i in intents])
    index = {name: i for i, name in enumerate(intents)}
    fit = cached_fit(dataset, seed, ds.texts, ds.embeddings, embed, args.refit)
    owners = majority(fit["labels"], ds.labels)
    sources, centroids = candidates_by_source(ds.texts, ds.embeddings, fit, embed)
    sources["fitted"] = [[n] for n in fit["names"]]  # named when the fit was cached
    topics = [t for t in range(len(fit["names"])) if owners[t][0] not in SKIP_INTENTS]
    weights = np.array([owners[t][1] for t in topics], dtype=np.float64)
    flat = sorted({c for pools in sources.values() for pool in pools for c in pool})
    vec = dict(zip(flat, embed(flat), strict=True))

    def rank(candidate: str, t: int) -> int:
        sims = intent_vecs @ vec[candidate]
        return int((sims > sims[index[owners[t][0]]]).sum())  # 0 = the majority intent is nearest

    print(f"\n{dataset} seed {seed}: {len(topics)} topics — oracle top-1 / top-3 per source")
    best: dict[str, list[tuple[int, str]]] = {}
    pooled = [
        [c for s in sources if s not in ("chosen", "fitted", "ranked") for c in sources[s][t]]
        for t in range(len(fit["names"]))
    ]
    older = [[c for s in ("phrase", "keyword", "note") for c in sources[s][t]] for t in range(len(fit["names"]))]
    ranked = sources.pop("ranked")
    for source, pools in {**sources, "all": pooled, "all-old": older}.items():
        picks = [min(((rank(c, t), c) for c in pools[t]), default=(999, "")) for t in topics]
        best[source] = picks
        r = np.array([p[0] for p in picks])
        top1 = float(((r < 1) * weights).sum() / weights.sum())
        top3 = float(((r < 3) * weights).sum() / weights.sum())
        mean_n = np.mean([len(pools[t]) for t in topics])
        print(f"  {source:<9} {top1:.2f} / {top3:.2f}   ({mean_n:.1f} candidates a topic)")
    print("  within the namer's own top m: oracle / a random pick among them (how much of the oracle is luck)")
    for m in (1, 2, 3, 5, 10, None):
        ranks = [[rank(c, t) for c in ranked[t][:m]] or [999] for t in topics]
        oracle = float(sum(w for w, r in zip(weights, ranks, strict=True) if min(r) < 1) / weights.sum())
        lucky = float(sum(w * np.mean(np.array(r) < 1) for w, r in zip(weights, ranks, strict=True)) / weights.sum())
        print(f"    top {m or 'all':<4} {oracle:.2f} / {lucky:.2f}")
    missed = sorted((i for i, p in enumerate(best["chosen"]) if p[0] > 0), key=lambda i: -weights[i])
    print(f"  missed by the chosen name (largest first, {args.show} shown): name | best per source (rank)")
    for i in missed[: args.show]:
        t = topics[i]
        parts = " | ".join(
            f"{s}: {best[s][i][1][:30]} ({best[s][i][0]})"
            for s in ("phrase", "keyword", "note", "composed", "question")
        )
        print(f"  [{owners[t][0]} {owners[t][1]}] {best['chosen'][i][1][:34]!r} → {parts}")
    return dump_rows(dataset, seed, sources, topics, weights, centroids, vec, rank) if args.dump else {}


def dump_rows(dataset, seed, sources, topics, weights, centroids, vec, rank) -> dict:
    """Each topic's candidates: text, source, position in its source, cosine to every centroid, judge rank."""
    rows = []
    for i, t in enumerate(topics):
        cands = []
        for source, pools in sources.items():
            for pos, c in enumerate(pools[t]):
                cands.append((c, source, pos, centroids @ vec[c], rank(c, t), vec[c].astype(np.float16)))
        rows.append({"topic": t, "weight": float(weights[i]), "cands": cands})
    return {"dataset": dataset, "seed": seed, "topics": rows, "centroids": centroids}


if __name__ == "__main__":
    main()
