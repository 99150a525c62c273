"""``python -m ingest rescrub``: re-run the current recognizers over everything an existing database stores."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from insight.settings import load_settings

DESCRIPTION = """\
Re-scrub an existing Earshot database with the current redaction rules.

Every stored free-text field (note text, team, product, segment, tags, extra attributes), every PM topic
name and status note passes the privacy gate again; whatever it now finds is replaced by a typed
placeholder (<PERSON>, <PHONE>, ...). Extra attributes whose name says personal data are removed.
Changed notes are re-embedded; topic labels that quoted removed words are rebuilt. Prints how many
identifiers of each type were found (never the values).
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its ``--help`` is the command's manual)."""
    parser = argparse.ArgumentParser(
        prog="python -m ingest rescrub", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", metavar="PATH", help="DuckDB file (default: $EARSHOT_DB, else data/earshot.duckdb)")
    parser.add_argument("--dry-run", action="store_true", help="count what would change; write nothing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--debug", action="store_true", help="show the full traceback when something fails")
    return parser


def run(name: str, argv: Sequence[str]) -> int:
    """Run ``rescrub`` with the arguments after the command name; 0 on success, 2 when the database cannot be used."""
    from ingest.cli import run_guarded

    args = build_parser().parse_args(argv)
    return run_guarded(lambda: _rescrub(args), debug=args.debug)


def _rescrub(args: argparse.Namespace) -> int:
    from ingest.redaction import default_redactor, keep_terms_from
    from ingest.rescrub import rescrub
    from insight.runtime import embedder_for, open_store

    settings = load_settings(db=args.db)
    store = open_store(settings, must_exist=True)
    report = rescrub(
        store,
        redactor=default_redactor(keep_terms_from(settings)),
        embedder=None if args.dry_run else embedder_for(settings),
        settings=settings,
        dry_run=args.dry_run,
    )
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return 0
    verb = "would change" if report.dry_run else "changed"
    print(f"{settings.db}")
    print(f"  notes checked          {report.notes_checked:>8,}")
    print(f"  notes {verb:<16} {report.notes_changed:>8,}")
    for kind, count in sorted(report.found.items()):
        print(f"  <{kind}> found{'':<{max(1, 14 - len(kind))}}{count:>8,}")
    for column, reason in report.dropped_columns.items():
        print(f"  attribute {column!r} removed: {reason}")
    print(f"  topic labels rebuilt   {report.topic_labels_rebuilt:>8,}")
    print(f"  PM names/notes changed {report.profiles_changed:>8,}")
    for table, count in report.derived_changed.items():
        print(f"  {table + ' rows changed':<22} {count:>8,}")
    return 0
