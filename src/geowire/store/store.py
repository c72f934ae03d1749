"""The Store: documents, events and rejects in one DuckDB database (a file, or `:memory:`).

Writes are idempotent (a document is keyed by id and content hash: storing it again is a no-op) and
transactional per batch. Rows are those of `rows.py`; reads go through the query layer (`query.py`) and return
plain dicts in the event contract's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..errors import GeowireError, StoreLocked
from ..model import Article, Event, Reject
from . import query
from .rows import document_row, event_rows, text_hash
from .schema import missing_column, schema_columns, schema_sql, schema_tables

__all__ = ["Store", "Sig"]

Sig = tuple[str, bytes, list[int]]  # a new original's MinHash: document id, signature, band keys
Coded = tuple[Article, list[Event], float | None]


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection without the progress bar that long queries would draw over the CLI's output (its
    cursors inherit the setting)."""
    con = duckdb.connect(path, read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con


def _missing_column_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """For a file opened read-only that was written before some columns of schema.sql existed (schema.sql's
    ALTERs need a writable file): a TEMP VIEW per such table that adds the missing columns (their defaults,
    else NULL), so every query of the query layer runs on it unchanged."""
    db = con.execute("SELECT current_database()").fetchone()
    found: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_schema = 'main'").fetchall():
        found.setdefault(str(table), set()).add(str(column))
    out = []
    for table in (t for t in schema_tables() if t in found):
        missing = [c for c, _ in schema_columns(table) if c not in found[table]]
        if missing and db:
            added = ", ".join(missing_column(table, c) for c in missing)
            out.append(f'CREATE OR REPLACE TEMP VIEW {table} AS SELECT *, {added} FROM "{db[0]}".main.{table}')
    return out


def _unique(rows: list[Coded]) -> list[Coded]:
    seen: set[str] = set()
    out = []
    for r in rows:
        key = text_hash(r[0].text)
        if r[0].id not in seen and key not in seen:
            seen.update((r[0].id, key))
            out.append(r)
    return out


class Store:
    """Documents, events and rejects in DuckDB. Use as a context manager or call `close()`."""

    _overlays: list[str] = []  # see _missing_column_views(): only a read-only file of an older schema has any

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise GeowireError(f"{self.path} is a directory, not a database file")
            if read_only and not p.exists():
                raise GeowireError(f"no database at {self.path} (a database is created by ingesting into it)")
        try:
            self.con = connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "Could not set lock" in first:
                pid = re.search(r"\(PID (\d+)\)", first)
                raise StoreLocked(self.path, int(pid.group(1)) if pid else None) from None
            raise GeowireError(f"cannot open database {self.path}: {first}") from None
        if not read_only:
            self.con.execute(schema_sql())
        else:
            self._overlays = _missing_column_views(self.con)
            self._apply_overlays(self.con)

    def _apply_overlays(self, con: duckdb.DuckDBPyConnection) -> None:
        for sql in self._overlays:  # temporary views belong to one connection: each cursor gets its own
            con.execute(sql)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """The same store on a new DuckDB cursor (one per thread: a connection must not be shared)."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view.con = self.con.cursor()
        view._apply_overlays(view.con)
        return view

    # writing -------------------------------------------------------------------------------------------
    def has(self, article: Article) -> bool:
        """True when this document (same id, or same normalized text) is already stored."""
        row = self.con.execute("SELECT 1 FROM documents WHERE id = ? OR hash = ? LIMIT 1",
                               [article.id, text_hash(article.text)]).fetchone()
        return row is not None

    def add(self, batch: Iterable[Coded]) -> int:
        """Store documents with their events in one transaction; returns how many were new."""
        fresh = _unique([r for r in batch if not self.has(r[0])])
        self.write(documents=[document_row(a, n_events=len(ev), tone=tone) for a, ev, tone in fresh],
                   events=event_rows(e for _, ev, _ in fresh for e in ev))
        return len(fresh)

    def write(self, documents: Sequence[dict[str, Any]] = (), events: Sequence[dict[str, Any]] = (),
              rejects: Iterable[Reject] = (), sigs: Sequence[Sig] = ()) -> None:
        """One transaction: document rows (any status), event rows, rejects, and the MinHash signatures of
        new originals. Nothing is written if any part fails."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._bulk("documents", documents)
            self._bulk("events", events)
            self._insert_rejects(rejects)
            self._bulk("minhash_sigs", [{"doc_id": i, "sig": v} for i, v, _ in sigs])
            self._bulk("minhash_bands", [{"key": k, "doc_id": i} for i, _, keys in sigs for k in keys],
                       ignore=False)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _bulk(self, table: str, rows: Sequence[dict[str, Any]], ignore: bool = True) -> None:
        """Insert many rows with one statement (through an Arrow table: far faster than executemany)."""
        if not rows:
            return
        import pyarrow as pa  # only writers need it

        cols = [c for c, _ in schema_columns(table) if c in rows[0]]
        data = pa.table({c: pa.array([r.get(c) for r in rows]) for c in cols})
        self.con.register("_geowire_bulk", data)
        try:
            names = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} ({names}) "
                             f"SELECT {names} FROM _geowire_bulk")
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
        self.write(rejects=list(rejects))

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

    # reading (the query layer: query.py) -------------------------------------------------------------------
    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return query.dicts(self.con, sql, params)

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Coded documents (without their text), ordered by date, then id."""
        return query.documents(self.con, query.DocFilter(status="coded"), query.Page(limit))

    def events(self, actor: str | None = None, since: str | None = None, include_negated: bool = False,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Events in the contract's shape; `actor` matches a country code or a CAMEO actor code prefix;
        `include_negated` also lists negated and hypothetical events."""
        f = query.EventFilter(actor=actor.upper() if actor else None, since=since, include_negated=include_negated)
        return query.events(self.con, f, query.Page(limit))

    def dyads(self, limit: int | None = None, min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Relations per ordered pair of actor countries: counts per quad class, Goldstein sum and mean."""
        return query.dyads(self.con, query.Page(limit), min_confidence)

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
