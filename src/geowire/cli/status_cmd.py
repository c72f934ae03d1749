"""`geowire status --db FILE`: documents, events, rejects and alerts in the store, the last poll, each feed's
last poll and status, the feeds failing, and the latest rejects. While a monitor holds the store, its status
file (written after every poll) is read instead."""

from __future__ import annotations

import argparse
from typing import Any

from .options import add_db, add_format, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "status", help="what a store holds and how its feeds are polled")
    add_db(p)
    add_format(p, choices=("table", "json"))
    p.set_defaults(run=run)


def _table(s: dict[str, Any]) -> None:
    from .output import print_table

    where = (f"running monitor (PID {s.get('pid')}{', ' + s['url'] if s.get('url') else ''}), as of "
             f"{s.get('updated_at')} UTC" if s["source"] == "monitor" else "the store")
    print(f"{s['database']} (from {where})")
    print_table([{k: s[k] for k in ("documents", "duplicates", "skipped", "events", "rejects", "alerts", "polls",
                                    "errors")}])
    last = s.get("last_poll")
    if last:
        print(f"\nlast poll {last['started_at']} to {last['finished_at']} UTC"
              f"{'' if last.get('complete', True) else ' (stopped part-way)'}: {last['new_entries']} new entries, "
              f"{last['stored']} stored, {last['duplicates']} duplicates, {last['rejected']} rejected, "
              f"{last['events']} events, {last['errors']} feed errors, {last['alerts']} alerts")
    if s["feeds"]:
        print()
        print_table(s["feeds"], ["url", "last_polled", "last_status", "entries"])
    if s["recent_rejects"]:
        print("\nlatest rejects:")
        print_table(s["recent_rejects"], ["rejected_at", "origin", "reason"])


def run(args: argparse.Namespace) -> int:
    from ..monitor.status import store_status
    from .output import print_json

    s = store_status(args.db)
    if args.format == "json":
        print_json(s)
    else:
        _table(s)
    return 0
