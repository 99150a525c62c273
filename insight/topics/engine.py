"""Fitting topics with BERTopic on stored embeddings: Earshot's reducer, clusterer and phrase vocabulary.

BERTopic is the engine and stays modular: :class:`~insight.topics.reduce.GraphUMAP` is its
``umap_model``, :class:`~insight.topics.cluster.GraphKMeans` its ``hdbscan_model``, a 1–3-gram
``CountVectorizer`` plus ``ClassTfidfTransformer`` its representation. No embedding model is given:
embeddings are always passed in (BERTopic's default model would try to download). This module is pure
computation — no database — and imports BERTopic lazily, inside :func:`fit_topics`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from insight.records import ProgressCallback
from insight.topics.casing import as_written, written_forms
from insight.topics.cluster import GraphKMeans, effective_min_size, relabel_by_size, unit_centroids
from insight.topics.labels import keywords, make_vectorizer, rank_phrases
from insight.topics.merging import merge_labels
from insight.topics.naming import name_groups, sample_phrases
from insight.topics.phrases import PLACEHOLDER as _PLACEHOLDER  # placeholders and masks are not topics
from insight.topics.records import FittedTopic, TopicFit, TopicParams
from insight.topics.reduce import GraphUMAP
from insight.topics.startup import import_bertopic
from insight.topics.template import template_words, without_template
from insight.topics.theme_names import covering_theme_names
from insight.topics.themes import group_themes

log = logging.getLogger(__name__)

REPRESENTATIVES = 5
TOP_TERMS = 30


def _clean(text: str) -> str:
    return _PLACEHOLDER.sub(" ", text)


def fit_topics(
    texts: Sequence[str],
    embeddings: np.ndarray,
    params: TopicParams,
    *,
    cache_dir: Path,
    previous: np.ndarray | None = None,
    previous_communities: int | None = None,
    progress: ProgressCallback | None = None,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
    placed: np.ndarray | None = None,
) -> TopicFit:
    """Fit topics on notes and their (unit-length) embeddings.

    Args:
        texts: the notes' (redacted) text, for keyphrases and labels.
        embeddings: one row per note, from the stored vectors — never re-embedded here.
        params: the fit parameters (see :class:`TopicParams`).
        cache_dir: where numba keeps compiled code between processes.
        previous: optional, per note the topic id it had in the previous run (-1 if none): KMeans starts
            from those topics, which keeps borders (and so ids) stable across refits.
        placed: optional, per note whether its ``previous`` topic was only given on arrival since that run
            (nearest centroid), not clustered: such notes can make new ground (see
            :func:`insight.topics.cluster.fresh_communities`).
        previous_communities: the graph-community count of the previous run (its ``quality``), so the
            number of topics changes only as much as the communities did.
        progress: optional ``(stage, done, total)`` callback.
        embed: optional, the function that embedded the notes (texts → unit vectors); with it, candidate
            names are also judged by meaning (see :mod:`insight.topics.naming`).

    Returns:
        A :class:`TopicFit`: a topic index per note (-1 = unclear), topics largest first.
    """
    started = time.perf_counter()
    embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
    if progress is not None:
        progress("loading the topic engine", 0, 0)
    import_bertopic(cache_dir)
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    loaded = time.perf_counter()
    reducer = GraphUMAP(params.neighbors, params.dimensions, params.random_seed, cache_dir, progress=progress)
    clusterer = GraphKMeans(
        reducer,
        granularity=params.granularity,
        min_topic_size=params.min_topic_size,
        min_similarity=params.min_similarity,
        max_unclear_share=params.max_unclear_share,
        random_state=params.random_seed,
        previous=previous,
        previous_communities=previous_communities,
        progress=progress,
        placed=placed,
    )
    model = BERTopic(
        embedding_model=None,
        umap_model=reducer,
        hdbscan_model=clusterer,
        vectorizer_model=make_vectorizer(),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=TOP_TERMS,
        calculate_probabilities=False,
    )
    model.fit_transform([_clean(t) for t in texts], embeddings=embeddings)
    clustered = time.perf_counter()
    if progress is not None:
        progress("describing topics", 0, 0)
    fit = _describe(model, texts, embeddings, params, clusterer.threshold_, embed)
    done = time.perf_counter()
    quality = {
        **fit.quality,
        "n_communities": float(clusterer.n_communities_),
        "min_topic_size": float(effective_min_size(len(texts), params.min_topic_size)),
        "seconds_import": round(loaded - started, 2),
        "seconds_fit": round(clustered - loaded, 2),
        "seconds_describe": round(done - clustered, 2),
    }
    return TopicFit(fit.labels, fit.scores, fit.topics, fit.threshold, quality, unmerged=fit.unmerged)


def _describe(
    model, texts: Sequence[str], embeddings: np.ndarray, params: TopicParams, threshold: float, embed=None
) -> TopicFit:
    """Merge same-need topics, then sizes, centroids, representatives, keywords, names and themes."""
    raw = np.asarray(model.topics_, dtype=np.int64)
    k_raw = int(raw.max()) + 1 if (raw >= 0).any() else 0
    raw_centroids = unit_centroids(embeddings, raw, k_raw)
    raw_scores = np.where(raw >= 0, np.einsum("ij,ij->i", embeddings, raw_centroids[np.maximum(raw, 0)]), 0.0)
    sample = sample_phrases(texts, raw, raw_scores)
    merged = merge_labels(raw, embeddings, sample.phrases, sample.rows, params.merge_similarity, params.merge_overlap)
    labels = relabel_by_size(merged)
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    centroids = unit_centroids(embeddings, labels, k)
    scores = np.where(labels >= 0, np.einsum("ij,ij->i", embeddings, centroids[np.maximum(labels, 0)]), 0.0)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    sample_groups = labels[sample.rows]
    # Keywords stay keywords: c-TF-IDF's top phrases (of every raw topic a merged topic came from), re-ranked.
    cleaned = [_clean(t) for t in texts]  # "<PERSON>" is no keyword either; punctuation marks the clauses
    new_of_raw = {int(r): int(n) for r, n in zip(raw[raw >= 0], labels[raw >= 0], strict=True)}
    candidates: list[list[str]] = [[] for _ in range(k)]
    for r in range(k_raw):
        if r in new_of_raw:
            candidates[new_of_raw[r]] += [term for term, _ in model.topic_representations_.get(r, [])]
    template = template_words(cleaned, labels)  # "complaining", "agent": the export's template, not keywords
    if template:
        log.info("template words left out of keywords: %s", ", ".join(sorted(template)))
        candidates = [without_template(c, template) for c in candidates]
    ranked = rank_phrases(cleaned, labels, candidates)
    topic_keywords = [keywords(ranked[t]) for t in range(k)]
    # the namer weighs every specific phrase as a candidate; the keywords shown leave out a narrow sub-case
    candidates_by_meaning = [keywords(ranked[t], subcase_share=0.0) for t in range(k)]
    topic_options: list[tuple[str, ...]] = []
    topic_names = name_groups(
        sample, sample_groups, sizes.tolist(), "Topic", centroids=centroids, embed=embed,
        keywords=candidates_by_meaning, candidates_out=topic_options,
    )  # fmt: skip
    forms = written_forms(sample.texts)  # names in sentence case, each word as the notes write it ("Live TV")
    topic_names = [as_written(name, forms) for name in topic_names]
    topic_options = [tuple(as_written(o, forms) for o in opts) for opts in topic_options]
    themes = group_themes(centroids, params.theme_min_topics, sizes) if k else None
    names: list[str] = []
    theme_options: list[tuple[str, ...]] = []
    if themes is not None:
        themed = themes >= 0  # a topic like no other stays outside any theme
        theme_sizes = np.bincount(themes[themed], weights=sizes[themed], minlength=int(themes.max()) + 1).astype(int)
        theme_of_sample = np.where(sample_groups >= 0, themes[np.maximum(sample_groups, 0)], -1)
        sums = np.zeros((len(theme_sizes), centroids.shape[1]))
        np.add.at(sums, themes[themed], centroids[themed] * sizes[themed, None])
        theme_centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        names = name_groups(
            sample,
            theme_of_sample,
            theme_sizes.tolist(),
            "Theme",
            centroids=theme_centroids,
            embed=embed,
            notes_compete=False,
            codes_name=False,
            parts=sample_groups,
            candidates_out=theme_options,
        )
        names = covering_theme_names(
            sample, sample_groups, themes, sizes.tolist(), names, template, centroids=centroids, embed=embed
        )
        names = [as_written(name, forms) for name in names]
        theme_options = [
            tuple(dict.fromkeys([name, *(as_written(o, forms) for o in opts)]))
            for name, opts in zip(names, theme_options, strict=True)
        ]
    topics = []
    for t in range(k):
        members = np.flatnonzero(labels == t)
        best = members[np.argsort(-scores[members], kind="stable")[:REPRESENTATIVES]]
        theme = int(themes[t]) if themes is not None and themes[t] >= 0 else None
        topics.append(
            FittedTopic(
                index=t,
                size=int(sizes[t]),
                label=topic_names[t],
                keywords=topic_keywords[t],
                centroid=centroids[t],
                representatives=tuple(int(i) for i in best),
                theme=theme,
                theme_label=names[theme] if theme is not None else None,
                candidates=topic_options[t],
                theme_candidates=theme_options[theme] if theme is not None else (),
            )
        )
    placed = labels >= 0
    quality = {
        "unclear_share": float(np.mean(~placed)) if len(labels) else 0.0,
        "mean_similarity": float(scores[placed].mean()) if placed.any() else 0.0,
        "largest_topic_share": float(sizes.max() / len(labels)) if k else 0.0,
        "smallest_topic": float(sizes.min()) if k else 0.0,
        "topics_before_merging": float(k_raw),
    }
    return TopicFit(labels, scores.astype(np.float32), tuple(topics), float(threshold), quality, unmerged=raw)
