"""Request limits as a pure-ASGI middleware: caps on body size, URL length and request time, and security
headers on every response (a strict Content-Security-Policy: no inline script, nothing from other origins).

A request over time gets 503 and the DuckDB queries it holds (`deps.CURSORS`) are interrupted. Refusals
carry the API's error body (`{detail, errors}`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .deps import CURSORS

__all__ = ["LimitsMiddleware", "SECURITY_HEADERS", "MAX_URL"]

MAX_URL = 4096  # bytes of path + query string

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
     b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _BodyTooLarge(Exception):
    pass


def _interrupt(cursors: list[Any]) -> None:
    for con in list(cursors):
        try:
            con.interrupt()
        except Exception:  # noqa: BLE001 - the cursor may be closed already
            pass


class LimitsMiddleware:
    """Caps on body size, URL length and request time; security headers on every response."""

    def __init__(self, app: ASGIApp, timeout: float, max_body: int) -> None:
        self.app = app
        self.timeout = timeout
        self.max_body = max_body

    async def _reject(self, send: Send, status: int, message: str) -> None:
        body = json.dumps({"detail": message, "errors": []}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Why a request is refused before it runs: URL too long, bad or too large Content-Length."""
        if len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b"")) > MAX_URL:
            return 414, f"URL longer than {MAX_URL} bytes"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and not length.isdigit():
            return 400, "invalid Content-Length"
        if length is not None and int(length) > self.max_body:
            return 413, f"request body larger than {self.max_body} bytes"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self._refusal(scope)
        if refused:
            await self._reject(send, *refused)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return msg

        async def send_with_headers(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
                msg = dict(msg)
                msg["headers"] = list(msg.get("headers") or []) + SECURITY_HEADERS
            await send(msg)

        cursors: list[Any] = []
        scope[CURSORS] = cursors
        try:
            await asyncio.wait_for(self.app(scope, limited_receive, send_with_headers), self.timeout)
        except TimeoutError:
            _interrupt(cursors)
            if not started:
                await self._reject(send, 503, f"request took longer than {self.timeout:g} s")
        except _BodyTooLarge:
            if not started:
                await self._reject(send, 413, f"request body larger than {self.max_body} bytes")
