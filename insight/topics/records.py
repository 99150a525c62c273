"""Records of the topics stage: parameters, a fitted run, what the service returns. All frozen."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from insight.records import LineageEvent, Note

LINEAGE_EVENTS: tuple[str, ...] = ("birth", "continue", "merge", "split", "death", "pm-merge")


@dataclass(frozen=True)
class TopicParams:
    """Everything that shapes a fit (recorded with the run and part of its input hash)."""

    neighbors: int = 15
    dimensions: int = 10
    granularity: float = 2.5
    min_topic_size: int = 5
    min_similarity: float = 0.3
    max_unclear_share: float = 0.05
    theme_min_topics: int = 12
    merge_similarity: float = 0.88
    merge_overlap: float = 0.9
    random_seed: int = 42
    sample_size: int = 40_000  # above this many notes, fit on a stratified sample of this many (0 = never)

    @classmethod
    def from_settings(cls, settings: Any) -> TopicParams:
        """Read the ``topic_*`` settings (and the global random seed)."""
        return cls(
            neighbors=settings.topic_neighbors,
            dimensions=settings.topic_dimensions,
            granularity=settings.topic_granularity,
            min_topic_size=settings.topic_min_size,
            min_similarity=settings.topic_min_similarity,
            max_unclear_share=settings.topic_max_unclear_share,
            theme_min_topics=settings.topic_theme_min_topics,
            merge_similarity=settings.topic_merge_similarity,
            merge_overlap=settings.topic_merge_overlap,
            random_seed=settings.random_seed,
            sample_size=settings.topic_sample_size,
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    def to_json(self) -> str:
        """Canonical JSON (sorted keys), used in the input hash."""
        return json.dumps(self.as_dict(), sort_keys=True)


@dataclass(frozen=True)
class FittedTopic:
    """One topic as the engine found it, before it has a stable id. ``index`` is 0-based within the fit."""

    index: int
    size: int
    label: str
    keywords: tuple[str, ...]
    centroid: np.ndarray = field(repr=False)  # unit length, in the embedding space
    representatives: tuple[int, ...] = ()  # row numbers of the notes closest to the centroid
    theme: int | None = None
    theme_label: str | None = None
    # names this topic (and its theme) could go by, best first: a refit keeps last run's name of a continuing
    # topic while it is still one of them (insight.topics.sticky_names)
    candidates: tuple[str, ...] = ()
    theme_candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicFit:
    """The outcome of fitting: a topic index per note (``-1`` = unclear), scores, topics, quality figures."""

    labels: np.ndarray = field(repr=False)  # int, one per note, -1 = unclear
    scores: np.ndarray = field(repr=False)  # cosine of each note to its topic's centroid
    topics: tuple[FittedTopic, ...]
    threshold: float  # cosine below which a note is unclear (fit and arrival alike)
    quality: dict[str, float] = field(default_factory=dict)
    unmerged: np.ndarray | None = field(default=None, repr=False)  # the clusterer's labels before merging

    @property
    def unclear_share(self) -> float:
        """Share of notes in the unclear bucket."""
        return float(np.mean(self.labels < 0)) if len(self.labels) else 0.0


@dataclass(frozen=True)
class TopicSummary:
    """A topic as the dashboard lists it. ``label`` is the PM name if set, else the generated label."""

    topic_id: int
    label: str
    generated_label: str
    name: str | None
    keywords: tuple[str, ...]
    size: int
    share: float
    theme_id: int | None
    theme_label: str | None
    status: str
    owner: str | None
    status_note: str | None = None
    summary: str | None = None  # one line: the most typical note, or the optional label model's sentence


@dataclass(frozen=True)
class TopicDetail:
    """One topic with its evidence: the summary, representative notes and its history."""

    summary: TopicSummary
    representative_notes: tuple[Note, ...]
    lineage: tuple[LineageEvent, ...]
    born_run_id: int | None = None
    merged_topic_ids: tuple[int, ...] = ()
    siblings: tuple[TopicSummary, ...] = ()  # the other topics of its theme, largest first


@dataclass(frozen=True)
class RefitResult:
    """What a refit did. ``skipped`` when nothing changed since the current run (then ``run_id`` is that run)."""

    run_id: int | None
    skipped: bool
    message: str
    n_notes: int = 0
    n_topics: int = 0
    n_themes: int = 0
    unclear_share: float = 0.0
    seconds: float = 0.0
    events: dict[str, int] = field(default_factory=dict)  # lineage event → count
    placed_after_fit: int = 0  # notes that arrived during the fit, placed on the new run
