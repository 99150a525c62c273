"""A continuing topic keeps its name while the name still fits it.

Every refit names its topics afresh from their notes. A topic that continues (same id, same need) could then
change its name because a few notes arrived elsewhere: an import of unrelated requests renamed the demo's
"Vodaline offered 1Gb" to "Vodaline offered 2Gb", and its theme "Price rise" to "Compare with Vodaline". A PM
who learnt a name should not have to learn another for the same topic. So a continuing topic (and a
continuing theme) keeps last run's generated name while that name is still among the few best names the new
fit found for it (:data:`insight.topics.naming.STICKY_CANDIDATES`), and no other topic of the run holds it.
A topic that drifted — its old name no longer among its best — takes the new one. A PM's rename is stored
apart and always wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from insight.topics.naming import sentence_case
from insight.topics.phrases import name_key
from insight.topics.records import FittedTopic, TopicFit


def _kept(candidates: tuple[str, ...], previous: str | None) -> str | None:
    """``previous`` as this fit writes it, when it is among ``candidates``; else ``None``."""
    if not previous:
        return None
    key = name_key(previous)
    return next((c for c in candidates if name_key(c) == key), None)


def _unique(labels: list[str], keep: list[bool], candidates: list[tuple[str, ...]]) -> list[str]:
    """Make labels unique again: a kept name wins; a fresh name it collides with takes its next free option."""
    taken = {name_key(label) for label, kept in zip(labels, keep, strict=True) if kept}
    out = list(labels)
    for i, (label, kept) in enumerate(zip(labels, keep, strict=True)):
        if kept:
            continue
        if name_key(label) in taken:
            free = next((c for c in candidates[i] if name_key(c) not in taken), None)
            n = 2
            while free is None:
                if name_key(f"{label} {n}") not in taken:
                    free = f"{label} {n}"
                n += 1
            out[i] = sentence_case(free)
        taken.add(name_key(out[i]))
    return out


def keep_continuing_names(
    fit: TopicFit,
    topic_ids: Mapping[int, int],
    continued: set[int],
    previous_labels: Mapping[int, str],
    theme_ids: Mapping[int, int],
    previous_theme_labels: Mapping[int, str],
) -> TopicFit:
    """Give each continuing topic and theme last run's generated name where it still fits (module notes).

    Args:
        fit: the new fit, its names chosen afresh (each topic's ``candidates`` and ``theme_candidates`` set).
        topic_ids: cluster index → stable topic id (the matcher's).
        continued: topic ids that continue a topic of the previous run.
        previous_labels: topic id → its generated name in the previous run (not a PM's name).
        theme_ids: theme index → stable theme id.
        previous_theme_labels: theme id → its name in the previous run.
    """
    topics = list(fit.topics)
    keep = [False] * len(topics)
    labels = [t.label for t in topics]
    for i, topic in enumerate(topics):
        topic_id = topic_ids.get(topic.index)
        if topic_id in continued:
            kept = _kept(topic.candidates, previous_labels.get(topic_id))
            if kept is not None:
                labels[i], keep[i] = kept, True
    # the largest topics keep theirs when two continuing topics would keep the same name
    seen: set[frozenset[str]] = set()
    for i in sorted(range(len(topics)), key=lambda i: -topics[i].size):
        if keep[i] and name_key(labels[i]) in seen:
            keep[i], labels[i] = False, topics[i].label
        elif keep[i]:
            seen.add(name_key(labels[i]))
    labels = _unique(labels, keep, [t.candidates for t in topics])
    theme_labels = _theme_labels(topics, theme_ids, previous_theme_labels)
    topics = [
        replace(t, label=label, theme_label=theme_labels.get(t.theme, t.theme_label) if t.theme is not None else None)
        for t, label in zip(topics, labels, strict=True)
    ]
    return replace(fit, topics=tuple(topics))


def _theme_labels(
    topics: list[FittedTopic], theme_ids: Mapping[int, int], previous: Mapping[int, str]
) -> dict[int, str]:
    """Theme index → its name: last run's where it still fits and no other theme of the run is called so."""
    fresh: dict[int, str] = {}
    options: dict[int, tuple[str, ...]] = {}
    for topic in topics:
        if topic.theme is not None and topic.theme_label and topic.theme not in fresh:
            fresh[topic.theme], options[topic.theme] = topic.theme_label, topic.theme_candidates
    out = dict(fresh)
    taken = {name_key(label) for label in fresh.values()}
    for theme, label in fresh.items():
        kept = _kept(options[theme], previous.get(theme_ids.get(theme, -1)))
        if kept is not None and name_key(kept) != name_key(label) and name_key(kept) not in taken:
            taken.discard(name_key(label))
            taken.add(name_key(kept))
            out[theme] = kept
    return out
