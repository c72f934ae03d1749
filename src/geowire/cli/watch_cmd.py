"""`geowire watch FEEDS.txt --db FILE`: poll feeds, fetch new article pages, code and store them.

Only http(s) URLs on public addresses are fetched unless `--allow-private`; every request has a timeout,
a size cap, a redirect limit, a delay per host and geowire's user agent. One summary line per poll on
stderr; `--format jsonl` also prints each poll's figures as a JSON line on stdout.
"""

from __future__ import annotations

import argparse

from ..ingest.base import MAX_BYTES
from .options import add_db, add_format, command, count


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "watch", help="poll RSS/Atom feeds and store new articles")
    p.add_argument("feeds", metavar="FEEDS.txt", help="file with one feed URL per line")
    add_db(p, help="DuckDB file (created if missing)")
    p.add_argument("--every", default="15m", help="poll interval (30s, 15m, 2h; default 15m)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--allow-private", action="store_true", help="allow private and loopback hosts (tests)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    p.add_argument("--max-bytes", type=count, default=MAX_BYTES, help=f"size cap per response (default {MAX_BYTES})")
    add_format(p, default="text", choices=("text", "jsonl"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import time

    from ..ingest.fetch import Fetcher
    from ..ingest.watch import parse_interval, poll, read_feed_list
    from ..store import Store
    from .console import log, report_reject
    from .output import print_jsonl

    interval = parse_interval(args.every)
    feeds = read_feed_list(args.feeds)
    fetcher = Fetcher(timeout=args.timeout, max_bytes=args.max_bytes, delay=max(args.delay, 0.0),
                      allow_private=args.allow_private)
    with Store(args.db) as store:
        while True:
            stats = poll(feeds, store, fetcher, on_reject=report_reject)
            log.info("polled %d feeds: %d new entries, %d stored, %d duplicates, %d skipped, %d rejected, "
                     "%d events", stats["feeds"], stats["new_entries"], stats["stored"], stats["duplicates"],
                     stats["skipped"], stats["rejected"], stats["events"])
            if args.format == "jsonl":
                print_jsonl([stats])
            if args.once:
                return 0
            time.sleep(interval)
