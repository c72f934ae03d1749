"""`geowire monitor FEEDS.txt --db FILE --port N`: poll feeds, raise alerts and serve the dashboard and the
API, all in one process over one store (the one DuckDB writer; every web request reads on its own cursor).

Options are those of `watch` (polling, alerts) and of `serve` (where to listen; `--web-timeout` is the
time a web request may take, `--timeout` the time a fetch may take). Articles are coded in one worker
process by default (`--workers`), so the dashboard stays responsive while a poll codes. SIGTERM or SIGINT stops it gracefully:
the batch in hand is written, the web server finishes the requests in progress, and a restart resumes.
"""

from __future__ import annotations

import argparse

from .options import add_alert_options, add_db, add_poll_options, add_server_options, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "monitor", help="poll feeds, raise alerts and serve the dashboard, in one process")
    add_poll_options(p, workers=1)
    add_db(p, help="DuckDB file (created if missing)")
    add_alert_options(p)
    add_server_options(p, timeout_flag="--web-timeout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from ..monitor.server import WebServer
    from ..store import Store
    from .console import log, route_logger
    from .live import build_monitor, run_until_stopped

    access = not args.no_access_log and log.getEffectiveLevel() <= logging.INFO
    route_logger("uvicorn", max(log.getEffectiveLevel(), logging.WARNING))
    if access:
        route_logger("uvicorn.access", logging.INFO)
    with Store(args.db) as store:
        server = WebServer(store, args.host, args.port, timeout=args.web_timeout, max_body=args.max_body,
                           access_log=access)
        try:
            monitor = build_monitor(args, store, url=server.url)
            url = server.start()
            log.info("monitoring %d feeds into %s every %s; dashboard on %s/ (API at /api)", len(monitor.feeds),
                     args.db, args.every, url, extra={"fields": {"kind": "start", "url": url, "db": args.db}})
            return run_until_stopped(monitor, args.once)
        finally:
            server.stop()
