"""The JSON API (`/api/...`): documents, events, the map's places, dyads, dyad series, network, balance, spikes,
alerts and the store's status.

Every list endpoint (`/documents`, `/events`, `/map`, `/dyads`, `/spikes`, `/alerts`) takes `limit` (rows, 1-500) and `offset`
and returns a page `{total, limit, offset, items}` whose `total` counts every matching row. The response
models of `models.py` make the OpenAPI schema; endpoints return their JSON directly (validating every response
costs a fifth of the throughput), and `tests/test_web.py` checks each endpoint's answers against its model.
Errors are `{detail, errors}` with status 404 or 422.
The HTML pages call the same functions (`data.py`, `evidence.py`, `geowire.store.query`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from ..store import alerts, polls, query
from ..store.query import DocFilter, EventFilter, Page, Period
from . import models
from .data import balance_data, dyad_data, network_data, spikes_page
from .deps import (
    ACTOR,
    DATE,
    MAX_PAGE,
    RULE,
    check_actor,
    doc_filter,
    event_filter_with_places,
    map_page,
    page,
    store_for,
)
from .evidence import document_view, event_view

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": models.ErrorBody, "description": "not found"},
                                            422: {"model": models.ErrorBody, "description": "invalid parameters"}}
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)


@router.get("/documents", response_model=models.Page[models.DocumentSummary],
            summary="documents (paginated; search the title and text)")
def api_documents(request: Request, f: Annotated[DocFilter, Depends(doc_filter)],
                  pg: Annotated[Page, Depends(page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(query.document_page(store.con, f, pg))


@router.get("/documents/{doc_id:path}", response_model=models.Document,
            summary="one document: text, events with evidence, highlighted spans")
def api_document(request: Request, doc_id: str = Path(..., max_length=512)) -> JSONResponse:
    with store_for(request) as store:
        doc = document_view(store, doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    return JSONResponse(doc)


@router.get("/events", response_model=models.Page[models.Event],
            summary="events (paginated) filtered by actor, country, CAMEO code, quad class, dates, text")
def api_events(request: Request, f: Annotated[EventFilter, Depends(event_filter_with_places)],
               pg: Annotated[Page, Depends(page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(query.event_page(store.con, f, pg))


@router.get("/map", response_model=models.MapPage,
            summary="where the events happened: their places with events per quad class (the filters of /events; "
                    "paginated, most events first, all up to 500 by default)")
def api_map(request: Request, f: Annotated[EventFilter, Depends(event_filter_with_places)],
            pg: Annotated[Page, Depends(map_page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(query.place_page(store.con, f, pg))


@router.get("/events/{event_id}", response_model=models.EventDetail,
            summary="one event, with the evidence in its document")
def api_event(request: Request, event_id: str = Path(..., max_length=128)) -> JSONResponse:
    with store_for(request) as store:
        ev = event_view(store, event_id)
    if ev is None:
        raise HTTPException(404, "no such event")
    return JSONResponse(ev)


@router.get("/dyads", response_model=models.Page[models.Dyad],
            summary="relations per ordered pair of countries (paginated; counts per quad class, Goldstein)")
def api_dyads(request: Request, pg: Annotated[Page, Depends(page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(query.dyad_page(store.con, pg))


@router.get("/dyads/{a}/{b}", response_model=models.DyadSeries,
            summary="dyad series: per period and direction, counts per quad class, Goldstein, tone")
def api_dyad(request: Request, a: str = Path(..., max_length=18, pattern=ACTOR),
             b: str = Path(..., max_length=18, pattern=ACTOR), by: Period = "month") -> JSONResponse:
    a, b = check_actor("a", a), check_actor("b", b)
    with store_for(request) as store:
        return JSONResponse(dyad_data(store, a, b, by))


@router.get("/network", response_model=models.Network,
            summary="relations graph: nodes with centrality, directed edges (cooperation, conflict)")
def api_network(request: Request,
                since: str | None = Query(None, max_length=10, pattern=DATE, description="events on or after"),
                max_nodes: int = Query(60, ge=1, le=MAX_PAGE,
                                       description="keep the nodes with most events and the edges among them")
                ) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(network_data(store, since or None, max_nodes))


@router.get("/balance", response_model=models.Balance,
            summary="how a country's interactions split between two poles over time")
def api_balance(request: Request,
                country: str = Query(..., max_length=18, pattern=ACTOR),
                a: str = Query(..., max_length=18, pattern=ACTOR),
                b: str = Query(..., max_length=18, pattern=ACTOR),
                by: Period = "month") -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(balance_data(store, country, a, b, by))


@router.get("/spikes", response_model=models.Page[models.Spike],
            summary="dyads whose conflict in a period departs from their own history (paginated, z descending)")
def api_spikes(request: Request, pg: Annotated[Page, Depends(page)], by: Period = "week",
               min_history: int = Query(4, ge=1, le=1000, description="earlier periods a dyad needs"),
               threshold: float = Query(2.0, ge=-1000, le=1000, description="z-score at or above which to report"),
               measure: Literal["conflict", "goldstein"] = "conflict") -> JSONResponse:
    with store_for(request) as store:
        rows = spikes_page(store, pg, by=by, min_history=min_history, threshold=threshold, measure=measure)
    return JSONResponse(rows)


@router.get("/alerts", response_model=models.Page[models.Alert],
            summary="alerts raised by rules, newest first (paginated), each with the events behind it")
def api_alerts(request: Request, pg: Annotated[Page, Depends(page)],
               rule: str | None = Query(None, max_length=100, pattern=RULE, description="only this rule's alerts")
               ) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(alerts.alert_page(store.con, pg, rule or None))


@router.get("/status", response_model=models.Status,
            summary="what the store holds and how the polling goes: counts, last poll, feeds, errors, rejects")
def api_status(request: Request) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(polls.status(store.con))
