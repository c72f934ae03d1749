"""Server-rendered HTML pages. Each page has a JSON twin at the same path under `/api` and is built from the
same data. Templates are Jinja2 with autoescape on: article text and every stored value are escaped."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..palette import QUAD_COLORS, QUAD_NAMES
from ..store import alerts, polls, query
from ..store.query import PERIODS, DocFilter, EventFilter, Page, Period
from .data import balance_data, dyad_data, network_data, spikes_page
from .deps import (
    ACTOR,
    CODE,
    DATE,
    MAX_PAGE,
    PLACE_PARAMS,
    RULE,
    check_actor,
    doc_filter,
    event_filter_with_places,
    map_page,
    page,
    store_for,
)
from .evidence import document_view, event_view, highlight
from .svg import network_svg, timeline_svg
from .worldmap import world_map_svg

__all__ = ["router", "render", "render_error"]

router = APIRouter(include_in_schema=False)

_env = Environment(loader=FileSystemLoader(str(FsPath(__file__).parent / "templates")),
                   autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                   lstrip_blocks=True)
_env.filters["u"] = lambda v: quote(str(v), safe="")
_env.globals.update(QUAD_NAMES=QUAD_NAMES, QUAD_COLORS=QUAD_COLORS, PERIODS=PERIODS)


def _safe_url(url: Any) -> str | None:
    """A link target only for http(s) URLs (never javascript: or data:)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


_env.filters["safe_url"] = _safe_url


def _qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    return "?" + urlencode(merged) if merged else ""


_env.globals["qs"] = _qs


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    path = quote(request.url.path, safe="/")
    query = request.url.query
    json_url = "/api" + path + ("?" + query if query else "")
    html = _env.get_template(template).render(request_path=request.url.path, json_url=json_url, **ctx)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    html = _env.get_template("error.html").render(request_path=request.url.path, json_url=None, status=status,
                                                  message=message, title=f"Error {status}")
    return HTMLResponse(html, status_code=status)


def _filter_params(request: Request) -> dict[str, str]:
    keep = ("actor", "country", "source", "target", "dyad", "cameo", "quad", "since", "until", "q", "include_negated",
            "min_confidence")
    return {k: v for k, v in request.query_params.items() if (k in keep or k in PLACE_PARAMS) and v}


def _pager(result: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    limit, offset, total = result["limit"], result["offset"], result["total"]
    prev_q = _qs(params, limit=limit, offset=max(0, offset - limit)) if offset > 0 else None
    next_q = _qs(params, limit=limit, offset=offset + limit) if offset + limit < total else None
    return {"prev": prev_q, "next": next_q, "first": offset + 1 if total else 0,
            "last": min(offset + limit, total), "total": total}


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, since: str | None = Query(None, max_length=10, pattern=DATE),
                 max_nodes: int = Query(60, ge=1, le=MAX_PAGE)) -> HTMLResponse:
    with store_for(request) as store:
        net = network_data(store, since or None, max_nodes)
    return render(request, "network.html", title="Network of relations", net=net, svg=network_svg(net),
                  since=since or "", max_nodes=max_nodes)


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request, pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    with store_for(request) as store:
        result = query.dyad_page(store.con, pg)
    return render(request, "dyads.html", title="Dyads", result=result, pager=_pager(result, {}))


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str = Path(..., max_length=18, pattern=ACTOR),
              b: str = Path(..., max_length=18, pattern=ACTOR), by: Period = "month") -> HTMLResponse:
    a, b = check_actor("a", a), check_actor("b", b)
    with store_for(request) as store:
        data = dyad_data(store, a, b, by)
        evs = query.event_page(store.con, EventFilter(dyad=(a, b)), Page(limit=100))
    return render(request, "dyad.html", title=f"{a} and {b}", a=a, b=b, by=by, series=data["series"],
                  svg=timeline_svg(a, b, by, data["series"]), events=evs, all_events=_qs({"dyad": f"{a}-{b}"}))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Annotated[EventFilter, Depends(event_filter_with_places)],
                pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    with store_for(request) as store:
        result = query.event_page(store.con, f, pg)
    params = _filter_params(request)
    return render(request, "events.html", title="Events", result=result, form=params,
                  pager=_pager(result, params))


