"""`geowire explain EVENT_ID --db FILE`: why a stored event was printed.

The pattern or candidate that proposed it, how its source and target were resolved, the target search step,
the negation and modality cues, its model score and calibrated confidence, and the features that raised or
lowered that score (the same record the web UI shows on the event's page).
"""

from __future__ import annotations

import argparse
from typing import Any

from .options import add_db, add_format, command


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "explain", help="why a stored event was printed: rule, actors, cues, score")
    p.add_argument("event_id", metavar="EVENT_ID")
    add_db(p)
    add_format(p, choices=("table", "json"))
    p.set_defaults(run=run)


def _lines(ev: dict[str, Any]) -> list[str]:
    x = ev.get("explain") or {}
    src, tgt = ev.get("source") or {}, ev.get("target") or {}
    lines = [
        f"event {ev['id']} in document {ev['doc_id']}, sentence {ev['sentence_index']}",
        f"  {src.get('code') or '-'} {ev['cameo']} {tgt.get('code') or '-'}  trigger {ev['trigger']['text']!r}"
        f"  {ev['modality']}{' NEGATED' if ev.get('negated') else ''}",
        f"  sentence: {(ev.get('sentence') or '').strip()}",
        f"  candidate: {x.get('candidate', '-')}; pattern: {x.get('pattern') or '-'}"
        f"{' (' + str(x['pattern_code']) + ')' if x.get('pattern_code') else ''}",
        f"  target search: {x.get('target_search') or '-'}",
        f"  source {src.get('text')!r} resolved by {x.get('source_resolution') or '-'}; "
        f"target {tgt.get('text')!r} resolved by {x.get('target_resolution') or '-'}",
        f"  cues: {', '.join(x.get('cues') or []) or '-'}",
        f"  score {x.get('score', '-')}, confidence {ev.get('confidence')}"
        f"{'' if ev.get('confident', True) is not False else ' (under the bar it was coded with)'}",
        "  raised by: " + (", ".join(f"{f} +{w}" for f, w in x.get("raised_by") or []) or "-"),
        "  lowered by: " + (", ".join(f"{f} {w}" for f, w in x.get("lowered_by") or []) or "-"),
    ]
    if x.get("note"):
        lines.append(f"  note: {x['note']}")
    return lines


def run(args: argparse.Namespace) -> int:
    from ..errors import GeowireError
    from ..store import open_store, query
    from .output import print_json

    with open_store(args.db) as store:
        ev = query.get_event(store.con, args.event_id)
    if ev is None:
        raise GeowireError(f"no event {args.event_id!r} in {args.db}")
    if args.format == "json":
        print_json(ev)
    else:
        print("\n".join(_lines(ev)))
    return 0
