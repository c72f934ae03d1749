"""Clustering written as tables: `cluster_events` stores the clusters of `store/clusters.py` (mentions of one
event across articles, as GDELT clusters them) and refreshes the pre-aggregated relation tables."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.clusters import clusters_sql, mentions_sql
from .aggregates import refresh_aggregates

__all__ = ["cluster_events"]


def cluster_events(store: Store, window_days: int = 3) -> dict[str, Any]:
    """Write (replace) the tables `event_clusters` and `cluster_mentions`; also refreshes the pre-aggregated
    relation tables. Needs a writable store. Returns {"clusters", "mentions", "window_days"}."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TABLE event_clusters AS {clusters_sql(window_days)}")
        con.execute(f"CREATE OR REPLACE TABLE cluster_mentions AS {mentions_sql(window_days)}")
        n = con.execute("SELECT (SELECT count(*) FROM event_clusters), (SELECT count(*) FROM cluster_mentions)"
                        ).fetchone()
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    refresh_aggregates(store)
    assert n is not None
    return {"clusters": int(n[0]), "mentions": int(n[1]), "window_days": window_days}
