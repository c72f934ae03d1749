"""Spikes: dyads whose conflict in a period departs from their own history."""

from __future__ import annotations

from typing import Any

from ..errors import GeowireError
from ..store import Store
from ..store.query import ASSERTED, FULL_DATE, dicts, period_format
from ._common import node_expr, rnd

__all__ = ["spikes"]

_MEASURES = {
    "conflict": "count(*) FILTER (WHERE quad_class >= 3)",
    "goldstein": "coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0)",
}


def spikes(store: Store, by: str = "week", min_history: int = 4, threshold: float = 2.0,
           measure: str = "conflict") -> list[dict[str, Any]]:
    """Periods where an ordered dyad's conflict departs from its own baseline.

    For each dyad (source and target node: country, else actor code) the series of `measure` per period
    ("conflict": count of quad 3-4 events; "goldstein": magnitude of the negative Goldstein sum) runs from its
    first event to the last period of the store, periods without events counting 0. A period is a spike when
    the dyad has at least `min_history` earlier periods, its value is above zero, and
    z = (value - mean of earlier periods) / max(sd of earlier periods, 1) >= threshold (the floor of 1 keeps
    a quiet dyad's first incident from dividing by zero). Rows sorted by z descending."""
    fmt = period_format(by)
    if measure not in _MEASURES:
        raise GeowireError(f"unknown measure {measure!r}: use conflict or goldstein")
    if min_history < 1:
        raise GeowireError("min_history must be at least 1")
    src, tgt = node_expr(p="source"), node_expr(p="target")
    sql = f"""
        WITH e AS (
            SELECT {src} AS source, {tgt} AS target, CAST(date_trunc('{by}', {FULL_DATE}) AS DATE) AS p,
                   quad_class, goldstein
            FROM events WHERE {ASSERTED} AND length(date) = 10
        ), obs AS (
            SELECT source, target, p, {_MEASURES[measure]} AS value, count(*) AS events
            FROM e WHERE p IS NOT NULL AND source IS NOT NULL AND target IS NOT NULL AND source <> target
            GROUP BY ALL
        ), bounds AS (SELECT max(p) AS last FROM obs),
        first AS (SELECT source, target, min(p) AS first FROM obs GROUP BY ALL),
        grid AS (
            SELECT f.source, f.target, CAST(g.p AS DATE) AS p
            FROM first f, bounds b, LATERAL generate_series(f.first, b.last, INTERVAL 1 {by}) g(p)
        ), series AS (
            SELECT g.source, g.target, g.p, coalesce(o.value, 0) AS value, coalesce(o.events, 0) AS events
            FROM grid g LEFT JOIN obs o USING (source, target, p)
        ), scored AS (
            SELECT *,
                   count(*) OVER w AS history,
                   avg(value) OVER w AS baseline_mean,
                   coalesce(stddev_samp(value) OVER w, 0) AS baseline_sd
            FROM series
            WINDOW w AS (PARTITION BY source, target ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        )
        SELECT source, target, p AS period_start, value, events, history, baseline_mean, baseline_sd,
               (value - baseline_mean) / greatest(baseline_sd, 1.0) AS z
        FROM scored
        WHERE history >= ? AND value > 0 AND (value - baseline_mean) / greatest(baseline_sd, 1.0) >= ?
        ORDER BY z DESC, source, target, period_start"""
    rows = dicts(store.con, sql, [min_history, threshold])
    out = []
    for r in rows:
        out.append({"source": r["source"], "target": r["target"], "period": r["period_start"].strftime(fmt),
                    "measure": measure, "value": rnd(r["value"], 2), "events": int(r["events"]),
                    "history": int(r["history"]), "baseline_mean": rnd(r["baseline_mean"]),
                    "baseline_sd": rnd(r["baseline_sd"]), "z": rnd(r["z"], 2)})
    return out
