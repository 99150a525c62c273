"""Errors as the API shows them: ``{"error": {"title": …, "message": …}}`` with a fitting status code."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from insight.errors import EarshotError, InputError, StoreBusyError

log = logging.getLogger("api")


class ApiError(EarshotError):
    """An HTTP error with a human title and message (and optional headers, e.g. Retry-After).

    The HTTP edge's own member of the :class:`~insight.errors.EarshotError` family: it carries a status code,
    so it lives here rather than in the core.
    """

    def __init__(self, status: int, title: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message, title=title)
        self.status, self.headers = status, headers or {}


def error_response(status: int, title: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON body every error has."""
    return JSONResponse({"error": {"title": title, "message": message}}, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    """Translate every error at the edge: nothing reaches a client as a traceback."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.title, exc.message, exc.headers)

    @app.exception_handler(StoreBusyError)
    async def _busy(request: Request, exc: StoreBusyError) -> JSONResponse:
        return error_response(503, exc.title, exc.message, {"Retry-After": "5"})

    @app.exception_handler(EarshotError)
    async def _earshot(request: Request, exc: EarshotError) -> JSONResponse:
        status = 422 if isinstance(exc, InputError) else 400
        return error_response(status, exc.title, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error_response(422, "Bad request", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(
            exc.status_code, "Not found" if exc.status_code == 404 else "Request refused", str(exc.detail)
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "Something went wrong", "The server hit an unexpected error; it is in the log.")
