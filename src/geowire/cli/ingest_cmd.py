"""`geowire ingest PATH... --db FILE`: code documents and store them with their events."""

from __future__ import annotations

import argparse
import sys

from ..ingest import read_inputs
from ..knowledge import data_path
from ..runner import ingest
from ..store import Store
from .common import RejectLog, iso_date


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ingest", help="store documents and their events in a DuckDB file")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", required=True, help="DuckDB file (created if missing)")
    p.add_argument("--date", type=iso_date, help="article date for inputs that have none")
    p.add_argument("--sample", action="store_true", help="ingest the bundled sample corpus")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = list(args.paths)
    if args.sample:
        paths.append(str(data_path("sample", "articles.jsonl")))
    if not paths:
        print("geowire: error: no input: give files, directories, - for stdin, or --sample", file=sys.stderr)
        return 2
    log = RejectLog()
    with Store(args.db) as store:
        stats = ingest(log.articles(read_inputs(paths, date=args.date)), store)
        store.add_rejects(log.rejects)
        c = store.counts()
    print(f"read {stats['read']} documents: {stats['stored']} stored, {stats['already']} already stored, "
          f"{stats['events']} events; {len(log.rejects)} rejected. {args.db}: {c['documents']} documents, "
          f"{c['events']} events")
    return 1 if log.rejects else 0
