"""The delivery schedule, ``EARSHOT_DELIVERY_SCHEDULE`` such as ``MON 08:00`` (server local time).

Each scheduled moment (a *slot*) is claimed in the database before it runs, so a restart, or two servers
on one database, never send the same week twice. A slot missed while the server was down is still run
if the server comes back within a day; older ones are skipped (a Tuesday brief beats none, a brief a
week late is noise). Every poll also retries deliveries whose back-off has run out.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from insight.clock import utc_now
from insight.delivery.channels import Sender, apprise_send, configured_channels
from insight.delivery.service import deliver, retry_due
from insight.errors import EarshotError
from insight.settings import Settings
from insight.store import Store
from insight.store import deliveries as sql

log = logging.getLogger(__name__)

DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
CATCH_UP = timedelta(days=1)
_SCHEDULE_RE = re.compile(r"^\s*(MON|TUE|WED|THU|FRI|SAT|SUN|DAILY)\w*\s+(\d{1,2}):(\d{2})\s*$", re.I)


def parse_schedule(text: str) -> tuple[int | None, time] | None:
    """``MON 08:00`` → (0, 08:00); ``DAILY 07:30`` → (None, 07:30); ``off`` → ``None``.

    Raises:
        EarshotError: anything else, with an example of what is accepted.
    """
    if text.strip().lower() in ("off", "none", ""):
        return None
    match = _SCHEDULE_RE.match(text)
    if not match or int(match.group(2)) > 23 or int(match.group(3)) > 59:
        raise EarshotError(
            f"EARSHOT_DELIVERY_SCHEDULE={text!r} is not a schedule; write e.g. 'MON 08:00', 'DAILY 07:30' or 'off'.",
            title="Bad settings",
        )
    day = match.group(1).upper()[:3]
    return (None if day == "DAI" else DAYS.index(day)), time(int(match.group(2)), int(match.group(3)))


def latest_slot(schedule: tuple[int | None, time], now_local: datetime) -> datetime:
    """The most recent scheduled moment at or before ``now_local`` (naive local time)."""
    weekday, at = schedule
    candidate = datetime.combine(now_local.date(), at)
    if weekday is None:
        return candidate if candidate <= now_local else candidate - timedelta(days=1)
    candidate -= timedelta(days=(now_local.weekday() - weekday) % 7)
    return candidate if candidate <= now_local else candidate - timedelta(days=7)


def run_schedule(
    store: Store,
    settings: Settings,
    *,
    now_local: datetime | None = None,
    now_utc: datetime | None = None,
    sender: Sender = apprise_send,
) -> str | None:
    """Run the scheduled delivery if its slot is due and unclaimed, and retry due failures.

    Returns a one-line summary of a scheduled run, or ``None`` when no slot was due.
    """
    schedule = parse_schedule(settings.delivery_schedule)
    now_local = now_local or datetime.now()
    summary = None
    # With no channel configured there is nobody to send to: leave the slot unclaimed, so configuring a
    # channel later that day still gets this week's brief out.
    if schedule is not None and configured_channels(settings):
        slot = latest_slot(schedule, now_local)
        if now_local - slot <= CATCH_UP:
            key = slot.strftime("%Y-%m-%dT%H:%M")
            with store.transaction() as con:
                claimed = sql.claim_run(con, key, "", now_utc or utc_now())
            if claimed:
                report = deliver(store, settings, now=now_utc, sender=sender)
                summary = (
                    f"{report.week}: {len(report.attempted) - len(report.failed)} sent, {len(report.failed)} failed, "
                    f"{len(report.already)} sent before"
                )
                with store.transaction() as con:
                    sql.finish_run(con, key, summary)
                log.info("scheduled delivery %s: %s", key, summary)
    retry_due(store, settings, now=now_utc, sender=sender)
    return summary


class DeliveryScheduler:
    """A background thread of the API server that runs :func:`run_schedule` every ``poll_s`` seconds."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        poll_s: float = 30.0,
        sender: Sender = apprise_send,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        parse_schedule(settings.delivery_schedule)  # a bad schedule fails at start, not silently later
        self.store, self.settings, self.poll_s, self.sender, self.clock = store, settings, poll_s, sender, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="earshot-delivery", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for a run in progress to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                run_schedule(
                    self.store, self.settings, now_local=self.clock() if self.clock else None, sender=self.sender
                )
            except Exception:  # keep the server up; the log says what broke
                log.exception("scheduled delivery failed")
            self._stop.wait(self.poll_s)
