"""Response models of the JSON API: what each endpoint returns, as OpenAPI documents it.

Events follow the event contract (README); a column added to the store's events table is passed through
(`extra="allow"`). Every list endpoint returns a `Page`: `total` counts all rows matching the query, `limit`
and `offset` are the rows asked for. Every error is an `ErrorBody`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

__all__ = ["Actor", "Trigger", "Plover", "Location", "Event", "MapPlace", "MapPage", "Span", "Evidence", "EventDetail", "DocumentSummary",
           "Highlight", "Document", "Dyad", "DyadPoint", "DyadSeries", "Node", "Edge", "Network", "BalancePoint",
           "Balance", "Spike", "Page", "ErrorItem", "ErrorBody", "AlertEvent", "Alert", "Poll", "FeedStatus",
           "RejectRow", "Status"]

T = TypeVar("T")


class Actor(BaseModel):
    text: str | None
    start: int | None
    end: int | None
    name: str | None
    code: str | None
    country: str | None
    sector: str | None


class Trigger(BaseModel):
    text: str | None
    start: int | None
    end: int | None


class Plover(BaseModel):
    type: str | None
    mode: str | None


class Location(BaseModel):
    """Where the event happened: the place's text and offsets, GeoNames name, ISO3 country (None at sea or on a
    contested border), GeoNames division code, coordinates, GeoNames id and precision (city, adm1, country)."""

    text: str | None
    start: int | None
    end: int | None
    name: str | None
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str | None


class Event(BaseModel):
    """One coded event with its evidence fields (the event contract)."""

    model_config = ConfigDict(extra="allow")

    id: str
    doc_id: str
    sentence_index: int | None
    sentence: str | None
    source: Actor | None
    target: Actor | None
    trigger: Trigger
    cameo: str
    cameo_root: str
    quad_class: int | None
    goldstein: float | None
    plover: Plover
    negated: bool | None
    modality: str | None
    attributed_to: dict[str, Any] | None
    date: str | None
    confidence: float | None
    tone: float | None
    mentions: int | None
    location: Location | None = None
    confident: bool | None = None
    explain: dict[str, Any] | None = None


class Span(BaseModel):
    start: int
    end: int
    kind: str
    text: str


class Evidence(BaseModel):
    """Where the event's sentence sits in the document text (None when it cannot be found), and its spans."""

    sentence: str
    sentence_index: int | None
    sentence_start: int | None
    sentence_end: int | None
    spans: list[Span]


class EventDetail(Event):
    evidence: Evidence


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    url: str | None
    date: str | None
    origin: str | None
    tone: float | None
    n_events: int | None
    status: str | None
    chars: int | None


class Highlight(Span):
    code: str | None
    events: list[str]


class Document(BaseModel):
    id: str
    title: str | None
    url: str | None
    date: str | None
    origin: str | None
    tone: float | None
    n_events: int | None
    status: str | None
    text: str
    events: list[EventDetail]
    highlights: list[Highlight]


class Dyad(BaseModel):
    source: str | None
    target: str
    events: int
    mentions: int | None
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float | None
    goldstein_mean: float | None


class DyadPoint(BaseModel):
    period: str
    direction: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein_sum: float | None
    goldstein_mean: float | None
    tone_mean: float | None


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    series: list[DyadPoint]


class Node(BaseModel):
    id: str
    events: int
    degree: int
    weighted_degree: int
    pagerank: float | None


class Edge(BaseModel):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    weight: int
    goldstein_sum: float | None


class Network(BaseModel):
    since: str | None
    max_nodes: int | None
    nodes: list[Node]
    edges: list[Edge]


class BalancePoint(BaseModel):
    period: str
    country: str
    a: str
    b: str
    events_a: int
    events_b: int
    share_a: float | None
    goldstein_a: float | None
    goldstein_b: float | None
    goldstein_mean_a: float | None
    goldstein_mean_b: float | None


class Balance(BaseModel):
    country: str
    a: str
    b: str
    by: str
    series: list[BalancePoint]


class Spike(BaseModel):
    source: str
    target: str
    period: str
    measure: str
    value: float | None
    events: int
    history: int
    baseline_mean: float | None
    baseline_sd: float | None
    z: float | None


class AlertEvent(BaseModel):
    """One event behind an alert, with its evidence sentence and its article."""

    id: str
    doc_id: str
    date: str | None
    source: str | None
    target: str | None
    cameo: str
    cameo_root: str
    quad_class: int | None
    goldstein: float | None
    trigger: str | None
    sentence: str | None
    url: str | None
    title: str | None


class Alert(BaseModel):
    """An alert a rule raised: the figure that fired it (`value`: a count or a z-score), its window, and the
    events behind it. `delivery`: null (no webhook), pending, sent, or `failed: reason`."""

    id: str
    rule: str
    kind: str
    subject: str
    value: float | None
    threshold: float | None
    window_start: str | None
    window_end: str | None
    message: str | None
    events: list[AlertEvent]
    fired_at: str | None
    delivery: str | None


class Poll(BaseModel):
    started_at: str
    finished_at: str | None
    feeds: int | None
    new_entries: int | None
    read: int | None
    stored: int | None
    already: int | None
    duplicates: int | None
    skipped: int | None
    rejected: int | None
    events: int | None
    errors: int | None
    alerts: int | None
    complete: bool | None


class FeedStatus(BaseModel):
    url: str
    last_polled: str | None
    last_status: str | None
    entries: int


class RejectRow(BaseModel):
    origin: str | None
    line: int | None
    reason: str | None
    rejected_at: str | None


class Status(BaseModel):
    """What the store holds and how the polling goes (`geowire status`)."""

    documents: int
    duplicates: int
    skipped: int
    events: int
    rejects: int
    alerts: int
    polls: int
    last_poll: Poll | None
    feeds: list[FeedStatus]
    errors: int
    recent_rejects: list[RejectRow]
class MapPlace(BaseModel):
    """One point of the map: a place (`place` is its key for the events' `place` filter: the GeoNames id,
    else the name), its events per quad class and `quad`, the class with most of them."""

    place: str
    name: str | None
    country: str | None
    precision: str | None
    lat: float
    lon: float
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    quad: int


class Page(BaseModel, Generic[T]):
    """One page of a list: `total` rows match, `items` are rows `offset` to `offset + limit`."""

    total: int
    limit: int
    offset: int
    items: list[T]


class MapPage(Page[MapPlace]):
    """The places of the events matching the filters (`total` places), and the events behind them: all that
    match (`events`), with coordinates (`located`), with a place that has none (`unlocated`), without a
    place (`no_place`)."""

    events: int
    located: int
    unlocated: int
    no_place: int


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str


class ErrorBody(BaseModel):
    """Every error: a one-line `detail`, and for invalid parameters one item per problem in `errors`."""

    detail: str
    errors: list[ErrorItem]
