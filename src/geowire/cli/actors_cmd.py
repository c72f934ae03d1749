"""`geowire actors "TEXT"`: how each actor mention was resolved, and why."""

from __future__ import annotations

import argparse

from .options import add_format, command, iso_date

_COLUMNS = ["text", "start", "end", "code", "country", "sector", "name", "how", "antecedent"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "actors", help="show actor resolution for a text")
    p.add_argument("text")
    p.add_argument("--date", type=iso_date)
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..model import Article
    from ..pipeline import parse
    from .output import emit

    doc = next(parse([Article(id="text", text=args.text, date=args.date)]))
    rows = []
    for m in doc._.geowire_actor_candidates:
        rows.append({"text": m["text"], "start": m["start"], "end": m["end"], "code": m["code"],
                     "country": m["country"], "sector": m["sector"], "name": m["name"],
                     "how": m["how"] if m["country"] else "unresolved",
                     "antecedent": m.get("antecedent")})
    emit(rows, args.format, _COLUMNS)
    return 0
