"""Where do topic names fall short: the ranking, or the candidates? A judge-oracle per candidate source.

    nice -n 10 .venv/bin/python benchmarks/topic_label_oracle.py --datasets hwu64 --seeds 1 [--show 25]

Fits topics as ``benchmarks/topic_labels.py`` does (the fit is cached in ``.cache/bench`` per data set, seed
and parameters; ``--refit`` redoes it), then collects every topic's candidate names by **source** — the
phrases of its central notes, its keywords (as the notes wrote them), its most central short note read as
a name, and the composed pieces of :mod:`insight.topics.composed` (verb + object, subject + state, noun
compounds, "Questions about …"); and candidates that generalise over the notes, which the namer does not
use (``benchmarks/label_sources.py``: co-occurring lemma ``pairs`` and ``triples``, the pairs rendered as
the notes' own phrases, ``cores``, and every c-TF-IDF ``keyphrases`` as it is) — and asks the benchmark's
judge about *each* candidate: is the topic's majority intent the intent name nearest it (top-1), or among
the 3 nearest?

The **oracle** of a source is the size-weighted share of topics for which at least one candidate of that
source would score — what a perfect ranking could reach with those candidates (``all``: every source;
``all-old``: the phrases, keywords and short note only, the sources before composed pieces; ``all+cores``,
``all+new``: today's with the generalising ones; ``new``: those alone). It uses the
intent names, so it is a diagnostic, never a namer: it says whether a new kind of candidate raises the
ceiling before it is wired in. Printed beside it: ``chosen``, the score of the names the namer now chooses on
the same fit (``fitted``: the names given when the fit was cached), and, for ``--show`` missed topics, the
chosen name, the best candidate of each source (its judge rank, 0 = top-1) and the majority intent.

How much of the oracle is within reach of a ranking is printed too: the oracle over only the namer's own best
m candidates, beside the expected score of a *random* pick among those m. When the random pick among the top m
falls well below the top-1 score while the top-m oracle rises, the extra hits are candidates the judge happens to
place first, not candidates anything but the intent names could pick out. And ``first+…``: the candidate the
namer's own ranking puts first when a generalising source joins its pool (``first``: without; both before
names are made unique) — does the ranking find the new candidates the oracle says would score?
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
from benchmarks.label_sources import generalised_sources  # noqa: E402
from benchmarks.topic_labels import SKIP_INTENTS, majority  # noqa: E402

CURRENT = ("phrase", "keyword", "note", "composed", "question")  # what the namer chooses from today
NEW = ("pairs", "triples", "cores", "keyphrases")  # generalising candidates (benchmarks/label_sources.py)
SUMMARY = ("chosen", "first", "first+pairs", "first+cores", "first+keyphr", "pairs", "cores", "keyphrases", "new")
SUMMARY += ("all", "all+cores", "all+new")
JOINED = {"first": (), "first+pairs": ("pairs",), "first+cores": ("cores",), "first+keyphr": ("keyphrases",)}


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
    from insight.topics.composed import composed_options, parse_notes, question_options
    from insight.topics.meaning import candidate_pool, rank_by_meaning
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
    sources.update(generalised_sources(parse_notes(sample.texts), groups, sizes, fit["keywords"]))
    names = name_groups(sample, groups, sizes, "Topic", centroids=centroids, embed=embed, keywords=fit["keywords"])
    sources["chosen"] = [[n] for n in names]
    ranked, _ = ranked_candidates(sample, groups, sizes, centroids=centroids, embed=embed, keywords=fit["keywords"])
    sources["ranked"] = [list(r) for r in ranked]
    # The namer's own ranking (insight.topics.meaning) with a generalising source joining the pool: its first
    # candidate, before names are made unique ("first" is the same without any new source, for comparison).
    shorts = [note_as_name(f) if f else None for f in fallbacks]
    for label, added in JOINED.items():
        extra = [[*questions[g], *composed[g], *(c for s in added for c in sources[s][g])] for g in range(k)]
        ranked = rank_by_meaning(options, centroids, embed, fit["keywords"], shorts, written, extra)
        sources[label] = [r[:1] for r in ranked]
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
    scores: dict[str, list[dict[str, tuple[float, float]]]] = {}
    for dataset in args.datasets:
        ds = load_dataset(dataset)
        intents = sorted(set(ds.labels.tolist()) - SKIP_INTENTS)
        for seed in args.seeds:
            scored, dump = report(dataset, seed, ds, intents, embed, args)
            scores.setdefault(dataset, []).append(scored)
            dumped.append(dump)

    print("\nWorst seed per data set, top-1 / top-3 (oracle for candidate sources, the score for chosen and first…)")
    print(f"{'':<13}" + "".join(f"{d:>14}" for d in scores))
    for source in SUMMARY:
        cells = [
            f"{min(s[source][0] for s in rows):.2f} / {min(s[source][1] for s in rows):.2f}" for rows in scores.values()
        ]
        print(f"{source:<13}" + "".join(f"{c:>14}" for c in cells))

    if args.dump:
        args.dump.write_bytes(pickle.dumps([d for d in dumped if d]))


def report(dataset: str, seed: int, ds, intents: list[str], embed, args) -> tuple[dict, dict]:
    """Print one fit's oracle per source and its missed topics; return each source's (top-1, top-3) and, for
    ``--dump``, its candidates."""
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
    scored: dict[str, tuple[float, float]] = {}

    def pooled(names) -> list[list[str]]:
        return [[c for s in names for c in sources[s][t]] for t in range(len(fit["names"]))]

    combined = {
        "all": pooled(CURRENT),
        "all-old": pooled(("phrase", "keyword", "note")),
        "all+cores": pooled((*CURRENT, "cores")),
        "all+new": pooled((*CURRENT, *NEW)),
        "new": pooled(NEW),
    }
    ranked = sources.pop("ranked")
    for source, pools in {**sources, **combined}.items():
        picks = [min(((rank(c, t), c) for c in pools[t]), default=(999, "")) for t in topics]
        best[source] = picks
        r = np.array([p[0] for p in picks])
        top1 = float(((r < 1) * weights).sum() / weights.sum())
        top3 = float(((r < 3) * weights).sum() / weights.sum())
        mean_n = np.mean([len(pools[t]) for t in topics])
        print(f"  {source:<12} {top1:.2f} / {top3:.2f}   ({mean_n:.1f} candidates a topic)")
        scored[source] = (top1, top3)
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
            for s in ("phrase", "keyword", "note", "composed", "cores", "pairs")
        )
        print(f"  [{owners[t][0]} {owners[t][1]}] {best['chosen'][i][1][:34]!r} → {parts}")
    return scored, dump_rows(dataset, seed, sources, topics, weights, centroids, vec, rank) if args.dump else {}


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
