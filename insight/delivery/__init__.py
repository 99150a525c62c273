"""Delivery: the weekly brief and emerging-need alerts to e-mail, Slack and Teams (via apprise).

``deliver`` (also ``python -m insight deliver``) plans, sends, records and retries; the API server runs it
on ``EARSHOT_DELIVERY_SCHEDULE`` through :class:`DeliveryScheduler`.
"""

from insight.delivery.channels import Channel, SendResult, apprise_send, channel_status, configured_channels
from insight.delivery.messages import Message, alert_message, brief_message
from insight.delivery.schedule import DeliveryScheduler, latest_slot, parse_schedule, run_schedule
from insight.delivery.service import (
    Delivery,
    DeliveryOverview,
    DeliveryReport,
    body_for,
    deliver,
    delivery_log,
    delivery_overview,
    plan_messages,
    retry_due,
)

__all__ = [
    "Channel",
    "Delivery",
    "DeliveryOverview",
    "DeliveryReport",
    "DeliveryScheduler",
    "Message",
    "SendResult",
    "alert_message",
    "apprise_send",
    "body_for",
    "brief_message",
    "channel_status",
    "configured_channels",
    "deliver",
    "delivery_log",
    "delivery_overview",
    "latest_slot",
    "parse_schedule",
    "plan_messages",
    "retry_due",
    "run_schedule",
]
