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

from insight.errors import EarshotError, ForeignDatabaseError
from insight.store.gate import Gate, gate_for, unreadable_database

# DuckDB messages that mean the file itself is damaged or unreadable (not a mistake in a query).
_DAMAGE_MARKERS = ("Corrupt database", "Could not read enough bytes", "checksum", "not a valid DuckDB", "IO Error")


def _damaged(exc: duckdb.Error) -> bool:
    return any(marker in str(exc) for marker in _DAMAGE_MARKERS)


log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "insight.store.migrations"


def _migration_files() -> list[tuple[str, str]]:
    """(name, sql) for every ``NNNN_name.sql`` in the migrations folder, in name order."""
    folder = resources.files(MIGRATIONS_PACKAGE)
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def _user_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def apply_migrations(
    con: duckdb.DuckDBPyConnection, *, adopt: bool = False, path: Path | str | None = None
) -> list[str]:
    """Apply, in order, every migration not yet recorded in ``_migrations``; return the names applied.

    All pending migrations run in one transaction with the ``_migrations`` table itself, so a failure
    leaves the file exactly as it was (no half-upgraded schema, no stray ``_migrations`` table).

    Args:
        con: an open connection (no transaction in progress).
        adopt: add Earshot's tables even when the file already holds tables of another program.
        path: the file, for messages.

    Raises:
        ForeignDatabaseError: the file has tables but no ``_migrations`` table, and ``adopt`` is false.
        EarshotError: a migration failed (everything was rolled back).
    """
    tables = _user_tables(con)
    if "_migrations" in tables:
        done = {row[0] for row in con.execute("SELECT name FROM _migrations").fetchall()}
    elif tables and not adopt:
        raise ForeignDatabaseError(path or con.execute("SELECT current_database()").fetchone()[0], tables)
    else:
        done = set()
    pending = [(name, sql) for name, sql in _migration_files() if name not in done]
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    name = "_migrations"
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT now())"
        )
        for name, sql in pending:
            con.execute(sql)
            con.execute("INSERT INTO _migrations (name) VALUES (?)", [name])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise EarshotError(
            f"Upgrading the database failed at migration {name} ({exc}). Nothing was changed: the file is "
            "as it was before. If it is another program's database, point --db / EARSHOT_DB at a new file.",
            title="Database upgrade failed",
        ) from exc
    for name, _ in pending:
        log.info("applied migration %s", name)
    return [name for name, _ in pending]


def _migrate(con: duckdb.DuckDBPyConnection, gate: Gate) -> None:
    apply_migrations(con, adopt=gate.adopt, path=gate.path)


class Store:
    """A DuckDB file shared safely by threads and processes.

    ``with store.transaction() as con:`` runs its body in one transaction (rolled back on error);
    ``with store.read() as con:`` is for reads. Both wait their turn (see :mod:`insight.store.gate`)
    and raise :class:`~insight.errors.StoreBusyError` after ``lock_timeout_s``.
    """

    def __init__(self, path: Path | str, lock_timeout_s: float = 60.0, *, adopt: bool = False) -> None:
        self.path = Path(path)
        self.lock_timeout_s = lock_timeout_s
        self._gate: Gate = gate_for(self.path, _migrate)
        if adopt:
            self._gate.adopt = True

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for reads (no transaction is opened)."""
        with self._gate.connection(self.lock_timeout_s) as con:
            try:
                yield con
            except duckdb.Error as exc:
                if _damaged(exc):
                    raise unreadable_database(self.path, exc) from exc
                raise

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
            except BaseException as exc:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    log.debug("rollback failed after %r", exc, exc_info=True)
                if isinstance(exc, duckdb.Error) and _damaged(exc):
                    raise unreadable_database(self.path, exc) from exc
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
