"""``POST /api/v1/notes`` (one note or a batch) and ``GET /api/v1/notes/search``."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.context import ApiContext, context, require
from api.errors import ApiError
from ingest.batch import BatchResult, import_notes
from insight.search import search_notes
from insight.tokens import ApiToken

router = APIRouter(prefix="/api/v1", tags=["notes"])


class NoteIn(BaseModel):
    """One note as a client posts it (the schema shown in the docs; items are validated one by one)."""

    text: str = Field(description="What the customer needed, 3–5,000 characters.")
    created_at: str | None = Field(None, description="ISO 8601; naive times are UTC. Default: now.")
    agent_id: str | None = None
    team: str | None = None
    channel: str | None = Field(None, description="phone · chat · email · social · in-person · other")
    product: str | None = None
    customer_segment: str | None = None
    kind: str | None = Field(None, description="need · complaint · idea · praise · churn-risk · upsell · other")
    source: str | None = Field(None, description="The sending system; default: the token's name.")
    tags: list[str] | str | None = None
    external_id: str | None = Field(None, description="Your id for the note: posting it again stores nothing new.")
    extra: dict[str, Any] | None = Field(None, description="Other attributes, kept with the note.")


class NotesIn(BaseModel):
    """A batch: ``{"notes": [...]}`` (a bare list or a single note object are accepted too)."""

    notes: list[NoteIn]


def _items(body: bytes, max_batch: int) -> tuple[list[Any], bool]:
    """The posted notes, and whether the body was a single note."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "Not JSON", f"The body is not valid JSON: {exc}.") from exc
    single = isinstance(payload, dict) and "notes" not in payload
    items = [payload] if single else payload.get("notes") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ApiError(422, "Bad request", 'Send one note object, a list of notes, or {"notes": [...]}.')
    if not items:
        raise ApiError(422, "Bad request", "The batch is empty.")
    if len(items) > max_batch:
        raise ApiError(
            413, "Batch too large", f"{len(items):,} notes in one request; the limit is {max_batch:,}. Split it."
        )
    return items, single


async def store_batch(ctx: ApiContext, items: list[Any], *, kind: str, name: str, source: str) -> BatchResult:
    """Store posted notes as one import of the ledger (listed and undoable like a file import)."""
    result, _ = await run_in_threadpool(
        import_notes,
        ctx.store,
        items,
        kind=kind,
        name=name,
        embedder=ctx.embedder,
        redactor=ctx.redactor,
        settings=ctx.settings,
        default_source=source,
        now=ctx.clock(),
    )
    return result


@router.post(
    "/notes",
    summary="Post one note or a batch of up to 1,000",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"oneOf": [NoteIn.model_json_schema(), NotesIn.model_json_schema()]},
                    "example": {
                        "notes": [
                            {
                                "text": "Wants to pause the plan while abroad",
                                "agent_id": "ana",
                                "channel": "phone",
                                "kind": "need",
                                "external_id": "crm-1",
                            }
                        ]
                    },
                }
            },
        }
    },
    responses={
        200: {
            "description": "One result per note: created, duplicate (with the stored note_id) or "
            "rejected (with its problems). 207-style: the good notes are stored even if some fail."
        }
    },
)
async def post_notes(request: Request, token: ApiToken = Depends(require("ingest"))) -> JSONResponse:
    """Validate, redact, dedupe and store notes exactly as a file import or the form would."""
    ctx = context(request)
    items, single = _items(await request.body(), ctx.settings.api_max_batch)
    name = f"API batch from {token.name}" if not single else f"API note from {token.name}"
    result = await store_batch(ctx, items, kind="api", name=name, source=token.name)
    body = result.as_dict()
    status = 422 if single and result.count("rejected") else 200
    return JSONResponse(body, status_code=status)


@router.get("/notes/search", summary="Notes closest in meaning to a sentence")
def search(
    request: Request,
    q: str = Query(..., max_length=1000, description="A sentence, e.g. 'customers want to pause their plan'"),
    limit: int = Query(25, ge=1, le=200),
    token: ApiToken = Depends(require("read")),
) -> dict[str, Any]:
    """The same semantic search the Explore page runs."""
    ctx = context(request)
    hits = search_notes(ctx.store, q, embedder=ctx.embedder, limit=limit)
    return {
        "query": q,
        "results": [
            {
                "note_id": h.note.id,
                "score": round(h.score, 4),
                "text": h.note.text,
                "created_at": h.note.created_at.isoformat(),
                "agent_id": h.note.agent_id,
                "team": h.note.team,
                "channel": h.note.channel,
                "product": h.note.product,
                "kind": h.note.kind,
                "source": h.note.source,
                "external_id": h.note.external_id,
                "topic_id": h.note.topic_id,
                "topic_label": h.note.topic_label,
            }
            for h in hits
        ],
    }
