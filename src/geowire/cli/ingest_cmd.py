"""`geowire ingest PATH... --db FILE`: read, deduplicate, code and store documents with their events.

PATH is a file (text, HTML, RSS/Atom, WARC[.gz], JSONL, CSV/TSV, .gz, .zip), a directory (recursive),
an http(s) URL of a page or feed, or `-` for stdin. A run that is interrupted resumes where it stopped.
The summary goes to stderr; `--format json` also prints the run's figures on stdout.
"""

from __future__ import annotations

import argparse
import sys

from .options import (
    add_db,
    add_engine_options,
    add_format,
    add_input_options,
    command,
    engine_options,
    input_paths,
    read_options,
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "ingest", help="code documents and store them with their events in a DuckDB file")
    add_input_options(p)
    add_db(p, help="DuckDB file (created if missing)")
    add_engine_options(p)
    add_format(p, default="text", choices=("text", "json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..engine import ingest
    from ..ingest import read_inputs
    from ..store import Store
    from .console import log, progress_bar, report_reject, summary
    from .output import print_json

    items = read_inputs(input_paths(args), options=read_options(args))
    with Store(args.db) as store, progress_bar(args.progress or sys.stderr.isatty()) as progress:
        stats = ingest(items, store, on_reject=report_reject, progress=progress, **engine_options(args))
        c = store.counts()
    log.info("%s; %s now holds %d documents and %d events", summary(stats, args.db), args.db, c["documents"],
             c["events"])
    if args.format == "json":
        print_json(stats)
    return 1 if stats["rejected"] else 0
