"""`geowire ingest PATH... --db FILE`: read, deduplicate, code and store documents with their events.

PATH is a file (text, HTML, RSS/Atom, WARC[.gz], JSONL, CSV/TSV, .gz, .zip), a directory (recursive),
an http(s) URL of a page or feed, or `-` for stdin. A run that is interrupted resumes where it stopped.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..ingest.progress import Progress
from ..ingest.base import MAX_BYTES, ReadOptions
from ..ingest.readers import expand_paths, read_inputs
from ..model import Reject
from ..runner import ingest
from ..store import Store
from .common import input_paths, iso_date, positive_int, report_reject


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ingest", help="store documents and their events in a DuckDB file")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", required=True, help="DuckDB file (created if missing)")
    p.add_argument("--date", type=iso_date, help="article date for inputs that have none")
    p.add_argument("--sample", action="store_true", help="ingest the bundled sample corpus")
    add_field_options(p)
    p.add_argument("--workers", type=positive_int, default=1, help="coding processes (default 1)")
    p.add_argument("--batch-size", type=positive_int, default=64, help="documents per transaction (default 64)")
    p.add_argument("--progress", action="store_true", help="show a progress bar even when stderr is not a TTY")
    p.add_argument("--no-dedup", action="store_true", help="code duplicates again instead of linking them")
    p.add_argument("--any-language", action="store_true", help="code documents in any language")
    p.add_argument("--max-bytes", type=positive_int, default=MAX_BYTES,
                   help=f"size cap of one whole-file input (default {MAX_BYTES})")
    p.add_argument("--allow-private", action="store_true", help="allow fetching URLs on private/loopback hosts")
    p.set_defaults(run=run)


def add_field_options(p: argparse.ArgumentParser) -> None:
    for name in ("text", "id", "date", "title", "url"):
        p.add_argument(f"--{name}-field", default=name, metavar="NAME",
                       help=f"JSONL/CSV field holding the {name} (default {name!r})")


def read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(date=args.date, text_field=args.text_field, id_field=args.id_field,
                       date_field=args.date_field, title_field=args.title_field, url_field=args.url_field,
                       max_bytes=args.max_bytes, allow_private=args.allow_private)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def run(args: argparse.Namespace) -> int:
    paths = input_paths(args)
    if paths is None:
        return 2
    progress = None
    if args.progress or sys.stderr.isatty():
        progress = Progress(sum(_size(p) for p in expand_paths(paths) if not isinstance(p, Reject)))
    items = read_inputs(paths, options=read_options(args), on_file=progress.files_done if progress else None)
    with Store(args.db) as store:
        try:
            stats = ingest(items, store, batch_size=args.batch_size, workers=args.workers,
                           dedup=not args.no_dedup, languages=None if args.any_language else ("en",),
                           progress=progress, on_reject=None if progress else report_reject)
        finally:
            if progress:
                progress.close()
        c = store.counts()
    print(f"read {stats['read']} documents: {stats['stored']} stored, {stats['already']} already stored, "
          f"{stats['duplicates']} duplicates, {stats['skipped']} skipped, {stats['events']} events; "
          f"{stats['rejected']} rejected. {args.db}: {c['documents']} documents, {c['events']} events")
    return 1 if stats["rejected"] else 0
