"""`geowire serve --db FILE`: the JSON API and the dashboard pages over a read-only store."""

from __future__ import annotations

import argparse

from .options import add_db, command, count


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {value!r}: use 0-65535")
    return port


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "serve", help="serve the JSON API and the dashboard (read-only)")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take (default 10)")
    p.add_argument("--max-body", type=count, default=64 * 1024, help="largest request body in bytes (default 65536)")
    p.add_argument("--no-access-log", action="store_true", help="do not log every request")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from ..web import create_app
    from .console import log

    app = create_app(args.db, timeout=args.timeout, max_body=args.max_body)
    level = log.getEffectiveLevel()
    log.info("serving %s on http://%s:%d/ (API at /api, OpenAPI at /api/openapi.json)", args.db, args.host,
             args.port)
    uvicorn.run(app, host=args.host, port=args.port, access_log=not args.no_access_log and level <= logging.INFO,
                log_level="debug" if level < logging.INFO else "info" if level == logging.INFO else "warning",
                timeout_graceful_shutdown=5, backlog=4096)
    return 0
