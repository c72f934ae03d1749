"""Dyad time series: what A did to B and B to A, per period."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.query import ASSERTED, FULL_DATE, actor_match, dicts, period_expr
from ._common import rnd

__all__ = ["dyad_series", "dyad_sql"]

_AGG = """count(*) AS events,
       count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2,
       count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4,
       sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean, avg(tone) AS tone_mean"""


def dyad_sql(a: str, b: str, params: list[Any]) -> str:
    """SQL selecting the asserted, fully dated events between A and B, with `d` (DATE) and `ab` (A is source)."""
    sa, tb = actor_match("source", a, params), actor_match("target", b, params)
    sb, ta = actor_match("source", b, params), actor_match("target", a, params)
    return f"""
        SELECT *, {FULL_DATE} AS d, ({sa} AND {tb}) AS ab, ({sb} AND {ta}) AS ba FROM events
        WHERE {ASSERTED} AND length(date) = 10
          AND (source_country IN (?, ?) OR starts_with(source_code, ?) OR starts_with(source_code, ?))
          AND (target_country IN (?, ?) OR starts_with(target_code, ?) OR starts_with(target_code, ?))"""


def dyad_series(store: Store, a: str, b: str, by: str = "month") -> list[dict[str, Any]]:
    """Per period and direction ("A->B", "B->A" with the codes given), counts per quad class, Goldstein sum and
    mean, mean tone. A and B are country codes or CAMEO actor code prefixes. Only asserted events with a full
    date count; periods without events are left out. Rows are ordered by period, then A->B before B->A."""
    a, b = a.strip().upper(), b.strip().upper()
    params: list[Any] = []
    base = dyad_sql(a, b, params)
    params += [a, b, a, b] * 2
    fwd, back = f"{a}->{b}", f"{b}->{a}"
    period = period_expr(by, "d")
    sql = f"""
        WITH e AS ({base})
        SELECT {period} AS period, ? AS direction, {_AGG}, 0 AS k FROM e WHERE ab AND d IS NOT NULL GROUP BY 1
        UNION ALL
        SELECT {period} AS period, ? AS direction, {_AGG}, 1 AS k FROM e WHERE ba AND d IS NOT NULL GROUP BY 1
        ORDER BY period, k"""
    rows = dicts(store.con, sql, params + [fwd, back])
    for r in rows:
        del r["k"]
        r["goldstein_sum"] = rnd(r["goldstein_sum"], 2)
        r["goldstein_mean"] = rnd(r["goldstein_mean"])
        r["tone_mean"] = rnd(r["tone_mean"])
    return rows
