"""Importing a file of notes as one unit: read it to the end first, then stream its valid rows through the
ingest service (:func:`ingest.service.ingest_drafts`), reporting and writing out (redacted) every bad row,
all linked to one import-ledger row so the import can be listed, resumed and undone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.privacy_gate import ColumnPolicy, scrub_error, scrub_message
from ingest.redaction import Redactor, redact_file_name
from ingest.service import ingest_drafts
from insight.clock import utc_now
from insight.embedder import Embedder
from insight.errors import EarshotError, InputError
from insight.records import ImportRecord, IngestReport, NoteDraft, Problem, ProgressCallback
from insight.settings import Settings
from insight.store import Store

if TYPE_CHECKING:
    from ingest.plan import ImportPlan

log = logging.getLogger(__name__)


def import_file(
    path: Path | str,
    store: Store,
    *,
    embedder: Embedder,
    redactor: Redactor,
    settings: Settings,
    source: str | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    rejected_path: Path | None = None,
    now: datetime | None = None,
    plan: ImportPlan | None = None,
    date_format: str | None = None,
    default_date: datetime | None = None,
) -> IngestReport:
    """Import a CSV, JSONL or XLSX file of notes as one unit, streaming it.

    The file is read to the end first (:func:`ingest.plan.plan_import`, unless ``plan`` is given): a
    file that breaks part-way, breaks a limit or has ambiguous dates is refused before anything is
    stored. Then every row is validated; the good ones are stored in batches linked to one ledger
    row (see :mod:`ingest.ledger`), each bad one is reported (row number, field, reason) and written,
    redacted, to ``<input>.rejected.csv`` (or ``rejected_path``). If the import fails after all, what
    it stored is removed again; if the process dies, re-running the same file resumes it.

    Args:
        date_format: ``--date-format`` (``day-first``, ``month-first`` or a strptime pattern).
        default_date: ``created_at`` of notes with no date (default: ``now``).

    Raises:
        InputError: the file cannot be read to the end, has no text column, ambiguous dates, or no
            data row at all.
    """
    from ingest.plan import plan_import
    from ingest.readers import open_rows
    from ingest.reports import RejectedWriter
    from ingest.validation import validate_row

    path = Path(path)
    report_path = Path(rejected_path) if rejected_path else path.with_name(path.name + ".rejected.csv")
    if not dry_run:
        from insight.files import check_target

        check_target(report_path, "the rejected rows")  # before anything is stored
    try:
        # A headerless file's "columns" are its first row of notes: the plan names them only after the gate,
        # and before its message shortens them (a cut-off address is no longer recognisable).
        plan = plan or plan_import(
            path, settings, date_format=date_format, describe=lambda cell: scrub_message(redactor, cell)
        )
    except EarshotError as exc:  # a reader's message may quote a cell too
        raise scrub_error(redactor, exc) from exc.__cause__
    clock = now or utc_now()
    stream = open_rows(path, plan.limits)
    mapping = plan.mapping
    policy = ColumnPolicy.from_settings(settings)
    report = IngestReport(
        source_name=redact_file_name(redactor, path.name).text,
        dry_run=dry_run,
        unknown_columns=[scrub_message(redactor, c) for c in mapping.unknown if policy.reason(c) is None],
        column_mapping={name: scrub_message(redactor, c) for name, c in mapping.fields.items()},
        date_note=plan.date_note(default_date, clock),
    )
    default_source = source or "import"
    rejected = RejectedWriter(
        report_path,
        stream.columns,
        redactor,
        enabled=not dry_run,
        max_cell_chars=settings.import_max_cell_chars,
        hidden=lambda column: policy.reason(str(column)) is not None,  # personal columns are not copied either
    )

    def reject(row: int | None, raw: Mapping[str, object] | None, problems: Sequence[Problem]) -> None:
        report.rejected += 1
        cells = list(raw.values()) if raw else []
        safe = [Problem(p.row, p.field, scrub_message(redactor, p.message, cells)) for p in problems]
        report.problems.extend(safe)
        rejected.write(row, raw, safe)

    def valid_drafts() -> Iterator[NoteDraft]:
        for row, raw in stream.rows:
            # Runs in the preparing thread (see _pipelined): no progress callbacks from here, since UI
            # toolkits only accept updates from their own thread.
            report.rows_read += 1
            if not isinstance(raw, Mapping):  # the reader could not parse this row
                message = getattr(raw, "message", None) or str(raw)
                reject(row, None, [Problem(row, None, message)])
                continue
            result = validate_row(
                raw,
                row,
                mapping,
                settings,
                clock,
                default_source,
                date_order=plan.dates.order,
                default_date=default_date,
            )
            if isinstance(result, NoteDraft):
                yield result
            else:
                reject(row, raw, result)

    def unredactable(draft: NoteDraft, exc: EarshotError) -> None:
        reject(draft.row, None, [Problem(draft.row, None, exc.message)])

    record = None if dry_run else _start_file_import(store, path, plan.file_hash, source, redactor)
    try:
        ingest_drafts(
            store,
            valid_drafts(),
            embedder=embedder,
            redactor=redactor,
            settings=settings,
            progress=progress,
            dry_run=dry_run,
            report=report,
            import_id=record.import_id if record else None,
            on_unredactable=unredactable,
        )
        if report.rows_read == 0:
            raise InputError(
                f"{path.name} has a header but no data rows. Add notes below the header and import it again.",
                title="Nothing to import",
            )
    except BaseException as exc:
        stream.close()
        rejected.discard()
        if record is not None and not isinstance(exc, KeyboardInterrupt):
            # A Ctrl-C is like a crash: what was committed stays, and re-running resumes the import.
            _abandon(store, record.import_id, report, exc, redactor)
        raise
    report.rejected_path = rejected.close()
    for warning in getattr(stream, "warnings", []):
        report.problems.insert(0, Problem(None, None, warning))
    if record is not None:
        from ingest.ledger import finish_import

        finish_import(store, record.import_id, report, redactor=redactor)
    return report


def _start_file_import(
    store: Store, path: Path, file_hash: str, source: str | None, redactor: Redactor
) -> ImportRecord:
    from ingest.ledger import start_import

    return start_import(store, kind="file", name=path.name, file_hash=file_hash, source=source, redactor=redactor)


def _abandon(store: Store, import_id: int, report: IngestReport, exc: BaseException, redactor: Redactor) -> None:
    """Remove what a failed import stored and mark it failed (best effort: the original error wins)."""
    from ingest.ledger import fail_import
    from insight.failures import explain

    try:
        removed = fail_import(store, import_id, report, explain(exc).message, redactor=redactor)
        report.imported = 0
        log.info("import %s failed; removed the %s notes it had stored", import_id, removed)
    except Exception:
        log.warning("could not mark import %s as failed", import_id, exc_info=True)
