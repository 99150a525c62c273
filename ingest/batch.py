"""Notes posted one by one or in batches by other systems (the HTTP API and helpdesk webhooks).

The same path as every other entry point: validate each note (collecting every problem), redact,
dedupe (by ``external_id`` within its source, else by text + agent + day), embed outside the database
lock and store with topic placement in one transaction — :func:`ingest.service.store_prepared`. Unlike a
file import, the caller gets one result per note, in order, so a client can tell which of its notes
were stored, which were already there and which it must fix.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest.dedupe import dedupe_key
from ingest.privacy_gate import ColumnPolicy
from ingest.redaction import Redactor
from ingest.service import _Prepared, redact_draft, store_prepared
from insight.clock import utc_now
from insight.embedder import Embedder
from insight.errors import EarshotError
from insight.records import IngestReport, NoteDraft, Problem
from insight.settings import Settings
from insight.store import Store

STATUSES = ("created", "duplicate", "rejected")


@dataclass(frozen=True)
class ItemResult:
    """What became of one posted note: ``created``, ``duplicate`` (of ``note_id``) or ``rejected``."""

    index: int
    status: str
    note_id: int | None = None
    external_id: str | None = None
    topic_id: int | None = None
    topic_label: str | None = None
    redactions: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (problems as ``{"field", "message"}``)."""
        data: dict[str, Any] = {"index": self.index, "status": self.status}
        if self.note_id is not None:
            data["note_id"] = self.note_id
        if self.external_id is not None:
            data["external_id"] = self.external_id
        if self.status == "created":
            data["topic_id"] = self.topic_id
            data["topic_label"] = self.topic_label
            data["redactions"] = list(self.redactions)
        if self.problems:
            data["problems"] = [{"field": p.field, "message": p.message} for p in self.problems]
        return data


@dataclass
class BatchResult:
    """Per-note results of one posted batch, and its totals."""

    items: list[ItemResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """How many notes ended with ``status``."""
        return sum(1 for r in self.items if r.status == status)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view: totals, then one entry per note in the order posted."""
        return {
            "created": self.count("created"),
            "duplicates": self.count("duplicate"),
            "rejected": self.count("rejected"),
            "results": [r.as_dict() for r in self.items],
        }


def save_notes(
    store: Store,
    items: Sequence[Mapping[str, object] | object],
    *,
    embedder: Embedder,
    redactor: Redactor,
    settings: Settings,
    default_source: str = "api",
    now: datetime | None = None,
    import_id: int | None = None,
) -> BatchResult:
    """Validate, redact, dedupe, embed and store notes posted by another system, one result per note.

    Args:
        store: the database.
        items: note field mappings (see ``insight.records.NOTE_FIELDS``; ``extra`` for custom attributes).
            Anything that is not a mapping is rejected as that item.
        embedder: embeds the redacted texts (once for the whole batch, outside the lock).
        redactor: removes personal data before anything is stored or embedded.
        settings: note length and future-date limits.
        default_source: ``source`` of notes that do not name one.
        now: the clock, for tests.
        import_id: the ledger row the stored notes are linked to (see :func:`import_notes`).

    Returns:
        A :class:`BatchResult`; nothing is stored for a rejected note, the others are stored together.

    Raises:
        StoreBusyError: the database stayed busy past ``settings.lock_timeout_s`` (nothing was stored).
    """
    from ingest.validation import validate_note

    started = time.perf_counter()
    clock = now or utc_now()
    results: list[ItemResult | None] = [None] * len(items)
    prepared: list[_Prepared] = []
    where: list[int] = []
    for i, raw in enumerate(items):
        if not isinstance(raw, Mapping):
            results[i] = ItemResult(i, "rejected", problems=(Problem(None, None, "must be a JSON object (a note)"),))
            continue
        draft = validate_note(raw, settings, clock, default_source=default_source)
        external_id = raw.get("external_id")
        if not isinstance(draft, NoteDraft):
            safe = tuple(Problem(None, p.field, redactor.redact(p.message).text) for p in draft)
            ext = str(external_id)[:200] if external_id is not None else None
            results[i] = ItemResult(i, "rejected", external_id=ext, problems=safe)
            continue
        try:
            clean, kinds = redact_draft(draft, redactor, ColumnPolicy.from_settings(settings))
        except EarshotError as exc:  # the redactor gave up on this note: it is rejected, the others go on
            results[i] = ItemResult(
                i, "rejected", external_id=draft.external_id, problems=(Problem(None, "text", exc.message),)
            )
            continue
        prepared.append(_Prepared(clean, dedupe_key(clean), kinds))
        where.append(i)
    if prepared:
        stored_items = store_prepared(store, prepared, embedder, import_id=import_id)
        for i, p, stored in zip(where, prepared, stored_items, strict=True):
            results[i] = ItemResult(
                i,
                "created" if stored.created else "duplicate",
                note_id=stored.note_id,
                external_id=p.draft.external_id,
                topic_id=stored.topic_id,
                topic_label=stored.topic_label,
                redactions=p.redactions,
            )
    return BatchResult([r for r in results if r is not None], seconds=time.perf_counter() - started)


def import_notes(
    store: Store,
    items: Sequence[Mapping[str, object] | object],
    *,
    kind: str,
    name: str,
    embedder: Embedder,
    redactor: Redactor,
    settings: Settings,
    default_source: str = "api",
    now: datetime | None = None,
) -> tuple[BatchResult, int]:
    """:func:`save_notes` as one import of the ledger (kind ``api`` or ``webhook``); returns it and the import id.

    Like a file import, the batch can then be listed (``python -m ingest imports``) and undone as a unit.
    If storing fails, whatever the batch stored is removed again and the import is marked failed.
    """
    from ingest.ledger import fail_import, finish_import, start_import

    record = start_import(store, kind=kind, name=name, source=default_source, redactor=redactor)
    try:
        result = save_notes(
            store,
            items,
            embedder=embedder,
            redactor=redactor,
            settings=settings,
            default_source=default_source,
            now=now,
            import_id=record.import_id,
        )
    except BaseException as exc:
        fail_import(store, record.import_id, None, f"{type(exc).__name__}: {exc}"[:500], redactor=redactor)
        raise
    report = IngestReport(
        source_name=name,
        rows_read=len(items),
        imported=result.count("created"),
        duplicates=result.count("duplicate"),
        rejected=result.count("rejected"),
        seconds=result.seconds,
        import_id=record.import_id,
    )
    finish_import(store, record.import_id, report, redactor=redactor)
    return result, record.import_id
