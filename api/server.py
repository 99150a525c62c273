"""Run the API under uvicorn with the real embedder and redactor, and the delivery scheduler beside it."""

from __future__ import annotations

import logging

from insight.settings import Settings

log = logging.getLogger("api.server")


def build_app(settings: Settings, *, scheduler: bool = True):  # -> FastAPI (imported lazily)
    """The app over ``settings.db`` with the configured embedder (loaded now) and the real redactor."""
    from api.app import create_app
    from ingest.redaction import default_redactor
    from insight.delivery import DeliveryScheduler
    from insight.runtime import embedder_for, open_store

    store = open_store(settings)
    embedder = embedder_for(settings)
    warm_up = getattr(embedder, "warm_up", None)
    if warm_up is not None:
        warm_up()  # load the model before the first request, not during it
    jobs = DeliveryScheduler(store, settings) if scheduler else None
    return create_app(
        settings=settings,
        store=store,
        embedder=embedder,
        redactor=default_redactor(),
        on_startup=jobs.start if jobs else None,
        on_shutdown=jobs.stop if jobs else None,
    )


def serve(settings: Settings, host: str, port: int, *, scheduler: bool = True) -> None:
    """Serve the API on ``host:port`` until interrupted (uvicorn handles SIGINT/SIGTERM gracefully)."""
    import uvicorn

    app = build_app(settings, scheduler=scheduler)
    print(f"Earshot API on http://{host}:{port}  (docs: http://{host}:{port}/docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