@router.get("/map", response_class=HTMLResponse)
def map_page_html(request: Request, f: Annotated[EventFilter, Depends(event_filter_with_places)],
                  pg: Annotated[Page, Depends(map_page)]) -> HTMLResponse:
    with store_for(request) as store:
        result = query.place_page(store.con, f, pg)
    params = _filter_params(request)
    links = {k: v for k, v in params.items() if k != "place"}  # a point's link names its own place
    return render(request, "map.html", title="Map", result=result, form=params,
                  svg=world_map_svg(result["items"], links), links=links,
                  pager=_pager(result, params))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str = Path(..., max_length=128)) -> HTMLResponse:
    with store_for(request) as store:
        ev = event_view(store, event_id)
    if ev is None:
        raise HTTPException(404, "no such event")
    return render(request, "event.html", title=f"Event {ev['cameo']}", ev=ev, sentence=_sentence_segments(ev))


def _sentence_segments(ev: dict[str, Any]) -> list[dict[str, Any]]:
    evd = ev["evidence"]
    if evd.get("sentence_start") is None:
        return [{"text": evd.get("sentence") or "", "span": None}]
    return highlight(evd["sentence"], evd["spans"], base=evd["sentence_start"])


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, f: Annotated[DocFilter, Depends(doc_filter)],
                   pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    with store_for(request) as store:
        result = query.document_page(store.con, f, pg)
    params = {k: v for k, v in request.query_params.items() if k in ("q", "since", "until") and v}
    return render(request, "documents.html", title="Documents", result=result, form=params,
                  pager=_pager(result, params))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str = Path(..., max_length=512)) -> HTMLResponse:
    with store_for(request) as store:
        doc = document_view(store, doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    segments = highlight(doc["text"], doc["highlights"])
    for ev in doc["events"]:
        ev["segments"] = _sentence_segments(ev)
    return render(request, "document.html", title=doc.get("title") or doc["id"], doc=doc, article_segments=segments)


@router.get("/balance", response_class=HTMLResponse)
def balance_page(request: Request,
                 country: str = Query("", max_length=18, pattern=CODE),
                 a: str = Query("", max_length=18, pattern=CODE),
                 b: str = Query("", max_length=18, pattern=CODE),
                 by: Period = "month") -> HTMLResponse:
    rows: list[dict[str, Any]] = []
    if country and a and b:
        with store_for(request) as store:
            rows = balance_data(store, country, a, b, by)["series"]
    return render(request, "balance.html", title="Balance", rows=rows, country=country.upper(), a=a.upper(),
                  b=b.upper(), by=by)


@router.get("/spikes", response_class=HTMLResponse)
def spikes_page_html(request: Request, pg: Annotated[Page, Depends(page)], by: Period = "week",
                     min_history: int = Query(4, ge=1, le=1000),
                     threshold: float = Query(2.0, ge=-1000, le=1000),
                     measure: Literal["conflict", "goldstein"] = "conflict") -> HTMLResponse:
    with store_for(request) as store:
        result = spikes_page(store, pg, by=by, min_history=min_history, threshold=threshold, measure=measure)
    form = {"by": by, "min_history": min_history, "threshold": threshold, "measure": measure}
    return render(request, "spikes.html", title="Spikes", result=result, form=form, pager=_pager(result, form))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, pg: Annotated[Page, Depends(page)],
                rule: str | None = Query(None, max_length=100, pattern=RULE)) -> HTMLResponse:
    with store_for(request) as store:
        result = alerts.alert_page(store.con, pg, rule or None)
        state = polls.status(store.con)
    form = {"rule": rule} if rule else {}
    return render(request, "alerts.html", title="Alerts", result=result, state=state, rule=rule or "",
                  pager=_pager(result, form))
