"""What every reader yields: a :class:`RowStream` of numbered rows, read lazily within :class:`ReadLimits`.

A row that cannot be used (a ragged CSV record, a JSONL line that is not an object, a line longer
than the limit) is yielded as a :class:`~insight.records.Problem` in place of its dict and reading
goes on. A file that cannot be read *to the end* (a workbook whose XML breaks at row 650, more rows
than allowed) raises :class:`UnreadableFile` naming the row, and the import stores nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from insight.errors import InputError, UnreadableFile
from insight.records import Problem
from insight.settings import Settings

RawRow = dict[str, object]
RowItem = tuple[int, RawRow | Problem]


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what one file may make a reader hold or produce; breaching one is a clear refusal.

    Attributes:
        max_expanded_bytes: a workbook's parts, unpacked, in total.
        max_rows: data rows in the file.
        max_columns: columns in the header.
        max_cell_chars: one cell or JSON value; a physical line may be 16 times this (a row with a
            longer line is rejected as a row without being parsed).
    """

    max_expanded_bytes: int = 200 * 1024 * 1024
    max_rows: int = 1_000_000
    max_columns: int = 500
    max_cell_chars: int = 100_000

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        """The limits configured in ``settings``."""
        return cls(
            max_expanded_bytes=settings.import_max_expanded_mb * 1024 * 1024,
            max_rows=settings.import_max_rows,
            max_columns=settings.import_max_columns,
            max_cell_chars=settings.import_max_cell_chars,
        )

    @property
    def max_line_chars(self) -> int:
        """Longest physical line (CSV) or JSONL line read into memory."""
        return 16 * self.max_cell_chars


def too_many_rows(path: Path, limits: ReadLimits) -> UnreadableFile:
    """The refusal for a file with more than ``limits.max_rows`` data rows."""
    return UnreadableFile(
        f"{path.name} has more than {limits.max_rows:,} data rows — nothing imported. Split it into smaller "
        "files, or raise EARSHOT_IMPORT_MAX_ROWS.",
        row=limits.max_rows + 1,
        title="File too large",
    )


def too_many_columns(path: Path, count: int, limits: ReadLimits) -> InputError:
    """The refusal for a header with more than ``limits.max_columns`` columns."""
    return InputError(
        f"{path.name} has {count:,} columns; at most {limits.max_columns:,} are accepted — nothing imported. "
        "Export only the columns you need, or raise EARSHOT_IMPORT_MAX_COLUMNS.",
        title="Too many columns",
    )


@dataclass
class RowStream:
    """An opened input, ready to stream.

    Attributes:
        path: the file.
        format: ``"csv"``, ``"jsonl"`` or ``"xlsx"``.
        columns: original column names in file order, made unique (a repeated name gets `` (2)``, a
            blank one ``column N``). For JSONL: the keys seen in the first 1,000 lines, in first-seen
            order; the list grows in place when a later line brings a new key.
        rows: ``(row_number, raw)`` pairs; ``raw`` maps column name to raw value (strings for CSV;
            JSON values for JSONL; cell values for XLSX), or is a ``Problem`` for a row that could not
            be read. Row numbers are 1-based data rows, header excluded (for JSONL: line numbers).
        warnings: whole-file remarks for the report, e.g. the file was read as Windows-1252.
    """

    path: Path
    format: str
    columns: list[str]
    rows: Iterator[RowItem]
    warnings: list[str] = field(default_factory=list)
    _close: Callable[[], None] | None = field(default=None, repr=False)

    def close(self) -> None:
        """Release the file early (it is released anyway once ``rows`` is exhausted or dropped)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()
        if self._close is not None:
            self._close()

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def bad(number: int, message: str) -> RowItem:
    """A row that could not be read, in place of its dict."""
    return number, Problem(number, None, message)


def unique_names(names: list[object]) -> list[str]:
    """Make header names unique and non-blank, so every cell has a key of its own."""
    seen: dict[str, int] = {}
    out = []
    for index, raw in enumerate(names, start=1):
        name = str(raw).strip().lstrip("\ufeff") if raw is not None else ""
        name = name or f"column {index}"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name} ({count})")
    return out


def empty_file(path: Path) -> InputError:
    """The refusal for a file with nothing in it."""
    return InputError(f"{path.name} is empty. Export the notes again and check the file has rows.", title="Empty file")


def header_only(path: Path) -> InputError:
    """The refusal for a file with a header and no data row."""
    return InputError(
        f"{path.name} has a header row but no data rows. Add notes below the header and try again.",
        title="No data rows",
    )
