"""Rows: records as plain dicts keyed by the columns of `schema.sql`, and stored event rows back to the event
contract. The DuckDB store and the Parquet layout write exactly these rows, so both hold the same values.

A column added to `schema.sql` flows through without changes here: a `documents` column is filled from the
Article attribute of that name, an `events` column from the Event attribute (dicts and lists as JSON), and
`event_record` passes any such column through to the contract. The nested fields of the contract (`source`,
`target`, `trigger`, `plover`, `location`) are stored as flat prefixed columns (`location_lat`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..model import Article, Event
from .schema import schema_columns

__all__ = ["ACTOR_FIELDS", "LOCATION_FIELDS", "text_hash", "document_row", "event_row", "event_rows", "event_record",
           "json_columns"]

ACTOR_FIELDS = ("text", "start", "end", "name", "code", "country", "sector")
LOCATION_FIELDS = ("text", "start", "end", "name", "country", "adm1", "lat", "lon", "geonames_id", "precision")
_NESTED = {"source", "target", "trigger", "plover", "location"}  # event fields stored as prefixed columns
_CONTRACT = ("id", "doc_id", "sentence_index", "sentence", "source", "target", "trigger", "cameo", "cameo_root",
             "quad_class", "goldstein", "plover", "negated", "modality", "attributed_to", "date", "confidence", "tone",
             "mentions", "location")  # the event contract's fields, in order
_CONTRACT_SCALARS = tuple(k for k in _CONTRACT if k not in _NESTED and k != "attributed_to")


def text_hash(text: str) -> str:
    """Content hash of a document: whitespace-normalized text."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def document_row(article: Article, *, status: str = "coded", n_events: int = 0, tone: float | None = None,
                 lang: str | None = None, duplicate_of: str | None = None, similarity: float | None = None,
                 reason: str | None = None) -> dict[str, Any]:
    """A `documents` row (dates as ISO strings; `ingested_at` is left to the writer)."""
    row: dict[str, Any] = {
        "id": article.id, "hash": text_hash(article.text), "title": article.title, "url": article.url,
        "date": article.date, "origin": article.origin, "text": article.text, "tone": tone, "n_events": n_events,
        "status": status, "duplicate_of": duplicate_of, "similarity": similarity, "lang": lang, "reason": reason,
    }
    for name, _ in schema_columns("documents"):  # columns added to schema.sql: the Article's attribute
        if name not in row and name != "ingested_at" and hasattr(article, name):
            row[name] = _plain(getattr(article, name))
    return row


def json_columns(table: str) -> list[str]:
    """Columns of `table` stored as JSON."""
    return [c for c, t in schema_columns(table) if t == "JSON"]


def event_row(ev: Event) -> dict[str, Any]:
    """An `events` row of one Event."""
    src, tgt = ev.source or {}, ev.target or {}
    row: dict[str, Any] = {k: getattr(ev, k) for k in _CONTRACT_SCALARS}
    row.update({f"source_{f}": src.get(f) for f in ACTOR_FIELDS})
    row.update({f"target_{f}": tgt.get(f) for f in ACTOR_FIELDS})
    row.update(trigger_text=ev.trigger["text"], trigger_start=ev.trigger["start"], trigger_end=ev.trigger["end"],
               plover_type=ev.plover.get("type"), plover_mode=ev.plover.get("mode"))
    row.update({f"location_{f}": (ev.location or {}).get(f) for f in LOCATION_FIELDS})
    for name, dtype in schema_columns("events"):  # attributed_to and columns added to schema.sql
        if name not in row:
            value = getattr(ev, name, None)
            if dtype == "JSON":
                value = json.dumps(value) if value else None
            row[name] = value
    return row


def event_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [event_row(e) for e in events]


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_code") is None and row.get(f"{prefix}_text") is None:
        return None
    return {f: row.get(f"{prefix}_{f}") for f in ACTOR_FIELDS}


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    """The nested `location` of the contract from the flat location_* columns (None when there is none)."""
    if row.get("location_name") is None and row.get("location_text") is None:
        return None
    return {f: row.get(f"location_{f}") for f in LOCATION_FIELDS}


@lru_cache(maxsize=1)
def _passed_through() -> tuple[tuple[str, bool], ...]:
    """Columns of `events` beyond the contract's scalars and nested fields: (name, stored as JSON)."""
    nested = tuple(f"{p}_" for p in _NESTED)
    return tuple((name, dtype == "JSON") for name, dtype in schema_columns("events")
                 if name not in _CONTRACT_SCALARS and not name.startswith(nested))


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored `events` row in the event contract's shape (JSON columns decoded)."""
    parts: dict[str, Any] = {k: row.get(k) for k in _CONTRACT_SCALARS}
    parts.update(source=_actor(row, "source"), target=_actor(row, "target"),
                 trigger={"text": row.get("trigger_text"), "start": row.get("trigger_start"),
                          "end": row.get("trigger_end")},
                 plover={"type": row.get("plover_type"), "mode": row.get("plover_mode")}, location=_location(row))
    for name, is_json in _passed_through():  # attributed_to and columns added to schema.sql
        if name in row:
            value = row[name]
            parts[name] = json.loads(value) if is_json and isinstance(value, str) else value
    return {**{k: parts.get(k) for k in _CONTRACT}, **parts}
