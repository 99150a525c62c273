"""Helpdesk webhooks: ``POST /api/v1/hooks/zendesk`` and ``POST /api/v1/hooks/intercom``.

No API token here: each vendor signs its requests with a shared secret from the settings.

* Zendesk: ``X-Zendesk-Webhook-Signature`` = base64(HMAC-SHA256(secret, timestamp + body)), with the
  timestamp in ``X-Zendesk-Webhook-Signature-Timestamp`` (ISO 8601). A timestamp further than
  ``EARSHOT_WEBHOOK_MAX_AGE_S`` from now is refused, so a captured request cannot be replayed later
  (within the window, a replay is a duplicate comment id and stores nothing).
* Intercom: ``X-Hub-Signature`` = ``sha1=`` + hex(HMAC-SHA1(client secret, body)). The body's own
  ``created_at`` (signed with it) must be within the same window.

Signatures are checked on the raw bytes before the JSON is parsed, with constant-time comparison.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.context import ApiContext, context
from api.errors import ApiError
from api.routes_notes import store_batch
from ingest.helpdesk import Mapped, map_intercom, map_zendesk

router = APIRouter(prefix="/api/v1/hooks", tags=["webhooks"])


def zendesk_signature(secret: str, timestamp: str, body: bytes) -> str:
    """What Zendesk sends in ``X-Zendesk-Webhook-Signature`` for this timestamp and body."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("utf-8") + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def intercom_signature(secret: str, body: bytes) -> str:
    """What Intercom sends in ``X-Hub-Signature`` for this body."""
    return "sha1=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha1).hexdigest()


def _parse_time(value: str) -> datetime | None:
    text = value.strip()
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text), UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_fresh(ctx: ApiContext, moment: datetime | None, what: str) -> None:
    if moment is None:
        raise ApiError(401, "Unsigned request", f"The {what} is missing or unreadable.")
    now = ctx.clock().replace(tzinfo=UTC)
    age = abs((now - moment).total_seconds())
    if age > ctx.settings.webhook_max_age_s:
        raise ApiError(
            401,
            "Stale request",
            f"The request was signed {age:.0f} s from now; at most {ctx.settings.webhook_max_age_s} s is accepted "
            "(check the server clock).",
        )


def _not_configured(vendor: str, setting: str) -> ApiError:
    return ApiError(404, "Webhook not configured", f"Set {setting} to the {vendor} signing secret to turn this on.")


async def _store(ctx: ApiContext, mapped: Mapped, vendor: str) -> JSONResponse:
    if mapped.fields is None:
        return JSONResponse({"status": "ignored", "reason": mapped.ignored})
    name = f"{vendor.capitalize()} comment {mapped.fields.get('external_id')}"
    result = await store_batch(ctx, [mapped.fields], kind="webhook", name=name, source=vendor)
    item = result.items[0]
    # A rejected note (e.g. too short) answers 422, so it shows as failed in the helpdesk's webhook log.
    return JSONResponse(item.as_dict(), status_code=422 if item.status == "rejected" else 200)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "Not JSON", f"The body is not valid JSON: {exc}.") from exc


def _map(mapper: Any, payload: Any) -> Mapped:
    try:
        return mapper(payload)
    except ValueError as exc:
        message = f"Signed correctly, but not a note this endpoint understands: {exc}."
        raise ApiError(422, "Not a note", message) from exc


@router.post("/zendesk", summary="A Zendesk webhook carrying a ticket's internal comment (public: false)")
async def zendesk(request: Request) -> JSONResponse:
    """Store the internal comment as a note of its author; public replies are acknowledged and ignored."""
    ctx = context(request)
    secret = ctx.settings.zendesk_webhook_secret
    if not secret:
        raise _not_configured("Zendesk", "EARSHOT_ZENDESK_WEBHOOK_SECRET")
    ctx.limiter.check(f"zendesk:{request.client.host if request.client else '?'}")
    body = await request.body()
    signature = request.headers.get("x-zendesk-webhook-signature", "")
    timestamp = request.headers.get("x-zendesk-webhook-signature-timestamp", "")
    if not signature or not timestamp:
        raise ApiError(401, "Unsigned request", "X-Zendesk-Webhook-Signature and its timestamp header are required.")
    if not hmac.compare_digest(signature.strip(), zendesk_signature(secret, timestamp, body)):
        raise ApiError(401, "Bad signature", "The signature does not match this body and the configured secret.")
    _check_fresh(ctx, _parse_time(timestamp), "signature timestamp")
    return await _store(ctx, _map(map_zendesk, _json(body)), "zendesk")


@router.post("/intercom", summary="An Intercom notification, topic conversation.admin.noted")
async def intercom(request: Request) -> JSONResponse:
    """Store the admin note as a note of its author; other topics (and Intercom's ping) are acknowledged."""
    ctx = context(request)
    secret = ctx.settings.intercom_webhook_secret
    if not secret:
        raise _not_configured("Intercom", "EARSHOT_INTERCOM_WEBHOOK_SECRET")
    ctx.limiter.check(f"intercom:{request.client.host if request.client else '?'}")
    body = await request.body()
    signature = request.headers.get("x-hub-signature", "")
    if not signature:
        raise ApiError(401, "Unsigned request", "The X-Hub-Signature header is required.")
    if not hmac.compare_digest(signature.strip().lower(), intercom_signature(secret, body)):
        raise ApiError(401, "Bad signature", "The signature does not match this body and the configured secret.")
    payload = _json(body)
    created = payload.get("created_at") if isinstance(payload, dict) else None
    _check_fresh(ctx, _parse_time(str(created)) if created is not None else None, "notification's created_at")
    return await _store(ctx, _map(map_intercom, payload), "intercom")
