"""`geowire extract PATH...`: print events without touching a database."""

from __future__ import annotations

import argparse

from ..pipeline import extract
from .common import RejectLog, articles_from, iso_date, print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="print coded events from text or JSONL files (or - for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    p.add_argument("--date", type=iso_date, help="article date for inputs that have none (YYYY-MM-DD)")
    p.add_argument("--include-negated", action="store_true", help="also print negated events (negated: true)")
    p.add_argument("--include-hypothetical", action="store_true",
                   help="also print hypothetical events (hopes, conditions, requests)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    log = RejectLog()
    events = extract(articles_from(args.paths, args.date, log), include_negated=args.include_negated,
                     include_hypothetical=args.include_hypothetical)
    rows = (e.to_dict() for e in events)
    if args.format == "jsonl":
        print_json(rows)
    else:
        print_table(list(rows))
    return 1 if log.rejects else 0
