"""Several writers at once, and crashes: no note lost or duplicated, no lock error ever shown."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.service import save_note
from insight.store import Store

ROOT = Path(__file__).resolve().parent.parent
WORKERS = ("-m", "tests.workers")  # run from ROOT, so the checkout under test is imported


def _env(db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env.update({"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": "hashing:32", "PYTHONPATH": str(ROOT)}, **extra)
    return env


def _csv(path: Path, rows: int, prefix: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["note_id", "text", "agent"])
        for i in range(rows):
            writer.writerow([f"{prefix}-{i}", f"{prefix} imported note {i} about late deliveries", f"agent-{i % 7}"])
    return path


@pytest.mark.slow
def test_threads_processes_and_an_import_write_at_once(tmp_path, db_path, fake_embedder, redactor, settings):
    store = Store(db_path, lock_timeout_s=60)
    file = _csv(tmp_path / "bulk.csv", 600, "bulk")
    procs = [
        subprocess.Popen(
            [sys.executable, *WORKERS, "save", str(db_path), f"proc{p}", "40"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db_path),
        )
        for p in range(2)
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-m", "ingest", str(file), "--no-progress"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db_path, EARSHOT_IMPORT_BATCH_SIZE="50"),
        )
    )
    errors: list[BaseException] = []

    def agent(t: int) -> None:
        try:
            for i in range(30):
                save_note(
                    store,
                    {"text": f"thread {t} says customers want feature {i}", "agent_id": f"t{t}"},
                    embedder=fake_embedder,
                    redactor=redactor,
                    settings=settings,
                )
        except BaseException as exc:  # asserted below
            errors.append(exc)

    threads = [threading.Thread(target=agent, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outputs = [p.communicate(timeout=240) for p in procs]
    assert errors == []
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "lock" not in err.lower(), err
    with store.read() as con:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT dedupe_key) FROM notes").fetchone()
        vectors = con.execute("SELECT count(*) FROM note_embeddings").fetchone()[0]
    assert total == distinct == 4 * 30 + 2 * 40 + 600
    assert vectors == total
    store.release()


@pytest.mark.slow
def test_kill_9_mid_import_loses_no_committed_note_and_rerun_completes(tmp_path, db_path):
    file = _csv(tmp_path / "big.csv", 6_000, "big")
    env = _env(db_path, EARSHOT_IMPORT_BATCH_SIZE="100")
    importer = subprocess.Popen(
        [sys.executable, "-m", "ingest", str(file), "--no-progress"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    store = Store(db_path, lock_timeout_s=60)
    committed = 0
    deadline = time.monotonic() + 120
    while committed == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
        if db_path.exists():
            with store.read() as con:
                committed = con.execute("SELECT count(*) FROM notes").fetchone()[0]
            store.release()
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    assert importer.returncode == -signal.SIGKILL
    with store.read() as con:
        after_kill = con.execute("SELECT count(*) FROM notes").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM notes n LEFT JOIN note_embeddings e ON e.note_id = n.id WHERE e.note_id IS NULL"
        ).fetchone()[0]
    store.release()
    assert committed <= after_kill < 6_000  # nothing committed was lost, and it really was cut short
    assert orphans == 0  # no half records: every stored note has its vector

    rerun = subprocess.run(
        [sys.executable, "-m", "ingest", str(file), "--no-progress", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    import json

    (report,) = json.loads(rerun.stdout)
    assert report["duplicates"] == after_kill
    assert report["imported"] == 6_000 - after_kill
    with store.read() as con:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT external_id) FROM notes").fetchone()
    assert total == distinct == 6_000
    store.release()
    # The re-run resumed the interrupted import: one ledger row, complete, owning every note.
    listing = subprocess.run(
        [sys.executable, "-m", "ingest", "imports", "--json"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    (ledger_row,) = json.loads(listing.stdout)
    assert report["import_id"] == ledger_row["import_id"]
    assert (ledger_row["status"], ledger_row["imported"]) == ("complete", 6_000)
