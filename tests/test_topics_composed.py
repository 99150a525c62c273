"""Composed candidate names (real spaCy parser): verb + object, subject + state, questions, names against names."""

from __future__ import annotations

import numpy as np
import pytest

from insight.topics import meaning
from insight.topics.composed import asked_nouns, composed_options, is_asking, parse_notes, pieces_in, question_options
from insight.topics.phrases import phrases_in
from tests.topics_corpus import sampled_groups


def _pieces(text: str) -> list[str]:
    (doc,) = parse_notes([text])
    return [p.text for p in pieces_in(doc)]


@pytest.mark.parametrize(
    "note, piece",
    [
        ("Can you set an alarm for 7am please", "set alarm"),
        ("I'd like to top up my card", "top up card"),
        ("I need to cancel my order", "cancel order"),
        ("Customer would keep the subscription if they could pause it for 3 months.", "pause subscription"),
        ("Called just to say the engineer was brilliant, tidy and on time.", "brilliant engineer"),
        ("My card is not working at the till", "card not working"),
        ("My card does not work", "card not working"),
        ("Why did my transfer fail", "transfer failed"),
        ("What is the exchange rate today", "exchange rate"),
        ("What is the balance of my savings account", "savings account balance"),
        ("Cust wants to move to eSIM on their new phone", "move to eSIM"),
        ("Thanked us for sorting the bill in one chat, no transfers.", "thanks for sorting bill"),
        ("Asked if they can pause the streaming add-on over summer", "pause streaming add-on"),
        ("Home move - wants service live on day one at the new address.", "service live at address"),
    ],
)
def test_a_note_is_reduced_to_what_it_does(note, piece):
    assert piece in _pieces(note)


def test_thanks_keep_the_praise_and_a_hyphenated_word_stays_whole():
    assert "sort bill" not in _pieces("Thanked us for sorting the bill in one chat, no transfers.")
    assert not any(p.endswith("add on") for p in _pieces("Can they pause the streaming add-on over summer"))
    assert "live at address" not in _pieces("Home move - wants service live on day one at the new address.")


@pytest.mark.parametrize(
    "note",
    ["FYI engineer went above and beyond", "Escalate to team lead", "Customer wants to know", "Tell me a joke"],
)
def test_agent_filler_and_framing_make_no_piece(note):
    pieces = _pieces(note)
    assert not any(w in p.lower() for p in pieces for w in ("fyi", "customer", "team", "want", "tell"))


def test_what_the_agent_did_makes_no_piece_but_the_customer_s_need_does():
    pieces = _pieces("Customer wants to change the seat. Agent requested to DM the booking reference.")
    assert "change seat" in pieces
    assert not any("dm" in p.lower() or "booking" in p.lower() for p in pieces), pieces
    assert not any("dm" in p.lower() for p in _pieces("The agent apologised and asked them to DM the order number"))
    # the phrase cutter reads the same parse: no phrase from the agent's sentence either
    (doc,) = parse_notes(["Customer wants to change the seat. Agent requests to DM the booking reference."])
    phrases = [p.text.lower() for p in phrases_in(doc)]
    assert "seat" in phrases and not any("dm" in p or "booking" in p for p in phrases), phrases


@pytest.mark.parametrize(
    "note, asking",
    [
        ("What alarms do I have set", True),
        ("Is my card on its way?", True),
        ("Tell me if Olive Garden does takeaway", True),
        ("Cust wants to know when the card arrives", True),
        ("check my emails", True),
        ("Customer asked if the card works abroad", True),
        ("Asked about a family bundle with shared data for 3 phones.", False),  # interest in a product
        ("How do I activate my card", False),  # a task asked as a question
        ("Can you set an alarm for 7", False),
        ("Tell me a joke", False),
        ("Set an alarm for 7am", False),
    ],
)
def test_asking_about_a_state_is_told_from_asking_for_a_task(note, asking):
    (doc,) = parse_notes([note])
    assert is_asking(doc) is asking
    assert bool(asked_nouns(doc)) is asking


ASKING = [
    "what alarms do I have set",
    "which alarms are on for tomorrow",
    "do I have any alarms tomorrow morning",
    "is my alarm set for 7",
    "check my alarms",
]
SETTING = [
    "set an alarm for 7am",
    "wake me up at six, set an alarm",
    "please set an alarm for tomorrow at 8",
    "set alarm for 5 pm",
    "can you set an alarm for noon",
]


def test_near_twins_get_the_candidate_that_tells_them_apart():
    sample, groups = sampled_groups([ASKING, SETTING])
    asked = question_options(sample, groups, [5, 5])
    composed = composed_options(sample, groups, [5, 5])
    assert asked[0] and asked[0][0] == "Questions about alarms"
    assert asked[1] == []  # commands are not questions
    assert composed[1][0] == "set alarm"  # in 4 of 5 notes, and in none of the asking ones
    assert "set alarm" not in composed[0]


def test_a_candidate_another_topic_could_wear_pays_for_it(real_embedder):
    """The rival term: a name as near another topic's candidates as its own is marked down (see meaning)."""
    centroids = real_embedder.embed([" ".join(ASKING), " ".join(SETTING)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    options = [["alarms", "alarm questions"], ["set alarm", "alarms"]]
    ranked = meaning.rank_by_meaning(options, centroids, real_embedder.embed)
    vectors = real_embedder.embed(["alarms", "alarm questions", "set alarm"])
    own = vectors[:2] @ centroids.T
    rival = np.array([1.0, float(vectors[1] @ vectors[2])])  # "alarms" is also a candidate of the other topic
    rival[1] = max(rival[1], float(vectors[1] @ vectors[0]))
    score = own[:, 0] + meaning.MARGIN_WEIGHT * (own[:, 0] - own[:, 1]) - meaning.RIVAL_WEIGHT * rival
    score -= meaning.ONE_WORD_PENALTY * np.array([1, 0])
    assert ranked[0][0] == options[0][int(np.argmax(score))]  # the score as documented decides it
    assert ranked[0][0] == "alarm questions"
