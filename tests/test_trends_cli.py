"""``python -m insight trends`` and ``brief`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from trend_fixtures import build_brief_world, new_store

from insight.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path) -> Path:
    store = new_store(tmp_path)
    build_brief_world(store)
    store.release()
    return store.path


def test_trends_json_fields(db, capsys):
    assert main(["trends", "--week", "2025-W10", "--json", "--db", str(db)]) == 0
    signals = json.loads(capsys.readouterr().out)
    required = {"topic_id", "label", "kind", "score", "week", "count", "baseline", "distinct_agents"}
    assert signals and all(required <= set(s) for s in signals)
    emerging = [s for s in signals if s["kind"] == "emerging"]
    assert [(s["topic_id"], s["count"], s["distinct_agents"], s["week"]) for s in emerging] == [(4, 9, 5, "2025-W10")]
    assert {"growth", "confidence", "weekly_counts", "quotes"} <= set(emerging[0])
    assert emerging[0]["weekly_counts"][-1] == {"week": "2025-W10", "count": 9}
    assert {"note_id", "text", "agent_id"} <= set(emerging[0]["quotes"][0])


def test_trends_table_and_kind_filter(db, capsys):
    assert main(["trends", "--week", "2025-W10", "--kind", "spike", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Signals for 2025-W10 (Mon 03 Mar – Sun 09 Mar 2025, UTC)" in out
    assert "app login password" in out and "apple pay" not in out


def test_default_week_is_the_last_week_with_data(db, capsys):
    assert main(["trends", "--json", "--db", str(db)]) == 0  # today is long after the fixture's W10
    assert {s["week"] for s in json.loads(capsys.readouterr().out)} == {"2025-W10"}
    assert main(["trends", "--as-of", "2025-03-05", "--json", "--db", str(db)]) == 0
    assert {s["week"] for s in json.loads(capsys.readouterr().out)} <= {"2025-W09"}


def test_errors_are_one_line(tmp_path, db, capsys):
    assert main(["trends", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert capsys.readouterr().err.startswith("error: No database:")
    assert main(["trends", "--week", "2025-W99", "--db", str(db)]) == 2
    assert "Bad week" in capsys.readouterr().err


def test_brief_to_file(db, tmp_path, capsys):
    out = tmp_path / "brief.html"
    assert main(["brief", "--week", "2025-W10", "--format", "html", "-o", str(out), "--db", str(db)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["brief", "--week", "2025-W10", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("# Weekly brief — 2025-W10")


@pytest.mark.slow
def test_module_entry_point(db):
    result = subprocess.run(
        [sys.executable, "-m", "insight", "trends", "--week", "2025-W10", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert any(s["kind"] == "emerging" for s in json.loads(result.stdout))
