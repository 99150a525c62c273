"""Run the API under uvicorn with the real embedder and redactor, and the delivery scheduler beside it."""

from __future__ import annotations

import errno
import logging
import socket

from insight.errors import EarshotError
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


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: one the system picks), or an error that says what to do.

    Binding here, before uvicorn starts, means the address printed is one this process really holds — with
    port 0 the real port — and a port already taken is refused in words instead of a uvicorn traceback.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise EarshotError(
            f"'{host}' is not an address this machine can listen on ({exc.strerror}).", title="Cannot start the API"
        ) from exc
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait out TIME_WAIT
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            message = (
                f"Port {port} on {host} is already in use — is another Earshot API running? Stop it, or "
                "pick another port with --port or EARSHOT_API_PORT (--port 0 lets the system choose)."
            )
        elif exc.errno == errno.EACCES:
            message = f"Not allowed to listen on port {port} (ports below 1024 need an administrator); use --port."
        else:
            message = f"Could not listen on {host}:{port}: {exc.strerror}."
        raise EarshotError(message, title="Cannot start the API") from exc
    # Listening now, not when uvicorn starts: a client that reads the printed address and connects before the
    # server loop runs waits in the backlog instead of being refused (a CI run saw "Connection refused").
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, host: str, port: int, *, scheduler: bool = True) -> None:
    """Serve the API on ``host:port`` until interrupted (uvicorn handles SIGINT/SIGTERM gracefully)."""
    import uvicorn

    sock = listen(host, port)  # before the model loads, so a taken port fails in a second, not after
    port = sock.getsockname()[1]
    app = build_app(settings, scheduler=scheduler)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    print(f"Earshot API on http://{host}:{port}  (docs: http://{host}:{port}/docs)", flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped, not an error (as uvicorn.run does)
        pass
    finally:
        sock.close()
