"""A theme's name must cover what it holds: the word or phrase most of its topics' notes share.

Themes are named like topics (:mod:`insight.topics.naming`), by the phrase that best covers and
distinguishes their central notes. Central notes of a theme are the central notes of its topics, so the
phrase that wins is often one topic's need: on an export of airline, telecom and retail summaries a theme
holding flight delays, ticket cancellations, baggage and seats was "Flight cancellation", and one holding
internet outages and mobile-network trouble "Modem". Here each theme's name is checked against its
topics: a topic *uses* a name when at least ``USE_SHARE`` of its sampled notes hold every word of it (up
to plural and tense endings); the name *covers* the theme when the topics that use it hold more than
``MOST`` of the theme's notes and are at least half of its topics (both topics of a theme of two: the
larger holds most notes alone, and a name only it uses names only it).

A name that does not cover its theme gives way to a phrase of the theme's notes that does. Covering
phrases are ranked by ``coverage × distinctiveness × length bonus`` as topic names are — distinctiveness,
the share of the phrase's (size-weighted) uses that fall in this theme, must itself be over ``MOST``, so
"issue" or "tomorrow", which every theme says, never names one, and a single word must have ``ONE_WORD_MOST``
of its uses there ("Phone" in a telecom's family-bundle theme had 68 %) — and the template's words
(:mod:`insight.topics.template`) never name. With the embedder at hand, the best ``MEANING_POOL`` of them
are then judged by meaning: a phrase must mean its own topics more than any topic outside the theme
("Book", from "book a train" and "book a taxi", meant a booking topic elsewhere more than the transport
theme it was found in), and the one nearest its topics on average wins. When nothing covers most of the
theme, or nothing that does points home, today's name stays: a theme of game consoles and laptop software
has no word in common and keeps "Can't play game".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from insight.topics.naming import PhraseSample, choose_names
from insight.topics.phrases import PLACEHOLDER, has_code, name_key

USE_SHARE = 0.25
MOST = 0.5
WORD_BONUS = 0.5
MAX_WORDS = 3
MEANING_POOL = 8  # covering phrases judged by meaning
# One word names a theme only when nearly all its uses are there: "Flight" for flight delays, cancellations and
# baggage, never "Phone" for a family-bundle theme of a telecom whose every theme mentions phones.
ONE_WORD_MOST = 0.8
# A theme is a category: "My mortgage payments" (as first-person narratives write it) is "Mortgage payments".
_LEADING = re.compile(r"^(?:my|your|his|her|their|our|its|the|a|an)\s+", re.IGNORECASE)


def _by_meaning(texts: list[str], members: np.ndarray, sizes: np.ndarray, centroids: np.ndarray, embed) -> list[str]:
    """``texts`` that point home, best first by their size-weighted mean cosine to the theme's topics.

    A text points home when that mean is above its cosine to every topic outside the theme: "Book" (from
    "book a train", "book a taxi") means a booking topic elsewhere more than the transport theme it was
    found in, and is dropped.
    """
    vectors = np.asarray(embed(texts), dtype=np.float64)
    cosines = vectors @ np.asarray(centroids, dtype=np.float64).T
    weights = sizes[members] / max(float(sizes[members].sum()), 1e-12)
    fit = cosines[:, members] @ weights
    outside = np.setdiff1d(np.arange(len(centroids)), members)
    rival = cosines[:, outside].max(axis=1) if len(outside) else np.full(len(texts), -1.0)
    return [texts[i] for i in np.argsort(-fit, kind="stable") if fit[i] > rival[i]]


def _uses(keys: Sequence[frozenset[str]], stems: frozenset[str]) -> int:
    return sum(stems <= k for k in keys)


def covering_theme_names(
    sample: PhraseSample,
    topic_of_row: np.ndarray,
    theme_of_topic: np.ndarray,
    topic_sizes: Sequence[int],
    names: Sequence[str],
    template: frozenset[str] = frozenset(),
    *,
    centroids: np.ndarray | None = None,
    embed=None,
) -> list[str]:
    """Each theme's name, replaced by a phrase its topics share when the name does not cover the theme.

    Args:
        sample: the sampled central notes and their phrases (:func:`insight.topics.naming.sample_phrases`).
        topic_of_row: the topic of each sampled row, -1 for none.
        theme_of_topic: the theme index of each topic, -1 for a topic on its own.
        topic_sizes: each topic's number of notes (a topic's vote in its theme).
        names: today's name of each theme ``0..len(names)-1``.
        template: words of the export's template (lower-case), which never name a theme.
        centroids: optional, each topic's unit centroid in the notes' embedding space…
        embed: …and the function that embedded the notes: the covering phrases and today's name are then
            chosen among by meaning (see the module notes).

    Returns:
        One name per theme, unique among themes (compared by :func:`name_key`); a theme keeps its name
        when it covers the theme or when no phrase does.
    """
    n_themes = len(names)
    if n_themes == 0:
        return []
    sizes = np.asarray(topic_sizes, dtype=np.float64)
    themes = np.asarray(theme_of_topic)
    row_keys = [name_key(PLACEHOLDER.sub(" ", text)) for text in sample.texts]
    rows_of: dict[int, list[int]] = {}
    for row, topic in enumerate(np.asarray(topic_of_row).tolist()):
        if topic >= 0:
            rows_of.setdefault(topic, []).append(row)
    template_stems = name_key(" ".join(template))
    surface = sample.surface()
    candidates: list[dict[frozenset[str], str]] = [{} for _ in range(n_themes)]
    for row, topic in enumerate(np.asarray(topic_of_row).tolist()):
        if topic < 0 or themes[topic] < 0:
            continue
        for phrase in sample.phrases[row]:
            text = _LEADING.sub("", surface[phrase.key])
            stems = name_key(text)
            if 0 < len(phrase.key) <= MAX_WORDS and stems and not stems & template_stems and not has_code(text):
                candidates[themes[topic]].setdefault(stems, text)

    def share_using(topic: int, stems: frozenset[str]) -> float:
        rows = rows_of.get(topic, [])
        return _uses([row_keys[r] for r in rows], stems) / len(rows) if rows else 0.0

    def coverage(theme: int, stems: frozenset[str]) -> float:
        """The share of the theme's notes in topics using ``stems`` (0 unless half its topics, and at least
        two, use them: in a theme of two topics the larger alone holds most notes, and names only itself)."""
        members = np.flatnonzero(themes == theme)
        using = [int(t) for t in members if share_using(int(t), stems) >= USE_SHARE]
        if len(using) < max(2, -(-len(members) // 2)):
            return 0.0
        return float(sizes[using].sum() / max(sizes[members].sum(), 1.0))

    def distinct(theme: int, stems: frozenset[str]) -> float:
        weighted = np.zeros(n_themes + 1)  # the last slot: topics on their own
        for topic in rows_of:
            weighted[themes[topic] if themes[topic] >= 0 else n_themes] += sizes[topic] * share_using(topic, stems)
        return float(weighted[theme] / max(weighted.sum(), 1e-12))

    options: list[list[str]] = []
    for theme, name in enumerate(names):
        if coverage(theme, name_key(name) - template_stems) > MOST:
            options.append([name])
            continue
        scored = []
        for stems, text in candidates[theme].items():
            cover = coverage(theme, stems)
            if cover <= MOST:
                continue
            own = distinct(theme, stems)
            if own <= (MOST if len(stems) > 1 else ONE_WORD_MOST):
                continue
            scored.append((cover * own * (1.0 + WORD_BONUS * (len(stems) - 1)), text))
        scored.sort(key=lambda s: (-s[0], s[1]))
        ranked = [text for _, text in scored[:MEANING_POOL]]
        if ranked and embed is not None and centroids is not None:
            ranked = _by_meaning(ranked, np.flatnonzero(themes == theme), sizes, centroids, embed)
        options.append([*ranked, name])
    # Unique among themes, largest first; a theme whose phrases are all taken keeps today's name.
    theme_sizes = [float(sizes[themes == t].sum()) for t in range(n_themes)]
    order = sorted(range(n_themes), key=lambda t: (-theme_sizes[t], t))
    chosen = choose_names([options[t] for t in order], [names[t] for t in order], "Theme")
    out = list(names)
    for theme, name in zip(order, chosen, strict=True):
        out[theme] = name
    return out
