"""Do themes hold what their names say? Themes against the data sets' own second level, one run.

HWU64's intents carry their scenario (``alarm_set`` → *alarm*) and CLINC150's file its domain: a theme is
right when the topics it groups share their majority intent's scenario or domain. For each data set and
seed the product fits topics exactly as a refit does (``fit_topics``) and its themes are scored over pairs
of topics — *precision*: of the pairs put in one theme, the share that share a scenario; *recall*: of the
pairs that share one, the share put together — and by ARI (topics on their own count as themes of one).
Banking77 has no second level: its largest theme is printed. TweetSumm's human-written call summaries
(one per conversation, all in one "Customer is complaining … Agent …" template, no labels) are the case
that broke the raw-cosine rule: every topic in one theme. Each row also scores the rule before
(raw centroid cosine, cut at 0.5) on the same fit.

Run: ``nice -n 10 .venv/bin/python benchmarks/topic_themes.py [--seeds 42 1 2]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._data import CACHE_DIR, Dataset, _embed_cached, load_dataset  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"


def second_level(dataset: str, intents: list[str]) -> list[str] | None:
    """The scenario/domain of each majority intent, or ``None`` for a set without one."""
    if dataset == "hwu64":
        return [intent.split("_")[0] for intent in intents]
    if dataset == "clinc150":
        with open(DATASETS / "clinc150" / "clinc150_shared.csv", encoding="utf-8") as handle:
            domain = {row["label"]: row["domain"] for row in csv.DictReader(handle)}
        return [domain.get(intent, "oos") for intent in intents]
    return None


def tweetsumm() -> Dataset:
    """One summary per TweetSumm conversation (the first annotator's), embedded with the product's model."""
    with open(DATASETS / "tweetsumm" / "tweetsumm_notes.csv", encoding="utf-8") as handle:
        texts = [row["note"] for row in csv.DictReader(handle) if row["annotator"] == "0"]
    vectors, model_id = _embed_cached("tweetsumm", texts)
    return Dataset("tweetsumm", texts, np.array(["?"] * len(texts)), vectors, model_id)


def raw_rule(centroids: np.ndarray) -> np.ndarray:
    """The rule before: average linkage on raw centroid cosines, cut at 0.5 (singletons on their own)."""
    from sklearn.cluster import AgglomerativeClustering

    raw = AgglomerativeClustering(
        n_clusters=None, distance_threshold=0.5, linkage="average", metric="cosine"
    ).fit_predict(centroids.astype(np.float64))
    counts = Counter(raw.tolist())
    return np.array([r if counts[r] > 1 else -1 for r in raw])


def scores(themes: np.ndarray, gold: list[str] | None) -> dict[str, float]:
    """Themes, largest theme, topics alone; pair precision/recall and ARI against ``gold`` when there is one."""
    from sklearn.metrics import adjusted_rand_score

    grouped = themes[themes >= 0]
    out = {
        "topics": float(len(themes)),
        "themes": float(len(set(grouped.tolist()))),
        "largest": float(max(Counter(grouped.tolist()).values(), default=0)),
        "alone": float((themes < 0).sum()),
    }
    if gold is None:
        return out
    ids = np.where(themes >= 0, themes, -1 - np.arange(len(themes)))  # each topic alone is its own group
    same_theme = ids[:, None] == ids[None, :]
    same_gold = np.array(gold)[:, None] == np.array(gold)[None, :]
    upper = np.triu_indices(len(ids), 1)
    both = (same_theme & same_gold)[upper].sum()
    out["precision"] = float(both / max(same_theme[upper].sum(), 1))
    out["recall"] = float(both / max(same_gold[upper].sum(), 1))
    out["ari"] = float(adjusted_rand_score(gold, ids))
    return out


def run(ds: Dataset, seed: int) -> tuple[dict, dict, list[tuple[str, list[str]]]]:
    """Fit one data set with one seed; score the product's themes and the raw rule's; list the themes."""
    from insight.topics.engine import fit_topics
    from insight.topics.records import TopicParams

    fit = fit_topics(ds.texts, ds.embeddings, TopicParams(random_seed=seed), cache_dir=CACHE_DIR)
    topics = sorted(fit.topics, key=lambda t: t.index)
    majority = [Counter(ds.labels[fit.labels == t.index].tolist()).most_common(1)[0][0] for t in topics]
    gold = second_level(ds.name, majority)
    now = np.array([t.theme if t.theme is not None else -1 for t in topics])
    before = raw_rule(np.stack([t.centroid for t in topics]))
    listing: dict[str, list[str]] = {}
    for t in topics:
        if t.theme_label:
            listing.setdefault(t.theme_label, []).append(t.label)
    return scores(now, gold), scores(before, gold), sorted(listing.items(), key=lambda kv: -len(kv[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 1, 2])
    parser.add_argument("--datasets", nargs="+", default=["hwu64", "clinc150", "banking77", "tweetsumm"])
    args = parser.parse_args()
    rows = []
    for name in args.datasets:
        ds = tweetsumm() if name == "tweetsumm" else load_dataset(name)
        for seed in args.seeds:
            now, before, listing = run(ds, seed)
            rows.append((name, seed, now, before))
            print(f"  done {name}/{seed}", file=sys.stderr)
            if seed == args.seeds[0]:
                print(f"\n{name}, seed {seed}: themes and their topics")
                for theme, labels in listing:
                    print(f"  {theme[:34]:<34} ← {' | '.join(labels)[:150]}")

    def cell(result: dict, key: str) -> str:
        return f"{result[key]:.2f}" if key in result else "–"

    print("\nThemes against the sets' own second level (worst seed first within a set; before = raw cosine ≥ 0.5)")
    print(
        "| set/seed | topics | themes | largest | alone | pair precision | pair recall | ARI "
        "| before: themes / largest / P / R / ARI |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.datasets:
        mine = sorted((r for r in rows if r[0] == name), key=lambda r: (r[2].get("ari", 0.0), -r[2]["largest"]))
        for _, seed, now, before in mine:
            print(
                f"| {name}/{seed} | {int(now['topics'])} | {int(now['themes'])} | {int(now['largest'])} | "
                f"{int(now['alone'])} | "
                f"{cell(now, 'precision')} | {cell(now, 'recall')} | {cell(now, 'ari')} | "
                f"{int(before['themes'])} / {int(before['largest'])} / {cell(before, 'precision')} / "
                f"{cell(before, 'recall')} / {cell(before, 'ari')} |"
            )


if __name__ == "__main__":
    main()
