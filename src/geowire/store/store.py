"""The Store: documents, events and rejects in one DuckDB database (a file, or `:memory:`).

Writes are idempotent (a document is keyed by id and content hash: storing it again is a no-op) and
transactional per batch. Reads return plain dicts in the event contract's shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from ..errors import GeowireError
from ..model import Article, Event, Reject

__all__ = ["Store", "text_hash"]

_ACTOR_FIELDS = ("text", "start", "end", "name", "code", "country", "sector")
_EVENT_COLS = (
    ["id", "doc_id", "sentence_index", "sentence"]
    + [f"source_{f}" for f in _ACTOR_FIELDS] + [f"target_{f}" for f in _ACTOR_FIELDS]
    + ["trigger_text", "trigger_start", "trigger_end", "cameo", "cameo_root", "quad_class", "goldstein",
       "plover_type", "plover_mode", "negated", "modality", "attributed_to", "date", "confidence", "tone",
       "mentions"]
)


def text_hash(text: str) -> str:
    """Content hash of a document: whitespace-normalized text."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def _event_row(ev: Event) -> list[Any]:
    src, tgt = ev.source or {}, ev.target or {}
    return ([ev.id, ev.doc_id, ev.sentence_index, ev.sentence]
            + [src.get(f) for f in _ACTOR_FIELDS] + [tgt.get(f) for f in _ACTOR_FIELDS]
            + [ev.trigger["text"], ev.trigger["start"], ev.trigger["end"], ev.cameo, ev.cameo_root, ev.quad_class,
               ev.goldstein, ev.plover.get("type"), ev.plover.get("mode"), ev.negated, ev.modality,
               json.dumps(ev.attributed_to) if ev.attributed_to else None, ev.date, ev.confidence, ev.tone,
               ev.mentions])


def _row_event(row: dict[str, Any]) -> dict[str, Any]:
    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None and row.get(f"{prefix}_text") is None:
            return None
        return {f: row.get(f"{prefix}_{f}") for f in _ACTOR_FIELDS}

    att = row.get("attributed_to")
    return {
        "id": row["id"], "doc_id": row["doc_id"], "sentence_index": row["sentence_index"],
        "sentence": row["sentence"], "source": actor("source"), "target": actor("target"),
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "cameo": row["cameo"], "cameo_root": row["cameo_root"], "quad_class": row["quad_class"],
        "goldstein": row["goldstein"], "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "negated": row["negated"], "modality": row["modality"],
        "attributed_to": json.loads(att) if isinstance(att, str) else att, "date": row["date"],
        "confidence": row["confidence"], "tone": row["tone"], "mentions": row["mentions"],
    }


class Store:
    """Documents, events and rejects in DuckDB. Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise GeowireError(f"--db {self.path} is a directory; give a database file path")
            if read_only and not p.exists():
                raise GeowireError(f"no database at {self.path}: create it with `geowire ingest ... --db {self.path}`")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise GeowireError(f"cannot open database {self.path}: {str(exc).splitlines()[0]}") from None
        if not read_only:
            schema = resources.files("geowire.store").joinpath("schema.sql").read_text(encoding="utf-8")
            self.con.execute(schema)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # writing -------------------------------------------------------------------------------------------
    def has(self, article: Article) -> bool:
        """True when this document (same id, or same normalized text) is already stored."""
        row = self.con.execute("SELECT 1 FROM documents WHERE id = ? OR hash = ? LIMIT 1",
                               [article.id, text_hash(article.text)]).fetchone()
        return row is not None

    def add(self, batch: Iterable[tuple[Article, list[Event], float | None]]) -> int:
        """Store documents with their events in one transaction; returns how many were new."""
        new = 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            for article, events, tone in batch:
                if self.has(article):
                    continue
                self.con.execute(
                    "INSERT INTO documents (id, hash, title, url, date, origin, text, tone, n_events) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [article.id, text_hash(article.text), article.title, article.url, article.date, article.origin,
                     article.text, tone, len(events)])
                if events:
                    ph = ", ".join("?" for _ in _EVENT_COLS)
                    self.con.executemany(
                        f"INSERT OR IGNORE INTO events ({', '.join(_EVENT_COLS)}) VALUES ({ph})",
                        [_event_row(e) for e in events])
                new += 1
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return new

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        rows = [[r.origin, r.line, r.reason] for r in rejects]
        if rows:
            self.con.executemany("INSERT INTO rejects (origin, line, reason) VALUES (?, ?, ?)", rows)

    # reading -------------------------------------------------------------------------------------------
    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events FROM documents ORDER BY id"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._dicts(sql, params)

    def events(self, actor: str | None = None, since: str | None = None, include_negated: bool = False,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Events in the contract's shape; `actor` matches a country code or a CAMEO actor code prefix."""
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("(source_country = ? OR target_country = ? OR source_code LIKE ? OR target_code LIKE ?)")
            a = actor.upper()
            params += [a, a, a + "%", a + "%"]
        if since:
            where.append("date >= ?")
            params.append(since)
        if not include_negated:
            where.append("NOT negated AND modality <> 'hypothetical'")
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY date NULLS LAST, doc_id, sentence_index, trigger_start"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_row_event(r) for r in self._dicts(sql, params)]

    def dyads(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Relations per ordered pair of actor countries: counts per quad class, Goldstein sum and mean."""
        sql = """
            SELECT source_country AS source, target_country AS target, count(*) AS events,
                   sum(mentions) AS mentions,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
                   count(*) FILTER (WHERE quad_class = 2) AS material_coop,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   round(sum(goldstein), 1) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean
            FROM events
            WHERE NOT negated AND modality <> 'hypothetical' AND target_country IS NOT NULL
            GROUP BY 1, 2 ORDER BY events DESC, source, target"""
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._dicts(sql, params)

    def rejects(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT origin, line, reason, CAST(rejected_at AS VARCHAR) AS rejected_at FROM rejects ORDER BY rejected_at", [])

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "events", "rejects"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out
