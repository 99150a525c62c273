"""What every route needs, built once per server: settings, store, embedder, redactor, rate limiter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import Request

from api.errors import ApiError
from api.limits import RateLimiter
from insight.clock import utc_now
from insight.embedder import Embedder
from insight.settings import Settings
from insight.store import Store
from insight.tokens import ApiToken, check_token


class OneAtATime:
    """An embedder shared by concurrent requests: one encode at a time, small requests first.

    The model already uses every core for one call, so concurrent encodes only oversubscribe the CPU;
    serialising them lets other requests validate and redact meanwhile (the overlap a file import gets
    from its preparing thread). A big batch is encoded in chunks of :attr:`CHUNK` texts, and a waiting
    small request (a single note, a webhook) goes before the batch's next chunk: a 1,000-note batch
    must not make an agent's note wait for all of it.
    """

    CHUNK = 32

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._turn = threading.Condition()
        self._busy = False
        self._small_waiting = 0

    @property
    def model_id(self) -> str:
        """The wrapped embedder's model id (vectors are the same)."""
        return self.inner.model_id

    def embed(self, texts: Any, progress: Any = None) -> Any:
        """Encode ``texts`` in turns (see the class docstring); same result as the wrapped embedder."""
        import numpy as np

        texts = list(texts)
        if not texts:
            return self.inner.embed(texts)
        small = len(texts) <= self.CHUNK
        parts = []
        for start in range(0, len(texts), self.CHUNK):
            with self._turn:
                if small:
                    self._small_waiting += 1
                while self._busy or (not small and self._small_waiting):
                    self._turn.wait()
                if small:
                    self._small_waiting -= 1
                self._busy = True
            try:
                parts.append(self.inner.embed(texts[start : start + self.CHUNK]))
            finally:
                with self._turn:
                    self._busy = False
                    self._turn.notify_all()
            if progress is not None:
                progress(min(start + self.CHUNK, len(texts)), len(texts))
        return parts[0] if len(parts) == 1 else np.vstack(parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass
class ApiContext:
    """The server's collaborators (passed in, so tests can use a fake embedder and a fixed clock)."""

    settings: Settings
    store: Store
    embedder: Embedder
    redactor: Any
    clock: Callable[[], datetime] = utc_now
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.settings.api_rate_limit_per_minute)
        if not isinstance(self.embedder, OneAtATime):
            self.embedder = OneAtATime(self.embedder)


def context(request: Request) -> ApiContext:
    """The context of the app serving ``request``."""
    return request.app.state.ctx


def require(scope: str) -> Callable[[Request], ApiToken]:
    """A dependency that admits a request only with a live bearer token of ``scope`` (401/403 otherwise)."""

    def check(request: Request) -> ApiToken:
        ctx = context(request)
        scheme, _, secret = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise ApiError(
                401,
                "Token required",
                "Send an API token as 'Authorization: Bearer <token>'; create one with "
                "`python -m insight tokens create --name NAME --scope " + scope + "`.",
                {"WWW-Authenticate": "Bearer"},
            )
        token = check_token(ctx.store, secret.strip(), now=ctx.clock())
        if token is None:
            raise ApiError(
                401, "Invalid token", "This token is unknown or was revoked.", {"WWW-Authenticate": "Bearer"}
            )
        if token.scope != scope:
            raise ApiError(
                403,
                "Wrong scope",
                f"This token has scope '{token.scope}'; this request needs a '{scope}' token.",
            )
        ctx.limiter.check(f"token:{token.id}")
        return token

    return check
