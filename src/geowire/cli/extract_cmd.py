"""`geowire extract PATH...`: print events without touching a database."""

from __future__ import annotations

import argparse

from .options import add_format, add_input_options, command, read_options


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "extract", help="print coded events from text, HTML, JSONL ... files (or - for stdin)")
    add_input_options(p, sample=False)
    p.add_argument("--include-negated", action="store_true", help="also print negated events (negated: true)")
    p.add_argument("--include-hypothetical", action="store_true",
                   help="also print hypothetical events (hopes, conditions, requests)")
    add_format(p, default="jsonl")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import itertools

    from ..ingest import read_inputs
    from ..pipeline import extract
    from .console import RejectLog
    from .output import emit

    log = RejectLog()
    articles = log.articles(read_inputs(args.paths, options=read_options(args)))
    first = next(articles, None)
    if first is None:  # nothing readable: no need to load the pipeline
        return 1 if log.rejects else 0
    events = extract(itertools.chain([first], articles), include_negated=args.include_negated,
                     include_hypothetical=args.include_hypothetical)
    emit((e.to_dict() for e in events), args.format)
    return 1 if log.rejects else 0
