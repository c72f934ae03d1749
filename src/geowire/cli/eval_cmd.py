"""`geowire eval GOLD.jsonl`: score extraction against a gold file (PLOVER GSR format)."""

from __future__ import annotations

import argparse
import json

from ..eval import evaluate, format_report


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("eval", help="score extraction against a gold JSONL file")
    p.add_argument("gold")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--misses", type=int, default=0, metavar="N",
                   help="also print N missed gold dyads (article gold: N unsupported predictions and N misses)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = evaluate(args.gold)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(format_report(report, misses=args.misses))
    return 0
