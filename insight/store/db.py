"""The database gateway: opening the file, named migrations, transactions.

Every SQL statement in Earshot lives in ``insight/store/``. Services open a transaction here and call
the query functions of ``insight.store.notes``, ``insight.store.topics`` … with the connection.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from insight.errors import EarshotError
from insight.store.gate import Gate, gate_for

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "insight.store.migrations"


def _migration_files() -> list[tuple[str, str]]:
    """(name, sql) for every ``NNNN_name.sql`` in the migrations folder, in name order."""
    folder = resources.files(MIGRATIONS_PACKAGE)
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply, in order, every migration not yet recorded in ``_migrations``; return the names applied."""
    con.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT now())")
    done = {row[0] for row in con.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, sql in _migration_files():
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO _migrations (name) VALUES (?)", [name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise EarshotError(
                f"Upgrading the database failed at migration {name}: {exc}",
                title="Database upgrade failed",
            ) from exc
        log.info("applied migration %s", name)
        applied.append(name)
    return applied


class Store:
    """A DuckDB file shared safely by threads and processes.

    ``with store.transaction() as con:`` runs its body in one transaction (rolled back on error);
    ``with store.read() as con:`` is for reads. Both wait their turn (see :mod:`insight.store.gate`)
    and raise :class:`~insight.errors.StoreBusyError` after ``lock_timeout_s``.
    """

    def __init__(self, path: Path | str, lock_timeout_s: float = 60.0) -> None:
        self.path = Path(path)
        self.lock_timeout_s = lock_timeout_s
        self._gate: Gate = gate_for(self.path, apply_migrations)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for reads (no transaction is opened)."""
        with self._gate.connection(self.lock_timeout_s) as con:
            yield con

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction: committed on success, rolled back on any error.

        Nested use in the same thread joins the outer transaction.
        """
        with self._gate.connection(self.lock_timeout_s) as con:
            if self._gate.tx_depth:
                self._gate.tx_depth += 1
                try:
                    yield con
                finally:
                    self._gate.tx_depth -= 1
                return
            self._gate.tx_depth = 1
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")
            finally:
                self._gate.tx_depth = 0

    def release(self) -> None:
        """Give the file up now so another process can open it at once."""
        self._gate.release()

    def exists(self) -> bool:
        """Whether the database file exists yet."""
        return self.path.exists()
