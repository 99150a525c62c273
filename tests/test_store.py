"""The store: migrations, transactions, and sharing one DuckDB file between threads and processes."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from insight.errors import StoreBusyError
from insight.store import Store
from insight.store.db import apply_migrations

ROOT = Path(__file__).resolve().parent.parent
WORKERS = ("-m", "tests.workers")  # run from the repository root, so the checkout under test is imported


def _insert(con, key: str) -> None:
    con.execute("INSERT INTO notes (text, created_at, source, dedupe_key) VALUES ('x', now(), 'test', ?)", [key])


def test_migrations_are_recorded_and_applied_once(store: Store):
    with store.read() as con:
        names = [r[0] for r in con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]
        assert names[0] == "0001_notes"
        assert apply_migrations(con) == []  # nothing left to apply
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"notes", "note_embeddings", "topic_runs", "topics", "note_topics"} <= tables


def test_failed_transaction_stores_nothing(store: Store):
    with pytest.raises(RuntimeError), store.transaction() as con:
        _insert(con, "a")
        raise RuntimeError("boom")
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_nested_transaction_joins_the_outer_one(store: Store):
    with pytest.raises(RuntimeError), store.transaction() as con:
        _insert(con, "a")
        with store.transaction() as inner:
            _insert(inner, "b")
        raise RuntimeError("outer fails after inner finished")
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_threads_share_one_store_without_busy_errors(store: Store):
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(40):
                with store.transaction() as con:
                    _insert(con, f"{t}-{i}")
                with store.read() as con:
                    con.execute("SELECT count(*) FROM notes").fetchone()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as con:
        assert con.execute("SELECT count(DISTINCT dedupe_key) FROM notes").fetchone()[0] == 240


def test_an_idle_owner_hands_the_file_to_another_process_quickly(store: Store, db_path: Path):
    with store.transaction() as con:  # this process now owns the file, and keeps it while idle
        _insert(con, "mine")
    store._gate.idle_release_s = 3600  # only a waiter, not the idle timeout, may make it let go
    started = time.monotonic()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys;"
            "from insight.store import Store; s = Store(sys.argv[1], lock_timeout_s=10);"
            "c = s.read().__enter__(); print(c.execute('select count(*) from notes').fetchone()[0])",
            str(db_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
    assert time.monotonic() - started < 30  # it got in; it did not time out
    with store.read() as con:  # and we get it back afterwards
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 1


def test_a_writer_that_waits_too_long_gets_a_clear_busy_error(db_path: Path):
    holder = subprocess.Popen(
        [sys.executable, *WORKERS, "hold", str(db_path), "8"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        impatient = Store(db_path, lock_timeout_s=0.5)
        started = time.monotonic()
        with pytest.raises(StoreBusyError) as info, impatient.transaction():
            pass
        waited = time.monotonic() - started
        assert 0.4 < waited < 5
        assert "busy" in info.value.title.lower() and "try again" in info.value.message
    finally:
        holder.kill()
        holder.wait()
