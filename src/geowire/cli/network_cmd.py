"""`geowire network --db FILE`: the relations graph with centrality."""

from __future__ import annotations

import argparse
import json
import sys

from ..relations import network
from ..store import open_store
from .common import iso_date, print_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("network", help="relations graph: nodes with centrality, edges cooperation - conflict")
    p.add_argument("--db", required=True)
    p.add_argument("--since", type=iso_date, help="only events dated YYYY-MM-DD or later")
    p.add_argument("--limit", type=int, help="keep the N most active nodes (and the edges among them)")
    p.add_argument("--top", type=int, default=20, help="rows of nodes and edges shown in table format (default 20)")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw the graph (the 40 most active nodes)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.plot:
        from ..relations.plots import check_plot_path
        check_plot_path(args.plot)
    with open_store(args.db) as store:
        net = network(store, since=args.since, limit=args.limit)
    if args.format == "json":
        sys.stdout.write(json.dumps(net, ensure_ascii=False) + "\n")
    else:
        print(f"{len(net['nodes'])} nodes, {len(net['edges'])} edges")
        print()
        print_table(net["nodes"][: args.top], ["id", "events", "degree", "weighted_degree", "pagerank"])
        print()
        print_table(net["edges"][: args.top],
                    ["source", "target", "events", "cooperation", "conflict", "weight", "goldstein_sum"])
    if args.plot:
        from ..relations.plots import plot_network
        path = plot_network(net, args.plot)
        print(f"geowire: chart written to {path}", file=sys.stderr)
    return 0
