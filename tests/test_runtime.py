"""One runtime for every entry point: the CLIs agree on the database and on the vectors' model id."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from ingest.cli import main as ingest_main
from insight.cli import main as insight_main
from insight.errors import EarshotError
from insight.runtime import embedder_for, model_id_for, open_store
from insight.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent

THEMES = (
    "Customer wants to pause the plan while travelling abroad for {n} months",
    "Login fails with an error after the app update on device {n}",
    "Refund for the double charge on invoice {n} has not arrived",
    "eSIM activation is stuck on the pending screen for order {n}",
)


def _write_notes(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["note", "created_at", "agent"])
        for i in range(count):
            writer.writerow([THEMES[i % len(THEMES)].format(n=i), f"2026-10-{1 + i % 28:02d} 10:00", f"a{i % 9}"])


def test_model_id_is_the_embedders_own() -> None:
    for name in ("hashing", "hashing-32", "hashing:16"):
        settings = load_settings(embedding_model=name)
        assert model_id_for(settings) == embedder_for(settings).model_id
    assert model_id_for(load_settings()) == "all-MiniLM-L6-v2"


def test_open_store_refuses_a_missing_database_when_asked(tmp_path: Path) -> None:
    settings = load_settings(db=tmp_path / "none.duckdb")
    with pytest.raises(EarshotError, match="no database"):
        open_store(settings, must_exist=True)
    assert not settings.db.exists()


@pytest.mark.slow
def test_refit_finds_what_ingest_stored_with_the_hashing_embedder(tmp_path: Path, monkeypatch, capsys) -> None:
    # Before one runtime, ingest wrote ``hashing-64`` vectors and refit looked for ``hashing``: no notes found.
    monkeypatch.setenv("EARSHOT_EMBEDDING_MODEL", "hashing")
    db, notes = tmp_path / "e.duckdb", tmp_path / "notes.csv"
    _write_notes(notes, 240)
    assert ingest_main([str(notes), "--db", str(db), "--no-progress"]) == 0
    assert insight_main(["refit", "--db", str(db), "--no-progress"]) == 0
    assert "Run 1:" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["help"]])
def test_earshot_help_explains_and_starts_nothing(args: list[str]) -> None:
    """``./earshot run --help`` prints the commands and settings and exits, before any install or server."""
    done = subprocess.run(["bash", str(ROOT / "earshot"), *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "./earshot run" in done.stdout and "EARSHOT_PORT" in done.stdout
    assert "Starting" not in done.stdout + done.stderr


def test_earshot_runs_the_tools_commands_too() -> None:
    """The README's ``./earshot remove-demo`` and ``./earshot commands``: the script hands every other command to
    the installed ``earshot`` tool (a newcomer got "unknown command" for a command the README names)."""
    if not (ROOT / ".venv" / "bin" / "earshot").exists():
        pytest.skip("the earshot console script is installed by ./earshot run / ./earshot test")
    listed = subprocess.run(["bash", str(ROOT / "earshot"), "commands"], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "remove-demo" in listed.stdout and "ingest" in listed.stdout
    helped = subprocess.run(
        ["bash", str(ROOT / "earshot"), "remove-demo", "--help"], capture_output=True, text=True, timeout=120
    )
    assert helped.returncode == 0, helped.stderr
    assert "--dry-run" in helped.stdout
