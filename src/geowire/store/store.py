"""The Store: documents, events and rejects in one DuckDB database (a file, or `:memory:`).

Writes are idempotent (a document is keyed by id and content hash: storing it again is a no-op) and
transactional per batch. Reads return plain dicts in the event contract's shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import GeowireError
from ..model import Article, Event, Reject

__all__ = ["Store", "DocRecord", "text_hash"]

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


@dataclass
class DocRecord:
    """A document stored without coding: a duplicate (with its original) or a skipped one (with the reason)."""

    article: Article
    status: str
    duplicate_of: str | None = None
    similarity: float | None = None
    lang: str | None = None
    reason: str | None = None


def _unique(rows: list[tuple[Article, list[Event], float | None]]) -> list[tuple[Article, list[Event], float | None]]:
    seen: set[str] = set()
    out = []
    for r in rows:
        key = text_hash(r[0].text)
        if r[0].id not in seen and key not in seen:
            seen.update((r[0].id, key))
            out.append(r)
    return out


_DOC_COLS = ["id", "hash", "title", "url", "date", "origin", "text", "tone", "n_events", "status", "duplicate_of",
             "similarity", "lang", "reason", "author"]


def _doc_row(rec: DocRecord, tone: float | None, n_events: int) -> list[Any]:
    a = rec.article
    return [a.id, text_hash(a.text), a.title, a.url, a.date, a.origin, a.text, tone, n_events, rec.status,
            rec.duplicate_of, rec.similarity, rec.lang, rec.reason, getattr(a, "author", None)]


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
        rows = [(a, ev, tone) for a, ev, tone in batch]
        fresh = [r for r in rows if not self.has(r[0])]
        self.write_batch(coded=_unique(fresh))
        return len(_unique(fresh))

    def write_batch(self, coded: Iterable[tuple[Article, list[Event], float | None]] = (),
                    others: Iterable[DocRecord] = (), rejects: Iterable[Reject] = (),
                    sigs: Iterable[tuple[str, bytes, list[int]]] = (), langs: dict[str, str] | None = None) -> None:
        """One transaction: coded documents with their events, duplicates and skipped documents
        (`DocRecord`), rejects, and MinHash signatures of new originals. Nothing is written if any fails."""
        docs: list[list[Any]] = []
        event_rows: list[list[Any]] = []
        for article, events, tone in coded:
            docs.append(_doc_row(DocRecord(article, "coded", lang=(langs or {}).get(article.id)), tone, len(events)))
            event_rows += [_event_row(e) for e in events]
        docs += [_doc_row(rec, None, 0) for rec in others]
        sig_list = list(sigs)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._bulk("documents", _DOC_COLS, docs)
            self._bulk("events", _EVENT_COLS, event_rows)
            self._insert_rejects(rejects)
            self._bulk("minhash_sigs", ["doc_id", "sig"], [[i, v] for i, v, _ in sig_list])
            self._bulk("minhash_bands", ["key", "doc_id"], [[k, i] for i, _, keys in sig_list for k in keys],
                       ignore=False)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _bulk(self, table: str, cols: list[str], rows: list[list[Any]], ignore: bool = True) -> None:
        """Insert many rows with one statement (through an Arrow table: far faster than executemany)."""
        if not rows:
            return
        data = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(cols)})
        self.con.register("_geowire_bulk", data)
        try:
            self.con.execute(f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} ({', '.join(cols)}) "
                             f"SELECT {', '.join(cols)} FROM _geowire_bulk")
        finally:
            self.con.unregister("_geowire_bulk")

    def _insert_rejects(self, rejects: Iterable[Reject]) -> None:
        for r in rejects:
            self.con.execute(
                "INSERT INTO rejects (origin, line, reason) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rejects "
                "WHERE origin = ? AND line IS NOT DISTINCT FROM ? AND reason = ?)",
                [r.origin, r.line, r.reason, r.origin, r.line, r.reason])

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        """Record rejects (an identical reject already recorded is not recorded twice)."""
        self.write_batch(rejects=list(rejects))

    # deduplication and resume support ---------------------------------------------------------------------
    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of these document ids are already stored (in any status)."""
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def originals_by_hash(self, hashes: list[str]) -> dict[str, str]:
        """text hash -> id of the stored original (not duplicate) document with that hash."""
        if not hashes:
            return {}
        rows = self.con.execute("SELECT hash, min(id) FROM documents WHERE status <> 'duplicate' AND hash IN "
                                "(SELECT unnest(?)) GROUP BY hash", [hashes]).fetchall()
        return {h: i for h, i in rows}

    def band_candidates(self, keys: list[int]) -> dict[int, list[str]]:
        """MinHash band key -> ids of stored originals with that band."""
        if not keys:
            return {}
        out: dict[int, list[str]] = {}
        for k, doc_id in self.con.execute("SELECT key, doc_id FROM minhash_bands WHERE key IN (SELECT unnest(?))",
                                          [keys]).fetchall():
            out.setdefault(k, []).append(doc_id)
        return out

    def signatures(self, ids: list[str]) -> dict[str, bytes]:
        if not ids:
            return {}
        rows = self.con.execute("SELECT doc_id, sig FROM minhash_sigs WHERE doc_id IN (SELECT unnest(?))",
                                [ids]).fetchall()
        return {i: bytes(s) for i, s in rows}

    # feeds (geowire watch) ----------------------------------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, Any]:
        rows = self._dicts("SELECT etag, modified, CAST(last_polled AS VARCHAR) AS last_polled, last_status "
                           "FROM feeds WHERE url = ?", [url])
        return rows[0] if rows else {}

    def set_feed_state(self, url: str, etag: str | None, modified: str | None, status: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, current_timestamp, ?)",
                         [url, etag, modified, status])

    def seen_entries(self, feed: str, entries: list[str]) -> set[str]:
        if not entries:
            return set()
        rows = self.con.execute("SELECT entry FROM feed_entries WHERE feed = ? AND entry IN (SELECT unnest(?))",
                                [feed, entries]).fetchall()
        return {r[0] for r in rows}

    def mark_entries(self, feed: str, entries: Iterable[tuple[str, str | None, str | None]]) -> None:
        """Remember feed entries (entry key, url, doc id) as processed."""
        rows = [[feed, e, u, d] for e, u, d in entries]
        if rows:
            self.con.executemany("INSERT OR IGNORE INTO feed_entries (feed, entry, url, doc_id) VALUES (?, ?, ?, ?)",
                                 rows)

    # reading -------------------------------------------------------------------------------------------
    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, title, url, CAST(date AS VARCHAR) AS date, origin, tone, n_events FROM documents WHERE status = 'coded' ORDER BY id"
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
        """Rows per table; `documents` counts coded documents, `duplicates` and `skipped` the others."""
        out = {}
        for key, sql in (("documents", "SELECT count(*) FROM documents WHERE status = 'coded'"),
                         ("events", "SELECT count(*) FROM events"), ("rejects", "SELECT count(*) FROM rejects"),
                         ("duplicates", "SELECT count(*) FROM documents WHERE status = 'duplicate'"),
                         ("skipped", "SELECT count(*) FROM documents WHERE status = 'skipped'")):
            row = self.con.execute(sql).fetchone()
            out[key] = int(row[0]) if row else 0
        return out

    def statuses(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Every document with its status, original (duplicates), language, reason (skipped) and sources."""
        sql = ("SELECT d.id, d.status, d.duplicate_of, d.similarity, d.lang, d.reason, d.origin, "
               "s.sources FROM documents d LEFT JOIN document_sources s ON s.id = d.id ORDER BY d.id")
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._dicts(sql, params)
