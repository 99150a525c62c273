"""The label oracle's generalising candidates (benchmarks/label_sources.py), on the real spaCy parser."""

from __future__ import annotations

import numpy as np

from benchmarks.label_sources import content_lemmas, generalised_sources, lemma_sets, rendered_cores
from insight.topics.composed import parse_notes

FEES = [
    "Why is there a fee on my card payment",
    "The card fee was far too high",
    "I was charged a fee when I paid by card",
    "What is this card fee for",
    "Is there a card fee abroad",
]
PENDING = [
    "My top-up is still pending",
    "Why has the top-up been pending for days",
    "Top-up pending since yesterday",
]
TRANSFERS = [
    "My transfer failed twice",
    "The transfer to my landlord failed",
    "Why did the transfer fail",
]


def _fit(groups_of_notes: list[list[str]]):
    texts = [t for notes in groups_of_notes for t in notes]
    groups = np.array([g for g, notes in enumerate(groups_of_notes) for _ in notes])
    sizes = [len(notes) for notes in groups_of_notes]
    return parse_notes(texts), groups, sizes


def test_a_pair_is_what_notes_share_even_when_no_note_writes_it_side_by_side():
    docs, groups, sizes = _fit([FEES, TRANSFERS])
    pairs = lemma_sets(content_lemmas(docs), groups, sizes, 2)
    assert pairs[0][0] == "card fee"  # all five notes hold both words, two of them apart ("fee when I paid by card")
    assert "transfer failed" in pairs[1]  # in the order and the form the notes use most, not "fail transfer"


def test_a_pair_held_by_one_note_is_no_candidate():
    docs, groups, sizes = _fit([FEES, TRANSFERS])
    pairs = lemma_sets(content_lemmas(docs), groups, sizes, 2)
    assert not any("landlord" in p for p in pairs[1])  # only one note names the landlord


def test_a_pair_every_topic_uses_ranks_below_one_only_this_topic_uses():
    shared = ["Payment by card was declined", "Card payment declined again"]
    docs, groups, sizes = _fit([[*FEES, *shared], [*TRANSFERS, *shared]])
    pairs = lemma_sets(content_lemmas(docs), groups, sizes, 2)
    assert pairs[0].index("card fee") < pairs[0].index("card payment")


def test_cores_render_a_pair_as_the_notes_own_phrase():
    docs, groups, sizes = _fit([PENDING, TRANSFERS])
    pairs = lemma_sets(content_lemmas(docs), groups, sizes, 2)
    cores = rendered_cores(pairs, docs, groups)
    assert "top-up pending" in cores[0]  # the pair "top … pending" as written, hyphen and all
    assert all(len(c.split()) <= 4 for group in cores for c in group)


def test_a_pair_no_phrase_holds_has_no_core():
    docs, groups, _ = _fit([FEES])
    cores = rendered_cores([["fee nonsense"]], docs, groups)
    assert cores == [[]]


def test_every_source_has_one_list_per_topic():
    docs, groups, sizes = _fit([FEES, PENDING, TRANSFERS])
    keywords = [("card fee",), ("pending",), ("transfer failed", "landlord")]
    sources = generalised_sources(docs, groups, sizes, keywords)
    assert set(sources) == {"pairs", "triples", "cores", "keyphrases"}
    assert all(len(v) == 3 for v in sources.values())
    assert sources["keyphrases"][2] == ["transfer failed", "landlord"]
