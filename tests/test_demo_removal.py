# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""Leaving the demo: ``remove_demo_notes`` and ``earshot remove-demo`` remove exactly the generated notes."""

from __future__ import annotations

import shutil

from app_support import DIM, EMBEDDER, demo_template  # noqa: F401

from ingest.redaction import default_redactor
from ingest.service import save_note
from insight.cli import main as insight_main
from insight.demo_data import demo_note_count, demo_was_removed, note_count, remove_demo_notes
from insight.embedder import HashingEmbedder
from insight.settings import load_settings
from insight.store import Store


def _copy_with_own_note(demo_template, tmp_path):
    path = tmp_path / "mixed.duckdb"
    shutil.copy(demo_template[0], path)
    store = Store(path)
    settings = load_settings({}, db=path, embedding_model=EMBEDDER)
    fields = {"text": "Customer wants the invoice split per household member.", "agent_id": "real.one"}
    save_note(store, fields, embedder=HashingEmbedder(DIM), redactor=default_redactor(), settings=settings)
    return path, store, settings


def test_removal_keeps_own_notes_and_is_remembered(demo_template, tmp_path) -> None:
    _, store, settings = _copy_with_own_note(demo_template, tmp_path)
    demo_before = demo_note_count(store)
    assert demo_before > 500 and note_count(store) == demo_before + 1 and not demo_was_removed(store)
    result = remove_demo_notes(store, settings)
    assert result.removed == demo_before and result.remaining == 1
    assert "1 note of your own remains" in result.message
    assert demo_note_count(store) == 0 and note_count(store) == 1 and demo_was_removed(store)
    assert result.topics_cleared and not result.needs_refit  # one note cannot hold topics
    with store.read() as con:
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM note_embeddings WHERE note_id NOT IN (SELECT id FROM notes)),"
            " (SELECT count(*) FROM note_topics WHERE note_id NOT IN (SELECT id FROM notes)),"
            " (SELECT count(*) FROM topic_runs WHERE is_current)"
        ).fetchall()[0]
    assert orphans == (0, 0, 0)
    again = remove_demo_notes(store, settings)
    assert again.removed == 0 and "no demo notes" in again.message
    store.release()


def test_cli_remove_demo(demo_template, tmp_path, capsys) -> None:
    path, store, _ = _copy_with_own_note(demo_template, tmp_path)
    demo_before = demo_note_count(store)
    store.release()
    assert insight_main(["remove-demo", "--db", str(path), "--dry-run"]) == 0
    assert f"{demo_before:,} generated demo notes would be removed" in capsys.readouterr().out
    assert insight_main(["remove-demo", "--db", str(path), "--no-refit"]) == 0
    assert f"Removed {demo_before:,} generated demo notes" in capsys.readouterr().out
    store = Store(path)
    assert demo_note_count(store) == 0 and note_count(store) == 1
    store.release()
