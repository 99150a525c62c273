"""``<input>.rejected.csv``: the rows an import could not use, redacted, with their row number and reasons.

Written through :func:`insight.files.replacing_file`: checked before the import starts (a folder in the
way or a missing folder is refused before anything is stored), written to a temporary file, and
renamed into place when the import completes — a symbolic link planted at the path is replaced,
never followed. A failed import leaves no report behind.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any

from ingest.redaction import Redactor
from insight.errors import EarshotError
from insight.files import check_target, escape_formula, replacing_file
from insight.records import Problem


class _Discard(Exception):
    """Thrown into the temporary file's context to drop it."""


class RejectedWriter:
    """Writes rejected rows (cells redacted, with row number and reasons), created on the first one."""

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        redactor: Redactor,
        *,
        enabled: bool = True,
        max_cell_chars: int = 100_000,
        hidden: Callable[[str], bool] | None = None,
    ) -> None:
        self.path = Path(path)
        self.max_cell_chars = max_cell_chars
        self.columns = columns  # may grow while reading (JSONL): the header is written on the first row
        self.redactor = redactor
        self.enabled = enabled
        self.hidden = hidden or (lambda column: False)  # columns never copied (their name says personal data)
        if enabled:
            check_target(self.path, "the rejected rows")
        self._context: AbstractContextManager[IO[Any]] | None = None
        self._writer: Any = None
        self._width = 0

    def write(self, row: int | None, raw: Mapping[str, object] | None, problems: Sequence[Problem]) -> None:
        """Add one rejected row; ``problems`` are already redacted."""
        if not self.enabled:
            return
        if self._writer is None:
            self._context = replacing_file(self.path, "w", "the rejected rows", encoding="utf-8", newline="")
            self._writer = csv.writer(self._context.__enter__())
            self._width = len(self.columns)
            # Column names pass the redactor too: a headerless file's "names" are its first row of notes.
            header = [self._redact(str(c)) for c in self._shown()]
            self._writer.writerow(["row", "problems", *header])
        cells = []
        for column in self._shown():
            value = "" if raw is None else raw.get(column)
            text = "" if value is None else str(value)
            cells.append(self._cell(text))
        reasons = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems)
        self._writer.writerow([row if row is not None else "", self._redact(reasons), *cells])

    def _shown(self) -> list[Any]:
        return [c for c in list(self.columns)[: self._width] if not self.hidden(str(c))]

    def _cell(self, text: str) -> str:
        if not text:
            return ""
        if len(text) > self.max_cell_chars:  # never feed a huge cell to the redactor just to report it
            return f"(a cell of {len(text):,} characters, not copied)"
        return escape_formula(self._redact(text))  # people open it in Excel

    def _redact(self, text: str) -> str:
        try:
            return self.redactor.redact(text).text
        except EarshotError:  # a cell the redactor gives up on is left out, never written as it was
            return "(could not be redacted, not copied)"

    def close(self) -> str | None:
        """Put the report in place; return its path, or ``None`` if no row was rejected."""
        if self._context is None:
            return None
        context, self._context = self._context, None
        context.__exit__(None, None, None)
        return str(self.path)

    def discard(self) -> None:
        """Drop the report (the import failed: nothing of it was stored)."""
        if self._context is None:
            return
        context, self._context = self._context, None
        context.__exit__(_Discard, _Discard(), None)
