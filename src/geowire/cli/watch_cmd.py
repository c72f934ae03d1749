"""`geowire watch FEEDS.txt --db FILE`: poll feeds, fetch new article pages, code and store them; with
`--rules`, raise alerts after every poll.

Only http(s) URLs on public addresses are fetched unless `--allow-private`; every request has a timeout,
a size cap, a redirect limit, a delay per host and geowire's user agent. One summary line per poll on
stderr (a JSON object with `--log-format json`); `--format jsonl` also prints each poll's figures as a JSON
line on stdout. SIGTERM or SIGINT stops it gracefully. To serve the dashboard from the same store while it
polls, use `geowire monitor` (one process for both).
"""

from __future__ import annotations

import argparse

from .options import add_alert_options, add_db, add_format, add_poll_options, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "watch", help="poll RSS/Atom feeds and store new articles")
    add_poll_options(p)
    add_db(p, help="DuckDB file (created if missing)")
    add_alert_options(p)
    add_format(p, default="text", choices=("text", "jsonl"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store import Store
    from .live import build_monitor, run_until_stopped

    with Store(args.db) as store:
        return run_until_stopped(build_monitor(args, store), args.once)
