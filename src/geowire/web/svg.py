"""Server-side SVG: the network map and the dyad timeline (the world map is `worldmap.py`). Every label is
escaped; presentation is set with SVG attributes only (the Content-Security-Policy forbids inline styles and
scripts)."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx
from markupsafe import Markup

from ..palette import NODE_FILLS, QUAD_COLORS, QUAD_NAMES, TONE_COLORS

__all__ = ["network_svg", "timeline_svg", "period_range", "quad_legend"]


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _tone(weight: int) -> str:
    return "coop" if weight > 0 else "conflict" if weight < 0 else "mixed"


def _normalized(pos: dict[Any, Any]) -> dict[str, tuple[float, float]]:
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: ((float(x) - min(xs)) / sx if len(pos) > 1 else 0.5, (float(y) - min(ys)) / sy if len(pos) > 1 else 0.5)
            for n, (x, y) in pos.items()}


def _layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]^2: the largest connected component fills the top of the map, smaller ones sit in a
    row of cells along the bottom (a spring layout of everything would push the big one into a corner)."""
    g = nx.Graph()
    for n in nodes:
        g.add_node(n["id"])
    for e in edges:
        if e["source"] in g and e["target"] in g:
            w = int(e.get("events") or 1)
            if g.has_edge(e["source"], e["target"]):
                g[e["source"]][e["target"]]["weight"] += w
            else:
                g.add_edge(e["source"], e["target"], weight=w)
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    main, rest = comps[0], comps[1:]
    sub = g.subgraph(main)
    k = 2.2 / math.sqrt(max(len(main), 1))
    pos_main = _normalized(nx.spring_layout(sub, k=k, seed=7, iterations=300, weight=None)) if len(main) > 1 \
        else {main[0]: (0.5, 0.5)}
    band = 0.84 if rest else 1.0
    out = {n: (x, y * band) for n, (x, y) in pos_main.items()}
    if rest:
        cells = len(rest)
        per_row = max(1, min(cells, 10))
        rows = math.ceil(cells / per_row)
        for i, comp in enumerate(rest):
            r, c = divmod(i, per_row)
            cx0, cw = c / per_row, 1 / per_row
            cy0, ch = 0.9 + r * (0.1 / rows), 0.1 / rows
            local = _normalized(nx.spring_layout(g.subgraph(comp), seed=7)) if len(comp) > 1 else {comp[0]: (0.5, 0.5)}
            for node_id, (x, y) in local.items():
                out[node_id] = (cx0 + cw * (0.2 + 0.6 * x), cy0 + ch * y)
    return out


def _edge(e: dict[str, Any], xy: Callable[[str], tuple[float, float]], radius: dict[str, float]) -> str:
    """One directed edge: a curve bending to the right of its direction (A->B and B->A never overlap) that
    stops at the target's rim."""
    s, t = e["source"], e["target"]
    (x1, y1), (x2, y2) = xy(s), xy(t)
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2 + dy * 0.12, (y1 + y2) / 2 - dx * 0.12
    ex, ey = x2 - cx, y2 - cy
    el = math.hypot(ex, ey) or 1.0
    r = radius.get(t, 8) + 2
    x2e, y2e = x2 - ex / el * r, y2 - ey / el * r
    tone = _tone(int(e.get("weight") or 0))
    w = 1 + 1.5 * math.log2(1 + int(e.get("events") or 1))
    href = f"/dyads/{quote(str(s), safe='')}/{quote(str(t), safe='')}"
    label = (f"{s} → {t}: {e.get('events')} events, {e.get('cooperation')} cooperation, "
             f"{e.get('conflict')} conflict, Goldstein {e.get('goldstein_sum')}")
    return (f'<a href="{_e(href)}" class="edge" data-source="{_e(s)}" data-target="{_e(t)}">'
            f'<title>{_e(label)}</title>'
            f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2e:.1f},{y2e:.1f}" fill="none" '
            f'stroke="{TONE_COLORS[tone]}" stroke-width="{w:.1f}" stroke-opacity="0.7" '
            f'marker-end="url(#arrow-{tone})"/></a>')


def _node(n: dict[str, Any], x: float, y: float, r: float) -> str:
    """One node, filled by its net cooperation (both directions), linking to its events."""
    nid = n["id"]
    fill = NODE_FILLS[_tone(int(n.get("weighted_degree") or 0))]
    label = f"{nid}: {n.get('events')} events, {n.get('degree')} partners, PageRank {n.get('pagerank')}"
    href = "/events?" + urlencode({"actor": nid})
    return (f'<a href="{_e(href)}" class="node" data-id="{_e(nid)}"><title>{_e(label)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#333" stroke-width="1.2"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" font-weight="600" '
            f'fill="#111">{_e(nid)}</text></a>')


