"""``python -m insight deliver``: send the weekly brief and emerging-need alerts now (or show them)."""

from __future__ import annotations

import argparse
import sys

from insight.cli import add_db_argument, emit
from insight.runtime import open_store
from insight.settings import load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``deliver`` subcommand."""
    deliver = subparsers.add_parser(
        "deliver",
        help="Send the weekly brief and new emerging-need alerts to e-mail, Slack and Teams.",
        description=(
            "Send one week's brief, and an alert per emerging need not alerted before (or grown materially since), "
            "to every configured channel. A message already sent to a channel is not sent again. Failed sends "
            "are recorded and retried with back-off (by this command's next run or the API server). The API "
            "server does this on its own on EARSHOT_DELIVERY_SCHEDULE."
        ),
    )
    deliver.add_argument("--week", metavar="YYYY-Www", help="ISO week (default: the latest complete week).")
    deliver.add_argument(
        "--dry-run", action="store_true", help="Print what each channel would receive; send and record nothing."
    )
    add_db_argument(deliver)
    deliver.set_defaults(handler=run_deliver)


def _rule(title: str) -> str:
    return f"\n=== {title} " + "=" * max(3, 76 - len(title)) + "\n"


def run_deliver(args: argparse.Namespace) -> int:
    """Deliver (or preview) one week; exit 1 when a delivery failed."""
    from insight.delivery import Channel, body_for, deliver, retry_due

    settings = load_settings(db=args.db)
    store = open_store(settings, must_exist=True)
    report = deliver(store, settings, args.week, dry_run=args.dry_run)
    if args.dry_run:
        out = [f"Dry run for {report.week}: {len(report.planned)} message(s); nothing was sent or recorded."]
        for name, channel in report.channels.items():
            if not isinstance(channel, Channel):
                out.append(_rule(f"{name}: not configured ({channel})"))
                continue
            for message in report.planned:
                out.append(_rule(f"{name} → {channel.recipient} · {message.kind}"))
                out.append(f"Title: {message.title}\nFormat: {channel.body_format}\n\n{body_for(message, channel)}\n")
        emit("\n".join(out) + "\n")
        return 0
    retried = retry_due(store, settings)
    lines = [f"Delivery for {report.week}:"]
    for d in [*report.attempted, *retried]:
        what = f"{d.title} → {d.channel} ({d.recipient})"
        if d.status == "sent":
            lines.append(f"  sent      {what}")
        elif d.status == "retrying":
            when = f"{d.next_attempt_at:%H:%M} UTC" if d.next_attempt_at else "soon"
            lines.append(f"  FAILED    {what}: {d.last_error} — retry {d.attempts + 1} at {when}")
        else:
            lines.append(f"  FAILED    {what}: {d.last_error} — gave up after {d.attempts} attempts")
    lines += [f"  already   {pair}" for pair in report.already]
    if not report.attempted and not report.already and not retried:
        configured = [n for n, c in report.channels.items() if isinstance(c, Channel)]
        lines.append("  nothing to send" if configured else "  no channel is configured (see --dry-run for how)")
    emit("\n".join(lines) + "\n")
    failed = [d for d in [*report.attempted, *retried] if d.status != "sent"]
    if failed:
        print(f"{len(failed)} delivery(ies) failed; see the Admin → Deliveries page.", file=sys.stderr)
        return 1
    return 0
