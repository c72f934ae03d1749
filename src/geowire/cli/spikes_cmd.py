"""`geowire spikes --db FILE`: dyads whose conflict departs from their own baseline."""

from __future__ import annotations

import argparse

from ..relations import spikes
from ..relations._common import PERIODS
from ..store import open_store
from .common import print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("spikes", help="dyads whose conflict in a period departs from their own history (z-score)")
    p.add_argument("--db", required=True)
    p.add_argument("--by", choices=PERIODS, default="week")
    p.add_argument("--min-history", type=int, default=4, help="earlier periods a dyad needs (default 4)")
    p.add_argument("--threshold", type=float, default=2.0, help="z-score at or above which to report (default 2)")
    p.add_argument("--measure", choices=["conflict", "goldstein"], default="conflict",
                   help="quad 3-4 event count (default) or the size of the negative Goldstein sum")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = spikes(store, by=args.by, min_history=args.min_history, threshold=args.threshold,
                      measure=args.measure)
    if args.limit is not None:
        rows = rows[: args.limit]
    (print_json if args.format == "jsonl" else print_table)(rows)
    return 0
