"""The ``earshot`` console script: one command in front of both command sets.

``earshot ingest FILE…`` (and the other note-intake commands) runs ``python -m ingest``;
every other command (``refit``, ``topics``, ``trends``, ``brief``, ``export`` …) runs ``python -m insight``.
It lives in ``ingest`` because that is the outermost layer below the dashboard: it may import the core,
and the core must never import it. Both ``python -m`` forms stay as they are; this only forwards.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

INGEST_COMMAND = "ingest"


def _ingest_subcommands() -> tuple[str, ...]:
    """The note-intake commands that ``python -m ingest`` takes as its first word (besides files)."""
    from ingest import cli

    return tuple(getattr(cli, "SUBCOMMANDS", ()))


def _insight_commands() -> dict[str, str]:
    """``{name: one-line help}`` of every ``python -m insight`` command, as its parser lists them."""
    from insight.cli import build_parser

    parser = build_parser()
    for action in parser._actions:  # argparse keeps subcommands on a private action; there is no public API
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def usage() -> str:
    """The text of ``earshot --help``."""
    lines = [
        "usage: earshot COMMAND [ARGS…]",
        "",
        "Earshot: agents' notes in, emerging customer needs out. Every command takes --help.",
        "",
        "Getting notes in (python -m ingest):",
        f"  {INGEST_COMMAND:<12} Import notes from CSV, JSONL or XLSX exports.",
    ]
    lines += [f"  {name:<12} See: earshot {name} --help" for name in _ingest_subcommands()]
    lines += ["", "Topics, trends and the brief (python -m insight):"]
    lines += [f"  {name:<12} {text}" for name, text in _insight_commands().items()]
    lines += ["", "The dashboard: ./earshot run (or: streamlit run app.py)."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Forward ``earshot COMMAND ARGS…`` to the command set that owns COMMAND; return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(usage())
        return 0 if args else 1
    command, rest = args[0], args[1:]
    try:
        if command == INGEST_COMMAND or command in _ingest_subcommands():
            from ingest.cli import main as ingest_main

            return ingest_main(rest if command == INGEST_COMMAND else args)
        from insight.cli import main as insight_main

        return insight_main(args)
    except SystemExit as exc:  # argparse exits on --help and on bad arguments
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
