"""``GET /api/v1/topics``, ``/trends`` and ``/brief``: the same service functions the dashboard pages call."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from api.context import context, require
from insight.brief import build_brief, render_html, render_markdown
from insight.tokens import ApiToken
from insight.topics.manage import list_topics
from insight.trends import resolve_week, weekly_signals

router = APIRouter(prefix="/api/v1", tags=["insight"])
WEEK_DOC = "ISO week like 2025-W10; default: the latest complete week (or the last week with notes)."


@router.get("/topics", summary="The current topics: id, label, size, keywords, theme, owner, status")
def topics(request: Request, token: ApiToken = Depends(require("read"))) -> list[dict[str, Any]]:
    """The topics as `python -m insight topics --json` lists them, Unclear (-1) last."""
    return [dataclasses.asdict(t) for t in list_topics(context(request).store, include_unclear=True)]


@router.get("/trends", summary="Emerging, new, spiking and fading topics of one week, with their evidence")
def trends(
    request: Request,
    week: str | None = Query(None, description=WEEK_DOC),
    token: ApiToken = Depends(require("read")),
) -> dict[str, Any]:
    """One week's signals as `python -m insight trends --json` prints them."""
    ctx = context(request)
    resolved = resolve_week(ctx.store, week)
    return {"week": resolved.label, "signals": [s.as_dict() for s in weekly_signals(ctx.store, ctx.settings, resolved)]}


@router.get(
    "/brief",
    summary="The weekly brief as Markdown or self-contained HTML",
    response_class=PlainTextResponse,
    response_model=None,
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
)
def brief(
    request: Request,
    week: str | None = Query(None, description=WEEK_DOC),
    format: Literal["md", "html"] = Query("md", description="md or html"),
    token: ApiToken = Depends(require("read")),
) -> PlainTextResponse | HTMLResponse:
    """The same brief the Weekly brief page shows and `python -m insight brief` writes."""
    ctx = context(request)
    built = build_brief(ctx.store, ctx.settings, resolve_week(ctx.store, week))
    if format == "html":
        return HTMLResponse(render_html(built))
    return PlainTextResponse(render_markdown(built), media_type="text/markdown; charset=utf-8")
