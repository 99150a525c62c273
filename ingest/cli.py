"""``python -m ingest FILE…``: import agents' notes from CSV, JSONL or XLSX exports."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from insight.logs import configure_logging
from insight.records import IngestReport
from insight.settings import load_settings

log = logging.getLogger("ingest.cli")

DESCRIPTION = """\
Import agents' notes from helpdesk or CRM exports (CSV, JSONL or XLSX).

Each row is validated, redacted of personal data (emails, phones, cards, IBANs, SSNs, IPs, names),
embedded with the configured model, de-duplicated and stored. Column names are matched
case-insensitively with common aliases (note/body/comment/description -> text,
date/timestamp/created -> created_at, note_id/id/external_id -> the note's external id, ...);
columns Earshot does not know are kept as extra attributes and listed in the summary.
Rows that cannot be used are reported with their row number and reason, and written (redacted)
to <input>.rejected.csv. Re-importing the same file adds nothing.
"""

EPILOG = """\
other commands:
  python -m ingest imports [--json]     list the imports (id, status, file, counts), newest first
  python -m ingest undo IMPORT_ID       remove the notes an import stored (vectors and placements too)
  python -m ingest rescrub [--dry-run]  re-check everything a database stores with the current redaction

exit status:
  0  every file was processed (some rows may have been rejected: see the summary)
  2  bad command-line arguments; a file could not be read to the end (nothing of it was stored), has
     no text column or no valid row; or the database cannot be used. One line on stderr says what to do

examples:
  python -m ingest exports/zendesk-march.csv --source zendesk
  python -m ingest notes.jsonl more.xlsx --dry-run
  python -m ingest uk-calls.csv --date-format day-first
  EARSHOT_DB=/srv/earshot.duckdb python -m ingest calls.csv --json
"""

# ``python -m ingest NAME …`` runs another command instead of importing files (name -> module with run()).
SUBCOMMANDS: dict[str, str] = {
    "imports": "ingest.ledger_cli",
    "undo": "ingest.ledger_cli",
    "rescrub": "ingest.rescrub_cli",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its ``--help`` is the command's manual)."""
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path, help="CSV, JSONL or XLSX files to import")
    parser.add_argument("--db", metavar="PATH", help="DuckDB file (default: $EARSHOT_DB, else data/earshot.duckdb)")
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="name of the system the notes come from (e.g. zendesk); external ids are unique within a "
        "source. Default: the file's own source column, else 'import'.",
    )
    parser.add_argument("--dry-run", action="store_true", help="validate and count only; store nothing")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON (one object per file)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument(
        "--date-format",
        metavar="ORDER",
        help="how to read dates like 03/04/2025: day-first, month-first, or a strptime pattern such as "
        "%%d/%%m/%%Y. Default: $EARSHOT_DATE_FORMAT, else decided from all of the file's dates (a file "
        "where no date decides it is refused).",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="date for notes that have none (no date column, or an empty cell). Default: the import time.",
    )
    parser.add_argument(
        "--force-adopt",
        action="store_true",
        help="add Earshot's tables to a DuckDB file that already holds another program's tables",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback when something fails")
    return parser


def _print_summary(report: IngestReport, out=None) -> None:
    out = out or sys.stdout
    verb = "would import" if report.dry_run else "imported"
    print(f"{report.source_name}", file=out)
    print(f"  rows read           {report.rows_read:>8,}", file=out)
    print(f"  {verb:<19} {report.imported:>8,}", file=out)
    print(f"  duplicates skipped  {report.duplicates:>8,}", file=out)
    print(f"  rejected            {report.rejected:>8,}", file=out)
    if report.import_id is not None:
        undo = f"(undo: python -m ingest undo {report.import_id})"
        print(f"  import id           {report.import_id:>8}   {undo}", file=out)
    if report.date_note:
        print(f"  dates: {report.date_note}", file=out)
    if report.redacted_notes:
        print(f"  notes with personal data removed {report.redacted_notes:,}", file=out)
    if report.unknown_columns:
        print(f"  extra columns kept as attributes: {', '.join(report.unknown_columns)}", file=out)
    for column, reason in report.dropped_columns.items():
        print(f"  column {column!r} not stored: {reason}", file=out)
    row_problems = [p for p in report.problems if p.row is not None]
    notes = [p for p in report.problems if p.row is None]
    for p in notes:
        print(f"  note: {p.message}", file=out)
    if row_problems:
        print("  rejected rows:", file=out)
        for p in row_problems[:20]:
            print(f"    {p}", file=out)
        if len(row_problems) > 20:
            print(f"    … and {len(row_problems) - 20:,} more", file=out)
    if report.rejected_path:
        print(f"  rejected rows written to {report.rejected_path}", file=out)
    print(f"  took {report.seconds:.1f} s", file=out)


class _Bar:
    """A tqdm progress bar on stderr, driven by the service's progress callback."""

    def __init__(self, enabled: bool, name: str) -> None:
        self._bar = None
        self._enabled = enabled
        self._name = name

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled or stage != "embedding":
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(desc=f"embedding {self._name}", unit=" notes", file=sys.stderr, leave=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run_guarded(work, *, debug: bool = False) -> int:
    """Run a command body with the one-clear-line error handling of :mod:`insight.failures`."""
    from insight.failures import run_guarded as guarded

    if debug:
        logging.getLogger("ingest").setLevel(logging.DEBUG)
        logging.getLogger("insight").setLevel(logging.DEBUG)
    return guarded(work, debug=debug, log=log)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the import (or ``imports`` / ``undo``); returns the exit status (see ``--help``)."""
    configure_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        import importlib

        return importlib.import_module(SUBCOMMANDS[argv[0]]).run(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    return run_guarded(lambda: _import_files(args), debug=args.debug)


def _parse_date(text: str | None):  # -> datetime | None
    if not text:
        return None
    from ingest.timestamps import parse_created_at

    moment = parse_created_at(text)
    if moment is None or not hasattr(moment, "year"):
        from insight.errors import InputError

        raise InputError(f"--date {text!r} is not a date; write it like 2025-03-04.", title="Bad --date")
    return moment


def _plan(plan_import, path: Path, settings):  # -> ImportPlan
    """Plan an import. Column names a message quotes (a headerless file's "names" are its first row of notes) pass
    the redactor, loaded only then: a file refused for its size or shape is still refused before any model loads
    (the readers' own messages quote no cell)."""
    from ingest.privacy_gate import scrub_message
    from ingest.redaction import default_redactor, keep_terms_from

    return plan_import(
        path, settings, describe=lambda cell: scrub_message(default_redactor(keep_terms_from(settings)), cell)
    )


def _import_files(args: argparse.Namespace) -> int:
    settings = load_settings(db=args.db, date_format=args.date_format)
    default_date = _parse_date(args.date)
    from ingest.file_import import import_file
    from ingest.plan import plan_import
    from ingest.redaction import default_redactor, keep_terms_from
    from insight.runtime import embedder_for, open_store

    store = open_store(settings, adopt=args.force_adopt)
    embedder = embedder_for(settings)
    redactor = None
    status = 0
    reports = []
    for path in args.files:
        bar = _Bar(enabled=not args.no_progress and sys.stderr.isatty(), name=path.name)
        try:
            # Read the whole file first: a file that will be refused is refused before the redactor
            # (hundreds of MB of language models) is even loaded.
            plan = _plan(plan_import, path, settings)
            redactor = redactor or default_redactor(keep_terms_from(settings))
            report = import_file(
                path,
                store,
                embedder=embedder,
                redactor=redactor,
                settings=settings,
                source=args.source,
                dry_run=args.dry_run,
                progress=bar,
                default_date=default_date,
                plan=plan,
            )
        except Exception as exc:
            from insight.failures import explain

            log.debug("import of %s failed", path, exc_info=True)
            if args.debug:
                import traceback

                traceback.print_exc()
            error = explain(exc)
            print(f"error: {path.name}: {error.title}: {error.message}", file=sys.stderr)
            status = 2
            continue
        finally:
            bar.close()
        reports.append(report)
        if report.imported == 0 and report.duplicates == 0:
            print(
                f"error: {path.name}: no valid row ({report.rejected:,} rejected). See "
                f"{report.rejected_path or 'the problems below'} for the reasons.",
                file=sys.stderr,
            )
            status = 2
        if not args.json:
            _print_summary(report)
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    return status
