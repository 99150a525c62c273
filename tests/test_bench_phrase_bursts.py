"""The phrase-burst feasibility report's test (benchmarks/phrase_bursts.py): the negative result it reports is
only worth something if the test itself finds a burst of new words and ignores what must not fire."""

from __future__ import annotations

import numpy as np

from benchmarks.phrase_bursts import bursts, incidence, terms_of, week_tests
from insight.settings import load_settings

SETTINGS = load_settings(environ={})
SUBJECTS = ("card", "refund", "transfer", "statement", "password", "app", "direct debit", "account", "pin", "fee")
FRAMES = (
    "customer asked about the {s}",
    "caller unhappy with {s} handling",
    "{s} question, explained the steps",
    "wants help with {s} settings",
    "complained that the {s} took too long",
    "cust confused by {s} wording in the letter",
)
TWIN = ("can't log in to the app", "cannot sign in to online banking", "login fails with wrong password message")
NEW = (
    "login loop after the 5.2 update, app keeps sending back to the start",
    "since the 5.2 update the app is stuck in a login loop",
    "after updating to 5.2 login loop on android",
    "stuck in login loop since update 5.2",
    "login loop again, customer on version 5.2",
    "5.2 update caused a login loop on iphone",
    "login loop right after the update",
    "endless login loop after app update",
)


def _week(rng: np.random.Generator, n: int) -> list[str]:
    texts = [FRAMES[rng.integers(len(FRAMES))].format(s=SUBJECTS[rng.integers(len(SUBJECTS))]) for _ in range(n)]
    return texts + [TWIN[rng.integers(len(TWIN))] for _ in range(10)]  # a steady near-twin, 10 a week


def _judge(texts: list[str], weeks: list[int], agents: list[str]):
    matrix, vocab = incidence([terms_of(t) for t in texts])
    wk = week_tests(matrix, vocab, np.array(weeks), np.array(agents), max(weeks), SETTINGS)
    return bursts(wk, wk.level("corrected", 0.05))


def _stream(extra: list[str], extra_agents: list[str], volume: float = 1.0, seed: int = 3):
    rng = np.random.default_rng(seed)
    texts, weeks, agents = [], [], []
    for w in range(5):
        week = _week(rng, int(80 * (volume if w == 4 else 1.0)))
        texts += week
        weeks += [w] * len(week)
        agents += [f"agent-{rng.integers(20):02d}" for _ in week]
    texts += extra
    weeks += [4] * len(extra)
    agents += extra_agents
    return texts, weeks, agents


def test_a_new_phrase_next_to_its_flat_twin_bursts():
    texts, weeks, agents = _stream(list(NEW), [f"agent-{i:02d}" for i in range(len(NEW))])
    found = _judge(texts, weeks, agents)
    new_rows = set(range(len(texts) - len(NEW), len(texts)))
    assert any("loop" in b.term and set(b.rows.tolist()) <= new_rows for b in found), [b.term for b in found]


def test_one_agent_repeating_a_phrase_does_not_burst():
    # Twelve from one agent and one each from two others: three agents, but one carries the burst.
    burst = [f"refund delayed again, reference {i}" for i in range(14)]
    texts, weeks, agents = _stream(burst, ["agent-07"] * 12 + ["agent-01", "agent-02"])
    found = _judge(texts, weeks, agents)
    assert not any("delay" in b.term for b in found), [b.term for b in found]


def test_a_general_rise_in_volume_does_not_burst():
    texts, weeks, agents = _stream([], [], volume=2.5)
    assert _judge(texts, weeks, agents) == []
