"""Strict CSV: every record is checked on its own, so a damaged row is reported and never merged.

The csv module, given a quote that never closes, reads on to the next quote in the file and returns
several rows as one cell; the row count and the notes are silently wrong. Here a record is read from
its physical lines: when a quoted field runs over several lines, the joined record must parse
strictly (a closing quote followed by a delimiter or the line end) and have the header's width, or
its first line is reported as the bad row and reading resumes on the *next physical line* — so the
rows a runaway quote swallowed are read as what they are. Ragged rows (more or fewer cells than the
header) and rows holding a NUL byte are reported per row as well.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from ingest.rowstream import (
    ReadLimits,
    RowItem,
    RowStream,
    bad,
    empty_file,
    header_only,
    too_many_columns,
    too_many_rows,
    unique_names,
)
from insight.errors import InputError

MAX_RECORD_LINES = 200  # a quoted field longer than this many lines is taken for a quote that never closes
_QUOTE = '"'
UNCLOSED_MESSAGE = (
    "has a double quote that never closes; add the closing quote (the lines after it were read as rows of their own)"
)
NUL_MESSAGE = "contains a NUL byte (binary data in a text file); remove it and import the row again"


def ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether ``text`` (one or more physical lines) ends inside a quoted field, as the csv module reads it.

    A double quote opens a quoted field only at the start of a field; inside one, ``""`` is a quote
    character and a single ``"`` closes it. Elsewhere a quote is an ordinary character.
    """
    if _QUOTE not in text:
        return False
    inside = False
    i, n = 0, len(text)
    while i < n:
        j = text.find(_QUOTE, i)
        if j < 0:
            return inside
        if inside:
            if j + 1 < n and text[j + 1] == _QUOTE:
                i = j + 2
                continue
            inside = False
        elif j == 0 or text[j - 1] in (delimiter, "\n", "\r"):
            inside = True
        i = j + 1
    return inside


