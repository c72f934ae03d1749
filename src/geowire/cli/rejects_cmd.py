"""`geowire rejects --db FILE`: every input that could not be read, with the reason."""

from __future__ import annotations

import argparse

from ..store import open_store
from .common import print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rejects", help="list inputs that could not be read, and why")
    p.add_argument("--db", required=True)
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.rejects()
    if args.format == "jsonl":
        print_json(rows)
    else:
        print_table(rows, ["origin", "line", "reason"])
    return 0
