"""A family of synthetic weekly streams of agent notes, built from labelled intent sets, with the hard cases planted.

Sources (``../shared/datasets``, each README says what it holds; no text is copied into the repo): Banking77
(77 intents), the CLINC150 half (75 intents), Bitext customer support (27 intents) and HWU64 (64 intents, rich
in near-twins). Embeddings are computed once with Earshot's real embedder and cached under ``.cache/bench``.

Each stream plants, on purpose, what breaks a topic-count detector:

* **every intent of the source as background**, so each riser has its neighbours in the stream;
* **risers next to a flat near-twin**: for 3 of the 5 risers (any intent), the intent whose centroid is
  closest to it is kept at a steady 8–16 notes a week;
* risers start at **3–6 notes a week** and reach 15–30 within 2 weeks (``rising-fast``) or 4 weeks
  (``rising-slow``); before the onset they are at 0–0.4 a week;
* **one-agent bursts** (decoys: 10–16 notes from one agent in one week, one from nothing and one inside a
  steady intent);
* a **general volume rise** (decoy: every intent × 1.5 from some week on) and a **holiday week** (× 0.55);
* **fading** intents (from 15–25 a week to about a tenth);
* **out-of-scope noise**, ~25 notes a week: CLINC's out-of-scope requests and stray texts of the other sources.

Notes carry agent, team, channel, product and kind metadata and a weekday rhythm. ``scale`` multiplies every
rate (``scale=10`` gives ~50k notes over 12 weeks, for the timing at that size).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks._data import _embed_cached as embed_cached
from insight.trends.weeks import Week

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"

WEEKDAY_WEIGHTS = (1.25, 1.15, 1.05, 1.0, 0.9, 0.4, 0.25)  # Monday … Sunday
KINDS = ("need", "complaint", "idea", "churn-risk", "upsell", "praise")
KIND_P = (0.5, 0.3, 0.06, 0.05, 0.05, 0.04)
TEAMS = {
    "Tier 1": {"phone": 0.6, "chat": 0.3, "email": 0.1},
    "Tier 2": {"phone": 0.4, "chat": 0.4, "email": 0.2},
    "Digital": {"chat": 0.6, "social": 0.2, "email": 0.2},
    "Back office": {"email": 0.7, "phone": 0.3},
}
SOURCES = ("banking77", "clinc150", "bitext", "hwu64")
BACKGROUND_PER_WEEK = 380.0  # background notes a week at scale 1 (risers, fading and noise come on top)
NOISE_PER_WEEK = 25.0


@dataclass(frozen=True)
class TextPool:
    """One source's texts with labels and unit-length embeddings, plus out-of-scope noise texts."""

    name: str
    texts: list[str]
    labels: np.ndarray
    vectors: np.ndarray
    model_id: str
    noise: list[str]
    noise_vectors: np.ndarray

    def by_label(self) -> dict[str, np.ndarray]:
        """Row indices per label."""
        return {label: np.flatnonzero(self.labels == label) for label in np.unique(self.labels)}

    def twins(self) -> dict[str, tuple[str, float]]:
        """Each label's nearest other label by centroid cosine (its near-twin or broader neighbour)."""
        rows = self.by_label()
        names = sorted(rows)
        cent = np.vstack([self.vectors[rows[n]].mean(axis=0) for n in names])
        cent /= np.linalg.norm(cent, axis=1, keepdims=True)
        sims = cent @ cent.T
        np.fill_diagonal(sims, -1)
        return {n: (names[int(sims[i].argmax())], float(sims[i].max())) for i, n in enumerate(names)}


def _frame(name: str) -> pd.DataFrame:
    if name == "banking77":
        df = pd.concat([pd.read_csv(DATASETS / "banking77" / f) for f in ("train.csv", "test.csv")], ignore_index=True)
        return df.rename(columns={"category": "label"})[["text", "label"]]
    if name == "clinc150":
        return pd.read_csv(DATASETS / "clinc150" / "clinc150_shared.csv")[["text", "label"]]
    if name == "bitext":
        path = DATASETS / "bitext_customer_support" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
        return pd.read_csv(path).rename(columns={"instruction": "text", "intent": "label"})[["text", "label"]]
    if name == "hwu64":
        return pd.read_csv(DATASETS / "hwu64" / "hwu64.csv")[["text", "label"]]
    raise ValueError(f"unknown source {name!r}; choose from {', '.join(SOURCES)}")


def _embedded(name: str) -> tuple[list[str], np.ndarray, np.ndarray, str]:
    df = _frame(name)
    texts = df["text"].astype(str).tolist()
    vectors, model_id = embed_cached(name, texts)
    return texts, df["label"].astype(str).to_numpy(), vectors.astype(np.float32), model_id


