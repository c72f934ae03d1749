"""`geowire synth --db FILE --events N [--seed N]`: a synthetic store for benchmarks and demos."""

from __future__ import annotations

import argparse
import sys

from ..relations import refresh_aggregates, synth
from ..store import Store


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("synth", help="generate a synthetic store of N events (fast, in DuckDB SQL)")
    p.add_argument("--db", required=True, help="a new database file")
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        stats = synth(store, args.events, seed=args.seed)
        refresh_aggregates(store)
    print(f"geowire: {stats['events']} events, {stats['documents']} documents written to {args.db} "
          f"in {stats['seconds']} s (seed {stats['seed']})", file=sys.stderr)
    return 0
