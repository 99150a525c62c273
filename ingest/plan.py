"""Read a file once, to the end, before storing any of it: the plan of an import.

:func:`plan_import` streams every row of the file (memory stays flat) and learns what the import
needs to know up front:

* that the file can be read to the end — a workbook whose XML breaks at row 650 is refused here,
  so nothing of it is stored (and the message names the row);
* that it is within the limits (rows, columns, unpacked size);
* how its dates are read (decided from all of its dates, see :mod:`ingest.dates`);
* its sha256, so an interrupted import of the same file is resumed rather than started again.

It needs no database, no model and no redactor, so a file that will be refused is refused fast and
light — before the CLI loads anything heavy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingest.columns import ColumnMapping, map_columns
from ingest.dates import DateDecision, DateEvidence, decide, normalise_format
from ingest.ledger import file_sha256
from ingest.readers import open_rows
from ingest.rowstream import ReadLimits
from insight.settings import Settings


@dataclass(frozen=True)
class ImportPlan:
    """What reading a whole file taught: where its columns go, how its dates read, its size and hash."""

    path: Path
    file_hash: str
    mapping: ColumnMapping
    rows: int
    dates: DateDecision
    limits: ReadLimits

    @property
    def has_date_column(self) -> bool:
        """Whether a column feeds ``created_at``."""
        return "created_at" in self.mapping.fields

    def date_note(self, default_date: datetime | None, now: datetime) -> str | None:
        """The line the summary shows about dates (``None`` when there is nothing to say)."""
        if not self.has_date_column:
            if default_date is not None:
                return f"no date column: every note is dated {default_date:%Y-%m-%d} (--date)"
            return (
                f"no date column: every note is dated {now:%Y-%m-%d %H:%M} UTC, the import time "
                "(pass --date YYYY-MM-DD to date them otherwise)"
            )
        return self.dates.note


def plan_import(
    path: Path | str,
    settings: Settings,
    *,
    date_format: str | None = None,
    describe: Callable[[str], str] | None = None,
) -> ImportPlan:
    """Read ``path`` to the end without storing anything; return its plan.

    Args:
        path: the file.
        settings: limits and the ``date_format`` setting.
        date_format: ``--date-format`` (wins over the setting); ``None`` uses the setting.
        describe: how a column name may be shown in a message (the import passes the redactor: a headerless
            file's "names" are its first row of notes).

    Raises:
        InputError: the file cannot be read to the end, breaks a limit, has no text column, or its
            dates are ambiguous and nothing configured decides them (the message names
            ``--date-format``).
    """
    path = Path(path)
    limits = ReadLimits.from_settings(settings)
    configured = normalise_format(date_format if date_format is not None else settings.date_format)
    evidence = DateEvidence()
    rows = 0
    with open_rows(path, limits) as stream:
        mapping = map_columns(stream.columns, describe=describe)
        date_column = mapping.fields.get("created_at")
        for _number, raw in stream.rows:
            rows += 1
            if date_column is not None and isinstance(raw, dict):
                evidence.add(raw.get(date_column))
    return ImportPlan(
        path=path,
        file_hash=file_sha256(path),
        mapping=mapping,
        rows=rows,
        dates=decide(evidence, configured, path.name),
        limits=limits,
    )