class _Lines:
    """Physical lines with push-back; a line longer than the limit comes back as ``None`` (skipped to its end)."""

    def __init__(self, handle: io.TextIOBase, max_chars: int) -> None:
        self._handle = handle
        self._max = max_chars
        self._back: deque[str | None] = deque()

    def next(self) -> str | bool | None:
        """The next line (with its ending), ``None`` for an over-long line, ``False`` at the end."""
        if self._back:
            return self._back.popleft()
        line = self._handle.readline(self._max + 1)
        if not line:
            return False
        if len(line) > self._max and not line.endswith(("\n", "\r")):
            while (rest := self._handle.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass
            return None
        return line

    def push_back(self, lines: list[str | None]) -> None:
        """Read ``lines`` again next, in order."""
        self._back.extendleft(reversed(lines))


class _Feed:
    """An iterator the csv reader pulls lines from; it may run dry and be refilled (unlike a generator)."""

    def __init__(self) -> None:
        self.queue: deque[str] = deque()

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if not self.queue:
            raise StopIteration
        return self.queue.popleft()


class _Parser:
    """One strict csv.reader fed the physical lines of one record at a time (a reader per record is slow)."""

    def __init__(self, delimiter: str) -> None:
        self._feed = _Feed()
        self._new = lambda: csv.reader(self._feed, delimiter=delimiter, strict=True)
        self._reader = self._new()

    def parse(self, lines: list[str]) -> list[list[str]]:
        """The records in ``lines`` (one; none for a blank line). Raises ``csv.Error``."""
        self._feed.queue.extend(lines)
        records = []
        try:
            while self._feed.queue:
                records.append(next(self._reader))
        except StopIteration:
            self._reader = self._new()  # ended inside a quoted field: start the next record clean
        except csv.Error:
            self._feed.queue.clear()
            self._reader = self._new()
            raise
        return records


def _records(handle: io.TextIOBase, delimiter: str, limits: ReadLimits) -> Iterator[tuple[int, list[str] | str]]:
    """Yield ``(number, cells)`` per record, or ``(number, problem message)`` for a record that is damaged.

    The header (first non-blank record) is number 0. Blank lines after it are counted, not yielded,
    so numbers match what a spreadsheet shows.
    """
    lines = _Lines(handle, limits.max_line_chars)
    parser = _Parser(delimiter)
    number = -1
    width: int | None = None
    while (first := lines.next()) is not False:
        if first is None:
            number += 1
            yield number, f"is longer than {limits.max_line_chars:,} characters; it was skipped unread"
            continue
        if number < 0 and not first.strip(" \t\r\n" + delimiter):
            continue
        number += 1
        if _QUOTE not in first:  # the common case: no quoting, so the cells are the line split on the delimiter
            if "\x00" in first:
                yield number, NUL_MESSAGE
                continue
            body = first.rstrip("\r\n")
            if body:
                cells = body.split(delimiter)
                width = len(cells) if width is None else width
                yield number, cells
            continue
        taken: list[str | None] = [first]
        text = first
        while ends_inside_quotes(text, delimiter) and len(taken) < MAX_RECORD_LINES:
            more = lines.next()
            if more is False:
                break
            taken.append(more)
            if more is None:
                break
            text += more
        multi = len(taken) > 1
        still_open = ends_inside_quotes(text, delimiter) or (multi and taken[-1] is None)
        if still_open:
            lines.push_back(taken[1:])
            yield number, UNCLOSED_MESSAGE
            continue
        try:
            parsed = parser.parse([line for line in taken if line])
        except csv.Error as exc:
            lines.push_back(taken[1:])
            yield number, UNCLOSED_MESSAGE if multi else f"could not be read as CSV ({exc}); check its double quotes"
            continue
        if "\x00" in text:
            lines.push_back(taken[1:])
            yield number, NUL_MESSAGE
            continue
        if not any(parsed):  # a blank line
            continue
        if len(parsed) != 1:  # pragma: no cover - a bare CR inside a line; treated like a damaged row
            lines.push_back(taken[1:])
            yield number, "holds a line break outside double quotes"
            continue
        cells = parsed[0]
        if width is None:
            width = len(cells)
        elif multi and check_width(cells, width):
            # A quoted field ran over lines and the record has the wrong width: the quote most likely
            # swallowed the rows below it. Report this row; read the swallowed lines as rows again.
            lines.push_back(taken[1:])
            yield (
                number,
                (
                    f"has a double quote that runs over {len(taken)} lines and leaves {len(cells)} cells where the "
                    f"header has {width}; check its quotes (the lines after it were read as rows of their own)"
                ),
            )
            continue
        yield number, cells


def check_width(cells: list[str], width: int) -> str | None:
    """What is wrong with a record's number of cells, or ``None`` (extra cells that are all blank are fine)."""
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return (
            f"has {len(cells)} cells but the header has {width}; a value that contains the delimiter must be "
            "in double quotes"
        )
    if len(cells) < width:
        return (
            f"has {len(cells)} cell{'s' if len(cells) != 1 else ''} but the header has {width}; a line break inside "
            "a note must be in double quotes, and every row needs every column (empty cells are fine)"
        )
    return None


def open_csv(path: Path, encoding: str, errors: str, warnings: list[str], limits: ReadLimits) -> RowStream:
    """Open a CSV/TSV file (encoding already decided) for strict streaming."""
    delimiter = _pick_delimiter(path, encoding, errors)
    # The physical-line limit already bounds a field; the csv module's own (128 KB) must not cut in first.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_line_chars + 1))
    with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
        head: list[tuple[int, list[str] | str]] = []
        for item in _records(handle, delimiter, limits):
            head.append(item)
            if len(head) == 2:
                break
    if not head:
        raise empty_file(path)
    _, header = head[0]
    if isinstance(header, str):
        raise InputError(
            f"{path.name}: the header row {header}. Check it opens in a spreadsheet and export it again.",
            title="Cannot read CSV",
        )
    if len(head) == 1:
        raise header_only(path)
    if len(header) > limits.max_columns:
        raise too_many_columns(path, len(header), limits)
    columns = unique_names(list(header))
    return RowStream(path, "csv", columns, _rows(path, encoding, errors, delimiter, columns, limits), warnings)


def _rows(
    path: Path, encoding: str, errors: str, delimiter: str, columns: list[str], limits: ReadLimits
) -> Iterator[RowItem]:
    width = len(columns)
    with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
        for number, cells in _records(handle, delimiter, limits):
            if number == 0:
                continue
            if number > limits.max_rows:
                raise too_many_rows(path, limits)
            if isinstance(cells, str):
                yield bad(number, f"row {number} {cells}")
                continue
            problem = check_width(cells, width)
            if problem:
                yield bad(number, f"row {number} {problem}")
                continue
            yield number, dict(zip(columns, cells, strict=False))


def _pick_delimiter(path: Path, encoding: str, errors: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
        sample = handle.read(64 * 1024)
    lines = [line for line in sample.splitlines() if line.strip()]
    header = lines[0] if lines else ""
    # Header names rarely hold a delimiter, so counting them in the header line beats sniffing the notes.
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","  # one column: the delimiter does not matter
