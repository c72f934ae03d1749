"""`geowire events --db FILE`: list stored events."""

from __future__ import annotations

import argparse

from ..store import open_store
from .common import iso_date, print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("events", help="list stored events")
    p.add_argument("--db", required=True)
    p.add_argument("--actor", help="country code (IND) or CAMEO actor code prefix (INDGOV)")
    p.add_argument("--since", type=iso_date, help="only events on or after this date")
    p.add_argument("--include-negated", action="store_true", help="also list negated and hypothetical events")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.events(actor=args.actor, since=args.since, include_negated=args.include_negated,
                            limit=args.limit)
    (print_json if args.format == "jsonl" else print_table)(rows)
    return 0
