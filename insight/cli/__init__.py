"""``python -m insight``: topics, trends, the brief and exports from the command line.

Each subcommand lives in its own module here and registers itself through ``register(subparsers)``;
:data:`COMMAND_MODULES` lists them in the order ``--help`` shows them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from insight.logs import configure_logging

COMMAND_MODULES: tuple[str, ...] = (
    "insight.cli.topics_cmd",
    "insight.cli.trends_cmd",
    "insight.cli.deliver_cmd",
    "insight.cli.api_cmd",
    "insight.cli.embeddings_cmd",
    "insight.cli.demo_cmd",
)

log = logging.getLogger("insight.cli")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m insight",
        description=(
            "Earshot's insight engine: fit topics, list them, export notes, find trends, write and deliver "
            "the brief, serve the HTTP API."
        ),
        epilog="Every command reads the database in --db, else $EARSHOT_DB, else data/earshot.duckdb.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not written yet
                continue
            raise
        module.register(sub)
    return parser


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--db`` and ``--debug`` flags every command shares."""
    parser.add_argument("--db", metavar="PATH", help="DuckDB file (default: $EARSHOT_DB or data/earshot.duckdb)")
    parser.add_argument("--debug", action="store_true", help="Show the full traceback when something fails.")


def emit(text: str | bytes) -> None:
    """Write to stdout; a reader that stops early (``| head``) is not an error."""
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure becomes one clear line on stderr and exit status 2 (see
    :mod:`insight.failures`; ``--debug`` adds the traceback)."""
    from insight.failures import run_guarded

    configure_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    if debug:
        logging.getLogger("insight").setLevel(logging.DEBUG)
    return run_guarded(lambda: args.handler(args), debug=debug, log=log)