def network_svg(net: dict[str, Any], width: int = 960, height: int = 620) -> Markup:
    """The relations graph: node size by events, directed curved edges colored by net cooperation."""
    nodes, edges = net.get("nodes") or [], net.get("edges") or []
    pos = _layout(nodes, edges)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-label="network of relations">', '<defs>']
    for name, color in TONE_COLORS.items():
        out.append(f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
                   f'markerWidth="10" markerHeight="10" orient="auto-start-reverse">'
                   f'<path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>')
    out.append(f'</defs><rect x="0" y="0" width="{width}" height="{height}" fill="#fbfbf8"/>')
    if not pos:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#555">no relations</text></svg>')
        return Markup("".join(out))
    margin = 40

    def xy(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return margin + x * (width - 2 * margin), margin + y * (height - 2 * margin)

    max_events = max((int(n.get("events") or 0) for n in nodes), default=1) or 1
    radius = {n["id"]: 7 + 17 * math.sqrt(int(n.get("events") or 0) / max_events) for n in nodes}
    out.append('<g class="edges">')
    out += [_edge(e, xy, radius) for e in edges if e["source"] in pos and e["target"] in pos]
    out.append('</g><g class="nodes">')
    out += [_node(n, *xy(n["id"]), radius[n["id"]]) for n in nodes if n["id"] in pos]
    out.append("</g></svg>")
    return Markup("".join(out))


def period_range(period: str, by: str) -> tuple[str, str] | None:
    """First and last day of a period label as the relations functions write it."""
    try:
        if by == "day":
            d = dt.date.fromisoformat(period)
            return d.isoformat(), d.isoformat()
        if by == "week":
            d = dt.date.fromisoformat(period)
            return d.isoformat(), (d + dt.timedelta(days=6)).isoformat()
        if by == "month":
            y, m = (int(x) for x in period.split("-"))
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        if by == "year":
            y = int(period)
            return f"{y:04d}-01-01", f"{y:04d}-12-31"
    except (ValueError, TypeError):
        return None
    return None


def _bands(r: dict[str, Any], a: str, b: str, by: str, x: float, bar: float, mid: float, scale: float,
           up: bool) -> list[str]:
    """One period's stacked quad-class bands of one direction, each linking to its events."""
    out = []
    acc = 0.0
    rng = period_range(str(r["period"]), by)
    for q in (1, 2, 3, 4):
        n = int(r.get(f"quad{q}") or 0)
        if not n:
            continue
        h = n * scale
        y = mid - acc - h if up else mid + acc
        acc += h
        label = f"{r.get('direction')} {r['period']}: {n} {QUAD_NAMES[q]} of {r.get('events')} events"
        params = {"dyad": f"{a}-{b}", "quad": str(q)}
        if rng:
            params.update(since=rng[0], until=rng[1])
        href = "/events?" + urlencode(params)
        out.append(f'<a href="{_e(href)}" class="band quad{q}"><title>{_e(label)}</title>'
                   f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 0.5):.1f}" '
                   f'fill="{QUAD_COLORS[q]}" stroke="#fff" stroke-width="0.5"/></a>')
    return out


def quad_legend(x: float, y: float) -> list[str]:
    """The quad classes' colours and names in a row from (x, y) (the top of the swatches), 150 apart."""
    return [f'<rect x="{x + (q - 1) * 150}" y="{y}" width="12" height="12" fill="{QUAD_COLORS[q]}"/>'
            f'<text x="{x + (q - 1) * 150 + 16}" y="{y + 10}" font-size="11" fill="#333">{QUAD_NAMES[q]}</text>'
            for q in (1, 2, 3, 4)]


def timeline_svg(a: str, b: str, by: str, series: list[dict[str, Any]], width: int = 960,
                 height: int = 380) -> Markup:
    """Stacked bars per period: A->B above the axis, B->A below, one band per quad class."""
    periods = sorted({str(r["period"]) for r in series})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-label="dyad timeline {_e(a)} and {_e(b)}">',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fbfbf8"/>']
    left, right, top, bottom = 70, 20, 40, 60
    mid = top + (height - top - bottom) / 2
    half = (height - top - bottom) / 2 - 4
    out.append(f'<text x="8" y="{top - 12}" font-size="13" font-weight="600" fill="#222">{_e(a)} → {_e(b)}</text>')
    out.append(f'<text x="8" y="{height - bottom + 30}" font-size="13" font-weight="600" fill="#222">'
               f'{_e(b)} → {_e(a)}</text>')
    out.append(f'<line x1="{left}" y1="{mid}" x2="{width - right}" y2="{mid}" stroke="#444" stroke-width="1"/>')
    if not periods:
        out.append(f'<text x="{width / 2}" y="{mid - 10}" text-anchor="middle" fill="#555">no dated events</text></svg>')
        return Markup("".join(out))
    max_total = max(int(r.get("events") or 0) for r in series) or 1
    slot = (width - left - right) / len(periods)
    bar = max(2.0, min(48.0, slot * 0.7))
    index = {p: i for i, p in enumerate(periods)}
    # axis ticks: max count above and below
    for sign in (1, -1):
        y = mid - sign * half
        out.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#555">{max_total}</text>')
    for r in series:
        x = left + index[str(r["period"])] * slot + (slot - bar) / 2
        out += _bands(r, a, b, by, x, bar, mid, half / max_total, up=r.get("direction") == f"{a}->{b}")
    step = max(1, math.ceil(len(periods) / 16))
    for p, i in index.items():
        if i % step:
            continue
        x = left + i * slot + slot / 2
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 14}" text-anchor="middle" font-size="11" '
                   f'fill="#333">{_e(p)}</text>')
    out += quad_legend(width - right - 4 * 150, height - 18)
    out.append("</svg>")
    return Markup("".join(out))
