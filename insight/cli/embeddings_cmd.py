"""``python -m insight reembed`` (move a database to another embedding backend) and ``bulk`` (Ray jobs)."""

from __future__ import annotations

import argparse
import sys

from insight.cli import add_db_argument, emit
from insight.embedder import EMBEDDING_BACKENDS


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``reembed`` subcommand."""
    parser = subparsers.add_parser(
        "reembed",
        help="Embed every note again with another backend (torch or onnx-int8) or model.",
        description=(
            "Vectors are stored with the id of the model and backend that made them and never mixed. This "
            "gives every note a vector from the configured model run by --backend (default: "
            "$EARSHOT_EMBEDDING_BACKEND), in batches, resumable; then refit, and set EARSHOT_EMBEDDING_BACKEND "
            "for the dashboard and imports."
        ),
    )
    add_db_argument(parser)
    parser.add_argument("--backend", choices=EMBEDDING_BACKENDS, help="Backend to move to (default: the setting).")
    parser.add_argument("--drop-old", action="store_true", help="Afterwards delete vectors of every other model id.")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar on standard error.")
    parser.set_defaults(handler=run_reembed)

    bulk = subparsers.add_parser(
        "bulk",
        help="Bulk embedding or placement as a Ray Data job (local Ray, or $EARSHOT_RAY_ADDRESS).",
        description=(
            "embed: give every note without one a vector of the configured model and backend. place: put every "
            "note on the nearest topic of the current run. The notes go to Parquet files, Ray Data runs "
            "map_batches over them (in this process, or on the cluster at EARSHOT_RAY_ADDRESS), and the results "
            "are written back through the store. See docs/scale.md."
        ),
    )
    add_db_argument(bulk)
    bulk.add_argument("job", choices=("embed", "place"), help="What to run.")
    bulk.set_defaults(handler=run_bulk)


def run_reembed(args: argparse.Namespace) -> int:
    """Re-embed the database, with a progress bar on stderr."""
    from insight.reembed import reembed
    from insight.runtime import embedder_for, open_store
    from insight.settings import load_settings

    settings = load_settings(db=args.db, embedding_backend=args.backend)
    store = open_store(settings, must_exist=True)
    embedder = embedder_for(settings)
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=0, file=sys.stderr, unit="note", desc=f"embedding with {embedder.model_id}", leave=False)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.update(done - bar.n)

    try:
        result = reembed(store, embedder, drop_old=args.drop_old, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    emit(result.message + "\n")
    return 0


def run_bulk(args: argparse.Namespace) -> int:
    """Run a bulk Ray job and print what it did."""
    from insight.bulk import bulk_embed, bulk_place
    from insight.runtime import open_store
    from insight.settings import load_settings

    settings = load_settings(db=args.db)
    store = open_store(settings, must_exist=True)
    result = (bulk_embed if args.job == "embed" else bulk_place)(store, settings)
    emit(result.message + "\n")
    return 0
