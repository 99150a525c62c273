"""Programs the concurrency and crash tests run in separate processes (``python -m tests.workers CMD …``).

Started from the repository root, so the checkout under test is what they import.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def hold(db: str, seconds: str) -> None:
    """Take the database, keep it busy in one long operation, then exit."""
    from insight.store import Store

    store = Store(Path(db))
    with store.read() as con:
        con.execute("SELECT 1").fetchall()
        print("holding", flush=True)
        time.sleep(float(seconds))


def save(db: str, prefix: str, count: str) -> None:
    """Save ``count`` distinct notes through the ingest service, one by one."""
    from ingest.redaction import default_redactor
    from ingest.service import save_note
    from insight.embedder import HashingEmbedder
    from insight.settings import load_settings
    from insight.store import Store

    settings = load_settings(environ={}, db=db)
    store = Store(Path(db), lock_timeout_s=60)
    embedder, redactor = HashingEmbedder(32), default_redactor()
    print("ready", flush=True)
    for i in range(int(count)):
        save_note(
            store,
            {"text": f"{prefix} note number {i}: customer asks about invoices", "agent_id": prefix},
            embedder=embedder,
            redactor=redactor,
            settings=settings,
        )
    print("done", flush=True)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"hold": hold, "save": save}[command](*args)