def load_pool(name: str, rng_seed: int = 0, noise_from: tuple[str, ...] = SOURCES) -> TextPool:
    """The source's intents (CLINC's out-of-scope rows excluded) and a noise pool for it.

    Noise: CLINC150's out-of-scope requests and a scatter of texts from the other sources (a few hundred
    from each, across all their intents), so it is sparse wherever it lands.
    """
    texts, labels, vectors, model_id = _embedded(name)
    keep = labels != "oos"
    noise: list[str] = []
    noise_vecs: list[np.ndarray] = []
    rng = np.random.default_rng(rng_seed)
    for other in noise_from:
        o_texts, o_labels, o_vectors, _ = (texts, labels, vectors, model_id) if other == name else _embedded(other)
        if other == "clinc150":
            rows = np.flatnonzero(o_labels == "oos")
        elif other != name:
            rows = rng.choice(len(o_texts), size=300, replace=False)
        else:
            continue
        noise += [o_texts[i] for i in rows]
        noise_vecs.append(o_vectors[rows])
    return TextPool(
        name,
        [t for t, k in zip(texts, keep, strict=True) if k],
        labels[keep],
        vectors[keep],
        model_id,
        noise,
        np.vstack(noise_vecs),
    )


@dataclass(frozen=True)
class TopicPlan:
    """The truth planted for one label: its role and expected notes per week (index 0 = first week).

    Roles: background · twin (a flat near-twin beside a riser) · rising-fast · rising-slow · fading ·
    decoy (a one-agent burst in ``onset``). ``twin_of`` names the riser a twin stands beside.
    """

    label: str
    role: str
    rates: tuple[float, ...]
    onset: int | None = None
    twin_of: str | None = None


@dataclass(frozen=True)
class StreamNote:
    """One generated note: a pool text (``pool_index``, or ``-1 - i`` for noise text ``i``) with metadata."""

    pool_index: int
    label: str
    created_at: datetime
    agent_id: str
    team: str
    channel: str
    product: str
    kind: str
    external_id: str


@dataclass(frozen=True)
class Stream:
    """A generated stream: its name, the weeks, the planted truth and the notes (in time order)."""

    name: str
    weeks: list[Week]
    plans: list[TopicPlan]
    notes: list[StreamNote]
    volume_rise_week: int
    holiday_week: int

    def rising(self) -> dict[str, int]:
        """Label → onset week index, for the labels that truly emerge."""
        return {p.label: p.onset for p in self.plans if p.role.startswith("rising") and p.onset is not None}

    def fading(self) -> dict[str, int]:
        """Label → week index the fade starts, for the labels that fade."""
        return {p.label: p.onset for p in self.plans if p.role == "fading" and p.onset is not None}


def _ramp(speed: str, rng: np.random.Generator) -> list[float]:
    start, peak = rng.uniform(3, 6), rng.uniform(15, 30)
    steps = 3 if speed == "rising-fast" else 5  # reach the peak in 2 (fast) or 4 (slow) more weeks
    return [start + (peak - start) * k / (steps - 1) for k in range(steps)]


def _plans(pool: TextPool, rng: np.random.Generator, n_weeks: int, n_risers: int) -> list[TopicPlan]:
    labels = sorted(pool.by_label())
    twins = pool.twins()
    weights = rng.lognormal(0.0, 0.8, size=len(labels))
    base = dict(zip(labels, BACKGROUND_PER_WEEK * weights / weights.sum(), strict=True))
    # Risers beside a twin (the common case, more than half of them): any intent, with its nearest intent
    # kept steady and busy next to it — a near-twin ("alarm_query" by "alarm_set") or a broader neighbour.
    used: set[str] = set()
    plans: dict[str, TopicPlan] = {}
    n_twin = n_risers // 2 + 1
    candidates = [str(lbl) for lbl in rng.permutation(labels)]
    risers: list[tuple[str, str | None]] = []
    for lbl in candidates:
        twin = twins[lbl][0]
        if len(risers) < n_twin and lbl not in used and twin not in used:
            risers.append((lbl, twin))
            used |= {lbl, twin}
    for lbl in rng.permutation(labels):
        if len(risers) >= n_risers:
            break
        if lbl not in used and twins[lbl][0] not in used:
            risers.append((str(lbl), None))
            used.add(str(lbl))
    speeds = ["rising-fast", "rising-slow"] * n_risers
    rng.shuffle(speeds)
    last_onset = n_weeks - 2
    for (lbl, twin), speed in zip(risers, speeds, strict=False):
        onset = int(rng.integers(5, last_onset + 1))
        ramp = _ramp(speed, rng)
        pre = rng.uniform(0.0, 0.4)
        rates = tuple(pre if w < onset else ramp[min(w - onset, len(ramp) - 1)] for w in range(n_weeks))
        plans[lbl] = TopicPlan(lbl, speed, rates, onset)
        if twin is not None:
            plans[twin] = TopicPlan(twin, "twin", (rng.uniform(8, 16),) * n_weeks, twin_of=lbl)
    free = [str(lbl) for lbl in rng.permutation(labels) if lbl not in used]
    for lbl in free[:2]:
        start, level = int(rng.integers(5, n_weeks - 2)), rng.uniform(15, 25)
        decay = (level * 0.35, level * 0.12, level * 0.08)
        rates = tuple(level if w < start else decay[min(w - start, 2)] for w in range(n_weeks))
        plans[lbl] = TopicPlan(lbl, "fading", rates, start)
    for lbl, level in zip(free[2:4], (0.3, None), strict=True):
        week = int(rng.integers(5, n_weeks))
        rate = level if level is not None else base[lbl]  # one burst from nothing, one inside a steady intent
        plans[lbl] = TopicPlan(lbl, "decoy", (rate,) * n_weeks, week)
    for lbl in labels:
        if lbl not in plans:
            plans[lbl] = TopicPlan(lbl, "background", (base[lbl],) * n_weeks)
    return list(plans.values())


