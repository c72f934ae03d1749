"""`geowire dyad A B --db FILE`: the relation between two actors over time, both directions."""

from __future__ import annotations

import argparse
import sys

from ..relations import dyad_series
from ..relations._common import PERIODS
from ..store import open_store
from .common import print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("dyad", help="time series of events between A and B (A->B and B->A)")
    p.add_argument("a", help="country code (USA) or CAMEO actor code prefix (USAGOV)")
    p.add_argument("b", help="country code or CAMEO actor code prefix")
    p.add_argument("--db", required=True)
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw a chart")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.plot:
        from ..relations.plots import check_plot_path
        check_plot_path(args.plot)
    with open_store(args.db) as store:
        rows = dyad_series(store, args.a, args.b, by=args.by)
    (print_json if args.format == "jsonl" else print_table)(rows)
    if args.plot:
        from ..relations.plots import plot_dyad
        path = plot_dyad(rows, args.a, args.b, args.plot, by=args.by)
        print(f"geowire: chart written to {path}", file=sys.stderr)
    return 0
