# ruff: noqa: F811  (pytest fixtures imported from the support modules are redefined as parameters)
"""First run: ``python -m ui.serve`` (what ``./earshot run`` starts) seeds the demo when the server starts,
before any browser connects, and the welcome screen shows honest progress (stage, "x of N", seconds)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from app_support import EMBEDDER
from browser_support import ARTIFACTS, REPO, browser, free_port, page, settle, shot  # noqa: F401
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _note_count(db) -> int:
    from insight.demo_data import note_count
    from insight.store import Store

    store = Store(db, lock_timeout_s=60)
    try:
        return note_count(store)
    finally:
        store.release()


def test_seeding_starts_with_the_server_not_the_first_page_view(page, tmp_path) -> None:
    db = tmp_path / "fresh.duckdb"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env |= {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER, "EARSHOT_DEMO_DATA": "on"}
    cmd = [
        *(sys.executable, "-m", "ui.serve", "--server.headless=true", f"--server.port={port}"),
        *("--server.address=127.0.0.1", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"),
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "streamlit-first-run.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 180
            while True:  # the server answers …
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.5)
            # … and, with no browser anywhere yet, notes are already being stored.
            while _note_count(db) == 0:
                assert time.monotonic() < deadline, "nothing was seeded before a page was opened"
                time.sleep(2)
            page.goto(f"{url}/trends")  # a deep link opened while seeding runs: the welcome screen, not "not found"
            settle(page, timeout=60_000)
            assert page.get_by_text("Page not found").count() == 0
            if page.get_by_text("Welcome to Earshot").count():
                bar = page.get_by_test_id("stProgress")
                expect(bar).to_contain_text(re.compile(r"\(\d+ s\)"))
                text = bar.inner_text()
                counted = re.search(r"([\d,]+) of ([\d,]+)", text)
                if counted and "Finding" not in text and "topic" not in text.lower():
                    assert int(counted.group(2).replace(",", "")) > 3000  # the demo's real size, not "0"
                expect(page.get_by_text("It started with the server")).to_be_visible()
                shot(page, "first-run-welcome")
            else:  # a fast machine may already be done
                expect(page.get_by_role("heading", name="Trends")).to_be_visible()
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
