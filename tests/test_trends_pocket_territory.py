"""A rise's region is its territory among this week's notes: real MiniLM vectors, a new need beside a busy near-twin.

"The new card arrived damaged" is new this week and sits right beside the steady, busier "card has not
arrived" (they share "card", "arrived", "delivered", "post"). The pocket's region is its territory (notes
at least half of whose nearest notes of the window are the need's, grown from the screen's group): it must
hold the new need and keep the twin's notes of every week out, so the count reads a rise from nothing.
"""

from __future__ import annotations

import numpy as np
import pytest
from topics_corpus import THEMES, make_notes

from insight.settings import load_settings
from insight.trends.detectors import PoissonGammaDetector
from insight.trends.pocket_knn import territory
from insight.trends.pocket_signals import confirm_pockets
from insight.trends.pockets import PocketInput
from insight.trends.signals import history_weeks
from insight.trends.weeks import Week

SETTINGS = load_settings(environ={})
TARGET = Week.parse("2025-W10")
DAMAGED = {
    "damaged card": (
        ("the new card arrived bent and does not work", "the card came cracked in the envelope",
         "the replacement card was damaged in the post", "the chip on the newly delivered card is broken",
         "the card arrived snapped in half"),
        ("needs a new one sent", "the envelope was torn", "it was delivered {x} days ago",
         "cannot use it at the till", "wants a replacement quickly"),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def notes(real_embedder):
    """Six steady themes (the near-twin "card delivery" twice as busy) and 16 notes of the damaged card."""
    steady, themes = make_notes(THEMES, per_theme=42, seed=5)
    twin, twin_themes = make_notes({"card delivery": THEMES["card delivery"]}, per_theme=42, seed=6)
    new, new_themes = make_notes(DAMAGED, per_theme=16, seed=8)
    vectors = real_embedder.embed([d.text for d in steady + twin + new])
    return np.asarray(vectors, dtype=np.float32), np.array(themes + twin_themes + new_themes)


def _input(notes, new_weeks: list[int]):
    vectors, themes = notes
    weeks = history_weeks(SETTINGS, TARGET)
    n = len(weeks)
    is_new = themes == "damaged card"
    week_index = np.arange(len(themes)) % n
    week_index[is_new] = [new_weeks[i % len(new_weeks)] for i in range(int(is_new.sum()))]
    data = PocketInput(
        note_ids=np.arange(len(themes), dtype=np.int64),
        vectors=vectors / np.linalg.norm(vectors, axis=1, keepdims=True),
        week_index=week_index.astype(np.int64),
        agents=tuple(f"agent-{i % 9}" for i in range(len(themes))),
        topic_ids=np.array([0 if t in ("card delivery", "damaged card") else 1 for t in themes], dtype=np.int64),
        n_weeks=n,
        observed=(True,) * n,
    )
    totals = {w.monday: int((data.week_index == i).sum()) for i, w in enumerate(weeks)}
    return data, weeks, totals


def test_a_new_need_beside_a_busy_twin_is_counted_from_nothing(notes):
    data, weeks, totals = _input(notes, [6])
    themes = notes[1]
    assert (themes == "card delivery").sum() / len(weeks) >= 10  # the twin is busy: 12 notes a week
    found = confirm_pockets(data, weeks, totals, PoissonGammaDetector(SETTINGS), SETTINGS)
    assert found, "the damaged card is not found"
    verdict, history, _, _, note_ids, _ = found[0]
    assert (themes[list(note_ids)] == "damaged card").mean() >= 0.8 and len(note_ids) >= 10
    # The twin's 12 notes a week stay out of the region: at most one note a week before this one.
    assert sum(history.counts[:-1]) <= len(weeks) - 1
    assert verdict.kind == "emerging" and verdict.baseline <= 1


def test_the_territory_grows_over_the_new_need_and_keeps_the_busy_twin_out(notes):
    from insight.trends.pocket_knn import KNN_FLOOR, knn_groups

    data, _, _ = _input(notes, [6])
    themes = notes[1]
    last = data.n_weeks - 1
    new_now = np.flatnonzero((themes == "damaged card") & (data.week_index == last))
    groups = [g for g in knn_groups(data, baseline_weeks=4, window_weeks=3, k=10, floor=KNN_FLOOR, hubness="csls")
              if g.p <= SETTINGS.pocket_fdr and (themes[g.rows] == "damaged card").mean() >= 0.8]  # fmt: skip
    assert groups, "the screen found no group of the damaged card"
    kept_out = 0
    for group in groups:
        region, _, _ = territory(data, group.rows, group.window_weeks, SETTINGS.pocket_neighbours)
        twin = int((themes[region] == "card delivery").sum())
        if twin <= 6 and len(np.intersect1d(region, new_now)) >= 0.8 * len(new_now):
            kept_out += 1
    # The window of the last three weeks keeps the twin out. (In the last week alone the new need's 16 notes
    # outnumber the twin's 12, and a bare majority of a twin note's nearest notes of the week can be the
    # need's: that territory creeps over the twin, and its count then fails the test — a known limit.)
    assert kept_out >= 1


def test_the_same_notes_spread_over_every_week_make_no_pocket(notes):
    data, weeks, totals = _input(notes, list(range(7)))
    assert confirm_pockets(data, weeks, totals, PoissonGammaDetector(SETTINGS), SETTINGS) == []
