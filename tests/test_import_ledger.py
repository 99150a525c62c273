"""The import ledger: every import is a unit that can be listed, resumed after a crash, and undone."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ingest import ledger
from ingest.cli import main as ingest_main
from ingest.file_import import import_file
from ingest.service import ingest_drafts
from insight.errors import EarshotError
from insight.privacy import CleanText
from insight.records import NoteDraft
from insight.store import Store
from insight.store import imports as imports_sql


def _csv(path: Path, rows: int, prefix: str = "n") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["note_id", "text", "agent", "date"])
        for i in range(rows):
            text = f"{prefix} customer asks about refund number {i}"
            writer.writerow([f"{prefix}-{i}", text, f"a{i % 3}", "2025-03-04"])
    return path


def _counts(store: Store) -> tuple[int, int, int, int]:
    with store.read() as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("notes", "note_embeddings", "note_topics", "import_notes")
        )  # type: ignore[return-value]


@pytest.fixture
def deps(fake_embedder, redactor, settings):
    return {"embedder": fake_embedder, "redactor": redactor, "settings": settings}


def test_a_file_import_is_one_ledger_row_with_its_counts(tmp_path, store, deps):
    path = _csv(tmp_path / "march.csv", 12)
    with path.open("a", encoding="utf-8") as f:
        f.write("bad-1,,a1,2025-03-04\n")  # an empty note: rejected
    report = import_file(path, store, **deps, source="zendesk")
    assert report.import_id is not None
    (record,) = ledger.list_imports(store)
    assert (record.import_id, record.kind, record.name, record.source, record.status) == (
        report.import_id,
        "file",
        "march.csv",
        "zendesk",
        "complete",
    )
    assert (record.rows_read, record.imported, record.duplicates, record.rejected) == (13, 12, 0, 1)
    assert record.file_hash == ledger.file_sha256(path) and len(record.file_hash) == 64
    assert _counts(store)[0] == _counts(store)[3] == 12

    again = import_file(path, store, **deps, source="zendesk")
    latest = ledger.list_imports(store)[0]
    assert latest.import_id == again.import_id != report.import_id
    assert (latest.imported, latest.duplicates, latest.status) == (0, 12, "complete")


def test_undo_removes_notes_vectors_and_placements_of_that_import_only(tmp_path, store, deps):
    first = import_file(_csv(tmp_path / "a.csv", 8, "a"), store, **deps)
    second = import_file(_csv(tmp_path / "b.csv", 5, "b"), store, **deps)
    with store.transaction() as con:  # a topic placement for every note, as a refit would leave
        con.execute(
            "INSERT INTO note_topics (note_id, topic_id, run_id, assigned_by) SELECT id, 1, 1, 'fit' FROM notes"
        )
    assert _counts(store) == (13, 13, 13, 13)

    result = ledger.undo_import(store, second.import_id)
    assert result.notes_removed == 5 and result.record.status == "undone"
    assert _counts(store) == (8, 8, 8, 8)
    with store.read() as con:
        assert {r[0] for r in con.execute("SELECT external_id FROM notes").fetchall()} == {f"a-{i}" for i in range(8)}
    with pytest.raises(EarshotError, match="already undone"):
        ledger.undo_import(store, second.import_id)
    with pytest.raises(EarshotError, match="no import 999"):
        ledger.undo_import(store, 999)
    # The wrong file imported, undone, then the right one: nothing is left over, nothing is missing.
    redo = import_file(tmp_path / "b.csv", store, **deps)
    assert redo.imported == 5 and first.import_id != redo.import_id


def test_api_batches_record_themselves_through_start_and_finish(store, deps):
    record = ledger.start_import(store, kind="api", name="POST /api/v1/notes", redactor=deps["redactor"])
    drafts = [NoteDraft(text=f"api note about invoices {i}", created_at=datetime(2025, 3, 4)) for i in range(3)]
    report = ingest_drafts(store, drafts, **deps, import_id=record.import_id)
    report.rows_read = 3
    done = ledger.finish_import(store, record.import_id, report, redactor=deps["redactor"])
    assert (done.kind, done.status, done.imported, done.rows_read) == ("api", "complete", 3, 3)
    assert ledger.undo_import(store, record.import_id).notes_removed == 3


def test_a_failure_part_way_removes_what_the_import_stored(tmp_path, store, deps, fake_embedder):
    calls = {"n": 0}

    class FailingSecondBatch:
        model_id = fake_embedder.model_id

        def embed(self, texts, progress=None):
            calls["n"] += 1
            if calls["n"] == 2:
                raise EarshotError("the model crashed", title="Embedding failed")
            return fake_embedder.embed(texts, progress=progress)

    settings = deps["settings"].replace(import_batch_size=5)
    path = _csv(tmp_path / "x.csv", 12)
    with pytest.raises(EarshotError, match="model crashed"):
        import_file(path, store, embedder=FailingSecondBatch(), redactor=deps["redactor"], settings=settings)
    assert _counts(store) == (0, 0, 0, 0)  # the first batch was committed, then taken out again
    (record,) = ledger.list_imports(store)
    assert record.status == "failed" and "model crashed" in record.message
    assert not Path(str(path) + ".rejected.csv").exists()


def test_an_interrupted_import_is_resumed_under_the_same_id(tmp_path, store, deps):
    path = _csv(tmp_path / "big.csv", 10)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    # What a kill -9 after the first batch leaves: a running row whose process is gone, 4 notes linked.
    settings = deps["settings"]
    with store.transaction() as con:
        import_id = imports_sql.create_import(
            con,
            kind="file",
            name=CleanText("big.csv"),
            file_hash=ledger.file_sha256(path),
            source=None,
            started_at=datetime(2025, 3, 4),
            pid=dead_pid,
            host=None,
        )
    first_four = [
        NoteDraft(
            text=f"n customer asks about refund number {i}",
            created_at=datetime(2025, 3, 4),
            agent_id=f"a{i % 3}",
            external_id=f"n-{i}",
            source="import",
        )
        for i in range(4)
    ]
    ingest_drafts(
        store, first_four, embedder=deps["embedder"], redactor=deps["redactor"], settings=settings, import_id=import_id
    )
    assert ledger.list_imports(store)[0].interrupted

    report = import_file(path, store, **deps)
    assert report.import_id == import_id
    assert (report.imported, report.duplicates) == (6, 4)
    (record,) = ledger.list_imports(store)
    assert (record.status, record.imported) == ("complete", 10)
    assert ledger.undo_import(store, import_id).notes_removed == 10


def test_dry_run_records_nothing(tmp_path, store, deps):
    import_file(_csv(tmp_path / "a.csv", 3), store, **deps, dry_run=True)
    assert ledger.list_imports(store) == []


def test_imports_and_undo_commands(tmp_path, db_path, capsys, monkeypatch):
    monkeypatch.setenv("EARSHOT_EMBEDDING_MODEL", "hashing:32")
    path = _csv(tmp_path / "cli.csv", 4)
    assert ingest_main([str(path), "--db", str(db_path), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "import id" in out and "python -m ingest undo 1" in out
    assert ingest_main(["imports", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert "complete" in listing and "cli.csv" in listing and listing.splitlines()[1].split()[0] == "1"
    assert ingest_main(["undo", "1", "--db", str(db_path)]) == 0
    assert "removed 4 notes" in capsys.readouterr().out
    assert ingest_main(["undo", "1", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Already undone:") and err.count("\n") == 1
    assert ingest_main(["imports", "--db", str(tmp_path / "none.duckdb")]) == 0
    assert "No imports yet" in capsys.readouterr().out
    assert not (tmp_path / "none.duckdb").exists()
    Store(db_path).release()
