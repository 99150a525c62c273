"""The ingest service end to end on a real DuckDB file: one path for forms, files and batches."""

from __future__ import annotations

import csv
import json
import logging
from datetime import datetime
from pathlib import Path

import pytest

from ingest.file_import import import_file
from ingest.service import ingest_drafts, save_note
from insight.errors import InputError, NoteRejected
from insight.records import NoteDraft
from insight.store import Store

PII_NOTE = "Customer Jane Doe (jane.doe@example.com, +1 415-555-0134) wants invoices as PDF, order 4471"


def _all_text(store: Store) -> str:
    """Every string stored in the notes table, joined (to prove what is and is not on disk)."""
    with store.read() as con:
        rows = con.execute("SELECT * FROM notes").fetchall()
    return json.dumps([[str(v) for v in row] for row in rows])


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def deps(fake_embedder, redactor, settings):
    return {"embedder": fake_embedder, "redactor": redactor, "settings": settings}


def test_save_note_stores_redacted_text_only(store, deps):
    saved = save_note(store, {"text": PII_NOTE, "agent_id": "a1", "kind": "need", "channel": "phone"}, **deps)
    assert not saved.duplicate
    assert "<EMAIL>" in saved.note.text and "<PHONE>" in saved.note.text
    assert {"EMAIL", "PHONE"} <= set(saved.redactions)
    stored = _all_text(store)
    for secret in ("jane.doe@example.com", "415-555-0134", "Jane Doe"):
        assert secret not in stored
    assert "order 4471" in stored  # order numbers survive
    with store.read() as con:
        model_ids = con.execute("SELECT DISTINCT model_id FROM note_embeddings").fetchall()
    assert model_ids == [(deps["embedder"].model_id,)]


def test_invalid_note_is_rejected_with_every_problem_and_nothing_stored(store, deps):
    with pytest.raises(NoteRejected) as info:
        save_note(store, {"text": "   ", "channel": "pigeon", "created_at": "not a date"}, **deps)
    fields = {p.field for p in info.value.problems}
    assert {"text", "channel", "created_at"} <= fields
    assert "Nothing was saved" in info.value.message
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_same_note_twice_is_stored_once(store, deps):
    first = save_note(store, {"text": "Wants dark mode in the app", "agent_id": "a1"}, **deps)
    again = save_note(store, {"text": "  wants DARK mode in the app ", "agent_id": "a1"}, **deps)
    assert again.duplicate and again.note.id == first.note.id
    other_agent = save_note(store, {"text": "Wants dark mode in the app", "agent_id": "a2"}, **deps)
    assert not other_agent.duplicate


def test_import_keeps_good_rows_reports_bad_ones_and_writes_them_redacted(tmp_path, store, deps):
    path = _write_csv(
        tmp_path / "export.csv",
        ["Note", "Date", "Agent", "Channel", "Ticket ID", "Priority"],
        [
            ["Card never arrived after 3 weeks", "2025-03-03", "a1", "phone", "T-1", "high"],
            ["", "2025-03-03", "a1", "phone", "T-2", "low"],
            ["Call me on +44 20 7946 0958, app crashes on login", "2025-03-04", "a2", "chat", "T-3", ""],
            ["Wants refunds faster, email bob@corp.example", "31/31/2025", "a3", "fax", "T-4", "low"],
            ['=HYPERLINK("http://x") wants export to excel', "2025-03-05", "a1", "email", "T-5", ""],
        ],
    )
    report = import_file(path, store, **deps, source="helpdesk")
    assert (report.rows_read, report.imported, report.rejected, report.duplicates) == (5, 3, 2, 0)
    assert report.unknown_columns == ["Priority"]
    assert report.column_mapping["external_id"] == "Ticket ID"
    assert sorted({p.row for p in report.problems if p.row}) == [2, 4]
    rejected = Path(report.rejected_path).read_text(encoding="utf-8")
    assert "bob@corp.example" not in rejected and "<EMAIL>" in rejected
    assert "channel" in rejected and "created_at" in rejected
    stored = _all_text(store)
    assert "7946 0958" not in stored and "<PHONE>" in stored
    with store.read() as con:
        formula = con.execute("SELECT text FROM notes WHERE external_id = 'T-5'").fetchone()[0]
    assert formula == '=HYPERLINK("http://x") wants export to excel'  # stored verbatim; escaped on export
    with store.read() as con:
        extra = con.execute("SELECT extra->>'Priority' FROM notes WHERE external_id = 'T-1'").fetchone()[0]
    assert extra == "high"


