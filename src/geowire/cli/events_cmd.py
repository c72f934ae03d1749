"""`geowire events --db FILE`: list stored events, with the filters of the API's `/api/events` (also where
they happened: `--in ISO3`, `--near LAT,LON --km N`)."""

from __future__ import annotations

import argparse
import re

from .options import (
    add_db,
    add_format,
    add_limit,
    add_min_confidence,
    add_place_filters,
    command,
    iso_date,
    place_filter,
)


def _dyad(value: str) -> tuple[str, str]:
    m = re.fullmatch(r"([A-Za-z]{3}[A-Za-z0-9]*)-([A-Za-z]{3}[A-Za-z0-9]*)", value.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"invalid dyad {value!r}: use A-B, e.g. RUS-UKR")
    return m.group(1).upper(), m.group(2).upper()


def _quad(value: str) -> int:
    if value not in ("1", "2", "3", "4"):
        raise argparse.ArgumentTypeError(f"invalid quad class {value!r}: use 1-4")
    return int(value)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "events", help="list stored events")
    add_db(p)
    p.add_argument("--actor", help="country code (IND) or CAMEO actor code prefix (INDGOV) on either side")
    p.add_argument("--dyad", type=_dyad, metavar="A-B", help="both directions between two actors (RUS-UKR)")
    p.add_argument("--cameo", help="CAMEO code prefix (19, 190, 1663)")
    p.add_argument("--quad", type=_quad, help="quad class 1-4")
    p.add_argument("--since", type=iso_date, help="only events on or after this date")
    p.add_argument("--until", type=iso_date, help="only events on or before this date")
    p.add_argument("--text", help="text in the sentence or the trigger")
    p.add_argument("--include-negated", action="store_true", help="also list negated and hypothetical events")
    add_min_confidence(p)
    add_place_filters(p)
    add_limit(p, "events")
    add_format(p)
    p.set_defaults(run=run, parser=p)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store, query
    from .output import emit

    f = query.EventFilter(actor=args.actor.upper() if args.actor else None, dyad=args.dyad, cameo=args.cameo,
                          quad=args.quad, since=args.since, until=args.until, q=args.text,
                          include_negated=args.include_negated, min_confidence=args.min_confidence,
                          **place_filter(args.parser, args))
    with open_store(args.db) as store:
        rows = query.events(store.con, f, query.Page(args.limit))
    emit(rows, args.format)
    return 0
