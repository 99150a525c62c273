"""The ingest service: the one path every note takes into Earshot, whatever the entry point.

capture → validate → redact → dedupe → embed (outside the database lock) → store + place in a topic
(one short transaction per batch). The app form calls :func:`save_note`; ``python -m ingest`` and the
app's upload page call :func:`ingest.file_import.import_file`, which streams a file's valid rows through
:func:`ingest_drafts`, as the demo seeder and benchmarks do.

Nothing partial is stored: a batch's notes, vectors and topic placements commit together, so a crash
(even ``kill -9``) loses at most the batch in flight, and re-running the same import completes it
without duplicates (every note has a dedupe key, checked again under the lock).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from ingest.dedupe import dedupe_key
from ingest.privacy_gate import ColumnPolicy, gate_drafts, scrub_message
from ingest.redaction import Redactor
from insight.clock import utc_now
from insight.embedder import Embedder
from insight.errors import EarshotError, NoteRejected
from insight.records import (
    CountCallback,
    IngestReport,
    Note,
    NoteDraft,
    Problem,
    ProgressCallback,
    SavedNote,
)
from insight.settings import Settings
from insight.store import Store
from insight.store import imports as imports_sql
from insight.store import notes as notes_sql
from insight.topics.assign import assign_notes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Prepared:
    """A redacted draft with its dedupe key, the kinds of personal data removed and the extra columns dropped."""

    draft: NoteDraft
    key: str
    redactions: tuple[str, ...]
    dropped: dict[str, str] = field(default_factory=dict)


def redact_draft(
    draft: NoteDraft, redactor: Redactor, policy: ColumnPolicy | None = None
) -> tuple[NoteDraft, tuple[str, ...]]:
    """Pass a draft through the privacy gate; return the gated draft and the kinds of personal data removed."""
    gated = gate_drafts([draft], redactor, policy)[0]
    return gated.draft, gated.kinds


Unredactable = Callable[[NoteDraft, EarshotError], None]


def _prepare(
    drafts: Iterable[NoteDraft],
    redactor: Redactor,
    on_error: Unredactable | None = None,
    policy: ColumnPolicy | None = None,
) -> list[_Prepared]:
    """Gate a batch in one go (the NER model reads it together); if that fails, draft by draft, so one note the
    redactor gives up on is a rejected row, not a failed import."""
    drafts = list(drafts)
    try:
        gated = gate_drafts(drafts, redactor, policy)
    except EarshotError:
        if on_error is None:
            raise
        gated = []
        for draft in drafts:
            try:
                gated.extend(gate_drafts([draft], redactor, policy))
            except EarshotError as exc:
                on_error(draft, exc)
    return [_Prepared(g.draft, dedupe_key(g.draft), g.kinds, g.dropped) for g in gated]


def _note_from(draft: NoteDraft, note_id: int) -> Note:
    return Note(
        id=note_id,
        text=draft.text,
        created_at=draft.created_at,
        agent_id=draft.agent_id,
        team=draft.team,
        channel=draft.channel,
        product=draft.product,
        customer_segment=draft.customer_segment,
        kind=draft.kind,
        source=draft.source,
        tags=draft.tags,
        external_id=draft.external_id,
        extra=draft.extra_dict(),
    )


def save_note(
    store: Store,
    fields: Mapping[str, object],
    *,
    embedder: Embedder,
    redactor: Redactor,
    settings: Settings,
    now: datetime | None = None,
) -> SavedNote:
    """Validate, redact, embed and store one note, and place it in a current topic.

    Args:
        store: the database.
        fields: note fields by name (``text`` required; see ``insight.records.NOTE_FIELDS``).
        embedder: turns the redacted text into a vector (outside the database lock).
        redactor: removes personal data before anything is stored or embedded.
        settings: limits (note length, future dates).
        now: the clock, for tests.

    Returns:
        The stored note (or the already-stored one, with ``duplicate=True``) and its topic.

    Raises:
        NoteRejected: the fields are invalid; ``problems`` lists each one.
        StoreBusyError: the database stayed busy past ``settings.lock_timeout_s``.
    """
    from ingest.validation import validate_note

    result = validate_note(fields, settings, now or utc_now(), default_source="app")
    if not isinstance(result, NoteDraft):
        cells = list(fields.values()) if isinstance(fields, Mapping) else []
        raise NoteRejected([Problem(p.row, p.field, scrub_message(redactor, p.message, cells)) for p in result])
    (prepared,) = _prepare([result], redactor, policy=ColumnPolicy.from_settings(settings))
    draft, kinds, key = prepared.draft, prepared.redactions, prepared.key
    vector = embedder.embed([draft.text])
    with store.transaction() as con:
        existing = notes_sql.note_ids_for_keys(con, [key])
        if existing:
            stored = notes_sql.get_notes(con, [existing[key]])[0]
            return SavedNote(note=stored, duplicate=True, topic_id=stored.topic_id, redactions=kinds)
        (note_id,) = notes_sql.insert_notes(con, [draft], [key], [kinds], vector, embedder.model_id)
        placements = assign_notes(con, [note_id], vector, embedder.model_id)
    placement = placements[0] if placements else None
    return SavedNote(
        note=_note_from(draft, note_id),
        duplicate=False,
        topic_id=placement.topic_id if placement else None,
        topic_label=placement.label if placement else None,
        redactions=kinds,
        topic_score=placement.score if placement else None,
    )


@dataclass(frozen=True)
class StoredItem:
    """What became of one prepared note: its id, whether it was new, and where it was placed."""

    note_id: int
    created: bool
    topic_id: int | None = None
    topic_label: str | None = None


def store_prepared(
    store: Store,
    batch: Sequence[_Prepared],
    embedder: Embedder,
    on_embed: CountCallback | None = None,
    *,
    import_id: int | None = None,
) -> list[StoredItem]:
    """Dedupe a prepared batch, embed what is new (outside the lock), then store it in one transaction.

    Every entry point's write goes through here. With ``import_id`` (see :mod:`ingest.ledger`) the new
    notes are linked to that import in the same transaction. Returns one :class:`StoredItem` per input, in order:
    a note already stored (or earlier in the same batch) comes back with ``created=False`` and the id
    of the stored one.
    """
    first: dict[str, int] = {}
    for i, item in enumerate(batch):
        first.setdefault(item.key, i)
    with store.read() as con:
        known = notes_sql.note_ids_for_keys(con, list(first))
    fresh = [batch[i] for key, i in first.items() if key not in known]
    outcome: dict[str, StoredItem] = {k: StoredItem(v, False) for k, v in known.items()}
    if fresh:
        vectors = embedder.embed([p.draft.text for p in fresh], progress=on_embed)
        with store.transaction() as con:
            # Another writer may have stored some of these while we were embedding: check again under the lock.
            taken = notes_sql.note_ids_for_keys(con, [p.key for p in fresh])
            outcome.update({k: StoredItem(v, False) for k, v in taken.items()})
            keep = [i for i, p in enumerate(fresh) if p.key not in taken]
            if keep:
                rows = [fresh[i] for i in keep]
                kept_vectors = vectors[keep]
                ids = notes_sql.insert_notes(
                    con,
                    [p.draft for p in rows],
                    [p.key for p in rows],
                    [p.redactions for p in rows],
                    kept_vectors,
                    embedder.model_id,
                )
                if import_id is not None:
                    imports_sql.link_notes(con, import_id, ids)
                placed = {pl.note_id: pl for pl in assign_notes(con, ids, kept_vectors, embedder.model_id)}
                for p, note_id in zip(rows, ids, strict=True):
                    pl = placed.get(note_id)
                    outcome[p.key] = StoredItem(note_id, True, pl.topic_id if pl else None, pl.label if pl else None)
    results = []
    for i, item in enumerate(batch):
        stored = outcome[item.key]
        results.append(stored if first[item.key] == i else replace(stored, created=False))
    return results


def _write_batch(
    store: Store,
    batch: list[_Prepared],
    embedder: Embedder,
    report: IngestReport,
    dry_run: bool,
    progress: ProgressCallback | None,
    embedded_so_far: list[int],
    import_id: int | None = None,
) -> None:
    """Store one prepared batch of a file import (or count what it would store, for a dry run)."""
    for item in batch:
        report.dropped_columns.update(item.dropped)
    if dry_run:
        unique = {p.key for p in batch}
        if store.exists():
            with store.read() as con:
                existing = notes_sql.existing_dedupe_keys(con, unique)
        else:
            existing = set()  # a dry run never creates the database
        report.imported += len(unique - existing)
        report.duplicates += len(batch) - len(unique - existing)
        return

    def on_embed(done: int, total: int) -> None:
        if progress:
            progress("embedding", embedded_so_far[0] + done, 0)

    stored = store_prepared(store, batch, embedder, on_embed, import_id=import_id)
    created = [p for p, s in zip(batch, stored, strict=True) if s.created]
    embedded_so_far[0] += len(created)
    report.imported += len(created)
    report.duplicates += len(batch) - len(created)
    report.redacted_notes += sum(1 for p in created if p.redactions)
    if progress and created:
        progress("writing", report.imported, 0)


def _pipelined(
    batches: Iterator[list[NoteDraft]],
    redactor: Redactor,
    depth: int = 2,
    on_error: Unredactable | None = None,
    policy: ColumnPolicy | None = None,
) -> Iterator[list[_Prepared]]:
    """Redact and key the next batches in a background thread while the caller embeds the current one.

    The model releases the GIL while it computes, so preparing the next batch overlaps with encoding.
    The queue is bounded, so memory stays at a few batches whatever the input size.
    """
    out: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    return
                out.put(_prepare(batch, redactor, on_error, policy))
            out.put(done)
        except BaseException as exc:  # handed to the consumer, re-raised there
            out.put(exc)

    thread = threading.Thread(target=work, name="earshot-ingest-prepare", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting on a full queue
            try:
                out.get_nowait()
            except queue.Empty:
                thread.join(0.05)


def _chunks(items: Iterable[NoteDraft], size: int) -> Iterator[list[NoteDraft]]:
    batch: list[NoteDraft] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_drafts(
    store: Store,
    drafts: Iterable[NoteDraft],
    *,
    embedder: Embedder,
    redactor: Redactor,
    settings: Settings,
    progress: ProgressCallback | None = None,
    source_name: str = "batch",
    dry_run: bool = False,
    report: IngestReport | None = None,
    import_id: int | None = None,
    on_unredactable: Unredactable | None = None,
) -> IngestReport:
    """Store already-validated drafts in batches (redact → dedupe → embed → write).

    Used by file imports, API batches, the demo seeder and benchmarks. ``drafts`` may be a generator:
    it is read lazily, one batch ahead, so memory stays bounded. With ``import_id`` (from
    :func:`ingest.ledger.start_import`) every stored note is linked to that import in the transaction
    that stores it, so the import can be listed, resumed and undone as a unit. With
    ``on_unredactable``, a draft the redactor gives up on is handed to it and skipped (else it raises).
    """
    report = report or IngestReport(source_name=source_name, dry_run=dry_run)
    if import_id is not None:
        report.import_id = import_id
    started = time.perf_counter()
    embedded = [0]
    policy = ColumnPolicy.from_settings(settings)
    batches = _chunks(drafts, settings.import_batch_size)
    for batch in _pipelined(batches, redactor, on_error=on_unredactable, policy=policy):
        _write_batch(store, batch, embedder, report, dry_run, progress, embedded, import_id)
    report.seconds += time.perf_counter() - started
    return report
