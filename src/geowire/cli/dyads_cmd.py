"""`geowire dyads --db FILE`: relations per pair of actors."""

from __future__ import annotations

import argparse

from ..store import open_store
from .common import print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("dyads", help="summarize relations per (source, target) pair")
    p.add_argument("--db", required=True)
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.dyads(limit=args.limit)
    (print_json if args.format == "jsonl" else print_table)(rows)
    return 0
