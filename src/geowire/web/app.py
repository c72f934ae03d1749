"""The web app factory: `create_app(store_path)` serves the JSON API (`/api/...`, OpenAPI at
`/api/openapi.json`) and the server-rendered pages over one read-only DuckDB database.

DuckDB connections are not thread-safe: the app opens the database once, read-only, and every request works
on its own cursor (`con.cursor()`), closed at the end of the request. A pure-ASGI middleware caps request
bodies, URLs and the time a request may take (a request over time gets 503 and its query is interrupted),
and sets security headers (a strict Content-Security-Policy: no inline script, nothing from other origins).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..store import Store

__all__ = ["create_app", "store_for", "MAX_PAGE", "DEFAULT_TIMEOUT", "DEFAULT_MAX_BODY"]

MAX_PAGE = 500            # largest page size of any list endpoint
MAX_OFFSET = 1_000_000
DEFAULT_TIMEOUT = 10.0    # seconds a request may take
DEFAULT_MAX_BODY = 64 * 1024
MAX_URL = 4096            # bytes of path + query string

STATIC = Path(__file__).parent / "static"
_CONS_KEY = "geowire.cursors"

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


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class LimitsMiddleware:
    """Caps on body size, URL length and request time; security headers on every response."""

    def __init__(self, app: ASGIApp, timeout: float, max_body: int) -> None:
        self.app = app
        self.timeout = timeout
        self.max_body = max_body

    async def _reject(self, send: Send, status: int, message: str) -> None:
        body = json.dumps({"detail": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b"")) > MAX_URL:
            await self._reject(send, 414, f"URL longer than {MAX_URL} bytes")
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await self._reject(send, 400, "invalid Content-Length")
                return
            if int(length) > self.max_body:
                await self._reject(send, 413, f"request body larger than {self.max_body} bytes")
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
        scope[_CONS_KEY] = cursors
        try:
            await asyncio.wait_for(self.app(scope, limited_receive, send_with_headers), self.timeout)
        except TimeoutError:
            for con in list(cursors):
                try:
                    con.interrupt()
                except Exception:  # noqa: BLE001 - the cursor may be closed already
                    pass
            if not started:
                await self._reject(send, 503, f"request took longer than {self.timeout:g} s")
        except _BodyTooLarge:
            if not started:
                await self._reject(send, 413, f"request body larger than {self.max_body} bytes")


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    """A Store on its own DuckDB cursor for this request (closed afterwards)."""
    base: Store = request.app.state.store
    view = Store.__new__(Store)
    view.path = base.path
    view.con = base.con.cursor()
    cursors = request.scope.get(_CONS_KEY)
    if cursors is not None:
        cursors.append(view.con)
    try:
        yield view
    finally:
        if cursors is not None and view.con in cursors:
            cursors.remove(view.con)
        view.con.close()


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _is_api(request.url.path):
        return JSONResponse({"detail": detail if detail is not None else message}, status_code=status)
    from .pages import render_error  # pages import this module
    return render_error(request, status, message)


def create_app(store_path: str | Path | Store, *, timeout: float = DEFAULT_TIMEOUT,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The FastAPI app over the database at `store_path`, opened read-only (or over an open Store)."""
    owned = not isinstance(store_path, Store)
    store = Store(store_path, read_only=True) if not isinstance(store_path, Store) else store_path

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="geowire", version=__version__, lifespan=lifespan,
                  description="Political events coded from news, with the evidence behind every event. "
                              "Every HTML page has a JSON twin under /api.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.store = store

    from . import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        message = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
        return _error(request, 422, f"invalid request: {message}", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(duckdb.InterruptException)
    async def _interrupted(request: Request, exc: Exception) -> Response:
        return _error(request, 503, "query interrupted")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "internal error")

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse("/network")

    @app.get("/api", include_in_schema=False)
    def _api_index() -> JSONResponse:
        return JSONResponse({"openapi": "/api/openapi.json",
                             "endpoints": sorted(p for p in app.openapi()["paths"])})

    app.add_middleware(LimitsMiddleware, timeout=timeout, max_body=max_body)
    return app
