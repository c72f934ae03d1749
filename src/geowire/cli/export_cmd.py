"""`geowire export --format gdelt|plover|parquet --db FILE --out PATH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GeowireError
from ..export import export_parquet, write_gdelt, write_plover
from ..store import open_store


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export events: GDELT 2.0 event table, PLOVER JSONL, or Parquet")
    p.add_argument("--format", choices=["gdelt", "plover", "parquet"], required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True,
                   help="file (gdelt, plover; - for stdout) or directory (parquet: documents.parquet, events.parquet)")
    p.add_argument("--header", action="store_true", help="gdelt: first line names the columns (GDELT has none)")
    p.add_argument("--window", type=int, default=3, help="gdelt: days within which mentions are one event (3)")
    p.add_argument("--include-negated", action="store_true", help="plover: also negated and hypothetical events")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.out == "-":
        raise GeowireError("--out -: the Parquet export needs a directory")
    if args.out != "-" and args.format != "parquet" and not Path(args.out).parent.exists():
        raise GeowireError(f"--out {args.out}: directory {Path(args.out).parent} does not exist")
    with open_store(args.db) as store:
        if args.format == "parquet":
            counts = export_parquet(store, args.out)
            print(f"geowire: wrote {counts['events']} events and {counts['documents']} documents to {args.out}",
                  file=sys.stderr)
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
    if args.out != "-":
        print(f"geowire: wrote {n} {'events' if args.format == 'gdelt' else 'records'} to {args.out}", file=sys.stderr)
    return 0
