"""`geowire network --db FILE`: the relations graph with centrality.

`--format json` prints `{"nodes": [...], "edges": [...]}`; `jsonl` one line per node and per edge, each with
`"kind": "node"` or `"edge"`; `table` two tables. `--limit` caps the rows of each list.
"""

from __future__ import annotations

import argparse

from .options import add_db, add_format, add_limit, command, count, iso_date

_NODES = ["id", "events", "degree", "weighted_degree", "pagerank"]
_EDGES = ["source", "target", "events", "cooperation", "conflict", "weight", "goldstein_sum"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = command(sub, "network", help="relations graph: nodes with centrality, edges cooperation - conflict")
    add_db(p)
    p.add_argument("--since", type=iso_date, help="only events dated YYYY-MM-DD or later")
    p.add_argument("--max-nodes", type=count, metavar="N",
                   help="keep the N most active nodes and the edges among them (centrality on the whole graph)")
    add_limit(p, "nodes and N edges")
    p.add_argument("--plot", metavar="FILE.png|svg", help="also draw the graph (the 40 most active nodes)")
    add_format(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..relations import network
    from ..store import open_store
    from .console import log
    from .output import print_json, print_jsonl, print_table

    if args.plot:
        from ..relations.plots import check_plot_path, plot_network

        check_plot_path(args.plot)
    with open_store(args.db) as store:
        net = network(store, since=args.since, max_nodes=args.max_nodes)
    nodes, edges = net["nodes"][: args.limit], net["edges"][: args.limit]
    if args.format == "json":
        print_json({"nodes": nodes, "edges": edges})
    elif args.format == "jsonl":
        print_jsonl([{"kind": "node", **n} for n in nodes] + [{"kind": "edge", **e} for e in edges])
    else:
        print(f"{len(net['nodes'])} nodes, {len(net['edges'])} edges")
        print()
        print_table(nodes, _NODES)
        print()
        print_table(edges, _EDGES)
    if args.plot:
        log.info("chart written to %s", plot_network(net, args.plot))
    return 0
