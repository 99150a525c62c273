"""Running an uploaded file through the ingest service, and the import ledger for the Admin → Import page."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from ingest.file_import import import_file
from ingest.ledger import UndoResult, list_imports, undo_import
from ingest.readers import FORMATS
from insight.errors import EarshotError
from insight.failures import explain
from insight.records import ImportRecord, IngestReport, ProgressCallback
from ui import data, jobs, resources

# What the uploader offers is exactly what the readers read (.xlsm yes; .json, which no reader reads, no).
UPLOAD_TYPES: list[str] = sorted(ext.lstrip(".") for ext in FORMATS)


IMPORT_JOB = "file-import"


def start_import(
    name: str,
    content: bytes,
    *,
    session: str,
    source: str | None,
    dry_run: bool,
    date_format: str | None = None,
    default_date: date | None = None,
) -> jobs.Job:
    """Import an uploaded file in a background job of this session's own, so leaving the page (a rerun that
    stops the page's script) does not stop the import; the page polls :func:`import_status`.

    Returns the job; its result is what :func:`import_upload` returns, its error the refusal in words.
    """
    tools = (resources.get_store(), resources.get_embedder(), resources.get_redactor(), resources.get_settings())

    def work(progress: ProgressCallback) -> tuple[IngestReport, bytes | None]:
        return import_upload(
            name,
            content,
            source=source,
            dry_run=dry_run,
            progress=progress,
            date_format=date_format,
            default_date=default_date,
            tools=tools,
        )

    job, _ = jobs.registry().start(f"{IMPORT_JOB}-{session}", work)
    return job


def import_status(session: str) -> jobs.JobStatus | None:
    """This session's latest import (running or finished), if it started one in this server."""
    job = jobs.registry().get(f"{IMPORT_JOB}-{session}")
    return job.status() if job else None


def import_upload(
    name: str,
    content: bytes,
    *,
    source: str | None,
    dry_run: bool,
    progress: ProgressCallback | None = None,
    date_format: str | None = None,
    default_date: date | None = None,
    tools: tuple | None = None,
) -> tuple[IngestReport, bytes | None]:
    """Import an uploaded file; returns the report and the rejected-rows CSV (``None`` if no row was rejected).

    ``tools`` is (store, embedder, redactor, settings) when called from a background thread (resolved by the
    caller in the page's thread); by default the app's own.

    Raises:
        EarshotError: the file was refused (every failure, low-level ones included, arrives as one).
    """
    store, embedder, redactor, settings = tools or (
        resources.get_store(),
        resources.get_embedder(),
        resources.get_redactor(),
        resources.get_settings(),
    )
    try:
        with tempfile.TemporaryDirectory(prefix="earshot-upload-") as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            rejected = Path(folder) / "rejected.csv"
            report = import_file(
                path,
                store,
                embedder=embedder,
                redactor=redactor,
                settings=settings,
                source=source or None,
                dry_run=dry_run,
                progress=progress,
                rejected_path=rejected,
                date_format=date_format,
                default_date=datetime.combine(default_date, datetime.min.time()) if default_date else None,
            )
            rejected_bytes = rejected.read_bytes() if report.rejected and rejected.exists() else None
    except EarshotError:
        raise
    except Exception as exc:  # a page shows one clear message, never a traceback
        raise explain(exc) from exc
    finally:
        if not dry_run:
            data.changed()
    return report, rejected_bytes


def recent_imports(limit: int = 50) -> list[ImportRecord]:
    """The latest imports, newest first."""
    return list_imports(resources.get_store(), limit)


def undo(import_id: int) -> UndoResult:
    """Remove an import's notes (with vectors and placements); the pages refresh their data."""
    result = undo_import(resources.get_store(), import_id)
    data.changed()
    return result
