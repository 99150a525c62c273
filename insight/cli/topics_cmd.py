"""``python -m insight refit``, ``python -m insight topics`` and ``python -m insight export``."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from insight.cli import add_db_argument, emit
from insight.errors import EarshotError
from insight.runtime import embedder_for, open_store
from insight.settings import Settings, load_settings
from insight.store.db import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``refit``, ``topics`` and ``export`` subcommands."""
    refit = subparsers.add_parser(
        "refit",
        help="Fit topics on the stored notes (topic ids, names and statuses survive refits).",
        description=(
            "Fit a new topic run on every stored note and its stored embedding, match it to the previous run "
            "so that topics keep their ids, PM names, owners and statuses, and record births, merges, splits "
            "and deaths. Does nothing when no note, model or setting changed since the last run. Only one "
            "refit runs at a time per database."
        ),
    )
    add_db_argument(refit)
    refit.add_argument("--force", action="store_true", help="Refit even if nothing changed since the last run.")
    refit.add_argument("--no-progress", action="store_true", help="No progress bar on standard error.")
    refit.set_defaults(handler=run_refit)

    topics = subparsers.add_parser(
        "topics",
        help="List the current topics: id, label, size, keywords, theme.",
        description="The current run's topics, largest first, followed by the Unclear bucket (id -1).",
    )
    add_db_argument(topics)
    topics.add_argument("--json", action="store_true", help="Print a JSON list instead of a table.")
    topics.set_defaults(handler=run_topics)

    export = subparsers.add_parser(
        "export",
        help="Export every note with its metadata and topic as CSV, JSON or XLSX.",
        description=(
            "One row per note: note_id (the source's id), created_at, agent_id, team, channel, product, "
            "customer_segment, kind, source, tags, text (redacted), topic_id and topic_label. Cells that a "
            "spreadsheet would run as formulas are prefixed with a quote."
        ),
    )
    add_db_argument(export)
    export.add_argument(
        "--format", choices=("csv", "json", "xlsx"), help="Output format (default: from -o's suffix, else csv)."
    )
    export.add_argument("-o", "--output", metavar="FILE", help="Write to FILE (required for xlsx; default stdout).")
    export.set_defaults(handler=run_export)


def _open(args: argparse.Namespace) -> tuple[Settings, Store]:
    settings = load_settings(db=args.db)
    return settings, open_store(settings, must_exist=True)


def run_refit(args: argparse.Namespace) -> int:
    """Refit topics, with a progress bar on stderr."""
    from insight.topics.refitting import REFIT_STEPS, refit

    settings, store = _open(args)
    embedder = embedder_for(settings)  # loads its model only to judge topic names by meaning
    model_id = embedder.model_id
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=REFIT_STEPS, file=sys.stderr, bar_format="{desc:<45} {bar} {elapsed}", leave=False)

    def progress(stage: str, done: int, total: int) -> None:
        if bar is not None:
            bar.set_description_str(stage, refresh=False)
            bar.update(max(0, done - 1 - bar.n))  # the bar fills as each stage ends

    try:
        result = refit(store, settings, model_id, progress=progress, force=args.force, embedder=embedder)
    finally:
        if bar is not None:
            bar.close()
    emit(result.message + "\n")
    return 0


def run_topics(args: argparse.Namespace) -> int:
    """Print the current topics as a table or JSON."""
    from insight.topics.manage import list_topics

    _, store = _open(args)
    topics = list_topics(store, include_unclear=True)
    if args.json:
        emit(json.dumps([dataclasses.asdict(t) for t in topics], indent=2, ensure_ascii=False) + "\n")
        return 0
    if not topics:
        emit("No topics yet: run `python -m insight refit` once notes are in.\n")
        return 0
    from insight.theme_view import NO_THEME

    lines = [f"{'id':>5} {'size':>6} {'share':>6}  {'label':<32} {'theme':<20} keywords"]
    for t in topics:
        # A topic like no other is in no theme; say so as the dashboard does (not a blank cell). Unclear has none.
        theme = t.theme_label or ("" if t.topic_id < 0 else NO_THEME)
        lines.append(
            f"{t.topic_id:>5} {t.size:>6} {t.share:>6.1%}  {t.label[:32]:<32} {theme[:20]:<20} "
            + ", ".join(t.keywords[:4])
        )
    emit("\n".join(lines) + "\n")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export notes with their topics."""
    from insight.export import notes_export_frame, table_bytes, write_table
    from insight.files import check_target

    if args.output:
        check_target(args.output, "the export")  # before the work, not after it
    _, store = _open(args)
    frame = notes_export_frame(store)
    fmt = args.format
    if args.output:
        write_table(frame, args.output, fmt)
        print(f"Wrote {len(frame)} notes to {args.output}.", file=sys.stderr)
        return 0
    if (fmt or "csv") == "xlsx":
        raise EarshotError("XLSX is binary: give a file name with -o notes.xlsx.", title="Cannot write XLSX here")
    data = table_bytes(frame, fmt or "csv")
    emit(data)
    return 0
