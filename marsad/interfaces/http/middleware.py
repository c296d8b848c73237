"""ASGI middleware of the server: security headers on every response, and the request body limit."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.interfaces.http.errors import LOG, BodyTooLarge, envelope, respond

#: Only this origin's scripts, styles, images and fonts; no inline script or style, no plugins, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Add ``SECURITY_HEADERS`` to every HTTP response; answer an unexpected error with a generic 500.

    The traceback of such an error goes to the server log only, never to the client.
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response's start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            """Add the security headers to the response start."""
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            LOG.exception("unexpected error on %s", scope.get("path"))
            response = respond(Request(scope), 500, "internal error: see the server log")
            await response(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413: at once by Content-Length, else while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        """Wrap ``app``."""
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count the bytes as the app reads them."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is over the {self.max_bytes // 1024} KiB limit: send fewer articles per request"
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await envelope(413 if declared.isdigit() else 400, message if declared.isdigit()
                           else "malformed Content-Length header")(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            """The next body chunk; raise ``BodyTooLarge`` past the limit."""
            nonlocal seen
            chunk = await receive()
            if chunk["type"] == "http.request":
                seen += len(chunk.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(message)
            return chunk

        await self.app(scope, limited, send)
