"""A real uvicorn server on 127.0.0.1 for API tests, and helpers to sign webhooks as the vendors do."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from api.app import create_app
from api.routes_hooks import intercom_signature, zendesk_signature
from insight.settings import Settings
from insight.store import Store
from insight.tokens import create_token


@dataclass
class LiveApi:
    """A running server: its base URL, store, settings and one token of each scope."""

    url: str
    store: Store
    settings: Settings
    ingest_token: str
    read_token: str
    app: Any

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, **kwargs)


@contextmanager
def live_api(settings: Settings, store: Store, embedder: Any, redactor: Any, **app_kwargs: Any) -> Iterator[LiveApi]:
    """Serve the real app with uvicorn on a free loopback port in a thread; stop it afterwards."""
    ingest = create_token(store, "crm", "ingest").secret
    read = create_token(store, "bi", "read").secret
    app = create_app(settings=settings, store=store, embedder=embedder, redactor=redactor, **app_kwargs)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield LiveApi(f"http://127.0.0.1:{port}", store, settings, ingest, read, app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def zendesk_headers(secret: str, body: bytes, timestamp: str) -> dict[str, str]:
    """Headers Zendesk sends with a signed webhook."""
    return {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature": zendesk_signature(secret, timestamp, body),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    }


def intercom_headers(secret: str, body: bytes) -> dict[str, str]:
    """Headers Intercom sends with a signed notification."""
    return {"Content-Type": "application/json", "X-Hub-Signature": intercom_signature(secret, body)}


def zendesk_comment_event(
    comment_id: int,
    body: str,
    *,
    public: bool = False,
    when: str = "2026-11-30T08:00:00Z",
    author_id: int = 8447388090495,
    group_id: int = 360001234567,
) -> dict[str, Any]:
    """A ``zen:event-type:ticket.comment_added`` webhook body, shaped as Zendesk documents it."""
    return {
        "account_id": 22129848,
        "detail": {
            "actor_id": str(author_id),
            "assignee_id": str(author_id),
            "brand_id": "360000123456",
            "created_at": "2026-11-29T10:12:07Z",
            "description": "Customer asks about their plan",
            "external_id": None,
            "form_id": "360000111111",
            "group_id": str(group_id),
            "id": "5158",
            "is_public": True,
            "organization_id": None,
            "priority": "NORMAL",
            "requester_id": "9000000001",
            "status": "OPEN",
            "subject": "Plan question",
            "submitter_id": "9000000001",
            "tags": ["vip", "pause_request"],
            "type": "QUESTION",
            "updated_at": when,
            "via": {"channel": "voice"},
        },
        "event": {
            "comment": {
                "id": comment_id,
                "body": body,
                "is_public": public,
                "author": {"id": author_id, "is_staff": True, "name": "Support Agent"},
            },
        },
        "id": "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52",
        "subject": "zen:ticket:5158",
        "time": when,
        "type": "zen:event-type:ticket.comment_added",
        "zendesk_event_version": "2022-11-06",
    }


def intercom_admin_noted(
    part_id: str,
    body_html: str,
    created_at: int,
    *,
    admin_email: str | None = "jo@acme.test",
    topic: str = "conversation.admin.noted",
) -> dict[str, Any]:
    """An Intercom ``conversation.admin.noted`` notification, shaped as Intercom documents it."""
    author = {"type": "admin", "id": "1957471", "name": "Jo Agent"}
    if admin_email:
        author["email"] = admin_email
    return {
        "type": "notification_event",
        "app_id": "i6wc9ipe",
        "data": {
            "type": "notification_event_data",
            "item": {
                "type": "conversation",
                "id": "21330067382",
                "created_at": created_at - 400,
                "updated_at": created_at,
                "source": {"type": "conversation", "delivered_as": "customer_initiated"},
                "team_assignee_id": "5017691",
                "conversation_parts": {
                    "type": "conversation_part.list",
                    "conversation_parts": [
                        {
                            "type": "conversation_part",
                            "id": part_id,
                            "part_type": "note",
                            "body": body_html,
                            "created_at": created_at,
                            "updated_at": created_at,
                            "notified_at": created_at,
                            "assigned_to": None,
                            "author": author,
                            "attachments": [],
                            "external_id": None,
                        }
                    ],
                    "total_count": 1,
                },
                "open": True,
                "state": "open",
                "tags": {"type": "tag.list", "tags": [{"type": "tag", "id": "81", "name": "billing"}]},
            },
        },
        "links": {},
        "id": "notif_2087a079-b2de-408b-8f30-8d56695fe2d9",
        "topic": topic,
        "delivery_status": "pending",
        "delivery_attempts": 1,
        "delivered_at": 0,
        "first_sent_at": created_at,
        "created_at": created_at,
        "self": None,
    }
