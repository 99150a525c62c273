"""The bad-input corpus: every damaged, hostile or unusual input from issue #11 and before, end to end.

Each case runs the real command (``python -m ingest`` / ``python -m insight``) on a real DuckDB file
and asserts the one-line message, the exit status, and the notes table before and after. The
compressed and huge cases run in a child process whose peak memory (``ru_maxrss``) must stay
under 300 MB. The files are generated here (see ``tests/bad_inputs.py``), never committed.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import bad_inputs as corpus
import duckdb
import pytest

from ingest.cli import main as ingest_main
from insight.cli import main as insight_main
from insight.clock import utc_now
from insight.store import Store
from insight.store.gate import release_all

REPO = Path(__file__).resolve().parent.parent
MAX_RSS_MB = 300
EMBEDDER = "hashing:32"


@pytest.fixture(autouse=True)
def _env(monkeypatch, redactor):
    for key in [k for k in os.environ if k.startswith("EARSHOT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EARSHOT_EMBEDDING_MODEL", EMBEDDER)
    monkeypatch.setattr("ingest.redaction.default_redactor", lambda *terms: redactor)  # the real one, built once
    levels = {name: logging.getLogger(name).level for name in ("insight", "ingest")}
    yield
    for name, level in levels.items():  # --debug raises them for the rest of a CLI process
        logging.getLogger(name).setLevel(level)
    release_all()


def ingest(capsys, *args: object) -> tuple[int, str, str]:
    argv = [str(a) for a in args]
    code = ingest_main(argv if argv[0] in ("imports", "undo") else [*argv, "--no-progress"])
    out, err = capsys.readouterr()
    release_all()
    return code, out, err


def insight(capsys, *args: object) -> tuple[int, str, str]:
    code = insight_main([str(a) for a in args])
    out, err = capsys.readouterr()
    release_all()
    return code, out, err


def notes(db: Path) -> list[tuple]:
    """The notes table (external id or text, created_at), or [] when there is no database."""
    if not db.exists():
        return []
    with Store(db).read() as con:
        rows = con.execute("SELECT coalesce(external_id, text), created_at FROM notes ORDER BY id").fetchall()
    release_all()
    return rows


def one_line(err: str, title: str) -> str:
    """The error output is exactly one line starting with ``error:`` and naming ``title``; no traceback."""
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert title in err, err
    assert "Traceback" not in err
    return err


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    """A database that already holds 3 notes, so "nothing changed" is visible."""
    path = tmp_path / "earshot.duckdb"
    seed = corpus.csv_file(
        tmp_path / "seed.csv",
        ["note_id", "text", "date"],
        [[f"s-{i}", f"seed note {i} about the mobile app", "2026-10-01"] for i in range(3)],
    )
    assert ingest(capsys, seed, "--db", path)[0] == 0
    return path


def child_peak_mb(args: list[str], env_extra: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Run a command in a child process; return (exit status, stderr, peak resident MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env |= {"EARSHOT_EMBEDDING_MODEL": EMBEDDER, **(env_extra or {})}
    # A child forked from pytest would count pytest's own memory in its peak: start it from a small
    # wrapper process instead, which reports its child's peak on the last line of stderr.
    wrapper = (
        "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=900,
    )
    *lines, peak_kb = done.stderr.rstrip("\n").split("\n")
    return done.returncode, "".join(line + "\n" for line in lines), int(peak_kb) / 1024


# --- files that cannot be read to the end: nothing stored, the row named ---------------------------


def test_xlsx_damaged_at_row_650_stores_nothing_and_names_the_row(tmp_path, db, capsys):
    path = corpus.workbook_damaged_at(tmp_path / "damaged.xlsx", rows=700, damaged_row=650)
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, "row 650: the sheet's XML is damaged — nothing imported")
    assert notes(db) == before
    code, out, _ = ingest(capsys, "imports", "--db", db, "--json")
    assert '"name": "damaged.xlsx"' not in out  # refused before the import began


@pytest.fixture(scope="module")
def expanding_workbook(tmp_path_factory) -> Path:
    """~5 MB on disk, 1.5 GiB of sheet XML once unpacked."""
    return corpus.workbook_expanding(tmp_path_factory.mktemp("bomb") / "expands.xlsx", 1536 * 1024 * 1024)


@pytest.mark.slow
def test_xlsx_that_expands_to_1_5_gib_is_refused_in_flat_memory(expanding_workbook, db):
    assert expanding_workbook.stat().st_size < 8_000_000
    before = notes(db)
    code, err, peak = child_peak_mb([sys.executable, "-m", "ingest", str(expanding_workbook), "--db", str(db)])
    assert code == 2
    one_line(err, "Workbook too large when unpacked")
    assert "1,536 MB" in err and "EARSHOT_IMPORT_MAX_EXPANDED_MB" in err
    assert peak < MAX_RSS_MB, peak
    assert notes(db) == before


@pytest.mark.slow
def test_raising_the_limit_still_reads_the_big_workbook_in_flat_memory(expanding_workbook, tmp_path):
    # With the unpacked-size limit lifted the rows limit refuses it, and the sheet streams meanwhile.
    code, err, peak = child_peak_mb(
        [sys.executable, "-m", "ingest", str(expanding_workbook), "--db", str(tmp_path / "x.duckdb")],
        {"EARSHOT_IMPORT_MAX_EXPANDED_MB": "4096", "EARSHOT_IMPORT_MAX_ROWS": "20000"},
    )
    assert code == 2
    one_line(err, "more than 20,000 data rows — nothing imported")
    assert peak < MAX_RSS_MB, peak
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize(
    ("build", "title"),
    [
        (corpus.workbook_entity_bomb, "declares entities or a DTD"),
        (corpus.workbook_malformed, "its XML is damaged — nothing imported"),
        (corpus.workbook_lying_sizes, "compressed data is damaged — nothing imported"),
    ],
    ids=["entity-bomb", "malformed-xml", "zip-sizes-lie"],
)
def test_hostile_workbooks_are_one_clear_line_in_flat_memory(tmp_path, db, build, title):
    path = build(tmp_path / "hostile.xlsx")
    before = notes(db)
    code, err, peak = child_peak_mb([sys.executable, "-m", "ingest", str(path), "--db", str(db)])
    assert code == 2
    one_line(err, title)
    assert peak < MAX_RSS_MB, peak
    assert notes(db) == before


@pytest.mark.slow
def test_a_huge_csv_is_read_to_the_end_in_flat_memory(tmp_path):
    path = tmp_path / "huge.csv"
    rows = corpus.big_csv(path, 200)
    probe = (
        "import sys; from ingest.plan import plan_import; from insight.settings import load_settings; "
        "plan = plan_import(sys.argv[1], load_settings()); print(plan.rows, file=sys.stderr)"
    )
    code, err, peak = child_peak_mb([sys.executable, "-c", probe, str(path)], {"EARSHOT_IMPORT_MAX_ROWS": "5000000"})
    assert code == 0, err
    assert int(err.strip()) == rows > 2_000_000
    assert peak < MAX_RSS_MB, peak


def test_too_many_rows_is_refused_before_storing(tmp_path, db, capsys, monkeypatch):
    monkeypatch.setenv("EARSHOT_IMPORT_MAX_ROWS", "100")
    path = corpus.csv_file(tmp_path / "long.csv", ["text"], [[f"note number {i} about cards"] for i in range(150)])
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, "has more than 100 data rows — nothing imported")
    assert notes(db) == before


# --- a bad row is a rejected row -------------------------------------------------------------------


def test_jsonl_row_601_with_a_20_mb_attribute_is_one_rejected_row(tmp_path, db, capsys):
    path = corpus.jsonl_with_huge_row(tmp_path / "big.jsonl", rows=700, huge_row=601, huge_bytes=20 * 1024 * 1024)
    before = notes(db)
    code, out, err = ingest(capsys, path, "--db", db)
    assert code == 0, err
    assert "rejected                   1" in out and "line 601 is longer than 1,600,000 characters" in out
    after = notes(db)
    stored = {row[0] for row in after[len(before) :]}
    assert len(stored) == 699 and "j-601" not in stored and {"j-600", "j-602", "j-700"} <= stored
    rejected = (tmp_path / "big.jsonl.rejected.csv").read_text(encoding="utf-8")
    assert "601" in rejected and "AAAA" not in rejected


def test_a_cell_over_the_limit_rejects_its_row_only(tmp_path, db, capsys):
    rows = [[f"c-{i}", f"note {i} about invoices", ""] for i in range(5)]
    rows[2][2] = "x" * 150_000
    path = corpus.csv_file(tmp_path / "wide.csv", ["id", "text", "attachment"], rows)
    code, out, _ = ingest(capsys, path, "--db", db)
    assert code == 0
    assert "row 3, attachment: holds 150,000 characters; the limit is 100,000" in out
    assert {r[0] for r in notes(db)} >= {"c-0", "c-1", "c-3", "c-4"} and "c-2" not in {r[0] for r in notes(db)}


def test_csv_with_an_unclosed_quote_rejects_that_row_and_never_merges(tmp_path, db, capsys):
    path = corpus.csv_unclosed_quote(tmp_path / "quote.csv")
    before = notes(db)
    code, out, _ = ingest(capsys, path, "--db", db)
    assert code == 0
    assert "row 2: row 2 has a double quote that never closes" in out
    texts = [r[0] for r in notes(db)[len(before) :]]
    assert texts == [
        "first note about late cards",
        "third note about the app crashing",
        "fourth note about refunds",
        'fifth note with "quoted words" inside',
    ]


def test_csv_ragged_rows_and_nul_bytes_are_reported_per_row(tmp_path, db, capsys):
    path = corpus.csv_ragged_and_nul(tmp_path / "ragged.csv")
    before = notes(db)
    code, out, _ = ingest(capsys, path, "--db", db)
    assert code == 0
    assert "row 2 has 2 cells but the header has 3" in out
    assert "row 3 has 5 cells but the header has 3" in out
    assert "row 4 contains a NUL byte" in out
    assert "rejected                   3" in out
    texts = [r[0] for r in notes(db)[len(before) :]]
    assert len(texts) == 26 and not any("callback" in t or "crash" in t or "NUL" in t for t in texts)


# --- dates decided per file ------------------------------------------------------------------------


def _days_ago(n: int) -> datetime:
    today = utc_now().replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=n)


def test_day_first_file_is_read_day_first_for_every_row(tmp_path, db, capsys):
    days = [_days_ago(n) for n in range(0, 120, 2)]  # spans several months: days above 12 decide it
    path = corpus.dated_csv(tmp_path / "uk.csv", [d.strftime("%d/%m/%Y") for d in days])
    before = notes(db)
    code, out, _ = ingest(capsys, path, "--db", db)
    assert code == 0 and "rejected                   0" in out
    assert "dates: read day-first (dd/mm/yyyy)" in out
    assert [r[1] for r in notes(db)[len(before) :]] == days


def test_mixed_day_first_and_month_first_is_refused(tmp_path, db, capsys):
    path = corpus.dated_csv(tmp_path / "mixed.csv", ["26/11/2026", "11/26/2026", "03/04/2026", "05/06/2026"])
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, "Dates in two formats")
    assert "--date-format day-first" in err
    assert notes(db) == before
    # Choosing the order imports the file; the row in the other format is rejected as a row.
    code, out, _ = ingest(capsys, path, "--db", db, "--date-format", "day-first")
    assert code == 0 and "rejected                   1" in out and "row 2, created_at" in out
    assert datetime(2026, 11, 26) in [r[1] for r in notes(db)]


def test_ambiguous_dates_are_refused_naming_date_format_then_read_as_told(tmp_path, db, capsys):
    path = corpus.dated_csv(tmp_path / "ambiguous.csv", ["03/04/2026", "05/06/2026", "01/11/2026"])
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, "Ambiguous dates")
    assert "03/04/2026 could be day-first (3 April) or month-first (4 March)" in err and "--date-format" in err
    assert notes(db) == before
    code, out, _ = ingest(capsys, path, "--db", db, "--date-format", "month-first")
    assert code == 0 and "read as month first" in out
    expected = [datetime(2026, 3, 4), datetime(2026, 5, 6), datetime(2026, 1, 11)]
    assert [r[1] for r in notes(db)[len(before) :]] == expected


def test_setting_decides_ambiguous_dates(tmp_path, db, capsys, monkeypatch):
    monkeypatch.setenv("EARSHOT_DATE_FORMAT", "day-first")
    path = corpus.dated_csv(tmp_path / "ambiguous.csv", ["03/04/2026", "05/06/2026"])
    code, _, _ = ingest(capsys, path, "--db", db)
    assert code == 0
    assert [r[1] for r in notes(db)[-2:]] == [datetime(2026, 4, 3), datetime(2026, 6, 5)]


def test_no_date_column_uses_the_import_time_and_says_so(tmp_path, db, capsys):
    path = corpus.csv_file(tmp_path / "undated.csv", ["text"], [["customer wants a paper bill"], ["asks for eSIM"]])
    started = utc_now()
    code, out, _ = ingest(capsys, path, "--db", db)
    assert code == 0 and "dates: no date column: every note is dated" in out and "the import time" in out
    assert all(started - timedelta(seconds=5) <= r[1] <= utc_now() for r in notes(db)[-2:])
    other = corpus.csv_file(tmp_path / "undated2.csv", ["text"], [["wants a refund for the double charge"]])
    code, out, _ = ingest(capsys, other, "--db", db, "--date", "2026-09-15")
    assert code == 0 and "every note is dated 2026-09-15 (--date)" in out
    assert notes(db)[-1][1] == datetime(2026, 9, 15)


# --- one clear line for every failure of every command ---------------------------------------------


def _readonly_db(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes through permissions; /sys is read-only for everyone
        return Path("/sys/earshot-test.duckdb")
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "earshot.duckdb"


def test_db_in_a_read_only_place_or_under_a_file(tmp_path, capsys):
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a note about cards"]])
    code, _, err = ingest(capsys, path, "--db", _readonly_db(tmp_path))
    assert code == 2
    one_line(err, "Cannot open the database")
    code, _, err = ingest(capsys, path, "--db", tmp_path / "a.csv" / "x.duckdb")
    assert code == 2
    one_line(err, "a.csv is a file, not a folder")


def _damage(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "truncated":
        db.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "corrupted":
        for i in range(0, len(data), 97):
            data[i] = (data[i] + 91) % 256
        db.write_bytes(bytes(data))
    else:
        db.write_bytes(b"this is not a database at all\n" * 100)


@pytest.mark.parametrize("how", ["truncated", "corrupted", "not-duckdb"])
def test_a_damaged_database_is_one_line_for_every_command(tmp_path, db, capsys, how):
    Store(db).release()
    release_all()
    _damage(db, how)
    original = db.read_bytes()
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a note about cards"]])
    runs = [
        ingest(capsys, path, "--db", db),
        insight(capsys, "export", "--db", db),
        insight(capsys, "brief", "--db", db),
        insight(capsys, "trends", "--db", db),
        insight(capsys, "topics", "--db", db),
        insight(capsys, "refit", "--db", db, "--no-progress"),
        ingest(capsys, "imports", "--db", db),
    ]
    for code, _, err in runs:
        assert code == 2, err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "Cannot open the database" in err and "Restore it from a backup" in err, err
    assert db.read_bytes() == original  # nothing was written into it


def test_debug_shows_the_traceback(tmp_path, capsys):
    db = tmp_path / "junk.duckdb"
    db.write_bytes(b"not a database\n" * 100)
    code, _, err = insight(capsys, "topics", "--db", db, "--debug")
    assert code == 2 and "Traceback" in err and err.strip().splitlines()[-1].startswith("error: Cannot open")


def test_rejected_report_path_being_a_folder_is_refused_before_storing(tmp_path, db, capsys):
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a good note about cards"], [""]])
    (tmp_path / "a.csv.rejected.csv").mkdir()
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, "a.csv.rejected.csv is a folder")
    assert notes(db) == before


def test_rejected_report_replaces_a_symlink_and_never_writes_through_it(tmp_path, db, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a good note about cards"], [""]])
    link = tmp_path / "a.csv.rejected.csv"
    link.symlink_to(victim)
    code, _, _ = ingest(capsys, path, "--db", db)
    assert code == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not link.is_symlink() and "is empty" in link.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [("export", "-o"), ("brief", "-o")])
def test_output_into_a_missing_folder_is_one_line(tmp_path, db, capsys, command):
    name, flag = command
    target = tmp_path / "missing" / "out.csv"
    code, _, err = insight(capsys, name, "--db", db, flag, target)
    assert code == 2
    one_line(err, "Folder not found")
    assert not target.parent.exists()


def test_output_through_a_symlink_replaces_the_link(tmp_path, db, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "export.csv"
    link.symlink_to(victim)
    code, _, err = insight(capsys, "export", "--db", db, "-o", link)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "precious\n" and "seed note" in link.read_text(encoding="utf-8-sig")


# --- other programs' files -------------------------------------------------------------------------


def _tables(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
    finally:
        con.close()


def test_a_database_of_another_program_is_refused_unless_adopted(tmp_path, capsys):
    other = tmp_path / "crm.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.close()
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a note about cards"]])
    code, _, err = ingest(capsys, path, "--db", other)
    assert code == 2
    one_line(err, "Not an Earshot database")
    assert "--force-adopt" in err
    assert _tables(other) == ["customers"]
    code, _, err = ingest(capsys, path, "--db", other, "--force-adopt")
    assert code == 0, err
    assert {"customers", "notes", "imports", "_migrations"} <= set(_tables(other))


def test_a_failed_migration_rolls_back_entirely(tmp_path, capsys):
    other = tmp_path / "own-notes.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE notes (body VARCHAR)")
    con.execute("INSERT INTO notes VALUES ('their own row')")
    con.close()
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a note about cards"]])
    code, _, err = ingest(capsys, path, "--db", other, "--force-adopt")
    assert code == 2
    one_line(err, "Database upgrade failed")
    assert _tables(other) == ["notes"]  # no _migrations, no half of Earshot's schema
    con = duckdb.connect(str(other), read_only=True)
    assert con.execute("SELECT * FROM notes").fetchall() == [("their own row",)]
    con.close()


def test_dry_run_on_a_new_path_creates_nothing(tmp_path, capsys):
    target = tmp_path / "new" / "earshot.duckdb"
    path = corpus.csv_file(tmp_path / "a.csv", ["text"], [["a note about cards"], [""]])
    code, out, _ = ingest(capsys, path, "--db", target, "--dry-run")
    assert code == 0 and "would import               1" in out
    assert not target.parent.exists()
    assert not (tmp_path / "a.csv.rejected.csv").exists()


def test_the_refit_lock_is_keyed_on_the_resolved_path(tmp_path):
    from insight.errors import RefitRunningError
    from insight.topics.lock import refit_lock

    real = tmp_path / "real.duckdb"
    real.touch()
    link = tmp_path / "link.duckdb"
    link.symlink_to(real)
    with refit_lock(real), pytest.raises(RefitRunningError), refit_lock(link):
        pass


# --- the earlier cases still hold ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("empty.csv", b"", "Empty file"),
        ("header.csv", b"text,date\n", "No data rows"),
        ("binary.csv", bytes(range(256)) * 20, "Not a text file"),
        ("book.csv", b"PK\x03\x04" + b"\x00" * 200, "an Excel workbook or another ZIP archive"),
        ("notes.pdf", b"%PDF-1.4", "Unsupported file type"),
        ("cols.csv", b"foo,bar\n1,2\n", "No note text column"),
        ("missing.csv", None, "File not found"),
    ],
)
def test_earlier_bad_files_are_one_clear_line_and_store_nothing(tmp_path, db, capsys, name, content, title):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = notes(db)
    code, _, err = ingest(capsys, path, "--db", db)
    assert code == 2
    one_line(err, title)
    assert notes(db) == before
