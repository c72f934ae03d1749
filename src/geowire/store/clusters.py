"""Clustering of event mentions into events, as GDELT does (read-only queries: the GDELT export and
`relations.cluster_events`, which writes the result as tables, both use them).

Asserted events with the same source actor code, target actor code and CAMEO code whose dates are within
`window_days` of the previous one (chained: a gap longer than the window starts a new event) are one event.
Each cluster keeps every mention with its provenance (document, sentence, character offsets) and counts
mentions (the sum of each record's within-article `mentions`), sources (distinct URL hosts, else document
origins) and articles (distinct documents). Events without a full date ('YYYY' or unknown) stay alone.
"""

from __future__ import annotations

from typing import Any

from ..errors import GeowireError
from .query import asserted, dicts, full_date
from .store import Store

__all__ = ["clusters", "cluster_mentions", "clusters_sql", "mentions_sql", "CLUSTER_COLUMNS"]

CLUSTER_COLUMNS = [
    "cluster_id", "date", "last_date", "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector", "cameo", "cameo_root", "quad_class",
    "goldstein", "plover_type", "plover_mode", "is_root", "num_mentions", "num_sources", "num_articles",
    "avg_tone", "first_event_id", "source_url", "date_added", "location_name", "location_country",
    "location_adm1", "location_lat", "location_lon", "location_geonames_id", "location_precision",
]
_LOCATION = [c for c in CLUSTER_COLUMNS if c.startswith("location_")]
# the mention whose location a cluster takes: one with a location, the most precise, the earliest
_LOCATION_ORDER = ("(location_name IS NULL, CASE location_precision WHEN 'city' THEN 0 WHEN 'adm1' THEN 1 ELSE 2 END, "
                   "d, id)")


def _assigned(window_days: int) -> str:
    """SQL: every asserted event with `ckey` (its cluster within its (source, target, cameo) group)."""
    return f"""
        e AS (
            SELECT ev.*, {full_date('ev.date')} AS d,
                   coalesce(nullif(regexp_extract(doc.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1), ''),
                            doc.origin, ev.doc_id) AS outlet,
                   doc.url AS url, doc.ingested_at AS ingested_at
            FROM events ev LEFT JOIN documents doc ON doc.id = ev.doc_id
            WHERE {asserted('ev')}
        ), b AS (
            SELECT *, CASE WHEN d IS NULL OR lag(d) OVER w IS NULL OR d - lag(d) OVER w > {int(window_days)}
                           THEN 1 ELSE 0 END AS brk
            FROM e WINDOW w AS (PARTITION BY source_code, target_code, cameo ORDER BY d NULLS LAST, id)
        ), a AS (
            SELECT *, sum(brk) OVER (PARTITION BY source_code, target_code, cameo ORDER BY d NULLS LAST, id
                                     ROWS UNBOUNDED PRECEDING) AS ckey
            FROM b
        ), agg AS (
            SELECT source_code, target_code, cameo, ckey,
                   arg_min(id, (d, id)) AS first_event_id,
                   coalesce(CAST(min(d) AS VARCHAR), min(date)) AS date, CAST(max(d) AS VARCHAR) AS last_date,
                   mode(source_name) AS source_name, mode(source_country) AS source_country,
                   mode(source_sector) AS source_sector, mode(target_name) AS target_name,
                   mode(target_country) AS target_country, mode(target_sector) AS target_sector,
                   any_value(cameo_root) AS cameo_root, any_value(quad_class) AS quad_class,
                   any_value(goldstein) AS goldstein, any_value(plover_type) AS plover_type,
                   any_value(plover_mode) AS plover_mode,
                   bool_or(coalesce(sentence_index, 1) = 0) AS is_root,
                   CAST(sum(coalesce(mentions, 1)) AS INTEGER) AS num_mentions,
                   CAST(count(DISTINCT outlet) AS INTEGER) AS num_sources,
                   CAST(count(DISTINCT doc_id) AS INTEGER) AS num_articles,
                   avg(tone) AS avg_tone, arg_min(url, (d, id)) AS source_url, min(ingested_at) AS date_added,
                   {", ".join(f"arg_min({c}, {_LOCATION_ORDER}) AS {c}" for c in _LOCATION)}
            FROM a GROUP BY source_code, target_code, cameo, ckey
        ), numbered AS (
            SELECT row_number() OVER (ORDER BY date NULLS LAST, source_code NULLS LAST, target_code NULLS LAST,
                                      cameo, first_event_id) AS cluster_id, *
            FROM agg
        )"""


def _check(window_days: int) -> None:
    if window_days < 0:
        raise GeowireError("window_days must be 0 or more")


def clusters_sql(window_days: int) -> str:
    _check(window_days)
    return f"WITH {_assigned(window_days)} SELECT {', '.join(CLUSTER_COLUMNS)} FROM numbered ORDER BY cluster_id"


def mentions_sql(window_days: int) -> str:
    _check(window_days)
    return f"""WITH {_assigned(window_days)}
        SELECT n.cluster_id, a.id AS event_id, a.doc_id, a.sentence_index, a.sentence, a.date,
               a.source_text, a.source_start, a.source_end, a.target_text, a.target_start, a.target_end,
               a.trigger_text, a.trigger_start, a.trigger_end, a.mentions, a.confidence, a.tone, a.url
        FROM a JOIN numbered n ON a.source_code IS NOT DISTINCT FROM n.source_code
             AND a.target_code IS NOT DISTINCT FROM n.target_code AND a.cameo = n.cameo AND a.ckey = n.ckey
        ORDER BY n.cluster_id, a.d NULLS LAST, a.id"""


def clusters(store: Store, window_days: int = 3) -> list[dict[str, Any]]:
    """The clustered events (computed, nothing written), one dict per cluster in `CLUSTER_COLUMNS` order."""
    rows = dicts(store.con, clusters_sql(window_days))
    for r in rows:
        if r["date_added"] is not None:
            r["date_added"] = r["date_added"].strftime("%Y-%m-%d %H:%M:%S")
    return rows


def cluster_mentions(store: Store, window_days: int = 3) -> list[dict[str, Any]]:
    """Every clustered mention with its provenance (computed, nothing written)."""
    return dicts(store.con, mentions_sql(window_days))
