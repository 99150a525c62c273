"""One small exception family: every error a person may see has a title and a message saying what to do.

The CLI and the UI translate :class:`EarshotError` at the edge; the low-level cause stays chained
(``raise EarshotError(...) from exc``) and goes to the log, never to the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from insight.records import Problem


class EarshotError(Exception):
    """An error written for people: a short ``title`` and a ``message`` that says what to do."""

    def __init__(self, message: str, title: str = "Something went wrong") -> None:
        super().__init__(message)
        self.title = title
        self.message = message

    def __str__(self) -> str:
        return f"{self.title}: {self.message}"


class StoreBusyError(EarshotError):
    """The database stayed locked by another writer for longer than the configured wait."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Database is busy")


class InputError(EarshotError):
    """A whole input (a file, a form) cannot be used: unreadable, empty, no text column, no valid row."""

    def __init__(self, message: str, title: str = "Cannot use this input") -> None:
        super().__init__(message, title=title)


class NotEnoughNotesError(EarshotError):
    """Too few notes to find topics; the message says how many more are needed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Not enough notes yet")


class StoreUsageError(EarshotError, ValueError):
    """A store function was asked for something it cannot do (an unknown column, field or breakdown).

    It is a caller's mistake rather than bad data, so it stays a ``ValueError`` too.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Cannot run this query")


class ForeignDatabaseError(EarshotError):
    """The file is a DuckDB database of another program: Earshot will not add its tables to it."""

    def __init__(self, path: Path | str, tables: list[str]) -> None:
        shown = ", ".join(tables[:8]) + (f" and {len(tables) - 8} more" if len(tables) > 8 else "")
        super().__init__(
            f"{path} already holds tables Earshot did not create ({shown}). Earshot leaves other programs' "
            "databases alone: point --db / EARSHOT_DB at a new file, or pass --force-adopt to add Earshot's "
            "tables to this one.",
            title="Not an Earshot database",
        )


class UnredactedTextError(EarshotError):
    """A write function was handed free text that did not pass the redaction gate (a programming error)."""

    def __init__(self, field: str) -> None:
        # Never the value: it is, by definition, text that may hold personal data.
        super().__init__(
            f"The {field} was about to be stored without passing the redaction gate, so nothing was saved. "
            "This is a bug in Earshot; please report it.",
            title="Refused to store unredacted text",
        )
        self.field = field


class RefitRunningError(EarshotError):
    """Another refit of the same database is running."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="A refit is already running")


class TopicNotFoundError(EarshotError):
    """The topic id is not a live topic of the current run."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="No such topic")


class NoteRejected(EarshotError):
    """A note (form or API) that cannot be saved; ``problems`` says what to fix, field by field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        details = "; ".join(f"{p.field or 'note'}: {p.message}" for p in self.problems)
        super().__init__(f"Nothing was saved. Please fix: {details}", title="The note was not saved")


class UnreadableFile(InputError):
    """The file breaks part-way (``row`` is where); nothing of it is imported."""

    def __init__(self, message: str, row: int | None = None, title: str = "File damaged part-way") -> None:
        super().__init__(message, title=title)
        self.row = row


class RedactionError(EarshotError):
    """A note could not be redacted, so it must not be stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Could not redact a note")
