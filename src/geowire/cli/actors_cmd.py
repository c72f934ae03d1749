"""`geowire actors "TEXT"`: how each actor mention was resolved, and why."""

from __future__ import annotations

import argparse

from ..model import Article
from ..pipeline import parse
from .common import iso_date, print_json, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("actors", help="show actor resolution for a text")
    p.add_argument("text")
    p.add_argument("--date", type=iso_date)
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    doc = next(parse([Article(id="text", text=args.text, date=args.date)]))
    rows = []
    for m in doc._.actor_candidates:
        rows.append({"text": m["text"], "start": m["start"], "end": m["end"], "code": m["code"],
                     "country": m["country"], "sector": m["sector"], "name": m["name"],
                     "how": m["how"] if m["country"] else "unresolved",
                     "antecedent": m.get("antecedent")})
    if args.format == "jsonl":
        print_json(rows)
    else:
        print_table(rows, ["text", "start", "end", "code", "country", "sector", "name", "how", "antecedent"])
    return 0
