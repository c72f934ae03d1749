"""`geowire synth --db FILE --events N [--seed N]`: a synthetic store for benchmarks and demos."""

from __future__ import annotations

import argparse

from .options import add_db, command, count


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "synth", help="generate a synthetic store of N events (fast, in DuckDB SQL)")
    add_db(p, help="a new database file")
    p.add_argument("--events", type=count, default=100_000, help="events to generate (default 100000)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..relations import refresh_aggregates, synth
    from ..store import Store
    from .console import log

    with Store(args.db) as store:
        stats = synth(store, args.events, seed=args.seed)
        refresh_aggregates(store)
    log.info("%d events, %d documents written to %s in %s s (seed %d)", stats["events"], stats["documents"],
             args.db, stats["seconds"], stats["seed"])
    return 0
