"""`geowire dyads --db FILE`: relations per pair of actors."""

from __future__ import annotations

import argparse

from .options import add_db, add_format, add_limit, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "dyads", help="summarize relations per (source, target) pair")
    add_db(p)
    add_limit(p, "dyads")
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from .output import emit

    with open_store(args.db) as store:
        rows = store.dyads(limit=args.limit)
    emit(rows, args.format)
    return 0
