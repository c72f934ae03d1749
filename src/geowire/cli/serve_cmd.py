"""`geowire serve --db FILE`: the JSON API and the dashboard pages over a read-only database."""

from __future__ import annotations

import argparse

from ..errors import GeowireError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="serve the JSON API and the dashboard (read-only)")
    p.add_argument("--db", required=True, help="DuckDB file written by `geowire ingest`")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take (default 10)")
    p.add_argument("--max-body", type=int, default=64 * 1024, help="largest request body in bytes (default 65536)")
    p.add_argument("--no-access-log", action="store_true", help="do not log every request")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web.app import create_app

    if not 0 <= args.port <= 65535:
        raise GeowireError(f"invalid --port {args.port}: use 0-65535")
    app = create_app(args.db, timeout=args.timeout, max_body=args.max_body)
    print(f"geowire: serving {args.db} on http://{args.host}:{args.port}/ (API at /api, OpenAPI at /api/openapi.json)",
          flush=True)
    uvicorn.run(app, host=args.host, port=args.port, access_log=not args.no_access_log, log_level=args.log_level,
                timeout_graceful_shutdown=5, backlog=4096)
    return 0
