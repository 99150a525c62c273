"""The pocket step on real MiniLM vectors of varied notes, with the default screen (neighbour share, hub discount).

The synthetic-vector tests in ``test_trends_pockets.py`` pin the logic; these check that with real sentence
vectors — a narrow cone where some notes are near everything — the screen still finds a new need beside
its broader neighbour, keeps the one-agent guard, and finds nothing when that need is steady.
"""

from __future__ import annotations

import numpy as np
import pytest
from topics_corpus import embedded_corpus

from insight.settings import load_settings
from insight.trends.detectors import PoissonGammaDetector
from insight.trends.pocket_signals import confirm_pockets
from insight.trends.pockets import PocketInput
from insight.trends.signals import history_weeks
from insight.trends.weeks import Week

SETTINGS = load_settings(environ={})
TARGET = Week.parse("2025-W10")


@pytest.fixture(scope="module")
def corpus(real_embedder):
    return embedded_corpus(real_embedder)


def _input(corpus, new_weeks: list[int], one_agent: bool = False):
    """Six steady themes spread over the seven weeks read; the 20 "lost phone" notes in ``new_weeks`` (cycled)."""
    weeks = history_weeks(SETTINGS, TARGET)
    n = len(weeks)
    base = np.asarray(corpus["vectors"], dtype=np.float32)
    extra = np.asarray(corpus["extra_vectors"], dtype=np.float32)
    new_rows = [i for i, t in enumerate(corpus["extra_themes"]) if t == "lost phone"]
    vectors = np.vstack([base, extra[new_rows]])
    new_index = np.array([new_weeks[i % len(new_weeks)] for i in range(len(new_rows))])
    week_index = np.concatenate([np.arange(len(base)) % n, new_index])
    agents = tuple(f"agent-{i % 9}" for i in range(len(base))) + tuple(
        "agent-x" if one_agent else f"agent-{i % 8}" for i in range(len(new_rows))
    )
    topics = np.array([0] * len(base) + [1] * len(new_rows), dtype=np.int64)
    data = PocketInput(
        note_ids=np.arange(len(vectors), dtype=np.int64),
        vectors=vectors / np.linalg.norm(vectors, axis=1, keepdims=True),
        week_index=week_index.astype(np.int64),
        agents=agents,
        topic_ids=topics,
        n_weeks=n,
        observed=(True,) * n,
    )
    totals = {w.monday: int((data.week_index == i).sum()) for i, w in enumerate(weeks)}
    return data, weeks, totals


def _found(corpus, new_weeks: list[int], one_agent: bool = False):
    data, weeks, totals = _input(corpus, new_weeks, one_agent)
    assert SETTINGS.pocket_hub_discount  # the default screen is what is tested
    found = confirm_pockets(data, weeks, totals, PoissonGammaDetector(SETTINGS), SETTINGS)
    return [(data.topic_ids[list(f[4])] == 1).mean() for f in found]


def test_a_new_need_in_real_text_is_found_as_a_pocket(corpus):
    shares = _found(corpus, [6])  # all 20 notes of the new need in the last week
    assert shares and shares[0] >= 0.8


def test_real_text_one_agent_burst_and_a_steady_need_make_no_pocket(corpus):
    assert _found(corpus, [6], one_agent=True) == []
    assert _found(corpus, list(range(7))) == []  # the same notes spread over every week: nothing new
