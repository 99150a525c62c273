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

Theme *names* are scored twice on the same fit: as the product names them and as they were named before a
name had to cover its theme (:mod:`insight.topics.theme_names`; the name it replaced is recorded).
*Scenario name top-1/top-3* (HWU64, CLINC150): each theme name and every scenario or domain name
(underscores as spaces) are embedded; a themed note scores when its own intent's scenario is the nearest
(top-1) or among the 3 nearest to its theme's name — the share of a theme's notes the name describes.
*Topic→theme agreement* (every set, labels not needed): a themed note scores when its topic's name is
nearer its own theme's name than any other theme's — would a PM reading the topic file it under its theme?

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
VERBOSE = False


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


def name_scores(names: list[str], topics, fit_labels: np.ndarray, ds: Dataset, embed) -> dict[str, float]:
    """Scenario-name top-1/top-3 (sets with a second level) and topic→theme agreement for one naming."""
    themed = [t for t in topics if t.theme is not None]
    if not themed:
        return {}
    name_vecs = embed(names)
    topic_vecs = embed([t.label for t in themed])
    sizes = np.array([t.size for t in themed], dtype=np.float64)
    nearest_theme = np.argmax(topic_vecs @ name_vecs.T, axis=1)
    out = {"agree": float(sizes[nearest_theme == np.array([t.theme for t in themed])].sum() / sizes.sum())}
    if VERBOSE:
        cents = np.stack([t.centroid for t in themed])
        for theme, name in enumerate(names):
            m = np.array([t.theme == theme for t in themed])
            own = (name_vecs[theme] @ cents[m].T) @ (sizes[m] / sizes[m].sum())
            others = (name_vecs[theme] @ cents[~m].T).max() if (~m).any() else 0.0
            print(f"    fit {name[:30]:<30} mean cos to its topics {own:.3f}  best other topic {others:.3f}")
    levels = second_level(ds.name, ds.labels.tolist())
    if levels is not None:
        level_names = sorted(set(levels) - {"oos"})
        order = np.argsort(-(name_vecs @ embed([n.replace("_", " ") for n in level_names]).T), axis=1)
        note_levels = np.array(levels)
        hits = {1: 0.0, 3: 0.0}
        total = 0.0
        for t in themed:
            mine = note_levels[fit_labels == t.index]
            total += len(mine)
            for k in hits:
                hits[k] += float(np.isin(mine, [level_names[i] for i in order[t.theme, :k]]).sum())
        out.update({f"top{k}": hits[k] / max(total, 1.0) for k in hits})
        if VERBOSE:
            for theme, name in enumerate(names):
                mine = Counter(note_levels[np.isin(fit_labels, [t.index for t in themed if t.theme == theme])])
                print(f"    {name[:30]:<30} {dict(mine.most_common(2))} → {[level_names[i] for i in order[theme, :3]]}")
    return out


def run(ds: Dataset, seed: int, embed) -> tuple[dict, dict, list[tuple[str, str, list[str]]]]:
    """Fit one data set with one seed; score the product's themes and the raw rule's, and the themes' names
    now and before they had to cover their themes; list the themes."""
    from insight.topics import engine
    from insight.topics.records import TopicParams

    recorded: list[tuple[list[str], list[str]]] = []
    covering = engine.covering_theme_names

    def record(*args, **kwargs):
        names = covering(*args, **kwargs)
        recorded.append((list(args[4]), list(names)))
        return names

    engine.covering_theme_names = record
    try:
        params = TopicParams(random_seed=seed)
        fit = engine.fit_topics(ds.texts, ds.embeddings, params, cache_dir=CACHE_DIR, embed=embed)
    finally:
        engine.covering_theme_names = covering
    topics = sorted(fit.topics, key=lambda t: t.index)
    majority = [Counter(ds.labels[fit.labels == t.index].tolist()).most_common(1)[0][0] for t in topics]
    gold = second_level(ds.name, majority)
    now = np.array([t.theme if t.theme is not None else -1 for t in topics])
    before = raw_rule(np.stack([t.centroid for t in topics]))
    now_scores, before_scores = scores(now, gold), scores(before, gold)
    listing: dict[int, list[str]] = {}
    for t in topics:
        if t.theme is not None:
            listing.setdefault(t.theme, []).append(t.label)
    if recorded:
        old_names, _ = recorded[0]
        new_names = [next(t.theme_label for t in topics if t.theme == i) for i in range(len(old_names))]
        now_scores.update({f"name_{k}": v for k, v in name_scores(new_names, topics, fit.labels, ds, embed).items()})
        before_scores.update({f"name_{k}": v for k, v in name_scores(old_names, topics, fit.labels, ds, embed).items()})
        rows = [(new_names[i], old_names[i], labels) for i, labels in listing.items()]
    else:
        rows = []
    return now_scores, before_scores, sorted(rows, key=lambda r: -len(r[2]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 1, 2])
    parser.add_argument("--datasets", nargs="+", default=["hwu64", "clinc150", "banking77", "tweetsumm"])
    parser.add_argument("--verbose", action="store_true", help="print each theme's scenarios and nearest names")
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    from insight.embedder import SentenceTransformerEmbedder

    embed = SentenceTransformerEmbedder().embed
    rows = []
    for name in args.datasets:
        ds = tweetsumm() if name == "tweetsumm" else load_dataset(name)
        for seed in args.seeds:
            now, before, listing = run(ds, seed, embed)
            rows.append((name, seed, now, before))
            print(f"  done {name}/{seed}", file=sys.stderr)
            if seed == args.seeds[0]:
                print(f"\n{name}, seed {seed}: themes (name before it had to cover the theme) and their topics")
                for theme, old, labels in listing:
                    shown = theme if theme == old else f"{theme} (was {old})"
                    print(f"  {shown[:52]:<52} ← {' | '.join(labels)[:140]}")

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

    print("\nTheme names (now / before a name had to cover its theme; same fits)")
    print("| set/seed | scenario name top-1 | top-3 | topic→theme agreement |")
    print("|---|---|---|---|")
    for name in args.datasets:
        mine = sorted((r for r in rows if r[0] == name), key=lambda r: r[2].get("name_top1", r[2].get("name_agree", 0)))
        for _, seed, now, before in mine:
            print(
                f"| {name}/{seed} | {cell(now, 'name_top1')} / {cell(before, 'name_top1')} | "
                f"{cell(now, 'name_top3')} / {cell(before, 'name_top3')} | "
                f"{cell(now, 'name_agree')} / {cell(before, 'name_agree')} |"
            )


if __name__ == "__main__":
    main()
