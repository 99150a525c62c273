"""Records of the trends stage: weekly counts, the history a detector reads, and the signals it emits."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

SIGNAL_KINDS: tuple[str, ...] = ("emerging", "new", "spike", "fading")
VOLUME_DIMENSIONS: tuple[str, ...] = ("product", "channel", "team", "kind", "customer_segment", "agent_id")


@dataclass(frozen=True)
class VolumeFilters:
    """Which notes to count. Empty tuples mean "no restriction"."""

    products: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class WeeklyCount:
    """Notes of one topic in one ISO week, optionally within one value of a dimension (e.g. a product).

    ``topic_id`` is the topic the note counts under now (merged topics count under their target);
    ``dimension``/``value`` are ``None`` for the topic as a whole.
    """

    week: str
    week_start: date
    topic_id: int
    count: int
    distinct_agents: int
    dimension: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class WeeklyTotal:
    """All notes of one week (with or without a topic), for headline numbers and exposure."""

    week: str
    week_start: date
    notes: int
    agents: int
    topics: int


@dataclass(frozen=True)
class TopicInfo:
    """How a topic is shown: display label (PM name, else the current run's label), owner and status."""

    topic_id: int
    label: str
    owner: str | None = None
    status: str | None = None
    theme: str | None = None
    born_run_id: int | None = None


@dataclass(frozen=True)
class TopicHistory:
    """What a detector reads for one topic: counts per week, oldest first, the last being the week asked for.

    ``agent_counts`` holds this week's notes per agent (largest first; notes without an agent are left
    out), ``totals`` the week's notes in *other* topics (the exposure), ``observed`` whether the store
    had any note at all that week (weeks before the data began are not evidence of silence).
    """

    topic_id: int
    weeks: tuple[str, ...]
    counts: tuple[int, ...]
    totals: tuple[int, ...]
    observed: tuple[bool, ...]
    agent_counts: tuple[int, ...]
    distinct_agents: int
    is_new: bool = False


@dataclass(frozen=True)
class Detection:
    """A detector's verdict on one topic: the kind, how sure, and the numbers behind it."""

    kind: str
    score: float
    confidence: float
    p_value: float
    count: int
    corroborated_count: int
    baseline: float
    expected: float
    growth: float | None
    reason: str


@dataclass(frozen=True)
class Quote:
    """A verbatim (already redacted) note quoted as evidence, with where it came from."""

    note_id: int
    text: str
    created_at: datetime
    agent_id: str | None
    channel: str | None
    product: str | None
    kind: str | None


@dataclass(frozen=True)
class TrendSignal:
    """One signal about one topic in one week, with its evidence.

    ``count`` is the topic's notes that week, ``baseline`` its mean weekly count over the baseline weeks,
    ``growth`` their ratio (``None`` from a zero baseline), ``weekly_counts`` the (week, count) history
    the decision read, and ``quotes`` notes from distinct agents.
    """

    topic_id: int
    label: str
    kind: str
    score: float
    week: str
    count: int
    baseline: float
    distinct_agents: int
    confidence: float
    p_value: float
    growth: float | None
    corroborated_count: int
    expected: float
    reason: str
    weekly_counts: tuple[tuple[str, int], ...] = ()
    quotes: tuple[Quote, ...] = ()
    owner: str | None = None
    status: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (datetimes as ISO strings, weekly counts as ``{"week", "count"}``)."""
        data = asdict(self)
        data["weekly_counts"] = [{"week": w, "count": c} for w, c in self.weekly_counts]
        data["quotes"] = [{**asdict(q), "created_at": q.created_at.isoformat()} for q in self.quotes]
        return data
