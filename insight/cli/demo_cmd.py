"""``python -m insight remove-demo``: take the generated demo notes out of a database (the app's Admin button)."""

from __future__ import annotations

import argparse

from insight.cli import add_db_argument, emit
from insight.demo_data import demo_note_count, remove_demo_notes
from insight.runtime import model_id_for, open_store
from insight.settings import load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``remove-demo`` subcommand."""
    parser = subparsers.add_parser(
        "remove-demo",
        help="Remove the generated demo notes (and only them), then refit topics on what is left.",
        description=(
            "Delete every note the first start generated as demo data (source 'demo'), with its vectors and "
            "topic placement; your own notes are untouched. The database is then never seeded with demo data "
            "again. Topics are refitted on the remaining notes (or cleared when too few remain)."
        ),
    )
    add_db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="Only count the demo notes.")
    parser.add_argument("--no-refit", action="store_true", help="Do not refit topics afterwards.")
    parser.set_defaults(handler=run_remove_demo)


def run_remove_demo(args: argparse.Namespace) -> int:
    """Remove the demo notes; refit unless told not to."""
    settings = load_settings(db=args.db)
    store = open_store(settings, must_exist=True)
    if args.dry_run:
        emit(f"{demo_note_count(store):,} generated demo notes would be removed.\n")
        return 0
    result = remove_demo_notes(store, settings)
    emit(result.message + "\n")
    if result.needs_refit and not args.no_refit:
        from insight.topics.refitting import refit

        emit(refit(store, settings, model_id_for(settings)).message + "\n")
    return 0
