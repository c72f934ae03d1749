"""The JSON API (`/api/...`): documents, events, dyads, dyad series, network and balance.

Lists are paginated (`limit` at most MAX_PAGE, `offset`) and return `{total, limit, offset, items}`.
The HTML pages call the same functions (`page_data_*` below), so a page and its JSON twin always agree.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from .. import relations
from ..errors import GeowireError
from ..store import Store
from . import queries
from .app import MAX_PAGE, store_for
from .params import ACTOR, DATE, Period, check_actor, doc_filter, event_filter, page
from .queries import DocFilter, EventFilter, Page

__all__ = ["router", "network_data", "dyad_data", "dyads_data"]

router = APIRouter(prefix="/api", tags=["api"])


def _relations_call(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except GeowireError as exc:
        raise HTTPException(422, str(exc)) from None


def network_data(store: Store, since: str | None, limit: int) -> dict[str, Any]:
    return dict(_relations_call(relations.network, store, since=since, limit=limit), since=since, limit=limit)


def dyads_data(store: Store, limit: int) -> dict[str, Any]:
    items = store.dyads(limit=limit)
    return {"total": len(items), "limit": limit, "offset": 0, "items": items}


def dyad_data(store: Store, a: str, b: str, by: str) -> dict[str, Any]:
    series = _relations_call(relations.dyad_series, store, a, b, by=by)
    return {"a": a, "b": b, "by": by, "series": series}


@router.get("/documents", summary="documents (paginated; search the title and text)")
def api_documents(request: Request, f: Annotated[DocFilter, Depends(doc_filter)], pg: Annotated[Page, Depends(page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(queries.find_documents(store, f, pg))


@router.get("/documents/{doc_id:path}", summary="one document: text, events with evidence, highlighted spans")
def api_document(request: Request, doc_id: str = Path(..., max_length=512)) -> JSONResponse:
    with store_for(request) as store:
        doc = queries.get_document(store, doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    return JSONResponse(doc)


@router.get("/events", summary="events (paginated) filtered by actor, country, CAMEO code, quad class, dates, text")
def api_events(request: Request, f: Annotated[EventFilter, Depends(event_filter)], pg: Annotated[Page, Depends(page)]) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(queries.find_events(store, f, pg))


@router.get("/events/{event_id}", summary="one event, with the evidence in its document")
def api_event(request: Request, event_id: str = Path(..., max_length=128)) -> JSONResponse:
    with store_for(request) as store:
        ev = queries.get_event(store, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        doc = queries.get_document_text(store, ev["doc_id"])
    ev["evidence"] = queries.evidence(doc or "", ev)
    return JSONResponse(ev)


@router.get("/dyads", summary="relations per ordered pair of countries (counts per quad class, Goldstein)")
def api_dyads(request: Request, limit: int = Query(100, ge=1, le=MAX_PAGE)) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(dyads_data(store, limit))


@router.get("/dyads/{a}/{b}", summary="dyad series: per period and direction, counts per quad class, Goldstein, tone")
def api_dyad(request: Request, a: str = Path(..., max_length=18, pattern=ACTOR),
             b: str = Path(..., max_length=18, pattern=ACTOR), by: Period = "month") -> JSONResponse:
    a, b = check_actor("a", a), check_actor("b", b)
    with store_for(request) as store:
        return JSONResponse(dyad_data(store, a, b, by))


@router.get("/network", summary="relations graph: nodes with centrality, directed edges (cooperation, conflict)")
def api_network(request: Request,
                since: str | None = Query(None, max_length=10, pattern=DATE),
                limit: int = Query(60, ge=1, le=MAX_PAGE, description="keep the nodes with most events")
                ) -> JSONResponse:
    with store_for(request) as store:
        return JSONResponse(network_data(store, since or None, limit))


@router.get("/balance", summary="how a country's interactions split between two poles over time")
def api_balance(request: Request,
                country: str = Query(..., max_length=18, pattern=ACTOR),
                a: str = Query(..., max_length=18, pattern=ACTOR),
                b: str = Query(..., max_length=18, pattern=ACTOR),
                by: Period = "month") -> JSONResponse:
    with store_for(request) as store:
        rows = _relations_call(relations.balance, store, country.upper(), a.upper(), b.upper(), by=by)
    return JSONResponse({"country": country.upper(), "a": a.upper(), "b": b.upper(), "by": by, "series": rows})

