"""`geowire eval GOLD.jsonl`: score extraction against a gold file (PLOVER GSR format)."""

from __future__ import annotations

import argparse

from .options import add_format, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "eval", help="score extraction against a gold JSONL file")
    p.add_argument("gold")
    p.add_argument("--misses", type=int, default=0, metavar="N", help="table format: also print N missed gold dyads")
    add_format(p, choices=("table", "json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..eval import evaluate, format_report
    from .output import print_json

    report = evaluate(args.gold)
    if args.format == "json":
        print_json(report)
    else:
        print(format_report(report, misses=args.misses))
    return 0
