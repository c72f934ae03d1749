"""Read-only queries behind the API and the pages: documents and events with filters and pagination,
and the highlighting of actors and triggers in article text. Every value reaches SQL as a parameter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import Store
from ..store.store import _row_event

__all__ = ["EventFilter", "DocFilter", "Page", "count_events", "find_events", "get_event", "find_documents",
           "get_document", "get_document_text", "highlight", "spans_of", "evidence", "like_pattern"]


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
    doc_id: str | None = None
    include_negated: bool = False       # also negated and hypothetical events


@dataclass(frozen=True)
class DocFilter:
    q: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def like_pattern(text: str) -> str:
    """A LIKE/ILIKE pattern matching `text` literally anywhere (with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _scalar(store: Store, sql: str, params: list[Any]) -> int:
    row = store.con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def _event_where(f: EventFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append("(source_country = ? OR starts_with(source_code, ?) OR target_country = ? "
                     "OR starts_with(target_code, ?))")
        params += [f.actor] * 4
    if f.country:
        where.append("(source_country = ? OR target_country = ?)")
        params += [f.country, f.country]
    if f.source:
        where.append("source_country = ?")
        params.append(f.source)
    if f.target:
        where.append("target_country = ?")
        params.append(f.target)
    if f.dyad:
        a, b = f.dyad
        side = "({p}_country = ? OR starts_with({p}_code, ?))".format
        where.append(f"(({side(p='source')} AND {side(p='target')}) OR ({side(p='source')} AND {side(p='target')}))")
        params += [a, a, b, b, b, b, a, a]
    if f.cameo:
        where.append("cameo LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.cameo)[1:])
    if f.quad is not None:
        where.append("quad_class = ?")
        params.append(f.quad)
    if f.since:
        where.append("date >= ?")
        params.append(f.since)
    if f.until:
        where.append("date <= ?")
        params.append(f.until)
    if f.q:
        where.append("(sentence ILIKE ? ESCAPE '\\' OR trigger_text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(f.q), like_pattern(f.q)]
    if f.doc_id is not None:
        where.append("doc_id = ?")
        params.append(f.doc_id)
    if not f.include_negated:
        where.append("NOT coalesce(negated, false) AND coalesce(modality, 'actual') <> 'hypothetical'")
    return (" WHERE " + " AND ".join(where) if where else ""), params


# the JSON column as text: DuckDB's conversion of JSON values to Python costs more than the rest of the row
_EVENT_COLS = "SELECT * REPLACE (CAST(attributed_to AS VARCHAR) AS attributed_to) FROM events"
_EVENT_ORDER = " ORDER BY date NULLS LAST, doc_id, sentence_index, trigger_start, id"


def count_events(store: Store, f: EventFilter) -> int:
    where, params = _event_where(f)
    return _scalar(store, "SELECT count(*) FROM events" + where, params)


def find_events(store: Store, f: EventFilter, page: Page) -> dict[str, Any]:
    """One page of events in the contract's shape, with the total and the page bounds."""
    where, params = _event_where(f)
    total = _scalar(store, "SELECT count(*) FROM events" + where, params)
    rows = _dicts(store, _EVENT_COLS + where + _EVENT_ORDER + " LIMIT ? OFFSET ?",
                  params + [page.limit, page.offset])
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": [_row_event(r) for r in rows]}


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = _dicts(store, _EVENT_COLS + " WHERE id = ?", [event_id])
    return _row_event(rows[0]) if rows else None


def _doc_where(f: DocFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.q:
        where.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(f.q), like_pattern(f.q)]
    if f.since:
        where.append("date >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append("date <= CAST(? AS DATE)")
        params.append(f.until)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def find_documents(store: Store, f: DocFilter, page: Page) -> dict[str, Any]:
    where, params = _doc_where(f)
    total = _scalar(store, "SELECT count(*) FROM documents" + where, params)
    rows = _dicts(store, "SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events, "
                         "length(text) AS chars FROM documents" + where + " ORDER BY date NULLS LAST, id LIMIT ? OFFSET ?",
                  params + [page.limit, page.offset])
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The document with its text, every coded event (negated and hypothetical ones flagged) with its
    evidence, and the highlighted spans (actors and triggers) of the text."""
    rows = _dicts(store, "SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events, text "
                         "FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    doc = rows[0]
    events = [_row_event(r) for r in _dicts(store, _EVENT_COLS + " WHERE doc_id = ?" + _EVENT_ORDER, [doc_id])]
    text = doc["text"] or ""
    doc["events"] = [dict(ev, evidence=evidence(text, ev)) for ev in events]
    doc["highlights"] = spans_of(text, events)
    return doc


def get_document_text(store: Store, doc_id: str) -> str | None:
    row = store.con.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    return None if row is None else str(row[0])


# highlighting --------------------------------------------------------------------------------------------
def _valid(text: str, start: Any, end: Any, surface: Any) -> bool:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    return surface is None or text[start:end] == surface


def spans_of(text: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actor and trigger spans of `events` in `text` (offsets checked against the text), without overlaps."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for ev in events:
        parts = [("actor", ev.get("source")), ("actor", ev.get("target")), ("trigger", ev.get("trigger"))]
        for kind, part in parts:
            if not part or not _valid(text, part.get("start"), part.get("end"), part.get("text")):
                continue
            key = (part["start"], part["end"])
            span = found.setdefault(key, {"start": key[0], "end": key[1], "kind": kind, "text": text[key[0]:key[1]],
                                          "code": part.get("code"), "events": []})
            if kind == "trigger":
                span["kind"] = "trigger"
            if ev["id"] not in span["events"]:
                span["events"].append(ev["id"])
    out: list[dict[str, Any]] = []
    last_end = -1
    for key in sorted(found, key=lambda k: (k[0], -k[1])):
        if key[0] >= last_end:
            out.append(found[key])
            last_end = key[1]
    return out


def highlight(text: str, spans: list[dict[str, Any]], base: int = 0) -> list[dict[str, Any]]:
    """`text` cut into segments: plain ones (`span` None) and highlighted ones (`span` the span dict).
    Span offsets are relative to a larger text that `text` starts at offset `base` of."""
    segs: list[dict[str, Any]] = []
    pos = 0
    for sp in spans:
        s, e = sp["start"] - base, sp["end"] - base
        if s < pos or e > len(text) or s >= e:
            continue
        if s > pos:
            segs.append({"text": text[pos:s], "span": None})
        segs.append({"text": text[s:e], "span": sp})
        pos = e
    if pos < len(text):
        segs.append({"text": text[pos:], "span": None})
    return segs


def evidence(text: str, ev: dict[str, Any]) -> dict[str, Any]:
    """Where the event's sentence sits in the document text, and its highlighted spans."""
    sentence = ev.get("sentence") or ""
    trig = ev.get("trigger") or {}
    t_start = trig.get("start")
    anchor: int = t_start if isinstance(t_start, int) else 0
    start = -1
    if sentence:
        # the occurrence of the sentence that contains the trigger
        i = text.find(sentence)
        while i != -1:
            if i <= anchor < i + len(sentence):
                start = i
                break
            i = text.find(sentence, i + 1)
    spans = spans_of(text, [ev]) if start >= 0 else []
    return {"sentence": sentence, "sentence_index": ev.get("sentence_index"),
            "sentence_start": start if start >= 0 else None,
            "sentence_end": start + len(sentence) if start >= 0 else None,
            "spans": [{k: sp[k] for k in ("start", "end", "kind", "text")} for sp in spans]}
