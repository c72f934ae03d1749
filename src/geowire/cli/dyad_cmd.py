"""`geowire dyad A B --db FILE`: the relation between two actors over time, both directions."""

from __future__ import annotations

import argparse

from ..store.query import PERIODS
from .options import add_db, add_format, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "dyad", help="time series of events between A and B (A->B and B->A)")
    p.add_argument("a", help="country code (USA) or CAMEO actor code prefix (USAGOV)")
    p.add_argument("b", help="country code or CAMEO actor code prefix")
    add_db(p)
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw a chart")
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..relations import dyad_series
    from ..store import open_store
    from .console import log
    from .output import emit

    if args.plot:
        from ..relations.plots import check_plot_path, plot_dyad

        check_plot_path(args.plot)
    with open_store(args.db) as store:
        rows = dyad_series(store, args.a, args.b, by=args.by)
    emit(rows, args.format)
    if args.plot:
        log.info("chart written to %s", plot_dyad(rows, args.a, args.b, args.plot, by=args.by))
    return 0
