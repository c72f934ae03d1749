"""The web app factory: `create_app(store_path)` serves the JSON API (`/api/...`, OpenAPI at
`/api/openapi.json`) and the server-rendered pages over one read-only store (a DuckDB file or a Parquet
directory).

DuckDB connections are not thread-safe: the app opens the store once, read-only, and every request works on
its own cursor (`deps.store_for`), closed at the end of the request. Limits and security headers are in
`limits.py`. Every API error has the body `{detail, errors}` (`models.ErrorBody`); pages get an HTML page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store, open_store
from . import api, pages
from .limits import LimitsMiddleware

__all__ = ["create_app", "DEFAULT_TIMEOUT", "DEFAULT_MAX_BODY"]

DEFAULT_TIMEOUT = 10.0    # seconds a request may take
DEFAULT_MAX_BODY = 64 * 1024
STATIC = Path(__file__).parent / "static"


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _error(request: Request, status: int, message: str, errors: list[dict[str, Any]] | None = None) -> Response:
    if _is_api(request.url.path):
        return JSONResponse({"detail": message, "errors": errors or []}, status_code=status)
    return pages.render_error(request, status, message)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": [str(x) if not isinstance(x, int) else x for x in e.get("loc", ())],
                   "msg": e.get("msg", "")} for e in exc.errors()]
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


def create_app(store_path: str | Path | Store, *, timeout: float = DEFAULT_TIMEOUT,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The FastAPI app over the store at `store_path`, opened read-only (or over an open Store)."""
    owned = not isinstance(store_path, Store)
    store = open_store(store_path, read_only=True) if not isinstance(store_path, Store) else store_path

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
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse("/network")

    @app.get("/api", include_in_schema=False)
    def _api_index() -> JSONResponse:
        return JSONResponse({"openapi": "/api/openapi.json",
                             "endpoints": sorted(p for p in app.openapi()["paths"])})

    app.add_middleware(LimitsMiddleware, timeout=timeout, max_body=max_body)
    return app
