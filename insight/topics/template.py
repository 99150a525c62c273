"""Words of an export's template: in many of the notes, and as often in every topic as in all of them.

An export can be written to one template: TweetSumm's call summaries all read "Customer is complaining …
Agent updated …", so "agent" is in 95 % of the notes and "complaining" in 44 %, in every topic at about that
rate. c-TF-IDF then offers keywords such as "complaining apple" or "delay flight agent": the template's words
beside the topic's. A word is taken for template when it is in at least ``MIN_SHARE`` of all notes *and*
the topics where it is at least half as common as overall hold ``SPREAD`` of the notes — spread evenly, it
says nothing about any topic. Frequent words of a domain are not spread evenly: Banking77's "card" is in
29 % of its messages but far more in card topics than in transfer ones, and the long CFPB narratives' "credit"
(49 %) and "account" (45 %) are in 0.70–0.74 of the notes by that measure.

Agents' habits are rarer and just as even: "FYI …", "… Escalated to team lead.", "… Took 20 min to sort out.",
"… Logged so product sees it." each close 10–15 % of the notes, and a customer's "damn" or "ya" 1–2 %, in
every topic alike; c-TF-IDF then offers "fyi engineer went", "took min sort", "escalated team lead". At that
share the spread above is too noisy on small topics (a topic of 40 notes easily has none), so a rarer word is
judged by its *dispersion* instead: how far its count in each topic strays from what its overall rate
predicts for the topic's size, as a share of the binomial variance (about 1 for a word spread by chance, far
above for a word of a need). Read on the labelled sets, the lowest dispersion of any word in 1 % of the notes
is 4.7 (Banking77's "reason") to 9 (HWU64's "open"); the demo's and Bitext's habits are 0.6–2.2. No word
list: the rules read the notes of the import they are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

MIN_SHARE = 0.15
SPREAD = 0.9
# The dispersion rule: a word in at least RARE_SHARE of the notes (and RARE_MIN_NOTES of them) whose counts
# per topic stray no more than EVEN_DISPERSION × the binomial variance; with MIN_TOPICS topics at least, so
# the dispersion has the degrees of freedom to be read.
RARE_SHARE = 0.01
RARE_MIN_NOTES = 20
EVEN_DISPERSION = 2.5
MIN_TOPICS = 8


def template_words(texts: Sequence[str], labels: np.ndarray) -> frozenset[str]:
    """The words of the notes' template (lower-case), judged over all notes and their topics.

    Args:
        texts: every note's text (read by the keyword vocabulary: lower-cased, words of two letters or more).
        labels: the topic of each note, -1 for none.

    Returns:
        Words in at least ``MIN_SHARE`` of the notes that are at least half as common as overall in
        topics holding at least ``SPREAD`` of the placed notes, and words in at least ``RARE_SHARE`` of
        them spread over ``MIN_TOPICS`` or more topics as evenly as chance (``dispersion``).
    """
    from insight.topics.labels import make_vectorizer

    labels = np.asarray(labels)
    placed = labels >= 0
    if not len(texts) or placed.sum() == 0:
        return frozenset()
    vectorizer = make_vectorizer(ngram_range=(1, 1), binary=True, min_df=RARE_SHARE, dtype=np.float32)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word is that frequent (or no word at all)
        return frozenset()
    vocabulary = vectorizer.get_feature_names_out()
    overall = np.asarray(counts.mean(axis=0)).ravel()
    topics = np.unique(labels[placed])
    sizes = np.array([(labels == t).sum() for t in topics], dtype=np.float64)
    in_topic = np.vstack([np.asarray(counts[labels == t].sum(axis=0)).ravel() for t in topics])
    rates = in_topic / sizes[:, None]
    spread = (sizes[:, None] * (rates >= 0.5 * overall[None, :])).sum(axis=0) / sizes.sum()
    frequent = (overall >= MIN_SHARE) & (spread >= SPREAD)
    even = (np.asarray(counts.sum(axis=0)).ravel() >= RARE_MIN_NOTES) & (dispersion(in_topic, sizes) <= EVEN_DISPERSION)
    template = frequent | (even if len(topics) >= MIN_TOPICS else False)
    return frozenset(str(w) for w, t in zip(vocabulary, template, strict=True) if t)


def dispersion(in_topic: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per word, how unevenly it falls over the topics: Pearson's χ² of its count per topic against its
    overall rate × the topic's size, over the binomial variance, per degree of freedom (≈ 1 by chance).

    Args:
        in_topic: notes holding each word, one row per topic, one column per word.
        sizes: notes per topic.
    """
    rate = in_topic.sum(axis=0) / sizes.sum()
    expected = sizes[:, None] * rate[None, :]
    variance = np.maximum(expected * (1.0 - rate[None, :]), 1e-12)
    return ((in_topic - expected) ** 2 / variance).sum(axis=0) / max(len(sizes) - 1, 1)


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
