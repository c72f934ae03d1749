"""Pre-aggregated tables that keep whole-store queries fast on large stores (tens of millions of events).

`rel_pair_months` holds, per ordered pair of nodes and per month key (`left(date, 7)`: 'YYYY-MM' for full
dates, 'YYYY' for year-only dates, NULL when undated), the asserted events, cooperation, conflict and
Goldstein sum. `rel_meta` remembers how many events the table was built from: a query uses the table only
while that count still matches the events table (the store only ever adds events), and falls back to the
events table otherwise. `geowire synth` and `cluster_events` refresh it; `refresh_aggregates(store)` does too.
"""

from __future__ import annotations

from ..store import Store
from ..store.query import ASSERTED
from ._common import node_expr

__all__ = ["PAIR_TABLE", "refresh_aggregates", "aggregates_fresh"]

PAIR_TABLE = "rel_pair_months"


def _event_count(store: Store) -> int:
    row = store.con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def refresh_aggregates(store: Store) -> int:
    """(Re)build the pre-aggregated tables; returns their row count. Needs a writable store."""
    src, tgt = node_expr(p="source"), node_expr(p="target")
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        n = _event_count(store)
        con.execute(f"""
            CREATE OR REPLACE TABLE {PAIR_TABLE} AS
            SELECT {src} AS source, {tgt} AS target, left(date, 7) AS month, count(*) AS events,
                   count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
                   count(*) FILTER (WHERE quad_class >= 3) AS conflict,
                   sum(goldstein) AS goldstein_sum
            FROM events
            WHERE {ASSERTED} AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}
            GROUP BY ALL ORDER BY month, source, target""")
        con.execute("CREATE TABLE IF NOT EXISTS rel_meta (name VARCHAR PRIMARY KEY, n_events BIGINT, "
                    "built_at TIMESTAMP DEFAULT current_timestamp)")
        con.execute("INSERT OR REPLACE INTO rel_meta (name, n_events, built_at) VALUES (?, ?, current_timestamp)",
                    [PAIR_TABLE, n])
        row = con.execute(f"SELECT count(*) FROM {PAIR_TABLE}").fetchone()
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(row[0]) if row else 0


def aggregates_fresh(store: Store) -> bool:
    """True when `rel_pair_months` exists and was built from the current events."""
    try:
        row = store.con.execute("SELECT n_events FROM rel_meta WHERE name = ?", [PAIR_TABLE]).fetchone()
    except Exception:  # no rel_meta table (duckdb.CatalogException)
        return False
    return row is not None and int(row[0]) == _event_count(store)
