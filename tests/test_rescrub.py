"""``python -m ingest rescrub`` on a database written before the privacy gate existed (raw text inserted by SQL)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ingest.rescrub import rescrub
from insight.store import Store
from tests.leak_check import leaked

ROOT = Path(__file__).resolve().parent.parent

CUSTOMER = json.dumps({"customer_name": "Jane Doe"})
OLD_NOTES = [
    ("john smith booked an engineer for the router, john smith was happy", "Fibre", ["vip"], None),
    ("Customer Number 07700 900123. wants a callback", "Mobile", ["callback", "jane.doe@gmail.com"], None),
    ("Refund to FR76 1834 1908 2386 1352 12 approved", "Widget for bob@example.org", [], CUSTOMER),
    ("Router resets every night, order 55123, firmware 2.4.1", "Brightline Hub", ["wifi"], '{"plan": "Gold"}'),
]


def _old_database(path: Path) -> Store:
    """Rows as an Earshot without the gate stored them: raw text, a topic labelled after a customer."""
    store = Store(path)
    with store.transaction() as con:
        for i, (text, product, tags, extra) in enumerate(OLD_NOTES, start=1):
            con.execute(
                "INSERT INTO notes (id, text, created_at, product, source, tags, extra, dedupe_key) "
                "VALUES (?, ?, TIMESTAMP '2025-03-03', ?, 'import', ?::VARCHAR[], ?::JSON, ?)",
                [i, text, product, tags, extra, f"txt:{i}"],
            )
        con.execute(
            "INSERT INTO topic_runs (run_id, created_at, model_id, n_notes, n_topics, unclear_share, input_hash, "
            "is_current) VALUES (1, TIMESTAMP '2025-03-04', 'm', 4, 2, 0, 'h', TRUE)"
        )
        con.execute(
            "INSERT INTO topics (run_id, topic_id, label, keywords, size, theme_label) VALUES "
            "(1, 1, 'john smith booked', ['john smith', 'engineer', 'booked'], 2, 'john smith'), "
            "(1, 2, 'router resets', ['router', 'firmware'], 2, NULL)"
        )
        con.execute(
            "INSERT INTO topic_profiles (topic_id, name, status_note) VALUES "
            "(2, 'Router resets', 'Ask jane.doe@gmail.com for logs')"
        )
        # Text built from the old notes elsewhere: a topic summary, a pocket, a stored signal, an import name.
        con.execute("UPDATE topics SET summary = 'Notes about john smith booking engineers' WHERE topic_id = 1")
        con.execute(
            "INSERT INTO pockets (pocket_id, first_week, last_week, label, keywords, model_id, centroid, radius) "
            "VALUES (1, '2025-W10', '2025-W10', 'smith engineer visits', ['smith', 'engineer'], 'm', [1.0], 0.3)"
        )
        con.execute(
            "INSERT INTO trend_signals (week, position, kind, topic_id, payload) VALUES "
            "('2025-W10', 0, 'emerging', 1, ?)",
            [json.dumps({"label": "john smith booked", "quotes": ["john smith booked an engineer"], "count": 2})],
        )
        con.execute(
            "INSERT INTO imports (import_id, kind, name, status, started_at) VALUES "
            "(1, 'file', 'calls for jane.doe@gmail.com.csv', 'complete', TIMESTAMP '2025-03-03')"
        )
    store.release()
    return store


def _dump(store: Store) -> str:
    with store.read() as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        rows = [row for t in tables for row in con.execute(f"SELECT * FROM {t}").fetchall()]
    return json.dumps([[str(v) for v in row] for row in rows])


SECRETS = ("john", "smith", "07700", "jane", "bob@", "FR76", "1834")


def test_rescrub_cleans_an_old_database_and_refreshes_labels(tmp_path: Path, redactor, fake_embedder, settings) -> None:
    store = _old_database(tmp_path / "old.duckdb")
    dry = rescrub(store, redactor=redactor, embedder=fake_embedder, settings=settings, dry_run=True)
    assert dry.notes_changed == 3 and all(s.lower() in _dump(store).lower() for s in ("john", "07700"))
    report = rescrub(store, redactor=redactor, embedder=fake_embedder, settings=settings)
    dump = _dump(store).lower()
    assert not leaked(SECRETS, dump)
    assert report.notes_checked == 4 and report.notes_changed == 3
    assert report.found["PERSON"] >= 2 and report.found["PHONE"] == 1 and report.found["IBAN"] == 1
    assert report.found["EMAIL"] >= 2
    assert report.dropped_columns == {"customer_name": "its name says it holds a person's name"}
    assert report.topic_labels_rebuilt == 1 and report.profiles_changed == 1
    assert report.derived_changed == {"topics": 1, "pockets": 1, "trend_signals": 1, "deliveries": 0, "imports": 1}
    for survivor in ("router resets", "55123", "brightline hub", "gold", "firmware 2.4.1", "engineer", "booking"):
        assert survivor in dump
    with store.read() as con:
        label, keywords = con.execute("SELECT label, keywords FROM topics WHERE topic_id = 1").fetchall()[0]
        vectors = con.execute("SELECT count(*) FROM note_embeddings").fetchall()[0][0]
    assert label == "engineer" and keywords == ["engineer", "booked"]
    assert vectors == 3  # the changed notes were re-embedded from their new text
    again = rescrub(store, redactor=redactor, embedder=fake_embedder, settings=settings)
    assert again.notes_changed == 0 and again.topic_labels_rebuilt == 0 and not any(again.derived_changed.values())


def test_rescrub_command_reports_counts_per_type(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_database(path)
    command = [sys.executable, "-m", "ingest", "rescrub", "--db", str(path), "--dry-run", "--json"]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["dry_run"] and report["notes_changed"] == 3 and report["found"]["PHONE"] == 1
    assert "07700" not in out.stdout + out.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "ingest", "rescrub", "--db", str(tmp_path / "nope.duckdb")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert missing.returncode == 2 and "No database" in missing.stderr
