"""`geowire spikes --db FILE`: dyads whose conflict departs from their own baseline."""

from __future__ import annotations

import argparse

from ..store.query import PERIODS
from .options import add_db, add_format, add_limit, command, count


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "spikes", help="dyads whose conflict in a period departs from their own history (z-score)")
    add_db(p)
    p.add_argument("--by", choices=PERIODS, default="week")
    p.add_argument("--min-history", type=count, default=4, help="earlier periods a dyad needs (default 4)")
    p.add_argument("--threshold", type=float, default=2.0, help="z-score at or above which to report (default 2)")
    p.add_argument("--measure", choices=["conflict", "goldstein"], default="conflict",
                   help="quad 3-4 event count (default) or the size of the negative Goldstein sum")
    add_limit(p, "spikes (highest z first)")
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..relations import spikes
    from ..store import open_store
    from .output import emit

    with open_store(args.db) as store:
        rows = spikes(store, by=args.by, min_history=args.min_history, threshold=args.threshold,
                      measure=args.measure)
    emit(rows[: args.limit], args.format)
    return 0
