"""``python -m insight trends`` and ``python -m insight brief``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta

from insight.cli import add_db_argument, emit
from insight.files import check_target, write_report
from insight.runtime import open_store
from insight.settings import Settings, load_settings
from insight.store.db import Store
from insight.trends import SIGNAL_KINDS, TrendSignal, Week, resolve_week, weekly_signals

WEEK_HELP = (
    "ISO week such as 2025-W10. Default: the latest complete week up to today or --as-of, or the last "
    "week with notes if the data ends earlier."
)


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-09") from exc


def _week_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--week", metavar="YYYY-Www", help=WEEK_HELP)
    group.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="Report on the latest week complete by this date (as if today were DATE).",
    )
    add_db_argument(parser)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``trends`` and ``brief`` subcommands."""
    trends = subparsers.add_parser(
        "trends",
        help="Emerging, new, spiking and fading topics of one week.",
        description="Signals for one ISO week (Monday–Sunday, UTC), read only from notes created up to its end.",
    )
    _week_arguments(trends)
    trends.add_argument("--json", action="store_true", help="Print the signals as a JSON list.")
    trends.add_argument("--kind", choices=SIGNAL_KINDS, action="append", help="Only these kinds (repeatable).")
    trends.add_argument(
        "--recompute",
        action="store_true",
        help="Judge the week again under today's topics and replace what was stored for it. Without it, a "
        "week judged before is shown exactly as it was signalled then.",
    )
    trends.set_defaults(handler=run_trends)

    brief = subparsers.add_parser(
        "brief",
        help="The weekly brief for leadership, as Markdown or self-contained HTML.",
        description="A one-page summary of one ISO week: headline numbers, emerging needs, movers, quotes.",
    )
    _week_arguments(brief)
    brief.add_argument("--format", choices=("md", "html"), default="md", help="Output format (default: md).")
    brief.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
    brief.set_defaults(handler=run_brief)


def _open(args: argparse.Namespace) -> tuple[Settings, Store, Week]:
    settings = load_settings(db=args.db)
    store = open_store(settings, must_exist=True)
    return settings, store, resolve_week(store, args.week, args.as_of)


def format_table(signals: list[TrendSignal], week: Week) -> str:
    """Signals as a plain-text table, one line each."""
    if not signals:
        return f"No signals for {week.label}."
    header = f"{'kind':<10} {'change':<26} {'agents':>6}  {'how sure':<38} need"
    sunday = week.end - timedelta(days=1)
    lines = [f"Signals for {week.label} ({week.monday:%a %d %b} – {sunday:%a %d %b %Y}, UTC)", header]
    for s in signals:
        where = f"(#{s.topic_id})"
        if s.scope == "pocket":
            inside = "was inside" if s.kind == "fading" else "growing inside"
            where = f"({inside} " + ", ".join(f"#{t}" for t in s.parent_topic_ids) + ")"
        lines.append(f"{s.kind:<10} {s.change:<26} {s.distinct_agents:>6}  {s.chance or '—':<38} {s.label} {where}")
    if signals and signals[0].computed_at:
        lines.append(f"As signalled on {signals[0].computed_at} UTC (--recompute judges the week again).")
    return "\n".join(lines)


def run_trends(args: argparse.Namespace) -> int:
    """Print one week's signals as a table or JSON."""
    settings, store, week = _open(args)
    signals = weekly_signals(store, settings, week, recompute=args.recompute)
    if args.kind:
        signals = [s for s in signals if s.kind in args.kind]
    if args.json:
        emit(json.dumps([s.as_dict() for s in signals], indent=2, ensure_ascii=False) + "\n")
    else:
        emit(format_table(signals, week) + "\n")
    return 0


def run_brief(args: argparse.Namespace) -> int:
    """Write the weekly brief."""
    from insight.brief import build_brief, render_html, render_markdown

    if args.output:
        check_target(args.output, "the brief")  # before the work, not after it
    settings, store, week = _open(args)
    brief = build_brief(store, settings, week)
    text = render_html(brief) if args.format == "html" else render_markdown(brief)
    if args.output:
        write_report(args.output, text, "the brief")
        print(f"Wrote the {week.label} brief to {args.output}", file=sys.stderr)
    else:
        emit(text)
    return 0
