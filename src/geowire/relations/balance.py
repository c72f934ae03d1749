"""Balance: how one country's interactions split between two poles over time."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.query import ASSERTED, FULL_DATE, actor_match, dicts, period_expr
from ._common import rnd

__all__ = ["balance"]


def balance(store: Store, country: str, a: str, b: str, by: str = "month") -> list[dict[str, Any]]:
    """Per period: events between C and A (both directions), between C and B, the share toward A
    (events_a / (events_a + events_b)), Goldstein sum and mean with each pole. Asserted, fully dated events
    only; periods where C dealt with neither pole are left out."""
    c, a, b = country.strip().upper(), a.strip().upper(), b.strip().upper()
    params: list[Any] = []
    with_a = (f"(({actor_match('source', c, params)} AND {actor_match('target', a, params)}) OR "
              f"({actor_match('source', a, params)} AND {actor_match('target', c, params)}))")
    with_b = (f"(({actor_match('source', c, params)} AND {actor_match('target', b, params)}) OR "
              f"({actor_match('source', b, params)} AND {actor_match('target', c, params)}))")
    sql = f"""
        WITH e AS (
            SELECT {FULL_DATE} AS d, goldstein, {with_a} AS wa, {with_b} AS wb FROM events
            WHERE {ASSERTED} AND length(date) = 10
        )
        SELECT {period_expr(by, 'd')} AS period,
               count(*) FILTER (WHERE wa) AS events_a, count(*) FILTER (WHERE wb) AS events_b,
               sum(goldstein) FILTER (WHERE wa) AS goldstein_a, sum(goldstein) FILTER (WHERE wb) AS goldstein_b,
               avg(goldstein) FILTER (WHERE wa) AS goldstein_mean_a, avg(goldstein) FILTER (WHERE wb) AS goldstein_mean_b
        FROM e WHERE (wa OR wb) AND d IS NOT NULL GROUP BY 1 ORDER BY 1"""
    rows = dicts(store.con, sql, params)
    out = []
    for r in rows:
        na, nb = int(r["events_a"]), int(r["events_b"])
        out.append({"period": r["period"], "country": c, "a": a, "b": b, "events_a": na, "events_b": nb,
                    "share_a": rnd(na / (na + nb)),
                    "goldstein_a": rnd(r["goldstein_a"] or 0.0, 2), "goldstein_b": rnd(r["goldstein_b"] or 0.0, 2),
                    "goldstein_mean_a": rnd(r["goldstein_mean_a"]), "goldstein_mean_b": rnd(r["goldstein_mean_b"])})
    return out
