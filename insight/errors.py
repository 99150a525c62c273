"""One small exception family: every error a person may see has a title and a message saying what to do.

The CLI and the UI translate :class:`EarshotError` at the edge; the low-level cause stays chained
(``raise EarshotError(...) from exc``) and goes to the log, never to the user.
"""

from __future__ import annotations


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
