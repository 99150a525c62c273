"""Verb forms for names (insight.topics.inflect): regular endings, doubling, and the irregular fault verbs."""

from __future__ import annotations

import pytest

from insight.topics.inflect import past_participle, present_participle, state_form


@pytest.mark.parametrize(
    "verb, past, present",
    [
        ("fail", "failed", "failing"),
        ("decline", "declined", "declining"),
        ("arrive", "arrived", "arriving"),
        ("stop", "stopped", "stopping"),
        ("drop", "dropped", "dropping"),
        ("open", "opened", "opening"),  # two syllables: no doubling
        ("load", "loaded", "loading"),  # two vowels: no doubling
        ("show", "shown", "showing"),
        ("fix", "fixed", "fixing"),
        ("apply", "applied", "applying"),
        ("freeze", "frozen", "freezing"),
        ("break", "broken", "breaking"),
        ("come", "come", "coming"),
        ("die", "died", "dying"),
        ("see", "seen", "seeing"),
        ("agree", "agreed", "agreeing"),
        ("quit", "quit", "quitting"),
    ],
)
def test_participles(verb, past, present):
    assert past_participle(verb) == past
    assert present_participle(verb) == present


def test_a_state_takes_the_participle_only_when_the_note_left_the_verb_bare():
    assert state_form("work", "VB", "work", negated=True) == "working"  # "does not work"
    assert state_form("fail", "VB", "fail", negated=False) == "failed"  # "did it fail"
    assert state_form("fail", "VBD", "failed", negated=False) == "failed"
    assert state_form("arrive", "VBN", "arrived", negated=True) == "arrived"  # "has not arrived": as written
    assert state_form("crash", "VBZ", "crashes", negated=False) == "crashes"  # "the app crashes": as written
    assert state_form("work", "VBG", "Working", negated=True) == "working"
