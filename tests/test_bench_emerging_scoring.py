"""The emerging benchmark scores what Earshot said fairly: a fade is judged by what the topic held before."""

from __future__ import annotations

from benchmarks.emerging import Run, evidence_weeks, score
from benchmarks.stream import Stream, TopicPlan
from insight.trends.weeks import Week


def _stream() -> Stream:
    weeks = [Week(2025, 2).shift(k) for k in range(12)]
    plans = [
        TopicPlan("card_lost", "fading", (20.0,) * 9 + (2.0,) * 3, onset=9),
        TopicPlan("card_new", "rising-fast", (0.2,) * 6 + (5.0, 15.0, 25.0, 25.0, 25.0, 25.0), onset=6),
    ]
    return Stream("toy/1", weeks, plans, [], 11, 10)


def test_a_fade_is_read_from_the_weeks_before_its_window() -> None:
    # Flagged in week 10 over a two-week window: the topic's notes of weeks 5-8 say what faded.
    assert evidence_weeks({"kind": "fading", "window_weeks": 2}, 10) == [5, 6, 7, 8]
    assert evidence_weeks({"kind": "fading", "window_weeks": 2}, 3) == [0, 1]
    # A rise is read from the flagged week itself.
    assert evidence_weeks({"kind": "emerging", "window_weeks": 3}, 10) == [10]


def test_a_fade_labelled_by_its_past_is_credited_and_an_unlabelled_one_is_not() -> None:
    stream = _stream()
    credited = score(stream, Run(flags=[(6, "card_new", "topic")], fading=[(10, "card_lost", "topic")]))
    assert credited.fading_recall == 1.0 and credited.fading_precision == 1.0
    assert credited.recall == 1.0
    assert credited.fades_found == ("card_lost (first week 11, topic)",)
    # What the benchmark recorded before the fix: the faded topic's (empty) week gave the need "?".
    blind = score(stream, Run(flags=[(6, "card_new", "topic")], fading=[(10, "?", "topic")]))
    assert blind.fading_recall == 0.0 and blind.fading_precision == 0.0
    # A fade flagged before it began is not credited, and counts against fading precision.
    early = score(stream, Run(fading=[(8, "card_lost", "pocket"), (9, "card_lost", "pocket")]))
    assert early.fading_recall == 1.0 and early.fading_precision == 0.5
    assert early.false_fades == ("card_lost (week 9, pocket)",)
    too_early = score(stream, Run(fading=[(8, "card_lost", "pocket")]))
    assert too_early.fading_recall == 0.0 and too_early.fading_flags == 1