def generate_stream(
    pool: TextPool, seed: int, n_weeks: int = 12, scale: float = 1.0, n_risers: int = 5, first_week: Week | None = None
) -> Stream:
    """A deterministic (per source and seed) stream over ``n_weeks`` ISO weeks, ~450 × ``scale`` notes a week."""
    rng = np.random.default_rng([seed, SOURCES.index(pool.name) if pool.name in SOURCES else 99])
    first = first_week or Week(2025, 2)
    weeks = [first.shift(k) for k in range(n_weeks)]
    plans = _plans(pool, rng, n_weeks, n_risers)
    rise_week = int(rng.integers(5, n_weeks - 1))
    holiday = int(rng.choice([w for w in range(5, n_weeks) if w != rise_week]))
    level = [(1.5 if w >= rise_week else 1.0) * (0.55 if w == holiday else 1.0) for w in range(n_weeks)]
    rows = pool.by_label()
    cursors = {label: list(rng.permutation(idx)) for label, idx in rows.items()}
    noise_cursor: list[int] = []
    team_names = list(TEAMS)
    agents = [(f"agent-{i:02d}", team_names[i % len(team_names)]) for i in range(40)]
    workload = rng.lognormal(0.0, 0.5, size=len(agents))
    agent_p = workload / workload.sum()
    season = rng.normal(1.0, 0.06, size=n_weeks)
    day_p = np.array(WEEKDAY_WEIGHTS) / sum(WEEKDAY_WEIGHTS)
    notes: list[StreamNote] = []

    def draw(label: str) -> int:
        if label == "noise":
            if not noise_cursor:
                noise_cursor.extend(rng.permutation(len(pool.noise)).tolist())
            return -1 - int(noise_cursor.pop())
        if not cursors[label]:
            cursors[label] = list(rng.permutation(rows[label]))
        return int(cursors[label].pop())

    def add(label: str, week: Week, agent: tuple[str, str] | None, kind: str) -> None:
        agent = agent or agents[int(rng.choice(len(agents), p=agent_p))]
        channels = TEAMS[agent[1]]
        channel = str(rng.choice(list(channels), p=np.array(list(channels.values()))))
        moment = week.start + timedelta(
            days=int(rng.choice(7, p=day_p)), hours=int(rng.integers(8, 20)), minutes=int(rng.integers(60))
        )
        product = label.split("_")[0].title() if label != "noise" else "Other"
        ext = f"{pool.name}-s{seed}-{len(notes)}"
        notes.append(StreamNote(draw(label), label, moment, agent[0], agent[1], channel, product, kind, ext))

    for w, week in enumerate(weeks):
        for plan in plans:
            mean = plan.rates[w] * season[w] * scale
            if plan.role not in ("rising-fast", "rising-slow") or w < (plan.onset or 0):
                mean *= level[w]  # the volume rise and the holiday touch everything already there
            n = int(rng.poisson(rng.gamma(15.0, mean / 15.0))) if mean > 0 else 0  # overdispersed weekly noise
            for _ in range(n):
                add(plan.label, week, None, str(rng.choice(KINDS, p=KIND_P)))
            if plan.role == "decoy" and w == plan.onset:
                burster = agents[int(rng.integers(len(agents)))]
                for _ in range(int(rng.integers(10, 17) * max(1.0, scale**0.5))):
                    add(plan.label, week, burster, "complaint")
        for _ in range(int(rng.poisson(NOISE_PER_WEEK * scale * level[w]))):
            add("noise", week, None, str(rng.choice(KINDS, p=KIND_P)))
    notes.sort(key=lambda n: (n.created_at, n.external_id))
    return Stream(f"{pool.name}/{seed}", weeks, plans, notes, rise_week, holiday)


def note_text(pool: TextPool, note: StreamNote) -> str:
    """The text of a generated note."""
    return pool.texts[note.pool_index] if note.pool_index >= 0 else pool.noise[-1 - note.pool_index]


def note_vector(pool: TextPool, note: StreamNote) -> np.ndarray:
    """The cached embedding of a generated note's text."""
    return pool.vectors[note.pool_index] if note.pool_index >= 0 else pool.noise_vectors[-1 - note.pool_index]
