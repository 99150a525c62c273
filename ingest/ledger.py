"""The import ledger: every import is a unit with an id, a status and the notes it stored.

A file import, an API batch or a helpdesk webhook delivery calls :func:`start_import`, stores its
notes through :func:`ingest.service.ingest_drafts` with ``import_id=…`` (each batch links its notes to
the import in the same transaction that stores them), then :func:`finish_import` — or
:func:`fail_import`, which removes what the import stored so a failed import leaves nothing behind.

A process killed mid-import leaves its row ``running``; :func:`list_imports` shows it as
interrupted, and importing the same file again (same bytes, same ``--source``) resumes that import
id, so :func:`undo_import` later removes every note of it, whichever run stored them.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, replace

from ingest.redaction import redact_file_name
from insight.clock import utc_now
from insight.errors import EarshotError
from insight.privacy import Redactor, gate_text
from insight.records import ImportRecord, IngestReport
from insight.store import Store
from insight.store import imports as sql

KINDS: tuple[str, ...] = ("file", "api", "webhook", "demo")


def file_sha256(path: os.PathLike[str] | str) -> str:
    """The sha256 of a file's bytes, read in chunks (the same file re-imported has the same hash)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _alive(record: ImportRecord) -> bool:
    """Whether the process that runs ``record`` still exists (on this host; another host: assume so)."""
    if record.pid is None:
        return False
    if record.host and record.host != socket.gethostname():
        return True
    try:
        os.kill(record.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _with_state(record: ImportRecord) -> ImportRecord:
    return replace(record, interrupted=record.status == "running" and not _alive(record))


def start_import(
    store: Store,
    *,
    kind: str,
    name: str,
    file_hash: str | None = None,
    source: str | None = None,
    redactor: Redactor,
) -> ImportRecord:
    """Open a ledger row for an import that is about to store notes.

    Args:
        store: the database.
        kind: ``file``, ``api``, ``webhook`` or ``demo``.
        name: the file name (no folder) or a name for the batch.
        file_hash: the sha256 of the file's bytes; with it, an interrupted import of the same bytes and
            ``source`` is resumed (same id) instead of starting a new one.
        source: the ``--source`` given, if any.
        redactor: the privacy gate: a file name ("jane_doe_calls.csv") or a source may hold personal data too.

    Returns:
        The ``running`` ledger row; pass its ``import_id`` to ``ingest_drafts``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    pid, host = os.getpid(), socket.gethostname()
    name, source = redact_file_name(redactor, name).text, gate_text(redactor, source)
    with store.transaction() as con:
        if file_hash is not None:
            for earlier in sql.unfinished_imports(con, kind, file_hash, source):
                if earlier.status == "running" and not _alive(earlier):
                    sql.restart_import(con, earlier.import_id, pid, host)
                    return _with_state(sql.get_import(con, earlier.import_id))  # type: ignore[arg-type]
        import_id = sql.create_import(
            con, kind=kind, name=name, file_hash=file_hash, source=source, started_at=utc_now(), pid=pid, host=host
        )
        return sql.get_import(con, import_id)  # type: ignore[return-value]


def finish_import(
    store: Store, import_id: int, report: IngestReport, *, redactor: Redactor, message: str | None = None
) -> ImportRecord:
    """Mark an import complete with the counts of ``report``; return the ledger row (the message gated)."""
    with store.transaction() as con:
        sql.finish_import(
            con,
            import_id,
            status="complete",
            rows_read=report.rows_read,
            duplicates=report.duplicates,
            rejected=report.rejected,
            message=gate_text(redactor, message or report.date_note),
            finished_at=utc_now(),
        )
        return _with_state(sql.get_import(con, import_id))  # type: ignore[arg-type]


def fail_import(store: Store, import_id: int, report: IngestReport | None, message: str, *, redactor: Redactor) -> int:
    """Remove every note an import stored and mark it ``failed`` with ``message`` (gated: an error may quote a
    cell); return the notes removed."""
    clean = gate_text(redactor, message)
    with store.transaction() as con:
        removed = sql.delete_import_notes(con, import_id)
        sql.finish_import(
            con,
            import_id,
            status="failed",
            rows_read=report.rows_read if report else 0,
            duplicates=report.duplicates if report else 0,
            rejected=report.rejected if report else 0,
            message=clean,
            finished_at=utc_now(),
        )
    return removed


def list_imports(store: Store, limit: int = 100) -> list[ImportRecord]:
    """The latest imports, newest first (an empty list when there is no database yet)."""
    if not store.exists():
        return []
    with store.read() as con:
        return [_with_state(r) for r in sql.list_imports(con, limit)]


@dataclass(frozen=True)
class UndoResult:
    """What :func:`undo_import` removed."""

    record: ImportRecord
    notes_removed: int


def undo_import(store: Store, import_id: int) -> UndoResult:
    """Remove an import's notes, their vectors and their topic placements, in one transaction.

    Notes that the import found already stored (duplicates) belong to the earlier import and stay.
    Topic sizes and the topics' sample notes catch up at the next refit.

    Raises:
        EarshotError: no such import, it is still running, or it was already undone.
    """
    if not store.exists():
        raise _no_import(import_id)
    with store.transaction() as con:
        record = sql.get_import(con, import_id)
        if record is None:
            raise _no_import(import_id)
        record = _with_state(record)
        if record.status == "undone":
            raise EarshotError(
                f"Import {import_id} ({record.name}) was already undone on {record.undone_at:%Y-%m-%d %H:%M} UTC.",
                title="Already undone",
            )
        if record.status == "running" and not record.interrupted:
            raise EarshotError(
                f"Import {import_id} ({record.name}) is still running. Wait for it to finish (or stop it), "
                "then undo it.",
                title="Import still running",
            )
        removed = sql.delete_import_notes(con, import_id)
        sql.mark_undone(con, import_id, utc_now())
        return UndoResult(_with_state(sql.get_import(con, import_id)), removed)  # type: ignore[arg-type]


def _no_import(import_id: int) -> EarshotError:
    return EarshotError(
        f"There is no import {import_id}. `python -m ingest imports` lists the imports and their ids.",
        title="No such import",
    )
