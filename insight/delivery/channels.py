"""Where messages go: e-mail (SMTP), Slack and Microsoft Teams, all sent through ``apprise``.

A channel is configured by settings alone (see the README): e-mail by ``EARSHOT_SMTP_*`` and
``EARSHOT_DELIVERY_EMAIL_TO``, Slack by an incoming-webhook URL, Teams by a Workflows webhook URL (apprise
posts an Adaptive Card to it). A channel's ``recipient`` is what the delivery log shows: the addresses,
or only the webhook's host — the rest of a webhook URL is a secret.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from insight.settings import Settings

log = logging.getLogger(__name__)

CHANNEL_NAMES: tuple[str, ...] = ("email", "slack", "teams")
SMTP_SECURITY = {"starttls": ("mailtos", "starttls"), "ssl": ("mailtos", "ssl"), "none": ("mailto", None)}


@dataclass(frozen=True)
class Channel:
    """One destination: its name, the apprise URL (secret), what the log may show, and the body format."""

    name: str
    url: str
    recipient: str
    body_format: str  # html (e-mail) · markdown (chat)

    def __repr__(self) -> str:  # never print the URL: it holds passwords and webhook signatures
        return f"Channel({self.name!r}, {self.recipient!r})"


@dataclass(frozen=True)
class SendResult:
    """How one attempt went; ``error`` says why it failed, in apprise's words."""

    ok: bool
    error: str | None = None


Sender = Callable[[Channel, str, str], SendResult]  # (channel, title, body) -> result


def _email_channel(s: Settings) -> Channel | str:
    to = [a.strip() for a in s.delivery_email_to.split(",") if a.strip()]
    if not s.smtp_host or not to:
        return "set EARSHOT_SMTP_HOST and EARSHOT_DELIVERY_EMAIL_TO"
    if s.smtp_security not in SMTP_SECURITY:
        return f"EARSHOT_SMTP_SECURITY must be starttls, ssl or none, not {s.smtp_security!r}"
    schema, mode = SMTP_SECURITY[s.smtp_security]
    login = ""
    if s.smtp_user:
        login = quote(s.smtp_user, safe="") + (":" + quote(s.smtp_password, safe="") if s.smtp_password else "") + "@"
    params = f"smtp={quote(s.smtp_host)}&from={quote(s.delivery_email_from)}&to={quote(','.join(to), safe=',@')}"
    if mode:
        params += f"&mode={mode}"
    url = f"{schema}://{login}{quote(s.smtp_host)}:{s.smtp_port}/?{params}"
    return Channel("email", url, ", ".join(to), "html")


def _webhook_recipient(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or url.split("://", 1)[0]
    return f"{host} (webhook)"


def channel_status(settings: Settings) -> dict[str, Channel | str]:
    """Every channel by name: a :class:`Channel` when configured, else a sentence saying how to configure it."""
    out: dict[str, Channel | str] = {"email": _email_channel(settings)}
    slack, teams = settings.delivery_slack_webhook.strip(), settings.delivery_teams_webhook.strip()
    for name, url in (("slack", slack), ("teams", teams)):
        out[name] = (
            Channel(name, url, _webhook_recipient(url), "markdown")
            if url
            else f"set EARSHOT_DELIVERY_{name.upper()}_WEBHOOK"
        )
    return out


def configured_channels(settings: Settings) -> list[Channel]:
    """The channels that are set up, in a fixed order (e-mail, Slack, Teams)."""
    return [c for c in channel_status(settings).values() if isinstance(c, Channel)]


def apprise_send(channel: Channel, title: str, body: str) -> SendResult:
    """Send one message through apprise; a failure comes back as a result with apprise's reason, never raised."""
    import apprise  # lazily: the CLI and dashboard import this module without sending anything

    notifier = apprise.Apprise()
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
        if not notifier.add(channel.url):
            return SendResult(False, f"apprise cannot use the {channel.name} URL; check its setting")
        fmt = apprise.NotifyFormat.HTML if channel.body_format == "html" else apprise.NotifyFormat.MARKDOWN
        try:
            ok = bool(notifier.notify(title=title, body=body, body_format=fmt))
        except Exception as exc:  # a plugin bug must not stop the other channels
            log.exception("apprise raised while sending to %s", channel.name)
            return SendResult(False, f"{type(exc).__name__}: {exc}")
        reason = " ".join(captured.getvalue().split())[-500:]
    return SendResult(True) if ok else SendResult(False, reason or f"{channel.name} refused the message")
