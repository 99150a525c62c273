"""Running an uploaded file through the ingest service (the upload lands in a temp folder first)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from ingest.service import import_file
from insight.records import IngestReport
from ui import data, resources


def import_upload(
    name: str,
    content: bytes,
    *,
    source: str | None,
    dry_run: bool,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[IngestReport, bytes | None]:
    """Import an uploaded file; returns the report and the rejected-rows CSV (``None`` if no row was rejected)."""
    with tempfile.TemporaryDirectory(prefix="earshot-upload-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        rejected = Path(folder) / "rejected.csv"
        report = import_file(
            path,
            resources.get_store(),
            embedder=resources.get_embedder(),
            redactor=resources.get_redactor(),
            settings=resources.get_settings(),
            source=source or None,
            dry_run=dry_run,
            progress=progress,
            rejected_path=rejected,
        )
        rejected_bytes = rejected.read_bytes() if report.rejected and rejected.exists() else None
    if not dry_run:
        data.changed()
    return report, rejected_bytes
