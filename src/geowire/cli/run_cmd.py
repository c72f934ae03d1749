"""`geowire run PATH... --out DIR [--engine local|dask]`: code inputs and write them as Parquet (by date)."""

from __future__ import annotations

import argparse
import sys

from ..engine import ENGINES
from ..engine import run as run_engine
from .common import input_paths, iso_date, positive_int, report_reject


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("run", help="code inputs locally or on a Dask cluster into a Parquet directory",
                       description="Code inputs and write documents, events and rejects as Parquet partitioned "
                                   "by date (DIR/events/date=YYYY-MM-DD/...). Documents already in DIR are "
                                   "skipped. Query the result like a database: `geowire events --db DIR`.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    p.add_argument("--engine", choices=ENGINES, default="local")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://HOST:8786); default: a local cluster")
    p.add_argument("--workers", type=positive_int, metavar="N", help="worker processes of the local Dask cluster")
    p.add_argument("--batch-size", type=positive_int, default=32, metavar="N", help="articles per task (32)")
    p.add_argument("--date", type=iso_date, help="article date for inputs that have none")
    p.add_argument("--sample", action="store_true", help="code the bundled sample corpus")
    p.add_argument("--no-dedup", action="store_true", help="code exact duplicates again instead of linking them")
    p.add_argument("--any-language", action="store_true", help="code documents in any language")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = input_paths(args)
    if paths is None:
        return 2
    if args.engine == "local" and (args.scheduler or args.workers):
        print("geowire: error: --scheduler and --workers need --engine dask", file=sys.stderr)
        return 2
    if args.scheduler and args.workers:
        print("geowire: error: --workers starts a local cluster; it cannot be combined with --scheduler",
              file=sys.stderr)
        return 2
    stats = run_engine(paths, args.out, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
                       batch_size=args.batch_size, date=args.date, on_reject=report_reject,
                       dedup=not args.no_dedup, languages=None if args.any_language else ("en",))
    rate = stats.written / stats.wall_s if stats.wall_s else 0.0
    print(f"read {stats.read} documents: {stats.written} written, {stats.duplicates} duplicates, "
          f"{stats.skipped} skipped, {stats.already} already in {args.out}, "
          f"{stats.events} events; {stats.rejected} rejected. engine {stats.engine} ({stats.workers} "
          f"worker{'s' if stats.workers != 1 else ''}): {stats.wall_s:.1f} s, {rate:.1f} documents/s")
    return 1 if stats.rejected else 0
