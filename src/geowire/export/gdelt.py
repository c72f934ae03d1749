"""The GDELT 2.0 event table: one row per clustered event, the codebook's 61 columns in order, tab-separated,
no header (as GDELT publishes it; `header=True` adds one). The geography columns follow GDELT's conventions
(`gdelt_geo.py`): ActionGeo_* where the event happened, Actor1Geo_*/Actor2Geo_* the actors' home countries.
Fields geowire does not know (ethnic and religion codes, second-level divisions) are empty."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from ..errors import GeowireError
from ..knowledge import load_regions
from ..store import Store
from ..store.clusters import clusters
from .gdelt_geo import GEO_FIELDS, action_geo, actor_geo

__all__ = ["GDELT_COLUMNS", "gdelt_rows", "write_gdelt", "read_gdelt"]

# GDELT 2.0 Event Codebook (V2.0, 2015), the event table's columns in order.
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = GEO_FIELDS
GDELT_COLUMNS: list[str] = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR] + [f"Actor2{f}" for f in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in _GEO] + [f"Actor2Geo_{f}" for f in _GEO] + [f"ActionGeo_{f}" for f in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61

# CAMEO actor codes of international organizations start with IGO/NGO; GDELT puts the organization in
# KnownGroupCode (e.g. "UNO" for IGOUNO, "EEC" for IGOEUREEC) and leaves CountryCode empty.
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")


@lru_cache(maxsize=1)
def _group_scopes() -> frozenset[str]:
    return frozenset({r["code"] for r in load_regions()} | {"BUS"})


def _known_group(code: str) -> str:
    """The organization's 3-letter group: IGOUNO -> UNO, IGOEUREEC -> EEC (after a region), IGOBUSOPC -> OPC."""
    if code[:3] not in _GROUP_PREFIXES or len(code) < 6:
        return ""
    if len(code) >= 9 and code[3:6] in _group_scopes():
        return code[6:9]
    return code[3:6]


def _num(x: float | None, nd: int) -> str:
    if x is None:
        return ""
    return f"{x:.{nd}f}".rstrip("0").rstrip(".") if nd else str(int(x))


def _actor(c: dict[str, Any], side: str) -> list[str]:
    code = c[f"{side}_code"] or ""
    group = _known_group(code)
    name = (c[f"{side}_name"] or "").upper()
    sector = c[f"{side}_sector"] or ""
    country = c[f"{side}_country"] or ""
    country = "" if country in _GROUP_PREFIXES else country
    return [code, name, country, group, "", "", "", sector, "", ""]


def _row(c: dict[str, Any]) -> list[str]:
    ds = c["date"] or ""
    sqldate = monthyear = year = fraction = ""
    if len(ds) == 10:
        d = date.fromisoformat(ds)
        sqldate, monthyear, year = d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year)
        fraction = f"{d.year + d.timetuple().tm_yday / 365:.4f}"
    elif len(ds) == 4:
        year = ds
    added = ""
    if c["date_added"]:
        da = c["date_added"]
        da = datetime.fromisoformat(da) if isinstance(da, str) else da
        added = da.strftime("%Y%m%d%H%M%S")
    cameo = c["cameo"]
    out = ([str(c["cluster_id"]), sqldate, monthyear, year, fraction]
           + _actor(c, "source") + _actor(c, "target")
           + ["1" if c["is_root"] else "0", cameo, cameo[:3], c["cameo_root"] or cameo[:2],
              "" if c["quad_class"] is None else str(c["quad_class"]), _num(c["goldstein"], 1),
              str(c["num_mentions"]), str(c["num_sources"]), str(c["num_articles"]), _num(c["avg_tone"], 10)]
           + actor_geo(c["source_country"]) + actor_geo(c["target_country"])
           + action_geo({k[len("location_"):]: v for k, v in c.items() if k.startswith("location_")})
           + [added, c["source_url"] or ""])
    return [v.replace("\t", " ").replace("\n", " ") for v in out]


def gdelt_rows(store: Store, window_days: int = 3) -> Iterator[list[str]]:
    """The event table's rows (61 strings each), one per clustered event."""
    for c in clusters(store, window_days):
        yield _row(c)


def write_gdelt(store: Store, out: TextIO, header: bool = False, window_days: int = 3) -> int:
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in gdelt_rows(store, window_days):
        out.write("\t".join(row) + "\n")
        n += 1
    return n


def read_gdelt(source: str | Path | TextIO) -> list[dict[str, str]]:
    """Parse a GDELT 2.0 event file (with or without header) into dicts keyed by column name."""
    fh: TextIO = open(source, encoding="utf-8", newline="") if isinstance(source, str | Path) else source
    try:
        text = fh.read()
    finally:
        if isinstance(source, str | Path):
            fh.close()
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and rows[0] == GDELT_COLUMNS:
        rows = rows[1:]
    out = []
    for i, r in enumerate(rows, 1):
        if len(r) != len(GDELT_COLUMNS):
            raise GeowireError(f"GDELT file line {i}: {len(r)} columns, expected {len(GDELT_COLUMNS)}")
        out.append(dict(zip(GDELT_COLUMNS, r, strict=True)))
    return out
