"""Every failure of a command becomes one clear line: a title and what to do, exit status 2.

:func:`run_guarded` is the edge of both CLIs (``python -m ingest``, ``python -m insight``): an
:class:`~insight.errors.EarshotError` is printed as ``error: <title>: <message>``; a low-level error
that slipped through (a damaged database read mid-query, a disk that filled up, a folder that is
really a file) is translated by :func:`explain`; anything else still gets one line that says to run
again with ``--debug``. The traceback goes to the log at DEBUG level, and to stderr with ``--debug``.
"""

from __future__ import annotations

import errno
import logging
import sys
import traceback
from collections.abc import Callable

from insight.errors import EarshotError

EXIT_FAILED = 2
EXIT_INTERRUPTED = 130

_OS_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ELOOP: "it is a symbolic link",
}


def explain(exc: BaseException) -> EarshotError:
    """A person-readable error for any exception (``EarshotError`` passes through unchanged)."""
    if isinstance(exc, EarshotError):
        return exc
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        return EarshotError(
            f"Cannot use{where}: {reason}. Check the path and its permissions, or choose another one.",
            title="File problem",
        )
    if isinstance(exc, MemoryError):
        return EarshotError(
            "The machine ran out of memory. Split the input into smaller files, or free memory and retry.",
            title="Out of memory",
        )
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a hard dependency
        duckdb = None  # type: ignore[assignment]
    if duckdb is not None and isinstance(exc, duckdb.Error):
        first = (str(exc).splitlines() or [""])[0][:200]
        return EarshotError(
            f"The database reported: {first}. Nothing half-done was kept. If the file is damaged, restore it "
            "from a backup; run again with --debug to see the details.",
            title="Database error",
        )
    first = (str(exc).splitlines() or [""])[0][:200]
    return EarshotError(
        f"{type(exc).__name__}: {first}. Nothing half-done was kept. Run again with --debug to see the details, "
        "and report it if it persists.",
        title="Unexpected error",
    )


def run_guarded(work: Callable[[], int], *, debug: bool = False, log: logging.Logger | None = None) -> int:
    """Run a command body; turn every failure into one line on stderr and exit status 2.

    Args:
        work: the command; returns its exit status.
        debug: also print the traceback (``--debug``).
        log: where the traceback is logged at DEBUG level.
    """
    log = log or logging.getLogger("insight.cli")
    try:
        return int(work() or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except BaseException as exc:
        log.debug("command failed", exc_info=True)
        if debug:
            traceback.print_exc()
        error = explain(exc)
        print(f"error: {error.title}: {error.message}", file=sys.stderr)
        return EXIT_FAILED