def test_reimporting_the_same_file_adds_nothing(tmp_path, store, deps):
    path = _write_csv(
        tmp_path / "a.csv", ["text", "agent"], [[f"note about billing number {i}", "a1"] for i in range(30)]
    )
    assert import_file(path, store, **deps).imported == 30
    again = import_file(path, store, **deps)
    assert (again.imported, again.duplicates) == (0, 30)


def test_external_ids_are_unique_within_their_source(tmp_path, store, deps):
    a = _write_csv(tmp_path / "a.csv", ["id", "text"], [["1", "first system note"], ["2", "another one here"]])
    b = _write_csv(tmp_path / "b.csv", ["id", "text"], [["1", "other system, same id"], ["2", "ids collide"]])
    assert import_file(a, store, **deps, source="zendesk").imported == 2
    assert import_file(b, store, **deps, source="zendesk").duplicates == 2
    assert import_file(b, store, **deps, source="salesforce").imported == 2


def test_dry_run_stores_nothing(tmp_path, store, deps):
    path = _write_csv(tmp_path / "a.csv", ["text"], [["a fine note"], [""]])
    report = import_file(path, store, **deps, dry_run=True)
    assert (report.imported, report.rejected, report.dry_run) == (1, 1, True)
    assert report.rejected_path is None
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_header_only_file_is_a_clear_error(tmp_path, store, deps):
    path = _write_csv(tmp_path / "empty.csv", ["text", "date"], [])
    with pytest.raises(InputError) as info:
        import_file(path, store, **deps)
    assert "no data rows" in info.value.message.lower() or "header" in info.value.message.lower()


def test_original_text_never_reaches_the_log(tmp_path, store, deps, caplog):
    path = _write_csv(tmp_path / "a.csv", ["text", "date"], [[PII_NOTE, "2025-01-01"], [PII_NOTE + " again", "bad"]])
    with caplog.at_level(logging.DEBUG):
        import_file(path, store, **deps)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "jane.doe@example.com" not in logged and "415-555-0134" not in logged


def test_ingest_drafts_streams_a_generator_in_batches(store, deps):
    settings = deps["settings"].replace(import_batch_size=16)
    seen = []

    def drafts():
        for i in range(100):
            seen.append(i)
            yield NoteDraft(text=f"generated note {i} about shipping", created_at=datetime(2025, 1, 6), agent_id="g")

    stages = []
    report = ingest_drafts(
        store,
        drafts(),
        embedder=deps["embedder"],
        redactor=deps["redactor"],
        settings=settings,
        progress=lambda stage, done, total: stages.append((stage, done)),
    )
    assert report.imported == 100 and len(seen) == 100
    embedded = [done for stage, done in stages if stage == "embedding"]
    assert embedded == sorted(embedded) and embedded[-1] == 100 and len(embedded) >= 100 // 16


@pytest.mark.slow
def test_real_model_pipeline_stores_comparable_vectors(tmp_path, store, real_embedder, redactor, settings):
    path = _write_csv(
        tmp_path / "calls.csv",
        ["text", "agent"],
        [
            ["My card has not arrived yet", "a1"],
            ["Still waiting for the new card to be delivered", "a2"],
            ["How do I reset my online banking password?", "a3"],
        ],
    )
    report = import_file(path, store, embedder=real_embedder, redactor=redactor, settings=settings)
    assert report.imported == 3
    from insight.store.vectors import load_embeddings

    with store.read() as con:
        _ids, vectors = load_embeddings(con, real_embedder.model_id)
    assert real_embedder.model_id == "all-MiniLM-L6-v2" and vectors.shape == (3, 384)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2] + 0.2  # the two card-delivery notes are closer than the password one
