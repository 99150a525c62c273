"""Helpdesk webhook payloads → Earshot note fields (Zendesk internal comments, Intercom admin notes).

Only agents' internal notes become Earshot notes: a Zendesk comment with ``public: false`` (or
``is_public: false``) and an Intercom conversation part of type ``note`` (topic
``conversation.admin.noted``). Each maps the helpdesk's agent, team/group, channel, tags and comment id;
the comment id is the note's ``external_id`` within source ``zendesk`` / ``intercom``, so a webhook
delivered twice stores one note. The mapped fields then take the ingest path every note takes
(validation, redaction, dedupe) in :func:`ingest.batch.save_notes`.

Zendesk shapes accepted (see docs/helpdesk.md):

* an event-subscription webhook, ``type: zen:event-type:ticket.comment_added``, with ``detail`` (the
  ticket: ``id``, ``group_id``, ``tags``, ``via.channel``) and ``event.comment`` (``id``, ``body``,
  ``is_public``, ``author``);
* a trigger webhook whose JSON body is ``{"ticket": {...}, "comment": {...}}`` built from placeholders.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

ZENDESK_COMMENT_EVENT = "zen:event-type:ticket.comment_added"
INTERCOM_NOTE_TOPIC = "conversation.admin.noted"

# Helpdesk channel names → Earshot channels; anything else is "other".
ZENDESK_CHANNELS = {
    "voice": "phone",
    "phone": "phone",
    "email": "email",
    "mail": "email",
    "chat": "chat",
    "native_messaging": "chat",
    "messaging": "chat",
    "sms": "chat",
    "whatsapp": "chat",
    "line": "chat",
    "twitter": "social",
    "facebook": "social",
    "instagram": "social",
    "instagram_dm": "social",
    "x": "social",
}
INTERCOM_CHANNELS = {
    "conversation": "chat",
    "chat": "chat",
    "email": "email",
    "phone_call": "phone",
    "phone_switch": "phone",
    "sms": "chat",
    "whatsapp": "chat",
    "facebook": "social",
    "instagram": "social",
    "twitter": "social",
}


@dataclass(frozen=True)
class Mapped:
    """A webhook's outcome: note fields to save, or the reason it carries no agent note."""

    fields: dict[str, Any] | None
    ignored: str | None = None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _is_false(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() in ("false", "0", "no"))


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block tags become line breaks."""

    BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML note body (Intercom sends ``<p>…</p>``)."""
    if "<" not in fragment:
        return html.unescape(fragment)
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parts for parts in parser.parts)).strip()


def _tags(value: object) -> list[str]:
    """Tags as a list of names, from a list, a Zendesk space-separated string or Intercom's tag list."""
    if isinstance(value, Mapping):
        value = value.get("tags")
    if isinstance(value, str):
        return [t for t in re.split(r"[\s,]+", value) if t]
    if isinstance(value, list):
        out = []
        for tag in value:
            name = tag.get("name") if isinstance(tag, Mapping) else tag
            if _text(name):
                out.append(str(name).strip())
        return out
    return []


def _agent(author: object, vendor: str) -> str | None:
    if not isinstance(author, Mapping):
        return None
    email = _text(author.get("email"))
    if email:
        return email.lower()
    ident = _text(author.get("id"))
    return f"{vendor}:{ident}" if ident else None


def _epoch(value: object) -> str | None:
    if isinstance(value, int | float) and value > 0:
        return datetime.fromtimestamp(value, UTC).isoformat()
    return _text(value)


