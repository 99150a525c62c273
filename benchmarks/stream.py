"""A synthetic 12-week stream of agent notes built from labelled public intent datasets.

The texts come from ``../shared/datasets`` (banking77 ``category``, clinc150 ``label``) and are never
copied into the repo; their embeddings are computed once with Earshot's real embedder and cached under
``.cache/bench`` (gitignored). The generator plants known truth: steady background topics with weekly
noise, near-duplicate intents that stay flat, sparse low-base topics, topics that rise from near zero
(fast, or over three weeks), topics that fade, and a single-agent burst decoy. Notes carry realistic
agent, team, channel, product and kind metadata and a weekday rhythm.
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
CACHE_DIR = REPO / ".cache" / "bench"

NEAR_DUPLICATES = (
    ("b77:card_arrival", "b77:card_delivery_estimate"),
    ("b77:top_up_failed", "b77:top_up_reverted"),
    ("b77:pending_transfer", "b77:transfer_not_received_by_recipient"),
    ("b77:declined_card_payment", "b77:card_not_working"),
    ("b77:why_verify_identity", "b77:unable_to_verify_identity"),
)
CLINC_DOMAINS = ("home", "kitchen_and_dining", "utility")
WEEKDAY_WEIGHTS = (1.25, 1.15, 1.05, 1.0, 0.9, 0.4, 0.25)  # Monday … Sunday
KINDS = ("need", "complaint", "idea", "churn-risk", "upsell", "praise")
KIND_P = (0.5, 0.3, 0.06, 0.05, 0.05, 0.04)
TEAMS = {
    "Cards desk": ("Cards", {"phone": 0.6, "chat": 0.3, "email": 0.1}),
    "Payments desk": ("Payments", {"phone": 0.4, "chat": 0.4, "email": 0.2}),
    "Digital": ("App", {"chat": 0.6, "social": 0.2, "email": 0.2}),
    "Branch & general": ("Account", {"in-person": 0.5, "phone": 0.4, "email": 0.1}),
}


@dataclass(frozen=True)
class TextPool:
    """Every dataset text with its label (``b77:…`` / ``clinc:…``) and unit-length embedding."""

    texts: list[str]
    labels: np.ndarray
    vectors: np.ndarray
    model_id: str

    def by_label(self) -> dict[str, np.ndarray]:
        """Row indices per label."""
        return {label: np.flatnonzero(self.labels == label) for label in np.unique(self.labels)}


def load_pool() -> TextPool:
    """banking77 (train + test) and the home/kitchen/utility intents of clinc150, embedded (cached)."""
    b77 = pd.concat([pd.read_csv(DATASETS / "banking77" / f) for f in ("train.csv", "test.csv")], ignore_index=True)
    clinc = pd.read_csv(DATASETS / "clinc150" / "clinc150_shared.csv")
    b_texts = b77["text"].astype(str).tolist()
    c_texts = clinc["text"].astype(str).tolist()
    b_vec, model_id = embed_cached("banking77", b_texts)
    c_vec, _ = embed_cached("clinc150", c_texts)
    keep = clinc["domain"].isin(CLINC_DOMAINS).to_numpy()
    texts = b_texts + [t for t, k in zip(c_texts, keep, strict=True) if k]
    labels = np.array(
        [f"b77:{c}" for c in b77["category"].astype(str)] + [f"clinc:{c}" for c in clinc["label"][keep].astype(str)]
    )
    return TextPool(texts, labels, np.vstack([b_vec, c_vec[keep]]).astype(np.float32), model_id)


@dataclass(frozen=True)
class TopicPlan:
    """The truth planted for one label: its role and expected notes per week (index 0 = first week)."""

    label: str
    role: str  # background · near-duplicate · sparse · rising-fast · rising-slow · fading · decoy
    rates: tuple[float, ...]
    onset: int | None = None  # first week (0-based) of the rise, the fade or the burst
    product: str = "Account"


@dataclass(frozen=True)
class StreamNote:
    """One generated note: a dataset text (by pool index) with metadata and its true label."""

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
    """A generated stream: the weeks, the planted truth and the notes (in time order)."""

    weeks: list[Week]
    plans: list[TopicPlan]
    notes: list[StreamNote]

    def rising(self) -> dict[str, int]:
        """Label → onset week index, for the topics that truly emerge."""
        return {p.label: p.onset for p in self.plans if p.role.startswith("rising") and p.onset is not None}


def _product(label: str) -> str:
    name = label.split(":", 1)[1]
    if label.startswith("clinc:"):
        return "Smart home"
    if any(w in name for w in ("top_up", "topping")):
        return "App"
    if any(w in name for w in ("transfer", "exchange", "fiat", "currency", "beneficiary", "receiving", "direct_debit")):
        return "Payments"
    if any(w in name for w in ("card", "pin", "atm", "contactless", "cash", "apple_pay", "visa")):
        return "Cards"
    return "Account"


def _plans(pool: TextPool, rng: np.random.Generator, n_weeks: int) -> list[TopicPlan]:
    labels = set(pool.by_label())
    b77 = sorted(lbl for lbl in labels if lbl.startswith("b77:"))
    clinc = sorted(lbl for lbl in labels if lbl.startswith("clinc:"))
    pairs = [NEAR_DUPLICATES[i] for i in rng.choice(len(NEAR_DUPLICATES), size=3, replace=False)]
    used = {lbl for pair in pairs for lbl in pair}
    free_b77 = [lbl for lbl in rng.permutation(b77) if lbl not in used and not any(lbl in p for p in NEAR_DUPLICATES)]
    free_clinc = list(rng.permutation(clinc))
    plans: list[TopicPlan] = []

    def flat(mean: float) -> tuple[float, ...]:
        return tuple(mean for _ in range(n_weeks))

    for a, b in pairs:
        plans += [TopicPlan(a, "near-duplicate", flat(rng.uniform(10, 16))), TopicPlan(b, "near-duplicate", flat(12))]
    for label in free_b77[:20]:
        plans.append(TopicPlan(label, "background", flat(float(np.exp(rng.uniform(np.log(5), np.log(35)))))))
    for label in free_b77[20:30] + free_clinc[:4]:
        plans.append(TopicPlan(label, "sparse", flat(rng.uniform(0.2, 1.5))))
    risers = [free_b77[30], free_b77[31], free_clinc[4], free_clinc[5], free_clinc[6]]
    speeds = list(rng.permutation(["rising-fast", "rising-fast", "rising-slow", "rising-slow", "rising-slow"]))
    for label, speed in zip(risers, speeds, strict=True):
        onset = int(rng.integers(5, n_weeks - 2))
        pre = rng.uniform(0.0, 0.5)
        peak = rng.uniform(18, 30)
        ramp = (peak,) if speed == "rising-fast" else (peak * 0.22, peak * 0.5, peak)
        rates = tuple(pre if w < onset else ramp[min(w - onset, len(ramp) - 1)] for w in range(n_weeks))
        plans.append(TopicPlan(label, speed, rates, onset))
    for label in free_b77[32:34]:
        start = int(rng.integers(5, n_weeks - 2))
        level = rng.uniform(15, 25)
        decay = (level * 0.35, level * 0.1, level * 0.05)
        rates = tuple(level if w < start else decay[min(w - start, 2)] for w in range(n_weeks))
        plans.append(TopicPlan(label, "fading", rates, start))
    decoy_week = int(rng.integers(5, n_weeks))
    plans.append(TopicPlan(free_b77[34], "decoy", flat(0.3), decoy_week))
    return [TopicPlan(p.label, p.role, p.rates, p.onset, _product(p.label)) for p in plans]


def generate_stream(pool: TextPool, seed: int, n_weeks: int = 12, first_week: Week | None = None) -> Stream:
    """A deterministic (per seed) stream of about 450 notes a week over ``n_weeks`` ISO weeks."""
    rng = np.random.default_rng(seed)
    first = first_week or Week(2025, 2)
    weeks = [first.shift(k) for k in range(n_weeks)]
    plans = _plans(pool, rng, n_weeks)
    rows = pool.by_label()
    cursors = {label: list(rng.permutation(idx)) for label, idx in rows.items()}
    team_names = list(TEAMS)
    agents = [(f"agent-{i:02d}", team_names[i % len(team_names)]) for i in range(40)]
    workload = rng.lognormal(0.0, 0.5, size=len(agents))
    season = rng.normal(1.0, 0.08, size=n_weeks)
    day_p = np.array(WEEKDAY_WEIGHTS) / sum(WEEKDAY_WEIGHTS)
    notes: list[StreamNote] = []

    def draw_text(label: str) -> int:
        if not cursors[label]:
            cursors[label] = list(rng.permutation(rows[label]))
        return int(cursors[label].pop())

    def add(label: str, product: str, week: Week, agent: tuple[str, str] | None, kind: str) -> None:
        if agent is None:
            affinity = np.array([3.0 if TEAMS[t][0] == product else 1.0 for _, t in agents]) * workload
            agent = agents[int(rng.choice(len(agents), p=affinity / affinity.sum()))]
        channels = TEAMS[agent[1]][1]
        channel = str(rng.choice(list(channels), p=np.array(list(channels.values()))))
        moment = week.start + timedelta(
            days=int(rng.choice(7, p=day_p)), hours=int(rng.integers(8, 20)), minutes=int(rng.integers(60))
        )
        ext = f"s{seed}-{len(notes)}"
        notes.append(StreamNote(draw_text(label), label, moment, agent[0], agent[1], channel, product, kind, ext))

    for w, week in enumerate(weeks):
        for plan in plans:
            mean = plan.rates[w] * season[w]
            # Negative binomial weekly noise (overdispersed Poisson, dispersion 15).
            n = int(rng.poisson(rng.gamma(15.0, mean / 15.0))) if mean > 0 else 0
            for _ in range(n):
                add(plan.label, plan.product, week, None, str(rng.choice(KINDS, p=KIND_P)))
            if plan.role == "decoy" and w == plan.onset:
                burster = agents[int(rng.integers(len(agents)))]
                for _ in range(int(rng.integers(12, 19))):
                    add(plan.label, plan.product, week, burster, "complaint")
    notes.sort(key=lambda n: (n.created_at, n.external_id))
    return Stream(weeks, plans, notes)
