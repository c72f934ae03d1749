"""`geowire run PATH... --out DIR`: code inputs and write them as Parquet partitioned by date.

The same engine as `geowire ingest` (same planner, executors and options), writing a Parquet directory
instead of a DuckDB file; query it like a database: `geowire events --db DIR`.
"""

from __future__ import annotations

import argparse
import sys

from .options import (
    add_engine_options,
    add_format,
    add_input_options,
    command,
    engine_options,
    input_paths,
    read_options,
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "run", help="code inputs locally or on a Dask cluster into a Parquet directory",
                description="Code inputs and write documents, events and rejects as Parquet partitioned "
                            "by date (DIR/events/date=YYYY-MM-DD/...). Documents already in DIR are "
                            "passed over. Query the result like a database: `geowire events --db DIR`.")
    add_input_options(p)
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    add_engine_options(p)
    add_format(p, default="text", choices=("text", "json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..engine import run as run_engine
    from .console import log, progress_bar, report_reject, summary
    from .output import print_json

    paths = input_paths(args)
    with progress_bar(args.progress or sys.stderr.isatty()) as progress:
        stats = run_engine(paths, args.out, options=read_options(args), on_reject=report_reject,
                           progress=progress, **engine_options(args))
    log.info("%s", summary(stats, args.out))
    if args.format == "json":
        print_json(stats)
    return 1 if stats["rejected"] else 0
