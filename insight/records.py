"""Typed records that flow between stages. Frozen dataclasses, never dicts with conventional keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

CHANNELS: tuple[str, ...] = ("phone", "chat", "email", "social", "in-person", "other")
KINDS: tuple[str, ...] = ("need", "complaint", "idea", "praise", "churn-risk", "upsell", "other")
TOPIC_STATUSES: tuple[str, ...] = ("new", "investigating", "planned", "done", "declined")
OWNER_TEAMS: tuple[str, ...] = ("product", "marketing", "strategy", "service")
UNCLEAR_TOPIC_ID = -1
UNCLEAR_LABEL = "Unclear"


def decision_key(status: str | None, owner: str | None, note: str | None, topic_id: int | None) -> tuple:
    """Which decision a topic's status belongs to, for listing each decision once.

    A PM who set the same status, owner and note on the sibling topics of one need made one decision; a status
    without a note is its topic's own (nothing says two of them are the same decision).
    """
    text = (note or "").strip()
    return (status, owner, text) if text else (status, owner, "", topic_id)


# A long job's progress as (stage, done, total), the shape the app's background jobs show; total 0 when unknown.
ProgressCallback = Callable[[str, int, int], None]
# Progress through one batch of items as (done, total): embedding, bulk jobs, re-embedding.
CountCallback = Callable[[int, int], None]
# The note columns volumes can be broken down by.
VOLUME_DIMENSIONS: tuple[str, ...] = ("product", "channel", "team", "kind", "customer_segment", "agent_id")

# The note fields a caller (form, file row, API) may supply. ``text`` is the only required one.
NOTE_FIELDS: tuple[str, ...] = (
    "text",
    "created_at",
    "agent_id",
    "team",
    "channel",
    "product",
    "customer_segment",
    "kind",
    "source",
    "tags",
    "external_id",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input row, in plain words. ``row`` is 1-based as a person counts
    data rows (the header is not a row); ``None`` when the problem is about the whole input."""

    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "input"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class NoteDraft:
    """A validated (and, once it has passed the redactor, redacted) note that is not stored yet.

    ``created_at`` is a naive datetime in UTC. ``extra`` holds columns Earshot does not know,
    kept as attributes. ``row`` is the input row it came from, for reports.
    """

    text: str
    created_at: datetime
    agent_id: str | None = None
    team: str | None = None
    channel: str | None = None
    product: str | None = None
    customer_segment: str | None = None
    kind: str | None = None
    source: str = "app"
    tags: tuple[str, ...] = ()
    external_id: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    row: int | None = None

    def extra_dict(self) -> dict[str, str]:
        """The extra attributes as a plain dict."""
        return dict(self.extra)


@dataclass(frozen=True)
class Note:
    """A stored note (text already redacted)."""

    id: int
    text: str
    created_at: datetime
    agent_id: str | None
    team: str | None
    channel: str | None
    product: str | None
    customer_segment: str | None
    kind: str | None
    source: str
    tags: tuple[str, ...]
    external_id: str | None
    extra: dict[str, Any] = field(default_factory=dict)
    ingested_at: datetime | None = None
    topic_id: int | None = None
    topic_label: str | None = None


@dataclass(frozen=True)
class SavedNote:
    """What saving one note returns: the stored note, whether it was a duplicate, and where it landed."""

    note: Note
    duplicate: bool
    topic_id: int | None = None
    topic_label: str | None = None
    redactions: tuple[str, ...] = ()  # placeholder types applied, e.g. ("EMAIL", "PHONE"); never the values
    topic_score: float | None = None  # cosine to the topic's centre: how close a match the topic is


IMPORT_STATUSES: tuple[str, ...] = ("running", "complete", "failed", "undone")


@dataclass(frozen=True)
class ImportRecord:
    """One row of the import ledger: a file import, or an API / webhook batch.

    ``status`` is ``running``, ``complete``, ``failed`` or ``undone``; a ``running`` import whose
    process is gone was interrupted (see :attr:`interrupted`) and resumes when the same file is
    imported again. ``imported`` counts the notes it stored that are still linked to it.
    """

    import_id: int
    kind: str
    name: str
    file_hash: str | None
    source: str | None
    status: str
    rows_read: int
    imported: int
    duplicates: int
    rejected: int
    message: str | None
    started_at: datetime
    finished_at: datetime | None
    undone_at: datetime | None
    pid: int | None
    host: str | None
    interrupted: bool = False

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "import_id": self.import_id,
            "kind": self.kind,
            "name": self.name,
            "file_hash": self.file_hash,
            "source": self.source,
            "status": "interrupted" if self.interrupted else self.status,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "message": self.message,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
        }


@dataclass
class IngestReport:
    """The outcome of importing one input (file or batch), for the CLI summary, JSON and the UI."""

    source_name: str
    rows_read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    column_mapping: dict[str, str] = field(default_factory=dict)
    dropped_columns: dict[str, str] = field(default_factory=dict)  # column (redacted) -> why it was not stored
    rejected_path: str | None = None
    redacted_notes: int = 0
    dry_run: bool = False
    seconds: float = 0.0
    import_id: int | None = None  # the ledger row (None for a dry run)
    date_note: str | None = None  # how dates were read, e.g. "no date column: every note is dated …"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (problems as ``{"row", "field", "message"}``)."""
        return {
            "source": self.source_name,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "redacted_notes": self.redacted_notes,
            "unknown_columns": list(self.unknown_columns),
            "column_mapping": dict(self.column_mapping),
            "dropped_columns": dict(self.dropped_columns),
            "rejected_path": self.rejected_path,
            "dry_run": self.dry_run,
            "seconds": round(self.seconds, 3),
            "import_id": self.import_id,
            "date_note": self.date_note,
            "problems": [{"row": p.row, "field": p.field, "message": p.message} for p in self.problems],
        }


@dataclass(frozen=True)
class NoteFilters:
    """Which notes a page, a search or a count looks at. Empty tuples mean "any".

    ``start``/``end`` are days, both inclusive — or, given as datetimes, instants (``start`` inclusive, ``end``
    exclusive); ``topic_ids`` matches the topic a note sits in now, PM merges followed. The store turns it
    into SQL in one place (:func:`insight.store.sql.note_filter`).
    """

    start: date | datetime | None = None
    end: date | datetime | None = None
    products: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LineageEvent:
    """What a refit (or a PM) did to a topic: ``birth · continue · merge · split · death · pm-merge``.

    ``related_topic_ids``: the parent a split came from, the topic a merge went into, the topics a PM
    merged; ``overlap``: share of the topic's notes that moved along (continue, merge, split).
    """

    event: str
    topic_id: int
    related_topic_ids: tuple[int, ...] = ()
    overlap: float | None = None
    run_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class TopicRun:
    """One stored fit: when, on what, with which parameters, and how good."""

    run_id: int
    created_at: datetime
    model_id: str
    n_notes: int
    n_topics: int
    n_themes: int
    unclear_share: float
    input_hash: str
    params: dict[str, Any]
    quality: dict[str, Any]
    fit_seconds: float | None
    is_current: bool
    assign_threshold: float | None = None
