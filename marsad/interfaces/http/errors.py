"""One error envelope, ``{"error": {"code", "message"}}``, for every failing API request; HTML pages for the UI.

Messages say what to change; a stack trace, SQL or a server path never reaches the client (unexpected errors are
logged by the server and answered with a generic 500).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import ConfigError, IngestError, MarsadError, QueryError

LOG = logging.getLogger("marsad.serve")

#: The ``code`` of each status the server answers with.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error"}
#: Where the JSON API lives; other paths are web pages and get HTML error pages.
API_PREFIX = "/api/"


class ApiError(Exception):
    """A request the server refuses on purpose: an HTTP status and a message naming the fix."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        """Keep the status, message and any extra response headers."""
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class BodyTooLarge(Exception):
    """The request body grew past the server's limit while it was read."""


def envelope(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error envelope for ``status``."""
    body = {"error": {"code": CODES.get(status, f"http_{status}"), "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The envelope for API paths; the error page, same status and message, for web pages."""
    if request.url.path.startswith(API_PREFIX) or request.url.path == "/healthz":
        return envelope(status, message, headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """One line naming each invalid parameter and what it should be."""
    parts = []
    for err in exc.errors():
        where = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{' '.join(where) or 'request'}: {err.get('msg', 'invalid')}")
    return "invalid parameter " + "; ".join(parts)


def install_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with the envelope (API) or the error page (UI)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Routing and HTTP errors (404 of an unknown path, 405 of a wrong method, ...)."""
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}; the API is under /api/v1 (see /api/v1/docs)"
        return respond(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """Parameters FastAPI could not validate (a limit over the maximum, a malformed date, ...)."""
        return respond(request, 422, _validation_message(exc))

    @app.exception_handler(ApiError)
    async def refused(request: Request, exc: ApiError) -> Response:
        """Requests refused on purpose."""
        return respond(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        """A body past the limit (sent without a Content-Length, or with a false one)."""
        return respond(request, 413, str(exc))

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError) -> Response:
        """Marsad's own errors: bad queries and settings are the client's (400); store failures are the server's."""
        if isinstance(exc, (QueryError, ConfigError, IngestError)):
            return respond(request, 400, str(exc))
        LOG.error("store error on %s: %s", request.url.path, exc)
        return respond(request, 500, "the store could not answer this request: see the server log")
