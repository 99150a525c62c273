"""Records of the trends stage: weekly counts, the history a detector reads, and the signals it emits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from insight.records import NoteFilters

SIGNAL_KINDS: tuple[str, ...] = ("emerging", "new", "spike", "fading", "new-source")

# The trends' name for the one filter record (a week window is passed beside it).
VolumeFilters = NoteFilters


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
    status_note: str | None = None


@dataclass(frozen=True)
class TopicHistory:
    """What a detector reads for one topic: counts per week, oldest first, the last being the week asked for.

    ``agents`` holds, per week, ``(agent id, notes)`` pairs (notes without an agent are left out),
    ``totals`` the week's notes in *other* topics (the exposure), ``observed`` whether the data had begun
    by that week (weeks before the first note are not evidence of silence).
    """

    topic_id: int
    weeks: tuple[str, ...]
    counts: tuple[int, ...]
    totals: tuple[int, ...]
    observed: tuple[bool, ...]
    agents: tuple[tuple[tuple[str, int], ...], ...]
    is_new: bool = False

    def agent_counts(self, last: int = 1) -> tuple[int, ...]:
        """Notes per agent over the last ``last`` weeks, largest first."""
        merged: dict[str, int] = {}
        for week in self.agents[-last:]:
            for agent, n in week:
                merged[agent] = merged.get(agent, 0) + n
        return tuple(sorted(merged.values(), reverse=True))

    @property
    def distinct_agents(self) -> int:
        """Agents with a note in this topic in the last week."""
        return len(self.agents[-1]) if self.agents else 0


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
    distinct_agents: int = 0
    window_weeks: int = 1
    window_agents: int = 0


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

    ``count`` is the topic's notes that week and ``distinct_agents`` the agents with a note in it that
    week. The statistical evidence covers the last ``window_weeks`` weeks (a slow rise is judged over up
    to three): ``baseline`` is the mean weekly count over the ``baseline_weeks`` weeks before that window
    (for a one-week window, the weeks just before this one), ``growth`` is ``count / baseline`` (``None``
    from zero), ``window_agents`` the distinct agents in the window, ``corroborated_count`` its notes with
    no agent counting for more than the ``emerging_min_agents``-th most active, ``expected`` the notes a
    week the baseline predicts, and ``p_value``/``confidence``/``score`` (= -log10 p) the chance of the
    evidence under no change. ``weekly_counts`` is the (week, count) history the decision read, ``quotes``
    notes from distinct agents.

    ``scope`` is ``"topic"`` or ``"pocket"``: a pocket is a group of notes denser this week than the
    baseline predicts, inside one topic, across several or between them. For a pocket, ``topic_id`` is the
    topic holding most of its notes, ``parent_topic_ids`` every topic holding a fifth or more, ``label`` and
    ``keywords`` name the pocket itself, ``count``/``weekly_counts``/``baseline`` are the pocket's own and
    ``note_ids`` the week's notes they were counted from. ``change`` ("0 → 14 a week") and ``chance``
    ("very unlikely by chance (p < 0.001)") are the numbers in words; ``growth`` is rounded to one decimal
    and ``None`` below one note a week. ``pocket_id`` is set once the week's signals are stored, and
    ``computed_at`` says when a stored week was judged.
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
    window_weeks: int = 1
    window_agents: int = 0
    weekly_counts: tuple[tuple[str, int], ...] = ()
    quotes: tuple[Quote, ...] = ()
    owner: str | None = None
    status: str | None = None
    scope: str = "topic"
    parent_topic_ids: tuple[int, ...] = ()
    pocket_id: int | None = None
    keywords: tuple[str, ...] = ()
    note_ids: tuple[int, ...] = ()
    change: str = ""
    chance: str = ""
    computed_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (datetimes as ISO strings, weekly counts as ``{"week", "count"}``)."""
        data = asdict(self)
        data["weekly_counts"] = [{"week": w, "count": c} for w, c in self.weekly_counts]
        data["quotes"] = [{**asdict(q), "created_at": q.created_at.isoformat()} for q in self.quotes]
        for key in ("parent_topic_ids", "keywords", "note_ids"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrendSignal:
        """The inverse of :meth:`as_dict` (unknown keys ignored, so older stored signals still load)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["weekly_counts"] = tuple((d["week"], int(d["count"])) for d in data.get("weekly_counts", ()))
        values["quotes"] = tuple(
            Quote(**{**q, "created_at": datetime.fromisoformat(q["created_at"])}) for q in data.get("quotes", ())
        )
        for key in ("parent_topic_ids", "keywords", "note_ids"):
            values[key] = tuple(data.get(key, ()))
        return cls(**values)
