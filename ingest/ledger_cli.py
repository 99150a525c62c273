"""``python -m ingest imports`` and ``python -m ingest undo IMPORT_ID``: the import ledger from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from insight.records import ImportRecord
from insight.settings import load_settings


def _parser(name: str) -> argparse.ArgumentParser:
    if name == "imports":
        parser = argparse.ArgumentParser(
            prog="python -m ingest imports",
            description="List the latest imports (files, API and webhook batches), newest first: id, status, "
            "file, counts. An import still marked running whose process is gone shows as interrupted; "
            "importing the same file again resumes it.",
        )
        parser.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N imports (default 50)")
        parser.add_argument("--json", action="store_true", help="print a JSON list")
    else:
        parser = argparse.ArgumentParser(
            prog="python -m ingest undo",
            description="Remove every note an import stored, with its vectors and topic placements (notes the "
            "import skipped as duplicates belong to an earlier import and stay). The ledger keeps the import, "
            "marked undone.",
        )
        parser.add_argument("import_id", type=int, metavar="IMPORT_ID", help="the id `python -m ingest imports` shows")
    parser.add_argument("--db", metavar="PATH", help="DuckDB file (default: $EARSHOT_DB, else data/earshot.duckdb)")
    parser.add_argument("--debug", action="store_true", help="show the full traceback when something fails")
    return parser


def format_imports(records: Sequence[ImportRecord]) -> str:
    """The ledger as a plain-text table."""
    if not records:
        return "No imports yet."
    lines = [
        f"{'id':>5}  {'status':<11} {'started (UTC)':<16} {'kind':<7} {'read':>7} {'stored':>7} "
        f"{'dupes':>6} {'rejected':>8}  name"
    ]
    for r in records:
        status = "interrupted" if r.interrupted else r.status
        lines.append(
            f"{r.import_id:>5}  {status:<11} {r.started_at:%Y-%m-%d %H:%M} {r.kind:<7} {r.rows_read:>7,} "
            f"{r.imported:>7,} {r.duplicates:>6,} {r.rejected:>8,}  {r.name}" + (f" [{r.source}]" if r.source else "")
        )
        if r.message and r.status in ("failed", "complete"):
            lines.append(f"{'':>7}{r.message}")
    return "\n".join(lines)


def run(name: str, argv: Sequence[str]) -> int:
    """Run ``imports`` or ``undo`` with the arguments after the command name; return the exit status."""
    from ingest.cli import run_guarded
    from ingest.ledger import list_imports, undo_import
    from insight.runtime import open_store

    args = _parser(name).parse_args(argv)

    def work() -> int:
        settings = load_settings(db=args.db)
        store = open_store(settings)
        if name == "imports":
            records = list_imports(store, args.limit)
            if args.json:
                print(json.dumps([r.as_dict() for r in records], indent=2))
            else:
                print(format_imports(records))
            return 0
        result = undo_import(store, args.import_id)
        print(
            f"Undid import {result.record.import_id} ({result.record.name}): removed {result.notes_removed:,} "
            "notes with their vectors and topic placements. Topic sizes catch up at the next refit.",
            file=sys.stdout,
        )
        return 0

    return run_guarded(work, debug=args.debug)
