"""`geowire watch FEEDS.txt --db FILE`: poll feeds, fetch new article pages, code and store them.

Only http(s) URLs on public addresses are fetched unless `--allow-private`; every request has a timeout,
a size cap, a redirect limit, a delay per host and geowire's user agent.
"""

from __future__ import annotations

import argparse
import sys
import time

from ..ingest.fetch import Fetcher
from ..ingest.base import MAX_BYTES
from ..ingest.watch import parse_interval, poll, read_feed_list
from ..model import Reject
from ..runner import ingest
from ..store import Store


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("watch", help="poll RSS/Atom feeds and store new articles")
    p.add_argument("feeds", metavar="FEEDS.txt", help="file with one feed URL per line")
    p.add_argument("--db", required=True, help="DuckDB file (created if missing)")
    p.add_argument("--every", default="15m", help="poll interval (30s, 15m, 2h; default 15m)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--allow-private", action="store_true", help="allow private and loopback hosts (tests)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=f"size cap per response (default {MAX_BYTES})")
    p.set_defaults(run=run)


def _report(r: Reject) -> None:
    print(f"geowire: skipped {r.message()}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    interval = parse_interval(args.every)
    feeds = read_feed_list(args.feeds)
    fetcher = Fetcher(timeout=args.timeout, max_bytes=args.max_bytes, delay=max(args.delay, 0.0),
                      allow_private=args.allow_private)
    with Store(args.db) as store:
        while True:
            stats = poll(feeds, store, fetcher, ingest, on_reject=_report)
            print(f"polled {stats['feeds']} feeds: {stats['new_entries']} new entries, {stats.get('stored', 0)} "
                  f"stored, {stats.get('duplicates', 0)} duplicates, {stats.get('skipped', 0)} skipped, "
                  f"{stats.get('rejected', 0)} rejected, {stats.get('events', 0)} events", flush=True)
            if args.once:
                return 0
            time.sleep(interval)