def map_zendesk(payload: object) -> Mapped:
    """Note fields from a Zendesk webhook body, or why it is ignored (public reply, other event).

    Raises:
        ValueError: the body is not a Zendesk comment payload at all (the API answers 422).
    """
    if not isinstance(payload, Mapping):
        raise ValueError("the body must be a JSON object")
    if "type" in payload and "event" in payload:  # event subscription
        if payload.get("type") != ZENDESK_COMMENT_EVENT:
            return Mapped(None, f"event {payload.get('type')!r} carries no comment")
        ticket = payload.get("detail") if isinstance(payload.get("detail"), Mapping) else {}
        event = payload.get("event") if isinstance(payload.get("event"), Mapping) else {}
        comment = event.get("comment")
        created = _text(comment.get("created_at")) if isinstance(comment, Mapping) else None
        created = created or _text(payload.get("time"))
    elif isinstance(payload.get("comment"), Mapping):  # trigger webhook with our documented body
        ticket = payload.get("ticket") if isinstance(payload.get("ticket"), Mapping) else {}
        comment = payload["comment"]
        created = _text(comment.get("created_at"))
    else:
        raise ValueError("expected a ticket.comment_added event or a {'ticket': …, 'comment': …} body")
    if not isinstance(comment, Mapping):
        raise ValueError("the comment is missing")
    public = comment.get("public", comment.get("is_public"))
    if not _is_false(public):
        return Mapped(None, "public reply to the customer, not an internal note")
    comment_id = _text(comment.get("id"))
    if comment_id is None:
        raise ValueError("the comment has no id")
    via = ticket.get("via")
    channel = via.get("channel") if isinstance(via, Mapping) else via
    team = _text(ticket.get("group")) or _text(ticket.get("group_name"))
    if team is None and _text(ticket.get("group_id")):
        team = f"zendesk-group:{ticket.get('group_id')}"
    fields: dict[str, Any] = {
        "text": html_to_text(str(comment.get("body") or comment.get("value") or "")),
        "external_id": comment_id,
        "source": "zendesk",
        "agent_id": _agent(comment.get("author"), "zendesk"),
        "team": team,
        "channel": ZENDESK_CHANNELS.get(str(channel or "").strip().lower(), "other"),
        "tags": _tags(ticket.get("tags")),
        "created_at": created,
        "extra": {k: v for k, v in {"ticket_id": _text(ticket.get("id"))}.items() if v},
    }
    return Mapped({k: v for k, v in fields.items() if v not in (None, "", [], {})} | {"text": fields["text"]})


def map_intercom(payload: object) -> Mapped:
    """Note fields from an Intercom ``conversation.admin.noted`` notification, or why it is ignored.

    Raises:
        ValueError: the body is not an Intercom notification (the API answers 422).
    """
    if not isinstance(payload, Mapping) or payload.get("type") != "notification_event":
        raise ValueError("expected an Intercom notification_event")
    topic = payload.get("topic")
    if topic != INTERCOM_NOTE_TOPIC:
        return Mapped(None, f"topic {topic!r} carries no admin note")
    data = payload.get("data")
    item = data.get("item") if isinstance(data, Mapping) else None
    if not isinstance(item, Mapping):
        raise ValueError("data.item (the conversation) is missing")
    parts_list = item.get("conversation_parts")
    parts = parts_list.get("conversation_parts") if isinstance(parts_list, Mapping) else None
    notes = [p for p in (parts or []) if isinstance(p, Mapping) and p.get("part_type") == "note"]
    if not notes:
        return Mapped(None, "the conversation carries no note part")
    note = notes[-1]  # the one just added
    part_id = _text(note.get("id"))
    if part_id is None:
        raise ValueError("the note part has no id")
    source = item.get("source")
    channel = source.get("type") if isinstance(source, Mapping) else None
    team_id = _text(item.get("team_assignee_id"))
    fields: dict[str, Any] = {
        "text": html_to_text(str(note.get("body") or "")),
        "external_id": part_id,
        "source": "intercom",
        "agent_id": _agent(note.get("author"), "intercom"),
        "team": f"intercom-team:{team_id}" if team_id and team_id != "0" else None,
        "channel": INTERCOM_CHANNELS.get(str(channel or "").strip().lower(), "chat"),
        "tags": _tags(item.get("tags")),
        "created_at": _epoch(note.get("created_at")),
        "extra": {k: v for k, v in {"conversation_id": _text(item.get("id"))}.items() if v},
    }
    return Mapped({k: v for k, v in fields.items() if v not in (None, "", [], {})} | {"text": fields["text"]})
