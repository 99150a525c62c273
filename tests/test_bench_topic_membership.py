"""The membership diagnostic's measurements (benchmarks/topic_membership.py): its verdicts on the false topic flags
are only worth something if a share that rises in the window, a centroid drawn without the window and a need's own
counts are read as they should be."""

from __future__ import annotations

import numpy as np

from benchmarks.topic_membership import history_of, nearest, shares, verdict, without_window


def _notes() -> dict:
    """Seven weeks of one need in two regions (a, b) and a neighbour (c); topic 1 holds region a (and b only in the
    last week — a topic a refit drew around this week's notes), topic 2 holds c."""
    rng = np.random.default_rng(0)
    axes = np.eye(3, 8, dtype=np.float32)
    rows, weeks, topics, labels = [], [], [], []
    for week in range(7):
        for region, n in (("a", 2), ("b", 8), ("c", 6)):
            for _ in range(n):
                v = axes["abc".index(region)] + 0.05 * rng.standard_normal(8).astype(np.float32)
                rows.append(v / np.linalg.norm(v))
                weeks.append(week)
                topics.append(2 if region == "c" else 1 if region == "a" or week == 6 else 3)
                labels.append("neighbour" if region == "c" else "need")
    n = len(rows)
    return {
        "vectors": np.stack(rows),
        "week_index": np.array(weeks),
        "topic_ids": np.array(topics),
        "labels": np.array(labels),
        "agents": np.array([f"agent-{i % 9}" for i in range(n)]),
        "note_ids": np.arange(n),
    }


def test_history_of_recounts_counts_exposure_agents_and_labels() -> None:
    notes = _notes()
    h = {"topic_id": 1, "counts": [0] * 7, "totals": [16] * 7, "observed": [True] * 7, "agents": [], "is_new": False}
    again = history_of(h, notes["topic_ids"] == 1, notes)
    assert again["counts"] == [2, 2, 2, 2, 2, 2, 10]
    assert again["totals"] == [14, 14, 14, 14, 14, 14, 6]  # the week's notes in other topics
    assert again["labels"][-1] == {"need": 10}
    assert sum(n for _, n in again["agents"][-1]) == 10


def test_shares_see_a_topic_drawn_around_this_weeks_notes() -> None:
    notes = _notes()
    base, window = shares(notes, notes["topic_ids"], topic=1, need="need", weeks=1, baseline=4)
    assert base == 0.2 and window == 1.0  # 2 of 10 a week before, all 10 this week
    # every note on its nearest centroid, the same rule every week: region b's notes of this week go where region
    # b's older notes are (topic 3), so here the rise was the placement's
    assert shares(notes, nearest(notes), 1, "need", 1, 4) == (0.2, 0.2)
    # drawn without the window's notes, the centroid is region a's and the rise is gone too
    blind = without_window(notes, topic=1, weeks=1)
    assert blind is not None
    b, w = shares(notes, blind, 1, "need", 1, 4)
    assert w == b == 0.2


def test_without_window_needs_notes_outside_the_window() -> None:
    notes = _notes()
    notes["topic_ids"] = np.where(notes["week_index"] < 6, -1, notes["topic_ids"])  # topic 1 born this week
    assert without_window(notes, topic=1, weeks=1) is None


def test_verdicts() -> None:
    row = {"own_p": 1e-5, "shares": {"run": (0.5, 0.55)}}
    assert verdict(row, 1e-3) == "swing"
    assert verdict({**row, "shares": {"run": (0.1, 0.46)}}, 1e-3) == "both"
    assert verdict({"own_p": 0.9, "shares": {"run": (0.1, 0.46)}}, 1e-3) == "membership"
    assert verdict({"own_p": 0.9, "shares": {"run": (0.73, 0.92)}}, 1e-3) == "part"
