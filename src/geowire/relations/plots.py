"""Charts of what the relation functions return (matplotlib, no display needed: Figure + Agg canvas).

Each function takes the rows a relation function returned and writes a PNG or SVG (by extension)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import GeowireError
from ..palette import QUAD_COLORS, QUAD_NAMES, TONE_COLORS

__all__ = ["plot_dyad", "plot_network", "plot_balance", "check_plot_path"]

_QUADS = [(f"quad{q}", QUAD_NAMES[q], QUAD_COLORS[q]) for q in (1, 2, 3, 4)]


def check_plot_path(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in (".png", ".svg"):
        raise GeowireError(f"cannot draw {path}: give a .png or .svg file name")
    if not p.parent.exists():
        raise GeowireError(f"cannot draw {path}: directory {p.parent} does not exist")
    return p


def _save(fig: Figure, path: Path) -> None:
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=120, bbox_inches="tight")


def _period_date(p: str) -> date:
    parts = [int(x) for x in p.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def plot_dyad(rows: list[dict[str, Any]], a: str, b: str, path: str | Path, by: str = "month") -> Path:
    """Two panels per direction: stacked event counts per quad class, and the Goldstein sum and mean."""
    p = check_plot_path(path)
    a, b = a.upper(), b.upper()
    fig = Figure(figsize=(12, 7.5), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True, squeeze=False)
    for col, direction in enumerate((f"{a}->{b}", f"{b}->{a}")):
        rs = [r for r in rows if r["direction"] == direction]
        label_dir = direction.replace("->", " \u2192 ")
        x = [_period_date(r["period"]) for r in rs]
        ax = axes[0][col]
        bottom = [0] * len(rs)
        width = {"day": 0.8, "week": 5, "month": 25, "year": 300}.get(by, 25)
        for key, label, color in _QUADS:
            vals = [r[key] for r in rs]
            ax.bar(x, vals, bottom=bottom, width=width, color=color, label=label)
            bottom = [u + v for u, v in zip(bottom, vals, strict=True)]
        ax.set_title(f"{label_dir}: events per {by}")
        ax.set_ylabel("events")
        ax.legend(fontsize=8, loc="upper left")
        ax2 = axes[1][col]
        ax2.axhline(0, color="#888", linewidth=0.8)
        ax2.plot(x, [r["goldstein_sum"] for r in rs], marker="o", markersize=3, color="#283593", label="Goldstein sum")
        ax2.set_ylabel("Goldstein sum")
        ax2.set_xlabel(by)
        twin = ax2.twinx()
        twin.plot(x, [r["goldstein_mean"] for r in rs], linestyle="--", color="#6a1b9a", label="Goldstein mean")
        twin.set_ylabel("Goldstein mean (-10 .. +10)")
        ax2.legend(handles=[Line2D([], [], color="#283593", marker="o", label="Goldstein sum"),
                            Line2D([], [], color="#6a1b9a", linestyle="--", label="Goldstein mean")],
                   fontsize=8, loc="lower left")
        ax2.set_title(f"{label_dir}: Goldstein scale")
        if not rs:
            ax.text(0.5, 0.5, "no events", transform=ax.transAxes, ha="center")
    fig.suptitle(f"Relations between {a} and {b}")
    fig.autofmt_xdate()
    _save(fig, p)
    return p


def plot_network(net: dict[str, Any], path: str | Path, max_nodes: int = 40) -> Path:
    """The `max_nodes` most active nodes, sized by PageRank; edges green (net cooperation) or red (net conflict)."""
    p = check_plot_path(path)
    nodes = net["nodes"][:max_nodes]
    keep = {n["id"] for n in nodes}
    g = nx.Graph()
    for n in nodes:
        g.add_node(n["id"])
    pair: dict[tuple[str, str], dict[str, float]] = {}
    for e in net["edges"]:
        if e["source"] in keep and e["target"] in keep:
            k = (min(e["source"], e["target"]), max(e["source"], e["target"]))
            d = pair.setdefault(k, {"events": 0, "weight": 0})
            d["events"] += e["events"]
            d["weight"] += e["weight"]
    for (s, t), d in pair.items():
        g.add_edge(s, t, **d)
    fig = Figure(figsize=(10, 10))
    ax = fig.subplots()
    if g.number_of_nodes():
        pos = nx.spring_layout(g, seed=1, weight="events")
        top = max((d["events"] for d in pair.values()), default=1) or 1
        for (s, t), d in pair.items():
            color = TONE_COLORS["coop"] if d["weight"] >= 0 else TONE_COLORS["conflict"]
            ax.plot([pos[s][0], pos[t][0]], [pos[s][1], pos[t][1]], color=color, alpha=0.35,
                    linewidth=0.5 + 5 * d["events"] / top, zorder=1)
        pr_max = max((n["pagerank"] or 0) for n in nodes) or 1
        xs = [pos[n["id"]][0] for n in nodes]
        ys = [pos[n["id"]][1] for n in nodes]
        ax.scatter(xs, ys, s=[80 + 1500 * (n["pagerank"] or 0) / pr_max for n in nodes], color="#90caf9",
                   edgecolors="#0d47a1", zorder=2)
        for n in nodes:
            ax.annotate(n["id"], pos[n["id"]], ha="center", va="center", fontsize=8, zorder=3)
    else:
        ax.text(0.5, 0.5, "no relations", transform=ax.transAxes, ha="center")
    ax.legend(handles=[Line2D([], [], color=TONE_COLORS["coop"], label="net cooperation (quad 1-2 > quad 3-4)"),
                       Line2D([], [], color=TONE_COLORS["conflict"], label="net conflict"),
                       Line2D([], [], marker="o", linestyle="", color="#90caf9", markeredgecolor="#0d47a1",
                              label="node size: PageRank")], loc="lower left", fontsize=8)
    ax.set_title(f"Relations network: {len(nodes)} most active actors (edge width: events)")
    ax.set_xlabel("spring layout (position has no unit)")
    ax.set_ylabel("spring layout")
    ax.set_xticks([])
    ax.set_yticks([])
    _save(fig, p)
    return p


def plot_balance(rows: list[dict[str, Any]], country: str, a: str, b: str, path: str | Path,
                 by: str = "month") -> Path:
    """Share of C's interactions toward A over time, and the Goldstein sum with each pole."""
    p = check_plot_path(path)
    c, a, b = country.upper(), a.upper(), b.upper()
    x = [_period_date(r["period"]) for r in rows]
    fig = Figure(figsize=(11, 7), layout="constrained")
    ax1, ax2 = fig.subplots(2, 1, sharex=True)
    ax1.plot(x, [r["share_a"] for r in rows], marker="o", markersize=3, color="#1565c0", label=f"share toward {a}")
    ax1.axhline(0.5, color="#888", linestyle=":", linewidth=0.8, label="even split")
    ax1.set_ylim(0, 1)
    ax1.set_ylabel(f"share of events with {a}")
    ax1.set_title(f"{c} between {a} and {b}: share of its events (both directions) per {by}")
    ax1.legend(fontsize=8)
    ax2.axhline(0, color="#888", linewidth=0.8)
    ax2.plot(x, [r["goldstein_a"] for r in rows], marker="o", markersize=3, color="#1565c0", label=f"with {a}")
    ax2.plot(x, [r["goldstein_b"] for r in rows], marker="s", markersize=3, color="#ef6c00", label=f"with {b}")
    ax2.set_ylabel("Goldstein sum")
    ax2.set_xlabel(by)
    ax2.set_title(f"Goldstein sum of {c}'s events with each pole")
    ax2.legend(fontsize=8)
    if not rows:
        ax1.text(0.5, 0.5, "no events", transform=ax1.transAxes, ha="center")
    fig.autofmt_xdate()
    _save(fig, p)
    return p
