"""Server-side SVG of the map page: the world outline shipped with the package (Natural Earth 1:110m admin-0
countries, `data/geo/world_110m.json`) in an equirectangular projection, and one circle per place, its area
proportional to the place's events and its fill the colour of the quad class with most of them (the one
palette, `geowire.palette`). Every circle links to the events of its place under the page's filters, and
from there to each event's evidence. Nothing is loaded from elsewhere: no tiles, no scripts.

Presentation is set with SVG attributes only (the Content-Security-Policy forbids inline styles and scripts);
every label is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ..knowledge import load_world_outline
from ..palette import QUAD_COLORS, QUAD_NAMES
from .svg import quad_legend

__all__ = ["world_map_svg", "project", "WIDTH", "HEIGHT", "NORTH", "SOUTH"]

WIDTH = 960
NORTH, SOUTH = 84.0, -58.0  # latitudes shown: Antarctica and the Arctic Ocean's ice are cut
SCALE = WIDTH / 360.0  # pixels per degree, the same across and down
MAP_HEIGHT = (NORTH - SOUTH) * SCALE
LEGEND = 30
HEIGHT = math.ceil(MAP_HEIGHT) + LEGEND
MIN_R, MAX_R = 3.0, 22.0


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) on the map of a point in degrees; points beyond the latitudes shown sit on the edge."""
    return (lon + 180.0) * SCALE, (NORTH - min(max(lat, SOUTH), NORTH)) * SCALE


def _path(polygons: Iterable[list[list[list[float]]]]) -> str:
    """SVG path data of a country's rings. A ring that crosses the antimeridian runs past +-180 degrees in the
    data: it is drawn twice, once shifted by 360 degrees, and the frame cuts each copy. Rings wholly outside
    the latitudes shown (Antarctica) are left out."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            if max(lats) < SOUTH or min(lats) > NORTH:
                continue
            shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
            for shift in shifts:
                points = [project(lat, lon + shift) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def _outline() -> str:
    """The countries as one SVG group (computed once per process: about 70 KB)."""
    out = ['<g class="land" fill="#e9e7df" stroke="#b9b6aa" stroke-width="0.5">']
    for f in load_world_outline()["features"]:
        props = f["properties"]
        out.append(f'<path data-country="{_e(props.get("iso3") or "")}" d="{_path(f["geometry"]["coordinates"])}">'
                   f'<title>{_e(props["name"])}</title></path>')
    out.append("</g>")
    return "".join(out)


def _radius(events: int, most: int) -> float:
    return MIN_R + (MAX_R - MIN_R) * math.sqrt(events / most) if most else MIN_R


def _label(p: dict[str, Any]) -> str:
    where = p["name"] + (f" ({p['country']})" if p.get("country") and p.get("precision") != "country" else "")
    counts = ", ".join(f"{p[f'quad{q}']} {QUAD_NAMES[q]}" for q in (1, 2, 3, 4) if p[f"quad{q}"])
    return f"{where}: {p['events']} event{'s' if p['events'] != 1 else ''} ({counts})"


def _point(p: dict[str, Any], most: int, filters: dict[str, str]) -> str:
    x, y = project(float(p["lat"]), float(p["lon"]))
    href = "/events?" + urlencode({**filters, "place": p["place"]})
    return (f'<a href="{_e(href)}" class="place quad{int(p["quad"])}" data-place="{_e(p["place"])}" '
            f'data-events="{int(p["events"])}"><title>{_e(_label(p))}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_radius(int(p["events"]), most):.1f}" '
            f'fill="{QUAD_COLORS[int(p["quad"])]}" fill-opacity="0.8" stroke="#222" stroke-width="0.8"/></a>')


def world_map_svg(places: list[dict[str, Any]], filters: dict[str, str]) -> Markup:
    """The map: the world outline and the places (rows of `store.query.places`), largest drawn first so that
    smaller ones stay on top and clickable; each links to `/events` with `filters` and its place."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="100%" role="img" aria-label="map of where the events happened">',
           f'<rect x="0" y="0" width="{WIDTH}" height="{MAP_HEIGHT:.1f}" fill="#f4f8fb"/>', _outline()]
    most = max((int(p["events"]) for p in places), default=0)
    out.append('<g class="places">')
    out += [_point(p, most, filters) for p in sorted(places, key=lambda p: (-int(p["events"]), str(p["place"])))]
    out.append("</g>")
    if not places:
        out.append(f'<text x="{WIDTH / 2}" y="{MAP_HEIGHT / 2:.0f}" text-anchor="middle" fill="#555">'
                   "no located events</text>")
    out += quad_legend(WIDTH - 4 * 150, HEIGHT - 20)
    out.append(f'<text x="6" y="{HEIGHT - 10}" font-size="11" fill="#555">circle area: events · outline: '
               "Natural Earth</text></svg>")
    return Markup("".join(out))
