"""What the API and the pages share per request: a Store on its own DuckDB cursor, the limits, and the query
parameters (filters, pages). Each parameter is checked against a strict pattern (an empty value, as an HTML
form sends it, means "no filter"); a value that fails is a 422, never a query."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from ..errors import GeowireError
from ..store import Store
from ..store.query import DocFilter, EventFilter, Page, Period, check_near

__all__ = ["store_for", "event_filter", "doc_filter", "page", "country_code", "Period", "COUNTRY", "check_actor",
           "ACTOR", "CODE", "DATE", "RULE", "MAX_PAGE", "MAX_OFFSET", "CURSORS"]
__all__ += ["event_filter_with_places", "map_page", "POINT", "KM", "PLACE_PARAMS"]

MAX_PAGE = 500            # largest page size of any list endpoint
MAX_OFFSET = 1_000_000
CURSORS = "geowire.cursors"  # request scope key: the DuckDB cursors a request holds (interrupted on timeout)

CODE = r"^([A-Za-z]{3}[A-Za-z0-9]{0,15})?$"
COUNTRY = r"^([A-Za-z]{3})?$"
CAMEO = r"^([0-9]{2,4})?$"
QUAD = r"^[1-4]?$"
DATE = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
DYAD = r"^([A-Za-z]{3}[A-Za-z0-9]{0,15}-[A-Za-z]{3}[A-Za-z0-9]{0,15})?$"
ACTOR = r"^[A-Za-z]{3}[A-Za-z0-9]{0,15}$"
RULE = r"^[^\x00-\x1f]*$"  # a rule name: any printable text
POINT = r"^(-?[0-9]{1,3}(\.[0-9]{1,8})?, ?-?[0-9]{1,3}(\.[0-9]{1,8})?)?$"
KM = r"^([0-9]{1,5}(\.[0-9]{1,3})?)?$"
PLACE_PARAMS = ("in", "near", "km", "place")  # the query parameters of the place filters


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    """A Store on its own DuckDB cursor for this request (closed afterwards)."""
    view = request.app.state.store.cursor()
    cursors: list[Any] | None = request.scope.get(CURSORS)
    if cursors is not None:
        cursors.append(view.con)
    try:
        yield view
    finally:
        if cursors is not None and view.con in cursors:
            cursors.remove(view.con)
        view.close()


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"invalid {name}: {value[:20]!r} is not a date (YYYY-MM-DD)") from None


def country_code(value: str | None) -> str | None:
    return value.upper() if value else None


def check_actor(name: str, value: str) -> str:
    """A path parameter that must be a country code or a CAMEO actor code (USA, INDGOV)."""
    if not re.fullmatch(ACTOR, value):
        raise HTTPException(422, f"invalid {name}: use a country code (USA) or a CAMEO actor code (INDGOV)")
    return value.upper()


async def event_filter(
    actor: str | None = Query(None, max_length=18, pattern=CODE,
                              description="CAMEO actor code prefix on either side (USA, INDGOV)"),
    country: str | None = Query(None, max_length=3, pattern=COUNTRY, description="country code on either side"),
    source: str | None = Query(None, max_length=3, pattern=COUNTRY, description="source country code"),
    target: str | None = Query(None, max_length=3, pattern=COUNTRY, description="target country code"),
    dyad: str | None = Query(None, max_length=37, pattern=DYAD,
                             description="both directions between two actors (country codes or CAMEO actor "
                                         "code prefixes), e.g. RUS-UKR"),
    cameo: str | None = Query(None, max_length=4, pattern=CAMEO, description="CAMEO code prefix (19, 190, 1663)"),
    quad: str | None = Query(None, max_length=1, pattern=QUAD, description="quad class 1-4"),
    since: str | None = Query(None, max_length=10, pattern=DATE, description="events on or after (YYYY-MM-DD)"),
    until: str | None = Query(None, max_length=10, pattern=DATE, description="events on or before (YYYY-MM-DD)"),
    q: str | None = Query(None, max_length=200, description="text in the sentence or the trigger"),
    include_negated: bool = Query(False, description="also negated and hypothetical events"),
    min_confidence: float | None = Query(None, ge=0.0, le=1.0,
                                         description="confidence bar from 0 to 1 (default: the bar the events "
                                                     "were coded with)"),
) -> EventFilter:
    pair = None
    if dyad:
        a, b = dyad.upper().split("-")
        pair = (a, b)
    return EventFilter(actor=country_code(actor), country=country_code(country), source=country_code(source),
                       target=country_code(target), dyad=pair, cameo=cameo or None,
                       quad=int(quad) if quad else None, since=_date("since", since), until=_date("until", until),
                       q=q or None, include_negated=include_negated, min_confidence=min_confidence)


async def event_filter_with_places(
    f: Annotated[EventFilter, Depends(event_filter)],
    in_country: str | None = Query(None, alias="in", max_length=3, pattern=COUNTRY,
                                   description="ISO3 country where the event happened (its location)"),
    near: str | None = Query(None, max_length=40, pattern=POINT,
                             description="LAT,LON: events located within `km` of this point"),
    km: str | None = Query(None, max_length=9, pattern=KM, description="the distance of `near` in km"),
    place: str | None = Query(None, max_length=200,
                              description="one place: its GeoNames id, else its name (the map's points)"),
) -> EventFilter:
    """The filters of `event_filter` and where the event happened: the location's country, a distance from a
    point (`near` and `km` go together; a 422 otherwise), one place. The event table, its API and the map."""
    if bool(near) != bool(km):
        raise HTTPException(422, "invalid near/km: give both, a point LAT,LON and a distance in km")
    point = None
    if near and km:
        lat, lon = (float(v) for v in near.split(","))
        try:
            point = check_near(lat, lon, float(km))
        except GeowireError as exc:
            raise HTTPException(422, str(exc)) from None
    return dataclasses.replace(f, in_country=country_code(in_country), near=point, place=place or None)


async def doc_filter(
    q: str | None = Query(None, max_length=200, description="text in the title or the article"),
    since: str | None = Query(None, max_length=10, pattern=DATE, description="documents on or after (YYYY-MM-DD)"),
    until: str | None = Query(None, max_length=10, pattern=DATE, description="documents on or before (YYYY-MM-DD)"),
) -> DocFilter:
    return DocFilter(q=q or None, since=_date("since", since), until=_date("until", until))


async def page(limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})"),
               offset: int = Query(0, ge=0, le=MAX_OFFSET, description="rows to skip")) -> Page:
    return Page(limit=limit, offset=offset)


async def map_page(limit: int = Query(MAX_PAGE, ge=1, le=MAX_PAGE,
                                      description=f"places, most events first (at most {MAX_PAGE})"),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET, description="places to skip")) -> Page:
    """The map's page of places: as `page`, but all of them (up to MAX_PAGE) by default."""
    return Page(limit=limit, offset=offset)
