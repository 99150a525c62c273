"""Words of an export's template: in many of the notes, and as often in every topic as in all of them.

An export can be written to one template: TweetSumm's call summaries all read "Customer is complaining …
Agent updated …", so "agent" is in 95 % of the notes and "complaining" in 44 %, in every topic at about that
rate. c-TF-IDF then offers keywords such as "complaining apple" or "delay flight agent": the template's words
beside the topic's. A word is taken for template when it is in at least ``MIN_SHARE`` of all notes *and*
the topics where it is at least half as common as overall hold ``SPREAD`` of the notes — spread evenly, it
says nothing about any topic. Frequent words of a domain are not spread evenly: Banking77's "card" is in
29 % of its messages but far more in card topics than in transfer ones, and the long CFPB narratives' "credit"
(49 %) and "account" (45 %) are in 0.70–0.74 of the notes by that measure. No word list: the rule reads
the notes of the import it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

MIN_SHARE = 0.15
SPREAD = 0.9


def template_words(texts: Sequence[str], labels: np.ndarray) -> frozenset[str]:
    """The words of the notes' template (lower-case), judged over all notes and their topics.

    Args:
        texts: every note's text (read by the keyword vocabulary: lower-cased, words of two letters or more).
        labels: the topic of each note, -1 for none.

    Returns:
        Words in at least ``MIN_SHARE`` of the notes that are at least half as common as overall in
        topics holding at least ``SPREAD`` of the placed notes.
    """
    from insight.topics.labels import make_vectorizer

    labels = np.asarray(labels)
    placed = labels >= 0
    if not len(texts) or placed.sum() == 0:
        return frozenset()
    vectorizer = make_vectorizer(ngram_range=(1, 1), binary=True, min_df=MIN_SHARE, dtype=np.float32)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word is that frequent (or no word at all)
        return frozenset()
    vocabulary = vectorizer.get_feature_names_out()
    overall = np.asarray(counts.mean(axis=0)).ravel()
    topics = np.unique(labels[placed])
    sizes = np.array([(labels == t).sum() for t in topics], dtype=np.float64)
    rates = np.vstack([np.asarray(counts[labels == t].mean(axis=0)).ravel() for t in topics])
    spread = (sizes[:, None] * (rates >= 0.5 * overall[None, :])).sum(axis=0) / sizes.sum()
    return frozenset(str(w) for w, s in zip(vocabulary, spread, strict=True) if s >= SPREAD)


def without_template(phrases: Iterable[str], template: frozenset[str]) -> list[str]:
    """Keyword phrases with the template's words taken off their ends ("complaining delayed delivery" →
    "delayed delivery", "flight agent updated" → "flight"); a phrase with one inside (joining the words
    around it makes a phrase nobody wrote) or made of them only is dropped. Order kept, duplicates removed."""
    out: dict[str, None] = {}
    for phrase in phrases:
        words = phrase.split()
        while words and words[0] in template:
            words.pop(0)
        while words and words[-1] in template:
            words.pop()
        if words and not any(w in template for w in words):
            out.setdefault(" ".join(words), None)
    return list(out)
