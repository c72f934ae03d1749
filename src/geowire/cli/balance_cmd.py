"""`geowire balance C --between A B --db FILE`: how C's interactions split between two poles over time."""

from __future__ import annotations

import argparse
import sys

from ..relations import balance
from ..relations._common import PERIODS
from ..store import open_store
from .common import print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("balance", help="how a country's events split between two poles over time")
    p.add_argument("country", help="country code or CAMEO actor code prefix")
    p.add_argument("--between", nargs=2, metavar=("A", "B"), required=True, help="the two poles")
    p.add_argument("--db", required=True)
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw a chart")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    a, b = args.between
    if args.plot:
        from ..relations.plots import check_plot_path
        check_plot_path(args.plot)
    with open_store(args.db) as store:
        rows = balance(store, args.country, a, b, by=args.by)
    if args.format == "jsonl":
        print_json(rows)
    else:
        print_table(rows, ["period", "events_a", "events_b", "share_a", "goldstein_a", "goldstein_b",
                           "goldstein_mean_a", "goldstein_mean_b"])
    if args.plot:
        from ..relations.plots import plot_balance
        path = plot_balance(rows, args.country, a, b, args.plot, by=args.by)
        print(f"geowire: chart written to {path}", file=sys.stderr)
    return 0
