"""The relations graph: states and organizations as nodes, directed edges weighted by cooperation minus
conflict, with centrality (degree, weighted degree, PageRank) from networkx."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..store import Store
from ..store.query import ASSERTED
from ._common import node_expr, rnd
from .aggregates import PAIR_TABLE, aggregates_fresh

__all__ = ["network", "edges", "to_graph"]


def edges(store: Store, since: str | None = None) -> list[dict[str, Any]]:
    """One row per ordered pair of nodes (self-loops left out): events, cooperation (quad 1-2), conflict
    (quad 3-4), weight = cooperation - conflict, Goldstein sum. `since` compares with the event date string,
    so year-only dates count from the next year's on and undated events only when `since` is None.
    Uses the pre-aggregated `rel_pair_months` table while it is fresh (see `aggregates.py`)."""
    src, tgt = node_expr(p="source"), node_expr(p="target")
    raw = f"""
        SELECT {src} AS source, {tgt} AS target, count(*) AS events,
               count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
               count(*) FILTER (WHERE quad_class >= 3) AS conflict,
               sum(goldstein) AS goldstein_sum
        FROM events
        WHERE {ASSERTED} AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt} {{extra}}
        GROUP BY ALL"""
    params: list[Any] = []
    if aggregates_fresh(store):
        parts = [f"SELECT source, target, events, cooperation, conflict, goldstein_sum FROM {PAIR_TABLE}"]
        if since:
            parts[0] += " WHERE month > left(?, 7)"
            parts.append(raw.format(extra="AND left(date, 7) = left(?, 7) AND date >= ?"))
            params += [since, since, since]
        inner = " UNION ALL ".join(parts)
        sql = f"""SELECT source, target, sum(events) AS events, sum(cooperation) AS cooperation,
                         sum(conflict) AS conflict, sum(goldstein_sum) AS goldstein_sum
                  FROM ({inner}) GROUP BY ALL"""
    else:
        sql = raw.format(extra="AND date >= ?" if since else "")
        params += [since] if since else []
    cur = store.con.execute(sql + " ORDER BY events DESC, source, target", params)
    return [{"source": s, "target": t, "events": int(n), "cooperation": int(co), "conflict": int(cf),
             "weight": int(co) - int(cf), "goldstein_sum": rnd(gs, 2)}
            for s, t, n, co, cf, gs in cur.fetchall()]


def to_graph(edge_rows: list[dict[str, Any]]) -> nx.DiGraph:
    """A networkx DiGraph of `edges()` rows (edge attribute `events`, plus the others when `attrs`)."""
    g = nx.DiGraph()
    g.add_weighted_edges_from(((e["source"], e["target"], e["events"]) for e in edge_rows), weight="events")
    return g


def network(store: Store, since: str | None = None, max_nodes: int | None = None) -> dict[str, Any]:
    """{"nodes": [{id, events, degree, weighted_degree, pagerank}], "edges": [{source, target, events,
    cooperation, conflict, weight, goldstein_sum}]}.

    events sums the events of a node's edges (both directions); degree counts its distinct partners;
    weighted_degree sums the weights (cooperation - conflict) of its edges, both directions; PageRank runs on the directed graph weighted by events. Centrality is
    computed on the whole graph; `max_nodes` then keeps that many nodes with most events and the edges among them.
    Nodes are ordered by events (descending), edges likewise."""
    rows = edges(store, since)
    g = to_graph(rows)
    pr: dict[str, float] = nx.pagerank(g, weight="events") if g.number_of_nodes() else {}
    nodes: dict[str, dict[str, Any]] = {}
    partners: dict[str, set[str]] = {}
    for n in g.nodes:
        nodes[n] = {"id": n, "events": 0, "degree": 0, "weighted_degree": 0, "pagerank": rnd(pr.get(n, 0.0), 5)}
        partners[n] = set()
    for e in rows:
        s, t = e["source"], e["target"]
        partners[s].add(t)
        partners[t].add(s)
        for n in (s, t):
            nodes[n]["events"] += e["events"]
            nodes[n]["weighted_degree"] += e["weight"]
    for n, d in nodes.items():
        d["degree"] = len(partners[n])
    ordered = sorted(nodes.values(), key=lambda d: (-d["events"], d["id"]))
    if max_nodes is not None:
        ordered = ordered[:max_nodes]
        keep = {d["id"] for d in ordered}
        rows = [e for e in rows if e["source"] in keep and e["target"] in keep]
    return {"nodes": ordered, "edges": rows}
