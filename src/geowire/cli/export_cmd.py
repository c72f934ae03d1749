"""`geowire export --format gdelt|plover|parquet --db FILE --out PATH` (`--out -`: stdout, gdelt and plover)."""

from __future__ import annotations

import argparse

from .options import add_db, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "export", help="export events: GDELT 2.0 event table, PLOVER JSONL, or Parquet")
    p.add_argument("--format", choices=["gdelt", "plover", "parquet"], required=True, help="export format")
    add_db(p)
    p.add_argument("--out", required=True,
                   help="file (gdelt, plover; - for stdout) or directory (parquet: documents.parquet, events.parquet)")
    p.add_argument("--header", action="store_true", help="gdelt: first line names the columns (GDELT has none)")
    p.add_argument("--window", type=int, default=3, help="gdelt: days within which mentions are one event (3)")
    p.add_argument("--include-negated", action="store_true", help="plover: also negated and hypothetical events")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from ..errors import GeowireError
    from ..export import export_parquet, write_gdelt, write_plover
    from ..store import open_store
    from .console import log

    if args.format == "parquet" and args.out == "-":
        raise GeowireError("--out -: the Parquet export is a directory; give its path")
    if args.out != "-" and args.format != "parquet" and not Path(args.out).parent.exists():
        raise GeowireError(f"--out {args.out}: directory {Path(args.out).parent} does not exist")
    with open_store(args.db) as store:
        if args.format == "parquet":
            counts = export_parquet(store, args.out)
            log.info("wrote %d events and %d documents to %s", counts["events"], counts["documents"], args.out)
            return 0
        out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
        try:
            if args.format == "gdelt":
                n = write_gdelt(store, out, header=args.header, window_days=args.window)
            else:
                n = write_plover(store, out, include_negated=args.include_negated)
        finally:
            if out is not sys.stdout:
                out.close()
    log.info("wrote %d %s to %s", n, "events" if args.format == "gdelt" else "records",
             "stdout" if args.out == "-" else args.out)
    return 0
