"""Candidate names that generalise over a topic's notes, for the label oracle (a diagnostic, not a namer).

Earshot's candidates are phrases lifted from single notes (insight.topics.naming): a name can say what one
note says ("Use sour cream instead of milk") rather than what the notes share ("Substitute ingredient").
``benchmarks/topic_label_oracle.py`` asks whether candidates built *across* the notes would raise the
ceiling — the share of topics for which some candidate would make the judge place the topic's intent first
— before anything is wired into the namer. Three kinds, all from the same sampled central notes the namer reads:

* **pairs** / **triples** — every set of 2 (3) content lemmas that occur together in a note (anywhere in it,
  not side by side: "fee for a card payment" and "card fee" share "card fee"), counted over the topic's
  notes and scored as phrases are (coverage × distinctiveness against all other topics, size-weighted),
  written in the order and form the notes most often use. They generalise, but need not read as a
  phrase ("old open", "fee top");
* **cores** — each pair rendered as the phrase or composed piece (verb + object, subject + state …) of the
  topic's notes that holds both its words and is used most (shortest on ties, at most 4 words): "top
  pending" → "top-up pending", "card fee" → "fee for card": readable, as the namer's grammar made them;
* **keyphrases** — every c-TF-IDF keyphrase of the topic as it is (the namer takes a keyphrase only when a
  note wrote it so).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
LEMMAS_PER_NOTE = 12  # the first this-many content lemmas of a note are combined (a long note is one need)
CORE_WORDS = 4


def content_lemmas(docs: Sequence) -> list[list[tuple[str, str]]]:
    """Per parsed note, its content words in order as ``(lemma, surface)``: nouns, verbs and adjectives that
    are neither stop words nor the filler of how notes are written ("customer", "want", "please")."""
    from insight.topics.composed import FILLER_LEMMAS
    from insight.topics.labels import STOP_WORDS
    from insight.topics.phrases import _FILLER_LEMMAS

    stop = set(STOP_WORDS) | FILLER_LEMMAS | _FILLER_LEMMAS
    out = []
    for doc in docs:
        words = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in CONTENT_POS and token.is_alpha and len(lemma) > 1 and lemma not in stop:
                inner_capital = any(c.isupper() for c in token.text[1:])
                words.append((lemma, token.text if inner_capital else token.lower_))
        out.append(words)
    return out


def lemma_sets(
    notes: Sequence[Sequence[tuple[str, str]]], groups: np.ndarray, sizes: Sequence[int], size: int, limit: int = 12
) -> list[list[str]]:
    """Per group, its best sets of ``size`` co-occurring content lemmas (see the module notes), written out."""
    n_groups = len(sizes)
    sampled = np.bincount(groups[groups >= 0], minlength=n_groups).astype(np.float64)
    weight = np.asarray(sizes, dtype=np.float64) / np.maximum(sampled, 1.0)
    support: list[Counter] = [Counter() for _ in range(n_groups)]
    orders: list[defaultdict] = [defaultdict(Counter) for _ in range(n_groups)]
    surfaces: list[defaultdict] = [defaultdict(Counter) for _ in range(n_groups)]
    for group, words in zip(groups.tolist(), notes, strict=True):
        if group < 0:
            continue
        first = {}
        for i, (lemma, surface) in enumerate(words):
            first.setdefault(lemma, i)
            surfaces[group][lemma][surface] += 1
        lemmas = sorted(first, key=first.get)[:LEMMAS_PER_NOTE]
        for combo in itertools.combinations(sorted(lemmas), size):
            support[group][combo] += 1
            orders[group][combo][tuple(sorted(combo, key=first.get))] += 1
    weighted: Counter = Counter()
    for group in range(n_groups):
        for combo, count in support[group].items():
            weighted[combo] += count * weight[group]
    out = []
    for group in range(n_groups):
        scored = sorted(
            (
                (count / max(sampled[group], 1.0)) * (count * weight[group] / weighted[combo]),
                combo,
            )
            for combo, count in support[group].items()
            if count >= 2
        )
        best = [combo for _, combo in reversed(scored)][:limit]
        out.append(
            [
                " ".join(surfaces[group][lemma].most_common(1)[0][0] for lemma in orders[group][c].most_common(1)[0][0])
                for c in best
            ]
        )
    return out


def rendered_cores(pairs: Sequence[Sequence[str]], docs: Sequence, groups: np.ndarray) -> list[list[str]]:
    """Per group, each of its lemma pairs as the group's most used phrase or composed piece holding both words."""
    from insight.topics.composed import pieces_in
    from insight.topics.phrases import name_key, phrases_in

    written: list[Counter] = [Counter() for _ in pairs]
    for group, doc in zip(groups.tolist(), docs, strict=True):
        if group < 0:
            continue
        texts = {p.text for p in (*phrases_in(doc), *pieces_in(doc)) if len(p.words) <= CORE_WORDS}
        written[group].update(texts)
    out = []
    for group, mine in enumerate(pairs):
        names = []
        for pair in mine:
            need = name_key(pair)
            fits = [(n, -len(text.split()), text) for text, n in written[group].items() if need <= name_key(text)]
            if fits:
                names.append(max(fits)[2])
        out.append(list(dict.fromkeys(names)))
    return out


def generalised_sources(
    docs: Sequence, groups: np.ndarray, sizes: Sequence[int], keywords: Sequence[Sequence[str]]
) -> dict[str, list[list[str]]]:
    """The generalising candidate sources of every group (see the module notes), by source name."""
    notes = content_lemmas(docs)
    pairs = lemma_sets(notes, groups, sizes, 2)
    return {
        "pairs": pairs,
        "triples": lemma_sets(notes, groups, sizes, 3),
        "cores": rendered_cores(pairs, docs, groups),
        "keyphrases": [list(k) for k in keywords],
    }
