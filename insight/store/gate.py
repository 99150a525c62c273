"""Cross-process and cross-thread access to one DuckDB file, without lock errors.

DuckDB lets one process at a time open a database file (a second one, even read-only, gets
``Could not set lock on file``), and creating a database instance is slow next to a query. So each process
*leases* the file:

* ``<db>.lock`` — an ``fcntl.flock`` held exclusively by the process that has the file open.
* ``<db>.want`` — a process waiting for the file holds a *shared* flock on it while it waits.

The owner keeps its connection between operations (so saving a single note does not pay for a new instance),
and gives the file up as soon as it sees a waiter: after each operation, and from a watcher thread
that polls every few milliseconds while the connection is idle. An idle owner also lets go after
``idle_release_s``. Inside a process, one operation at a time holds the connection (an ``RLock``), so
threads never share a busy connection. A process killed with ``kill -9`` drops its flocks in the
kernel; DuckDB replays its WAL on the next open, so committed work survives.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from insight.errors import EarshotError, StoreBusyError

log = logging.getLogger(__name__)

_POLL_S = 0.004
_WATCH_S = 0.01


class Gate:
    """The one lease a process holds on one database file. Get it with :func:`gate_for`."""

    def __init__(self, path: Path, on_open: Callable[[duckdb.DuckDBPyConnection, Gate], None]) -> None:
        self.path = path
        self._on_open = on_open
        self.adopt = False  # let on_open add Earshot's tables to another program's database (--force-adopt)
        self._mutex = threading.RLock()
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._lock_fd: int | None = None
        self._last_used = 0.0
        self._depth = 0
        self.tx_depth = 0  # nesting of Store.transaction() in the thread holding the mutex
        self.idle_release_s = 2.0
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    # -- public -------------------------------------------------------------------------------
    @contextmanager
    def connection(self, timeout_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the database for one operation; re-entrant within a thread."""
        if not self._mutex.acquire(timeout=timeout_s):
            raise StoreBusyError(
                f"Another task in this process kept the database {self.path.name} busy for over "
                f"{timeout_s:.0f} s. Try again in a moment."
            )
        self._depth += 1
        try:
            if self._conn is None:
                self._open(timeout_s)
            assert self._conn is not None
            yield self._conn
        finally:
            self._depth -= 1
            self._last_used = time.monotonic()
            if self._depth == 0 and self._conn is not None and self._someone_waiting():
                self._close()
            self._mutex.release()

    def release(self) -> None:
        """Close the connection and give the file up now (tests, shutdown, before a long pause)."""
        with self._mutex:
            if self._depth == 0:
                self._close()

    # -- lease handling -------------------------------------------------------------------------
    def _sidecar(self, suffix: str) -> int:
        return os.open(str(self.path) + suffix, os.O_RDWR | os.O_CREAT, 0o644)

    def _open(self, timeout_s: float) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_fd = self._sidecar(".lock")
        except OSError as exc:
            raise unwritable_database(self.path, exc) from exc
        try:
            want_fd = self._sidecar(".want")
        except OSError as exc:
            os.close(lock_fd)
            raise unwritable_database(self.path, exc) from exc
        try:
            fcntl.flock(want_fd, fcntl.LOCK_SH)  # announce that we are waiting
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreBusyError(
                            f"Another program kept {self.path} busy for over {timeout_s:.0f} s "
                            "(a long import or refit?). Nothing was saved; try again when it finishes, "
                            "or raise EARSHOT_LOCK_TIMEOUT_S."
                        ) from None
                    time.sleep(_POLL_S)
        except BaseException:
            os.close(lock_fd)
            raise
        finally:
            fcntl.flock(want_fd, fcntl.LOCK_UN)
            os.close(want_fd)
        try:
            conn = duckdb.connect(str(self.path))
        except (duckdb.Error, OSError) as exc:
            fcntl.flock(lock_fd, fcntl.LOCK_UN)
            os.close(lock_fd)
            raise unreadable_database(self.path, exc) from exc
        self._conn, self._lock_fd = conn, lock_fd
        try:
            self._on_open(conn, self)
        except EarshotError:
            self._close()
            raise
        except duckdb.Error as exc:
            self._close()
            raise unreadable_database(self.path, exc) from exc
        except BaseException:
            self._close()
            raise
        self._start_watcher()

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except duckdb.Error:  # pragma: no cover - closing a broken connection
                log.exception("closing %s failed", self.path)
            self._conn = None
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _someone_waiting(self) -> bool:
        return flock_held(Path(str(self.path) + ".want"))

    def _start_watcher(self) -> None:
        if self._watcher is not None and self._watcher.is_alive():
            return
        self._watcher = threading.Thread(target=self._watch, name=f"earshot-gate-{self.path.name}", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.wait(_WATCH_S):
            if self._conn is None:
                return
            if not self._mutex.acquire(blocking=False):
                continue  # an operation is running; it checks for waiters when it ends
            try:
                if self._conn is None or self._depth:
                    continue
                idle = time.monotonic() - self._last_used
                if idle > self.idle_release_s or self._someone_waiting():
                    self._close()
                    return
            finally:
                self._mutex.release()


def unwritable_database(path: Path, exc: OSError) -> EarshotError:
    """The error for a database path Earshot cannot create or write (read-only folder, a file in the way)."""
    reason = exc.strerror or type(exc).__name__
    blocker = next((p for p in path.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        reason = f"{blocker} is a file, not a folder"
    return EarshotError(
        f"Cannot create or write the database {path} ({reason}). Choose a file in a folder you can write "
        "to with --db or EARSHOT_DB.",
        title="Cannot open the database",
    )


def unreadable_database(path: Path, exc: BaseException) -> EarshotError:
    """The error for a database file DuckDB cannot read: truncated, corrupted, not DuckDB, or no permission."""
    text = str(exc)
    if isinstance(exc, OSError) or "Permission denied" in text or "Read-only" in text:
        return EarshotError(
            f"Cannot open the database {path}: the file or its folder is not writable. Fix the permissions, "
            "or choose another file with --db or EARSHOT_DB.",
            title="Cannot open the database",
        )
    if "not a valid DuckDB database" in text:
        what = "is not a DuckDB database"
    elif "Could not read enough bytes" in text or "checksum" in text or "Corrupt" in text:
        what = "is damaged (truncated or corrupted)"
    else:
        what = f"could not be read ({text.splitlines()[0][:160] if text else type(exc).__name__})"
    return EarshotError(
        f"The database {path} {what}. Nothing was changed. Restore it from a backup, or point --db / "
        "EARSHOT_DB at another file.",
        title="Cannot open the database",
    )


def flock_held(path: Path) -> bool:
    """Whether any process (this one included, through another descriptor) holds a flock on ``path``."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


_gates: dict[Path, Gate] = {}
_gates_mutex = threading.Lock()


def gate_for(path: Path, on_open: Callable[[duckdb.DuckDBPyConnection, Gate], None]) -> Gate:
    """The process-wide gate for a database file (one per resolved path)."""
    key = path.resolve()
    with _gates_mutex:
        gate = _gates.get(key)
        if gate is None:
            gate = _gates[key] = Gate(key, on_open)
        return gate


def release_all() -> None:
    """Close every open database in this process (registered at exit so DuckDB checkpoints)."""
    with _gates_mutex:
        gates = list(_gates.values())
    for gate in gates:
        gate.release()


atexit.register(release_all)
