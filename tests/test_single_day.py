"""A file with no dates: every note is dated the import day, and every page and command still works.

The case from the issue: 3,280 undated notes imported in the app, a refit made 37 topics, and then
Trends said "No topics yet", the Topic chart was all zeros and the brief said "None is not an ISO
week" — every report looked at the last *complete* week, and all the notes were in this one.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from app_support import EMBEDDER, clean_streamlit, new_app, open_page  # noqa: F401

from ingest.file_import import import_file
from insight.embedder import build_embedder
from insight.store import Store
from insight.store.gate import release_all
from insight.trends import Week, resolve_week

REPO = Path(__file__).resolve().parent.parent
THEMES = (
    "card delivery is late and the customer keeps waiting for the new debit card",
    "mobile app crashes on login after the latest update on android phones",
    "customer wants paperless statements instead of paper bills by post",
    "refund for a double charge has not arrived after two weeks",
    "asks for dark mode in the banking app because the screen is too bright",
)


@pytest.fixture(scope="module")
def undated_db(tmp_path_factory) -> Path:
    """120 undated notes imported through the real service, then a real refit through the CLI."""
    from ingest.redaction import default_redactor
    from insight.settings import load_settings

    folder = tmp_path_factory.mktemp("undated")
    db = folder / "undated.duckdb"
    path = folder / "undated.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["comment", "agent"])
        for i in range(120):
            writer.writerow([f"{THEMES[i % 5]} (case {i}, said twice {i % 7})", f"agent-{i % 9}"])
    settings = load_settings({}, db=db, embedding_model=EMBEDDER)
    report = import_file(
        path, Store(db), embedder=build_embedder(EMBEDDER), redactor=default_redactor(), settings=settings
    )
    assert report.imported == 120
    assert report.date_note and "no date column" in report.date_note and "import time" in report.date_note
    release_all()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env |= {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER, "EARSHOT_MIN_NOTES_FOR_TOPICS": "50"}
    refit = subprocess.run(
        [sys.executable, "-m", "insight", "refit", "--no-progress"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert refit.returncode == 0, refit.stderr
    return db


def _run(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env |= {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER}
    return subprocess.run(
        [sys.executable, "-m", "insight", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_reports_are_about_the_week_the_notes_are_in(undated_db):
    this_week = Week.containing(datetime.now(UTC).date())
    assert resolve_week(Store(undated_db)) == this_week
    for command in (("trends",), ("brief",), ("topics",)):
        done = _run(undated_db, *command)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "None" not in done.stdout.split("\n")[0]
    brief = _run(undated_db, "brief").stdout
    assert this_week.label in brief and "120" in brief


@pytest.mark.slow
def test_every_insight_page_shows_the_single_day(undated_db, monkeypatch):
    monkeypatch.setenv("EARSHOT_DB", str(undated_db))
    at = open_page(new_app("pm"), "trends")
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "No topics yet" not in shown
    notes_metric = next(m for m in at.metric if m.label.startswith("Notes in"))
    assert notes_metric.value == "120"
    frame = at.dataframe[0].value
    assert frame["Total"].sum() == 120  # the topic chart and table count this week's notes

    topic_id = int(frame.sort_values("Total").iloc[-1]["id"])
    at.query_params["topic"] = str(topic_id)
    at = open_page(at, "topic")
    assert not at.exception

    at = open_page(new_app("leader"), "brief")
    assert not at.exception
    assert not [e for e in at.error if "ISO week" in e.value]
    week = at.selectbox(key="brief-week").value
    assert week == Week.containing(datetime.now(UTC).date())
