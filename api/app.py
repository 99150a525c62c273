"""The FastAPI application: routes, error translation, size limits. Build it with :func:`create_app`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI

from api import routes_hooks, routes_insight, routes_notes
from api.context import ApiContext
from api.errors import install_handlers
from api.limits import BodyLimit
from insight.clock import utc_now
from insight.embedder import Embedder
from insight.settings import Settings
from insight.store import Store

DESCRIPTION = """
Notes in from the systems agents already write in, insight out to the tools leaders already read.

* **Tokens**: every `/api/v1` route but the webhooks needs `Authorization: Bearer <token>`; create one with
  `python -m insight tokens create --name NAME --scope ingest|read`. An `ingest` token posts notes, a
  `read` token reads topics, trends, the brief and search.
* **Webhooks** (`/api/v1/hooks/…`) are signed by the helpdesk instead; see docs/helpdesk.md.
* Errors are `{"error": {"title", "message"}}`: 401/403 for a missing or wrong token, 413 for a body or batch
  too large, 422 for a note that cannot be stored, 429 with `Retry-After` when a client goes too fast.
"""


def create_app(
    *,
    settings: Settings,
    store: Store,
    embedder: Embedder,
    redactor: Any,
    clock: Callable[[], datetime] = utc_now,
    on_startup: Callable[[], None] | None = None,
    on_shutdown: Callable[[], None] | None = None,
) -> FastAPI:
    """The API app over one database, with its collaborators passed in (a fake embedder in tests).

    ``on_startup``/``on_shutdown`` run with the server (the delivery scheduler uses them).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if on_startup:
            on_startup()
        try:
            yield
        finally:
            if on_shutdown:
                on_shutdown()

    app = FastAPI(
        title="Earshot API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.ctx = ApiContext(settings=settings, store=store, embedder=embedder, redactor=redactor, clock=clock)
    install_handlers(app)
    for module in (routes_notes, routes_insight, routes_hooks):
        app.include_router(module.router)

    @app.get("/api/v1/health", tags=["meta"], summary="Is the server up (no token needed, no data)")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    return app
