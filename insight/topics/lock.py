"""One refit at a time per database, across processes: an ``fcntl.flock`` on ``<db>.refit.lock``.

The lock is separate from the store's own lease (``<db>.lock``): a refit holds it for its whole run,
including the slow fit, while the database itself stays free for imports and the dashboard.
The kernel drops the lock if the process dies, so a crashed refit never blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from insight.errors import RefitRunningError
from insight.store.gate import flock_held


def lock_path(db_path: Path) -> Path:
    """The sidecar lock file for a database, keyed on its resolved path (two symlinks to one file share it)."""
    return Path(str(Path(db_path).resolve()) + ".refit.lock")


@contextmanager
def refit_lock(db_path: Path) -> Iterator[None]:
    """Hold the refit lock for the body, or raise :class:`RefitRunningError` at once if someone else has it."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise RefitRunningError(
            f"A refit is already running on {Path(db_path).name}. Its result will be the current topics "
            "when it finishes; try again after that if you still need one."
        ) from None
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def refit_running(db_path: Path) -> bool:
    """Whether some process holds the refit lock right now."""
    return flock_held(lock_path(db_path))
