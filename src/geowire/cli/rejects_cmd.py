"""`geowire rejects --db FILE`: every input that could not be read, with the reason."""

from __future__ import annotations

import argparse

from .options import add_db, add_format, add_limit, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "rejects", help="list inputs that could not be read, and why")
    add_db(p)
    add_limit(p)
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from .output import emit

    with open_store(args.db) as store:
        rows = store.rejects()
    emit(rows[: args.limit], args.format, ["origin", "line", "reason"])
    return 0
