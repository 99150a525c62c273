"""The emerging benchmark's perfect-topics ceiling (``--topics oracle``) runs the real CLI on the planted intents."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from benchmarks.emerging import simulate
from benchmarks.stream import Stream, StreamNote, TextPool, TopicPlan
from insight.store import Store
from insight.trends.weeks import Week

WORDS = (
    "today", "again", "please", "quickly", "soon", "twice", "online", "sadly", "still", "really", "finally",
    "honestly", "urgently", "kindly", "politely", "calmly", "briefly", "clearly", "early", "lately",
)  # fmt: skip
NEEDS = {
    "card_new": "wants to order a new debit card",
    "fee_question": "asks why the monthly fee went up",
    "app_login": "cannot log in to the mobile app",
}


def _pool() -> TextPool:
    texts, labels = [], []
    for label, need in NEEDS.items():
        for word in WORDS:
            texts.append(f"Customer {need} {word}")
            labels.append(label)
    noise = [f"Customer mentioned the weather {word}" for word in WORDS]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(texts), 384)).astype(np.float32)
    noise_vectors = rng.normal(size=(len(noise), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    noise_vectors /= np.linalg.norm(noise_vectors, axis=1, keepdims=True)
    return TextPool("toy", texts, np.array(labels), vectors, "toy-model", noise, noise_vectors)


def _stream(pool: TextPool) -> Stream:
    """Six weeks: two steady needs and noise throughout, and ``card_new`` from nothing to 12 in the last week."""
    weeks = [Week(2025, 2).shift(k) for k in range(6)]
    rows = {label: [i for i, lbl in enumerate(pool.labels) if lbl == label] for label in NEEDS}
    used = dict.fromkeys(NEEDS, 0)
    notes: list[StreamNote] = []

    def add(label: str, w: int, k: int) -> None:
        if label == "noise":
            index = -1 - (len(notes) % len(pool.noise))
        else:
            index = rows[label][used[label] % len(rows[label])]
            used[label] += 1
        when = weeks[w].start + timedelta(days=k % 5, hours=9 + k % 8, minutes=len(notes) % 60)
        notes.append(
            StreamNote(index, label, when, f"agent-{(len(notes) * 7) % 12:02d}", "Tier 1", "chat", "Card", "need",
                       f"toy-{len(notes)}")
        )  # fmt: skip

    for w in range(6):
        for label in ("fee_question", "app_login"):
            for k in range(3):
                add(label, w, k)
        add("noise", w, 0)
        if w == 5:
            for k in range(12):
                add("card_new", w, k)
    plans = [
        TopicPlan("card_new", "rising-fast", (0.0,) * 5 + (12.0,), onset=5),
        TopicPlan("fee_question", "background", (3.0,) * 6),
        TopicPlan("app_login", "background", (3.0,) * 6),
    ]
    return Stream("toy/1", weeks, plans, sorted(notes, key=lambda n: n.created_at), 99, 99)


def test_oracle_topics_are_the_planted_intents_and_the_riser_is_flagged(tmp_path) -> None:
    pool = _pool()
    run = simulate(_stream(pool), pool, tmp_path, topics="oracle")
    assert (5, "card_new", "topic") in run.flags
    assert not [f for f in run.flags if f[1] != "card_new"]
    with Store(tmp_path / "earshot.duckdb").read() as con:
        topics = con.execute("SELECT DISTINCT label FROM topics ORDER BY label").fetchall()
        noise_in_topics = con.execute(
            "SELECT count(*) FROM note_topics t JOIN notes n ON n.id = t.note_id WHERE n.text LIKE '%weather%'"
        ).fetchall()[0][0]
    assert [t[0] for t in topics] == sorted(NEEDS)  # a topic per intent, nothing else
    assert noise_in_topics == 0  # out-of-scope notes stay outliers, as a perfect topic model would leave them
