"""Deliver the weekly brief and emerging-need alerts, record every attempt, retry failures with back-off.

``deliver`` plans the week's messages (the brief, and an alert per emerging need that was never alerted
or has grown to ``EARSHOT_ALERT_REGROWTH`` × its size at the last alert), sends each to every configured
channel once — a (message, channel) pair already recorded is never sent again — and records what was
sent, to whom, when and how it went. A failed send is kept as ``retrying`` with its next attempt
``EARSHOT_DELIVERY_RETRY_S`` × 2ⁿ later; after ``EARSHOT_DELIVERY_MAX_ATTEMPTS`` it is ``failed`` and stays
on the Admin page and in the command's exit status. Nothing is dropped silently.

Sending happens outside the database lock; each record is one short transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from insight.brief import build_brief
from insight.clock import utc_now
from insight.delivery.channels import Channel, Sender, SendResult, apprise_send, channel_status, configured_channels
from insight.delivery.messages import Message, alert_message, brief_message, need_key
from insight.settings import Settings
from insight.store import Store
from insight.store import deliveries as sql
from insight.store import signals as signals_sql
from insight.trends import TrendSignal, resolve_week, topic_catalogue, weekly_signals
from insight.trends.volume import WeekLike

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """One message to one channel, as recorded."""

    id: int
    kind: str
    subject_key: str
    week: str
    topic_id: int | None
    channel: str
    recipient: str
    title: str
    body: str
    body_format: str
    status: str  # pending · sent · retrying · failed
    attempts: int
    last_error: str | None
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    sent_at: datetime | None


@dataclass
class DeliveryReport:
    """What one ``deliver`` run did (or, for a dry run, would do)."""

    week: str
    dry_run: bool
    planned: list[Message] = field(default_factory=list)
    channels: dict[str, Channel | str] = field(default_factory=dict)
    attempted: list[Delivery] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # "brief:2025-W10 → email" pairs sent before

    @property
    def failed(self) -> list[Delivery]:
        """Deliveries of this run that did not get through (yet)."""
        return [d for d in self.attempted if d.status != "sent"]


def plan_messages(store: Store, settings: Settings, week: WeekLike) -> list[Message]:
    """The week's brief, then an alert per emerging need that is new or has grown materially since its alert.

    Topics of one theme that are due in the same week share one alert, led by the strongest.
    """
    brief = build_brief(store, settings, week)
    messages = [brief_message(brief, settings.public_url)]
    with store.read() as con:
        states = sql.alert_states(con)
        born = signals_sql.pocket_topics(con)
    themes = {t.topic_id: t.theme for t in topic_catalogue(store).values() if t.theme}
    due: dict[tuple[str, object], list[tuple[TrendSignal, str, int | None]]] = {}
    for n, signal in enumerate(weekly_signals(store, settings, week)):
        if signal.kind != "emerging":
            continue
        key = need_key(signal, born)  # a pocket is its own need, not its parent topic
        last = states.get(key)
        if last is None:
            previous = None
        elif signal.week != last[1] and signal.count >= last[0] * settings.alert_regrowth:
            previous = last[0]
        else:
            continue
        # Topics of one theme due together are one alert (the strongest first): one surge split over
        # sibling topics sent an alert for each.
        theme = themes.get(signal.topic_id) if key.startswith("topic:") else None
        due.setdefault(("theme", theme) if theme else ("alone", n), []).append((signal, key, previous))
    for (lead, key, previous), *siblings in due.values():
        also = [(s, k) for s, k, _ in siblings]
        messages.append(alert_message(lead, settings.public_url, previous_count=previous, key=key, also=also))
    return messages


def body_for(message: Message, channel: Channel) -> str:
    """The form of ``message`` a channel receives (HTML for e-mail, Markdown for chat)."""
    return message.html if channel.body_format == "html" else message.markdown


def _attempt(
    store: Store, settings: Settings, delivery: Delivery, channel: Channel | None, sender: Sender, now: datetime
) -> Delivery:
    """Send one recorded delivery and record the outcome (sent, retrying with back-off, or failed)."""
    if channel is None:
        result = SendResult(False, f"the {delivery.channel} channel is no longer configured")
    else:
        try:
            result = sender(channel, delivery.title, delivery.body)
        except Exception as exc:  # a sender must never take the scheduler down
            log.exception("sending delivery %s failed", delivery.id)
            result = SendResult(False, f"{type(exc).__name__}: {exc}")
    attempts = delivery.attempts + 1
    if result.ok:
        status, next_at = "sent", None
    elif attempts >= settings.delivery_max_attempts or channel is None:
        status, next_at = "failed", None
        log.error(
            "delivery %s (%s to %s) failed for good: %s", delivery.id, delivery.title, delivery.channel, result.error
        )
    else:
        status = "retrying"
        next_at = now + timedelta(seconds=settings.delivery_retry_s * 2 ** (attempts - 1))
        log.warning(
            "delivery %s to %s failed (attempt %d), retrying at %s: %s",
            delivery.id,
            delivery.channel,
            attempts,
            next_at,
            result.error,
        )
    with store.transaction() as con:
        sql.record_attempt(con, delivery.id, status=status, error=result.error, now=now, next_attempt_at=next_at)
        row = sql.get_delivery(con, delivery.id)
    return Delivery(*row)


def deliver(
    store: Store,
    settings: Settings,
    week: WeekLike | None = None,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    sender: Sender = apprise_send,
) -> DeliveryReport:
    """Send the week's brief and alerts to every configured channel (see the module docstring).

    Args:
        store: the database.
        settings: channels, schedule, alert and retry settings.
        week: the ISO week; default the latest complete week (as ``python -m insight brief``).
        dry_run: plan and render only; nothing is sent or recorded.
        now: the clock, for tests.
        sender: sends one message to one channel (apprise by default; tests pass a recorder).

    Returns:
        A :class:`DeliveryReport`; ``failed`` lists what did not get through (it will be retried).
    """
    now = now or utc_now()
    resolved = resolve_week(store, week)
    report = DeliveryReport(week=resolved.label, dry_run=dry_run, channels=channel_status(settings))
    report.planned = plan_messages(store, settings, resolved)
    if dry_run:
        return report
    channels = configured_channels(settings)
    with store.read() as con:
        done = sql.delivered_keys(con, [m.subject_key for m in report.planned])
    for message in report.planned:
        recorded = False
        for channel in channels:
            if (message.subject_key, channel.name) in done:
                report.already.append(f"{message.subject_key} → {channel.name}")
                continue
            with store.transaction() as con:
                delivery_id = sql.insert_delivery(
                    con,
                    kind=message.kind,
                    subject_key=message.subject_key,
                    week=message.week,
                    topic_id=message.topic_id,
                    channel=channel.name,
                    recipient=channel.recipient,
                    title=message.title,
                    body=body_for(message, channel),
                    body_format=channel.body_format,
                    now=now,
                )
                pending = Delivery(*sql.get_delivery(con, delivery_id))
            report.attempted.append(_attempt(store, settings, pending, channel, sender, now))
            recorded = True
        if message.kind == "alert" and recorded and message.need_key is not None and message.count is not None:
            with store.transaction() as con:
                for key, count in ((message.need_key, message.count), *message.also_states):
                    sql.save_alert_state(con, key, count, message.week, now)
    return report


def retry_due(
    store: Store, settings: Settings, *, now: datetime | None = None, sender: Sender = apprise_send
) -> list[Delivery]:
    """Retry every delivery whose back-off has run out; return them as they now stand."""
    now = now or utc_now()
    with store.read() as con:
        due = [Delivery(*r) for r in sql.due_retries(con, now)]
    if not due:
        return []
    channels = {c.name: c for c in configured_channels(settings)}
    return [_attempt(store, settings, d, channels.get(d.channel), sender, now) for d in due]


def delivery_log(store: Store, limit: int = 200) -> list[Delivery]:
    """The latest deliveries, newest first (for the Admin page)."""
    if not store.exists():
        return []
    with store.read() as con:
        return [Delivery(*r) for r in sql.recent_deliveries(con, limit)]


@dataclass(frozen=True)
class DeliveryOverview:
    """What the Admin → API & deliveries page shows: channels, the schedule, deliveries, runs, tokens."""

    channels: dict[str, Channel | str]
    schedule: str
    deliveries: list[Delivery]
    runs: list[tuple]  # (slot, week, ran_at, summary)
    tokens: list  # insight.tokens.ApiToken

    @property
    def failed(self) -> list[Delivery]:
        """Deliveries that gave up or wait for a retry."""
        return [d for d in self.deliveries if d.status in ("failed", "retrying")]


def delivery_overview(store: Store, settings: Settings, limit: int = 200) -> DeliveryOverview:
    """Everything the admin page needs, in one read."""
    from insight.tokens import list_tokens

    if not store.exists():
        return DeliveryOverview(channel_status(settings), settings.delivery_schedule, [], [], [])
    with store.read() as con:
        runs = sql.last_runs(con)
    return DeliveryOverview(
        channels=channel_status(settings),
        schedule=settings.delivery_schedule,
        deliveries=delivery_log(store, limit),
        runs=runs,
        tokens=list_tokens(store),
    )
