"""`geowire balance C --between A B --db FILE`: how C's interactions split between two poles over time."""

from __future__ import annotations

import argparse

from ..store.query import PERIODS
from .options import add_db, add_format, command

_COLUMNS = ["period", "events_a", "events_b", "share_a", "goldstein_a", "goldstein_b", "goldstein_mean_a",
            "goldstein_mean_b"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "balance", help="how a country's events split between two poles over time")
    p.add_argument("country", help="country code or CAMEO actor code prefix")
    p.add_argument("--between", nargs=2, metavar=("A", "B"), required=True, help="the two poles")
    add_db(p)
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw a chart")
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..relations import balance
    from ..store import open_store
    from .console import log
    from .output import emit

    a, b = args.between
    if args.plot:
        from ..relations.plots import check_plot_path, plot_balance

        check_plot_path(args.plot)
    with open_store(args.db) as store:
        rows = balance(store, args.country, a, b, by=args.by)
    emit(rows, args.format, _COLUMNS)
    if args.plot:
        log.info("chart written to %s", plot_balance(rows, args.country, a, b, args.plot, by=args.by))
    return 0
