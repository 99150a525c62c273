"""Fitting topics with BERTopic on stored embeddings: Earshot's reducer, clusterer and phrase vocabulary.

BERTopic is the engine and stays modular: :class:`~insight.topics.reduce.GraphUMAP` is its
``umap_model``, :class:`~insight.topics.cluster.GraphKMeans` its ``hdbscan_model``, a 1–3-gram
``CountVectorizer`` plus ``ClassTfidfTransformer`` its representation. No embedding model is given:
embeddings are always passed in (BERTopic's default model would try to download). This module is pure
computation — no database — and imports BERTopic lazily, inside :func:`fit_topics`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from insight.topics.cluster import GraphKMeans, effective_min_size, unit_centroids
from insight.topics.labels import clean_text, keywords, make_vectorizer, rank_phrases, unique_labels
from insight.topics.records import FittedTopic, ProgressCallback, TopicFit, TopicParams
from insight.topics.reduce import GraphUMAP
from insight.topics.startup import import_bertopic
from insight.topics.themes import group_themes, theme_candidates

log = logging.getLogger(__name__)

REPRESENTATIVES = 5
TOP_TERMS = 30
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")  # redaction placeholders (<EMAIL>, <PERSON>…) are not topics


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
) -> TopicFit:
    """Fit topics on notes and their (unit-length) embeddings.

    Args:
        texts: the notes' (redacted) text, for keyphrases and labels.
        embeddings: one row per note, from the stored vectors — never re-embedded here.
        params: the fit parameters (see :class:`TopicParams`).
        cache_dir: where numba keeps compiled code between processes.
        previous: optional, per note the topic id it had in the previous run (-1 if none): KMeans starts
            from those topics, which keeps borders (and so ids) stable across refits.
        previous_communities: the graph-community count of the previous run (its ``quality``), so the
            number of topics changes only as much as the communities did.
        progress: optional ``(stage, done, total)`` callback.

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
    fit = _describe(model, texts, embeddings, params, clusterer.threshold_)
    done = time.perf_counter()
    quality = {
        **fit.quality,
        "n_communities": float(clusterer.n_communities_),
        "min_topic_size": float(effective_min_size(len(texts), params.min_topic_size)),
        "seconds_import": round(loaded - started, 2),
        "seconds_fit": round(clustered - loaded, 2),
        "seconds_describe": round(done - clustered, 2),
    }
    return TopicFit(fit.labels, fit.scores, fit.topics, fit.threshold, quality)


def _describe(model, texts: Sequence[str], embeddings: np.ndarray, params: TopicParams, threshold: float) -> TopicFit:
    """Sizes, centroids, representatives, keywords, labels and themes from a fitted BERTopic model."""
    labels = np.asarray(model.topics_, dtype=np.int64)
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    centroids = unit_centroids(embeddings, labels, k)
    scores = np.where(labels >= 0, np.einsum("ij,ij->i", embeddings, centroids[np.maximum(labels, 0)]), 0.0)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    cleaned = [clean_text(t) for t in texts]
    candidates = [[term for term, _ in model.topic_representations_.get(t, [])] for t in range(k)]
    ranked = rank_phrases(cleaned, labels, candidates)
    topic_labels = unique_labels(ranked)
    themes = group_themes(centroids, params.theme_min_topics) if k else None
    names: list[str] = []
    if themes is not None:
        offset = 1 if -1 in model.topic_representations_ else 0
        rows = model.c_tf_idf_[offset : offset + k]
        vocabulary = model.vectorizer_model.get_feature_names_out()
        note_themes = np.where(labels >= 0, themes[np.maximum(labels, 0)], -1)
        theme_ranked = rank_phrases(cleaned, note_themes, theme_candidates(themes, sizes, rows, vocabulary))
        names = unique_labels(theme_ranked, fallback="theme")
    topics = []
    for t in range(k):
        members = np.flatnonzero(labels == t)
        best = members[np.argsort(-scores[members], kind="stable")[:REPRESENTATIVES]]
        theme = int(themes[t]) if themes is not None else None
        topics.append(
            FittedTopic(
                index=t,
                size=int(sizes[t]),
                label=topic_labels[t],
                keywords=keywords(ranked[t]),
                centroid=centroids[t],
                representatives=tuple(int(i) for i in best),
                theme=theme,
                theme_label=names[theme] if theme is not None else None,
            )
        )
    placed = labels >= 0
    quality = {
        "unclear_share": float(np.mean(~placed)) if len(labels) else 0.0,
        "mean_similarity": float(scores[placed].mean()) if placed.any() else 0.0,
        "largest_topic_share": float(sizes.max() / len(labels)) if k else 0.0,
        "smallest_topic": float(sizes.min()) if k else 0.0,
    }
    return TopicFit(labels, scores.astype(np.float32), tuple(topics), float(threshold), quality)
