"""The query layer: one definition of an asserted event, one filter builder, and the reads that the Store's
methods, the web and the relations functions share. Every value reaches SQL as a parameter.

An event is **asserted** when it is neither negated nor hypothetical; a NULL `negated` counts as false and a
NULL `modality` as actual. An **actor** filter matches a country code or a CAMEO actor code prefix
(`USA` matches `source_country = 'USA'` and codes starting `USA...`; `USAGOV` only the codes). The **place**
filters read the event's location: its country (`in_country`), a great-circle distance from a point
(`near`), or one place (`place`: its GeoNames id, else its name, as `places` keys the map's points).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..errors import GeowireError
from .rows import event_record, json_columns

__all__ = ["ASSERTED", "asserted", "Period", "PERIODS", "FULL_DATE", "full_date", "period_expr", "period_format", "check_by",
           "actor_match",
           "like_pattern", "EventFilter", "DocFilter", "Page", "event_where", "doc_where", "dicts",
           "scalar", "events", "count_events", "event_page", "get_event", "documents", "document_page",
           "get_document", "dyads", "dyad_page", "paged", "EARTH_KM", "PLACE_KEY", "check_country", "check_near",
           "distance_km", "places"]


def asserted(alias: str = "") -> str:
    """SQL true for asserted events (of table alias `alias`, if given)."""
    a = f"{alias}." if alias else ""
    return f"NOT coalesce({a}negated, false) AND coalesce({a}modality, 'actual') <> 'hypothetical'"


ASSERTED = asserted()

Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[str, ...] = get_args(Period)
_PERIOD_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def full_date(column: str = "date") -> str:
    """SQL: the DATE of a full 'YYYY-MM-DD' value of `column`, else NULL. `events.date` is VARCHAR:
    'YYYY-MM-DD', sometimes 'YYYY' or NULL; series use full dates only."""
    return f"TRY_CAST(CASE WHEN length({column}) = 10 THEN {column} END AS DATE)"


FULL_DATE = full_date()


def check_by(by: str) -> str:
    """`by` if it is a period, else a GeowireError."""
    if by not in PERIODS:
        raise GeowireError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return by


def period_format(by: str) -> str:
    """strftime format of a period label: '2024-03-05' (day, week start), '2024-03', '2024'."""
    return _PERIOD_FORMATS[check_by(by)]


def period_expr(by: str, date_sql: str = FULL_DATE) -> str:
    """SQL for the period label of a date: '2024-03-05' (day), week start Monday, '2024-03', '2024'."""
    return f"strftime(date_trunc('{check_by(by)}', {date_sql}), '{_PERIOD_FORMATS[by]}')"


def actor_match(prefix: str, code: str, params: list[Any]) -> str:
    """SQL matching side `prefix` ('source'/'target') against a country code or a CAMEO actor code prefix."""
    c = code.strip().upper()
    if not c:
        raise GeowireError("empty actor code: give a country code (USA) or a CAMEO actor code prefix (USAGOV)")
    params += [c, c]
    return f"({prefix}_country = ? OR starts_with({prefix}_code, ?))"


def like_pattern(text: str) -> str:
    """A LIKE/ILIKE pattern matching `text` literally anywhere (with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(frozen=True)
class EventFilter:
    """Event filters; every field is optional. Codes are upper case, dates ISO (YYYY-MM-DD)."""

    actor: str | None = None            # country code or CAMEO actor code prefix on either side (IND, INDGOV)
    country: str | None = None          # country code on either side
    source: str | None = None           # source country code
    target: str | None = None           # target country code
    dyad: tuple[str, str] | None = None  # both directions between two actors (country or actor code prefix)
    cameo: str | None = None            # CAMEO code prefix (19, 190, 1663)
    quad: int | None = None             # quad class 1-4
    since: str | None = None
    until: str | None = None
    q: str | None = None                # text search in the sentence and the trigger
    # where the event happened (its location)
    in_country: str | None = None       # ISO3 country of the location (UKR)
    near: tuple[float, float, float] | None = None  # (lat, lon, km): location within km of the point
    place: str | None = None            # one place: its GeoNames id, else its name (see PLACE_KEY)
    doc_id: str | None = None
    include_negated: bool = False       # also negated and hypothetical events


@dataclass(frozen=True)
class DocFilter:
    """Document filters: text in the title or the article, date bounds, status (None: any)."""

    q: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Page:
    """Rows `offset` to `offset + limit`; `limit` None means all rows."""

    limit: int | None = 50
    offset: int = 0


def _actor_either(code: str, params: list[Any]) -> str:
    return f"({actor_match('source', code, params)} OR {actor_match('target', code, params)})"


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) of an event filter."""
    where: list[str] = []
    params: list[Any] = []
    where += _place_where(f, params)
    if f.actor:
        where.append(_actor_either(f.actor, params))
    if f.country:
        where.append("(source_country = ? OR target_country = ?)")
        params += [f.country, f.country]
    for side, value in (("source", f.source), ("target", f.target)):
        if value:
            where.append(f"{side}_country = ?")
            params.append(value)
    if f.dyad:
        a, b = f.dyad
        ab = f"{actor_match('source', a, params)} AND {actor_match('target', b, params)}"
        ba = f"{actor_match('source', b, params)} AND {actor_match('target', a, params)}"
        where.append(f"(({ab}) OR ({ba}))")
    if f.cameo:
        where.append("cameo LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.cameo)[1:])
    scalars: list[tuple[str, Any]] = [("quad_class = ?", f.quad), ("date >= ?", f.since), ("date <= ?", f.until),
                                      ("doc_id = ?", f.doc_id)]
    for sql, value in scalars:
        if value is not None:
            where.append(sql)
            params.append(value)
    if f.q:
        where.append("(sentence ILIKE ? ESCAPE '\\' OR trigger_text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(f.q), like_pattern(f.q)]
    if not f.include_negated:
        where.append(ASSERTED)
    return (" WHERE " + " AND ".join(where) if where else ""), params


# places ---------------------------------------------------------------------------------------------------
EARTH_KM = 6371.0088  # mean Earth radius
# the key of a location's place: its GeoNames id, else its name (seas, regions, borders have no id)
PLACE_KEY = ("CASE WHEN location_geonames_id IS NOT NULL THEN CAST(location_geonames_id AS VARCHAR) "
             "ELSE location_name END")


def check_country(code: str) -> str:
    """An ISO 3166-1 alpha-3 code in upper case, else a GeowireError."""
    c = code.strip().upper()
    if len(c) != 3 or not c.isascii() or not c.isalpha():
        raise GeowireError(f"invalid country {code[:20]!r}: give an ISO 3166-1 alpha-3 code such as UKR")
    return c


def check_near(lat: float, lon: float, km: float) -> tuple[float, float, float]:
    """A point and a radius that make sense (latitude -90..90, longitude -180..180, 0 < km <= 20,040,
    half the Earth's circumference), else a GeowireError."""
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise GeowireError(f"invalid point {lat},{lon}: latitude is -90 to 90 and longitude -180 to 180")
    if not 0 < km <= 20040:
        raise GeowireError(f"invalid distance {km} km: give more than 0 and at most 20040")
    return float(lat), float(lon), float(km)


def distance_km(lat: float, lon: float, params: list[Any]) -> str:
    """SQL: the great-circle (haversine) distance in km from (lat, lon) to the event's location."""
    params += [lat, lat, lon]
    return (f"(2 * {EARTH_KM} * asin(sqrt(least(1, pow(sin(radians(location_lat - ?) / 2), 2) + cos(radians(?)) "
            "* cos(radians(location_lat)) * pow(sin(radians(location_lon - ?) / 2), 2)))))")


def _place_where(f: EventFilter, params: list[Any]) -> list[str]:
    """The place filters' conditions (location country, distance from a point, one place)."""
    where = []
    if f.in_country:
        where.append("location_country = ?")
        params.append(check_country(f.in_country))
    if f.near:
        lat, lon, km = check_near(*f.near)
        band = km / (math.pi * EARTH_KM / 180)  # degrees of latitude within reach: a cheap first cut
        params += [lat - band, lat + band]
        where.append(f"location_lat BETWEEN ? AND ? AND {distance_km(lat, lon, params)} <= ?")
        params.append(km)
    if f.place:
        where.append(f"{PLACE_KEY} = ?")
        params.append(f.place)
    return where


def doc_where(f: DocFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) of a document filter."""
    where: list[str] = []
    params: list[Any] = []
    if f.q:
        where.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(f.q), like_pattern(f.q)]
    for sql, value in (("date >= CAST(? AS DATE)", f.since), ("date <= CAST(? AS DATE)", f.until),
                       ("status = ?", f.status)):
        if value is not None:
            where.append(sql)
            params.append(value)
    return (" WHERE " + " AND ".join(where) if where else ""), params


# running queries ------------------------------------------------------------------------------------------
def dicts(con: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows of a query as dicts."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def scalar(con: Any, sql: str, params: list[Any] | None = None) -> int:
    """The first column of the first row as an int (0 when there is none)."""
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _limit(sql: str, params: list[Any], page: Page) -> str:
    if page.limit is not None:
        params.append(page.limit)
        sql += " LIMIT ?"
    if page.offset:
        params.append(page.offset)
        sql += " OFFSET ?"
    return sql


def paged(total: int, page: Page, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A page of a list: `{total, limit, offset, items}`; `total` counts every row, not only this page."""
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


# events: JSON columns as text (DuckDB's conversion of JSON values to Python costs more than the rest)
def _event_select() -> str:
    cols = json_columns("events")
    replace = f" REPLACE ({', '.join(f'CAST({c} AS VARCHAR) AS {c}' for c in cols)})" if cols else ""
    return f"SELECT *{replace} FROM events"


_EVENT_ORDER = " ORDER BY date NULLS LAST, doc_id, sentence_index, trigger_start, id"


def events(con: Any, f: EventFilter = EventFilter(), page: Page = Page(None)) -> list[dict[str, Any]]:
    """Events in the contract's shape, ordered by date, document, sentence and trigger."""
    where, params = event_where(f)
    sql = _limit(_event_select() + where + _EVENT_ORDER, params, page)
    return [event_record(r) for r in dicts(con, sql, params)]


def count_events(con: Any, f: EventFilter = EventFilter()) -> int:
    where, params = event_where(f)
    return scalar(con, "SELECT count(*) FROM events" + where, params)


def event_page(con: Any, f: EventFilter, page: Page) -> dict[str, Any]:
    return paged(count_events(con, f), page, events(con, f, page))


def get_event(con: Any, event_id: str) -> dict[str, Any] | None:
    rows = dicts(con, _event_select() + " WHERE id = ?", [event_id])
    return event_record(rows[0]) if rows else None


# documents ------------------------------------------------------------------------------------------------
_DOC_COLS = ("SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events, status, "
             "length(text) AS chars FROM documents")


def documents(con: Any, f: DocFilter = DocFilter(), page: Page = Page(None)) -> list[dict[str, Any]]:
    """Documents without their text, ordered by date, then id."""
    where, params = doc_where(f)
    return dicts(con, _limit(_DOC_COLS + where + " ORDER BY date NULLS LAST, id", params, page), params)


def document_page(con: Any, f: DocFilter, page: Page) -> dict[str, Any]:
    where, params = doc_where(f)
    return paged(scalar(con, "SELECT count(*) FROM documents" + where, params), page, documents(con, f, page))


def get_document(con: Any, doc_id: str) -> dict[str, Any] | None:
    """One document with its text, else None."""
    rows = dicts(con, "SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events, status, "
                      "text FROM documents WHERE id = ?", [doc_id])
    return rows[0] if rows else None


# dyads ----------------------------------------------------------------------------------------------------
_DYADS = f"""
    FROM events WHERE {ASSERTED} AND target_country IS NOT NULL
    GROUP BY source_country, target_country"""


def dyads(con: Any, page: Page = Page(None)) -> list[dict[str, Any]]:
    """Relations per ordered pair of actor countries: counts per quad class, Goldstein sum and mean."""
    sql = f"""
        SELECT source_country AS source, target_country AS target, count(*) AS events,
               sum(mentions) AS mentions,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 1) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean
        {_DYADS} ORDER BY events DESC, source, target"""
    params: list[Any] = []
    return dicts(con, _limit(sql, params, page), params)


def dyad_page(con: Any, page: Page) -> dict[str, Any]:
    return paged(scalar(con, f"SELECT count(*) FROM (SELECT 1 {_DYADS})"), page, dyads(con, page))


# places: the map ------------------------------------------------------------------------------------------
def _place_rows_sql(where: str) -> str:
    """Places with coordinates and their events per quad class; `places_total` counts every place (a window
    over the groups: no second aggregation for the page's total)."""
    located = f"{where} {'AND' if where else 'WHERE'} location_lat IS NOT NULL AND location_lon IS NOT NULL"
    return f"""
        SELECT {PLACE_KEY} AS place, mode(location_name) AS name, mode(location_country) AS country,
               any_value(location_precision) AS precision, round(any_value(location_lat), 4) AS lat,
               round(any_value(location_lon), 4) AS lon, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2,
               count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4,
               count(*) OVER () AS places_total
        FROM events{located}
        GROUP BY place ORDER BY events DESC, place"""


def _places(con: Any, f: EventFilter, page: Page) -> tuple[list[dict[str, Any]], int | None]:
    where, params = event_where(f)
    rows = dicts(con, _limit(_place_rows_sql(where), params, page), params)
    total = int(rows[0]["places_total"]) if rows else None
    for r in rows:
        del r["places_total"]
        r["quad"] = max((1, 2, 3, 4), key=lambda q: (r[f"quad{q}"], q))
    return rows, total


def places(con: Any, f: EventFilter = EventFilter(), page: Page = Page(None)) -> list[dict[str, Any]]:
    """The places of the events matching `f` that have coordinates, most events first: per place its key
    (`place`, the `place` filter's value), name (the most frequent spelling), country, precision,
    coordinates, events per quad class and `quad`, the class with most events (the more conflictual of
    equals)."""
    return _places(con, f, page)[0]


def place_page(con: Any, f: EventFilter, page: Page) -> dict[str, Any]:
    """A page of `places` (`total` places) with the totals of the filter's events: `events` (all matching),
    `located` (with coordinates), `unlocated` (with a place that has none) and `no_place`."""
    items, n_places = _places(con, f, page)
    where, params = event_where(f)
    if n_places is None:  # an empty page: count the places on their own
        n_places = scalar(con, f"SELECT count(*) FROM ({_place_rows_sql(where)})", list(params)) if page.offset else 0
    row = con.execute("SELECT count(*), count(location_lat), count(location_name) - count(location_lat), "
                      f"count(*) - count(location_name) FROM events{where}", params).fetchone() or (0, 0, 0, 0)
    totals = dict(zip(("events", "located", "unlocated", "no_place"), (int(v or 0) for v in row), strict=True))
    return {**paged(n_places, page, items), **totals}
