"""`geowire serve --db FILE`: the JSON API and the dashboard pages over a read-only store.

While another process writes the store (`geowire watch`, `geowire ingest`), DuckDB refuses to open it: the
error says so in one line and names `geowire monitor`, which polls and serves one store in one process.
"""

from __future__ import annotations

import argparse

from .options import add_db, add_server_options, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "serve", help="serve the JSON API and the dashboard (read-only)")
    add_db(p)
    add_server_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from ..web import create_app
    from .console import log

    app = create_app(args.db, timeout=args.web_timeout, max_body=args.max_body)
    level = log.getEffectiveLevel()
    log.info("serving %s on http://%s:%d/ (API at /api, OpenAPI at /api/openapi.json)", args.db, args.host,
             args.port)
    uvicorn.run(app, host=args.host, port=args.port, access_log=not args.no_access_log and level <= logging.INFO,
                log_level="debug" if level < logging.INFO else "info" if level == logging.INFO else "warning",
                timeout_graceful_shutdown=5, backlog=4096)
    return 0
