"""The privacy gate: every store write path refuses unredacted text, and the attacks of issue #9 store nothing raw.

The attacks go through the real entry points (``save_note``, ``import_file``, the PM topic functions) into a real
DuckDB file; afterwards every table is read back whole and searched for the planted values.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from ingest.file_import import import_file
from ingest.service import save_note
from insight.errors import EarshotError, NoteRejected, UnredactedTextError
from insight.privacy import CleanText, synthetic_draft
from insight.records import NoteDraft
from insight.store import Store
from insight.store import notes as notes_sql
from insight.store import profiles as profiles_sql
from insight.store import topics as topics_sql
from tests import store_fixtures as fixtures
from tests.leak_check import leaked

ROOT = Path(__file__).resolve().parent.parent

STORE_DIR = ROOT / "insight" / "store"
_WRITE_SQL = re.compile(r"\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b")


def _write_functions() -> set[str]:
    """``module.function`` of every function in ``insight/store`` whose SQL writes."""
    found = set()
    for path in sorted(STORE_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            strings = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            if any(_WRITE_SQL.search(s) for s in strings):
                found.add(f"{path.stem}.{node.name}")
    return found


# Write functions that take free text: each is probed below with raw text and must refuse it.
GATED = {
    "notes.insert_notes",
    "notes.update_note_fields",
    "profiles.update_profile",
    "topics.update_topic_text",
    "imports.create_import",
    "imports.finish_import",
    "derived_text.update_text_rows",
}
# Private helpers that write free text, and the one gated function allowed to call each (checked below).
HELPERS = {"notes._insert_one": "insert_notes"}
# Write functions that take no free text a person typed, and why.
NO_FREE_TEXT = {
    "db.apply_migrations": "schema only",
    "vectors.insert_embeddings": "vectors",
    "notes.update_dedupe_keys": "hashes of gated text",
    "runs.insert_run": "run parameters and figures",
    "topics.insert_topics": "labels and keywords generated from stored (gated) note text; rescrub re-checks them",
    "placements.place_notes": "ids and scores",
    "profiles.ensure_profiles": "ids",
    "profiles.mark_ended": "ids",
    "profiles.insert_lineage": "ids, event names and overlaps",
    "runs.bump_revision": "a counter",
    "topics.merge_into": "ids, sizes and centroids",
    "vectors.delete_embeddings_except": "ids and a model id",
    "imports.restart_import": "ids, process id and host name",
    "imports.link_notes": "ids",
    "imports.delete_import_notes": "ids",
    "imports.mark_undone": "ids and a time",
    "signals.save_week": "signals built from stored (gated) notes and topic labels",
    "signals.insert_pocket": "pocket label and keywords generated from stored (gated) note text",
    "signals.extend_pocket": "ids and a week",
    "signals.mark_pocket_born": "ids",
    "deliveries.insert_delivery": "alert text built from gated topic labels and notes; recipients are admin settings",
    "deliveries.record_attempt": "the receiving server's error and a status",
    "deliveries.save_alert_state": "ids, counts and a week",
    "deliveries.claim_run": "a schedule slot and a week",
    "deliveries.finish_run": "a summary of counts",
    "tokens.insert_token": "an admin's token name, scope and hash",
    "tokens.touch_token": "an id and a time",
    "tokens.revoke_tokens": "ids, an admin's token name and a time",
    "cleanup.delete_notes_from_source": "deletes; a source name only as a filter",
    "cleanup.retire_current_run": "a flag",
    "cleanup.set_flag": "internal facts about the database (name, value)",
}


def test_every_store_write_function_is_classified() -> None:
    # A new write function fails here until it is either gated (and probed below) or shown to take no free text.
    found = _write_functions()
    unclassified = found - GATED - set(NO_FREE_TEXT) - set(HELPERS)
    assert not unclassified, f"store write functions that may bypass the redaction gate: {sorted(unclassified)}"
    assert found >= GATED, f"gated functions no longer found (renamed?): {sorted(GATED - found)}"


def test_private_write_helpers_are_called_only_by_their_gated_function() -> None:
    for helper, caller in HELPERS.items():
        module, name = helper.split(".")
        tree = ast.parse((STORE_DIR / f"{module}.py").read_text(encoding="utf-8"))
        callers = {
            fn.name
            for fn in tree.body
            if isinstance(fn, ast.FunctionDef)
            for n in ast.walk(fn)
            if isinstance(n, ast.Name) and n.id == name
        }
        assert callers == {caller}, (helper, callers)


def _count(store: Store, table: str) -> int:
    with store.read() as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def _draft(**fields) -> NoteDraft:
    return NoteDraft(**{"text": "Router drops wifi every evening", "created_at": datetime(2025, 3, 3), **fields})


@pytest.mark.parametrize(
    "field",
    ["text", "team", "product", "customer_segment", "source", "tags", "extra name", "extra value"],
)
def test_insert_notes_refuses_any_unredacted_field(store: Store, field: str) -> None:
    from insight.store.notes import insert_notes

    clean = synthetic_draft(_draft(team="Care", product="Fibre", customer_segment="Gold", tags=("wifi",)))
    raw = {
        "text": {"text": "Customer jane@example.com"},
        "team": {"team": "Team of bob@example.org"},
        "product": {"product": "Widget for bob@example.org"},
        "customer_segment": {"customer_segment": "vip"},
        "source": {"source": "import"},
        "tags": {"tags": (CleanText("vip"), "jane.doe@gmail.com")},
        "extra name": {"extra": (("jane@example.com", CleanText("x")),)},
        "extra value": {"extra": ((CleanText("note2"), "Jane Doe"),)},
    }[field]
    from dataclasses import replace

    with pytest.raises(UnredactedTextError) as info, store.transaction() as con:
        insert_notes(con, [replace(clean, **raw)], ["k1"], [()], None, None)
    assert "example" not in str(info.value) and "Jane" not in str(info.value)
    assert _count(store, "notes") == 0


def test_profile_writes_refuse_unredacted_names_and_notes(store: Store) -> None:
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        profiles_sql.update_profile(con, 7, name="Calls from John Smith")
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        profiles_sql.update_profile(con, 7, status="planned", status_note="ask jane@example.com")
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        fixtures.record_topic_profile(con, 7, name="John Smith")
    assert _count(store, "topic_profiles") == 0
    with store.transaction() as con:  # clean text and no text are fine
        profiles_sql.update_profile(con, 7, name=CleanText("Wifi drops"), owner="product")
    assert _count(store, "topic_profiles") == 1


def test_ledger_writes_refuse_unredacted_names_and_messages(store: Store) -> None:
    from insight.store import imports as imports_sql

    when = datetime(2025, 3, 3)
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        imports_sql.create_import(con, kind="file", name="jane_doe@gmail.com.csv", file_hash=None, source=None,
                                  started_at=when, pid=1, host="h")  # fmt: skip
    assert _count(store, "imports") == 0
    with store.transaction() as con:
        import_id = imports_sql.create_import(con, kind="file", name=CleanText("calls.csv"), file_hash=None,
                                              source=None, started_at=when, pid=1, host="h")  # fmt: skip
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        imports_sql.finish_import(con, import_id, status="failed", rows_read=1, duplicates=0, rejected=0,
                                  message="row 3: 'jane@example.com' is not a date", finished_at=when)  # fmt: skip


def test_rescrub_writes_refuse_unredacted_text(store: Store) -> None:
    from insight.store import derived_text

    with pytest.raises(UnredactedTextError), store.transaction() as con:
        derived_text.update_text_rows(con, "imports", ["name"], [(1, "jane.doe@gmail.com.csv")])
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        derived_text.update_text_rows(con, "trend_signals", ["payload"], [("2025-W10", 0, {"quote": "john smith"})])

    with pytest.raises(UnredactedTextError), store.transaction() as con:
        notes_sql.update_note_fields(con, [(1, {"text": "Jane Doe"})])
    with pytest.raises(UnredactedTextError), store.transaction() as con:
        topics_sql.update_topic_text(con, [(1, 1, "john smith booked", [], None)])


def test_product_code_never_marks_its_own_text_clean() -> None:
    # Only the redactor builds CleanText; fixtures mark synthetic text with synthetic_draft, never the product.
    allowed = {ROOT / "insight" / "privacy.py", ROOT / "ingest" / "redaction.py"}
    offenders = []
    for folder in ("insight", "ingest", "ui", "app_pages"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if path not in allowed and ("CleanText(" in text or "synthetic_draft(" in text):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


# ------------------------------------------------------------------------------------------------ the attacks

SECRETS = (
    "jane.doe",
    "bob@example",
    "Jane Doe",
    "jane doe",
    "john smith",
    "Baker Street",
    "NW1 6XE",
    "1984-07-14",
    "QQ 12 34 56",
    "07700",
    "900123",
    "7946",
    "1834 1908",
    "4111",
    "gmail",
    "Siobhan",
    "\u202e",
    "\u2060",
)


def _everything_stored(store: Store) -> str:
    """Every value of every table, as text, so a planted value anywhere is found."""
    with store.read() as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        rows = [row for t in tables for row in con.execute(f"SELECT * FROM {t}").fetchall()]
    return json.dumps([[str(v) for v in row] for row in rows], ensure_ascii=False)


def _leaks(text: str) -> list[str]:
    return leaked(SECRETS, text)


@pytest.fixture
def deps(fake_embedder, redactor, settings):
    return {"embedder": fake_embedder, "redactor": redactor, "settings": settings}


ATTACK_FORMS = [
    {"text": "Customer wants a refund", "tags": "vip; jane.doe@gmail.com", "product": "Widget for bob@example.org"},
    {"text": "Router resets", "team": "Care for Jane Doe", "customer_segment": "jane.doe@gmail.com"},
    {"text": "Write to jane.doe@gma\u2060il.com or j\u00ada\u200dne.doe@gmail.com about the refund"},
    {"text": "Email ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ, card ４１１１ １１１１ １１１１ １１１１"},
    {"text": "Callback 07700\u2011900\u2011123 after six"},
    {"text": "Her mobile is ٠٧٧٠٠ ٩٠٠١٢٣ she says"},
    {"text": "Bidi \u202eeod enaj\u202c trick in a note"},
    {"text": "customer jane doe called about the Vodaline bill"},
    {"text": "spoke with john smith about his Galaxy S24 order 55123"},
    {"text": "Number 07700 900123."},
    {"text": "Customer's number is 020 7946 0958"},
    {"text": "Refund to FR76 1834 1908 2386 1352 12 approved"},
    {"text": "Contact jane dot doe at gmail dot com for the invoice"},
    {"text": "Spoke with Siobhan O'Connor about Brightline fibre"},
    {"text": "Note", "extra": {"jane.doe@gmail.com": "yes", "plan": "Gold"}},
]


@pytest.mark.parametrize("fields", ATTACK_FORMS, ids=lambda f: f["text"][:30])
def test_attack_through_the_form_stores_nothing_raw(store: Store, deps, fields: dict) -> None:
    saved = save_note(store, fields, **deps)
    stored = _everything_stored(store)
    assert not _leaks(stored), _leaks(stored)
    assert saved.redactions or "\u202e" in fields["text"]  # a bidi override alone is stripped, not a placeholder
    for survivor in ("Vodaline", "Galaxy S24", "55123", "Brightline", "Gold"):
        if survivor in json.dumps(fields, ensure_ascii=False):
            assert survivor in stored


def test_attack_through_a_file_drops_personal_columns_and_says_why(store: Store, deps, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    header = ["note", "date", "customer_name", "customer_address", "dob", "ni_number", "plan_name", "jane@x.com"]
    row = ["Router drops every evening", "2025-03-03", "Jane Doe", "221B Baker Street, London NW1 6XE",
           "1984-07-14", "QQ 12 34 56 C", "Gold", "yes"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, row, ["", "2025-03-03", "Jane Doe", "", "", "", "", ""]])
    report = import_file(path, store, **deps)
    assert report.imported == 1 and report.rejected == 1
    stored = _everything_stored(store)
    assert not _leaks(stored), _leaks(stored)
    assert "Gold" in stored and "plan_name" in stored
    assert set(report.dropped_columns) == {"customer_name", "customer_address", "dob", "ni_number", "<EMAIL>"}
    assert "personal data" in report.dropped_columns["<EMAIL>"]
    assert "name" in report.dropped_columns["customer_name"]
    summary = json.dumps(report.as_dict())
    assert not _leaks(summary)
    rejected = Path(report.rejected_path).read_text(encoding="utf-8")
    assert not _leaks(rejected) and "customer_name" not in rejected


def test_a_file_named_after_a_customer_is_listed_redacted(store: Store, deps, tmp_path: Path) -> None:
    path = tmp_path / "calls from jane.doe@gmail.com.csv"
    path.write_text("note,date\nRouter drops every evening,2025-03-03\n", encoding="utf-8")
    report = import_file(path, store, **deps, source="Jane Doe's laptop")
    assert report.imported == 1
    stored = _everything_stored(store)
    assert not _leaks(stored), _leaks(stored)
    assert "calls from <EMAIL>" in stored


@pytest.mark.parametrize(
    "first_cell",
    [
        "Customer jane.doe@gmail.com rang from +44 7700 900123 about Jane Doe's bill",
        # The message shortens each "column" to 40 characters: the address must go before it is cut in two.
        "Customer called from the shop: janedoe1984@gmail.com about the bill",
    ],
)
def test_headerless_csv_error_quotes_no_cell(store: Store, deps, tmp_path: Path, first_cell: str) -> None:
    path = tmp_path / "headerless.csv"
    path.write_text(f"{first_cell},2025-03-03\nAnother note,2025-03-04\n", encoding="utf-8")
    with pytest.raises(EarshotError) as info:
        import_file(path, store, **deps)
    message = info.value.message
    assert "Columns found" in message
    assert not _leaks(message) and "janedoe1984" not in message, message


def test_the_cli_error_for_a_headerless_file_quotes_no_cell(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "headerless.csv"
    path.write_text("Customer jane.doe@gmail.com rang from +44 7700 900123,2025-03-03\nAnother,2025-03-04\n")
    out = subprocess.run(
        [sys.executable, "-m", "ingest", str(path), "--db", str(tmp_path / "x.duckdb"), "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert out.returncode == 2 and "Columns found" in out.stderr
    assert not _leaks(out.stdout + out.stderr), out.stderr


def test_form_errors_quote_no_cell(store: Store, deps) -> None:
    with pytest.raises(NoteRejected) as info:
        save_note(store, {"text": "ok note", "created_at": "jane.doe@gmail.com"}, **deps)
    assert not _leaks(str(info.value))


def test_pm_names_and_status_notes_pass_the_gate(store: Store, settings, redactor, corpus_store) -> None:
    from insight.topics import list_topics, rename_topic, set_topic_status

    topic = list_topics(corpus_store)[0].topic_id
    rename_topic(corpus_store, topic, "Calls from john smith", redactor=redactor)
    set_topic_status(corpus_store, topic, "planned", note="Ask jane.doe@gmail.com, she knows", redactor=redactor)
    stored = _everything_stored(corpus_store)
    assert not _leaks(stored), _leaks(stored)
    assert "Calls from <PERSON>" in stored


@pytest.fixture
def corpus_store(tmp_path: Path, redactor) -> Store:
    """A store with one fixture topic (no model fit needed to test PM text)."""
    store = Store(tmp_path / "pm.duckdb")
    with store.transaction() as con:
        run_id = fixtures.record_topic_run(con, datetime(2025, 3, 3), [(1, "wifi drops", ["wifi"], 3)])
        fixtures.record_topic_profile(con, 1, born_run_id=run_id)
    return store
