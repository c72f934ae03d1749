"""A Parquet directory as a Store: the run engines' output, queried through DuckDB views.

Layout of a directory written by `geowire run --out DIR` (hive style, one file per batch and date):

    DIR/_geowire.json                                   marker and the last run's figures
    DIR/documents/date=YYYY-MM-DD/part-<run>-<batch>.parquet   by document date
    DIR/events/date=YYYY-MM-DD/part-<run>-<batch>.parquet      by event date, else document date
    DIR/rejects/date=YYYY-MM-DD/part-<run>.parquet             by the day of the run
    (date=unknown when there is no usable date)

Column names and types are those of `schema.sql` (read at run time, so a column added there appears here:
files written before it read as NULL). `ParquetStore` opens an in-memory DuckDB connection with one VIEW per
table that casts every column to its schema type, so every `Store` method and every SQL query written against
the tables runs unchanged. The views read the files with `hive_partitioning=false`: the `date` in the directory
name is only the partition key (an event without its own date is filed under its document's date), the
`date` column inside the files is the value of record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import GeowireError
from ..model import Article, Event, Reject
from .store import _EVENT_COLS, Store, _event_row, text_hash

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ParquetStore", "ParquetWriter", "is_parquet_output", "schema_columns", "document_row",
           "event_rows", "partition_key", "schema_tables", "TABLES", "MARKER"]

TABLES = ("documents", "events", "rejects")
MARKER = "_geowire.json"
UNKNOWN = "unknown"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# schema ------------------------------------------------------------------------------------------------
def _schema_sql() -> str:
    return resources.files("geowire.store").joinpath("schema.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _schema(sql: str) -> dict[str, tuple[tuple[str, str, str | None, Any], ...]]:
    """Every table of schema.sql: (column, type, default expression, default value) in order."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(sql)
        tables = [str(r[0]) for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "ORDER BY table_name").fetchall()]
        out = {}
        for table in tables:
            rows = con.execute("SELECT column_name, data_type, column_default FROM information_schema.columns "
                               "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
            cols = []
            for name, dtype, default in rows:
                value = None
                if default is not None:
                    got = con.execute(f"SELECT CAST({default} AS {dtype})").fetchone()
                    value = got[0] if got else None
                cols.append((str(name), str(dtype), None if default is None else str(default), value))
            out[table] = tuple(cols)
        return out
    finally:
        con.close()


def schema_tables() -> list[str]:
    """The tables of schema.sql."""
    return list(_schema(_schema_sql()))


def schema_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of `table` in schema.sql, in order."""
    return [(c[0], c[1]) for c in _schema(_schema_sql())[table]]


def _column_defaults(table: str) -> dict[str, tuple[str | None, Any]]:
    return {c[0]: (c[2], c[3]) for c in _schema(_schema_sql())[table]}


@lru_cache(maxsize=4)
def _arrow_schemas(sql: str) -> dict[str, pa.Schema]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(sql)
        out = {}
        for table in TABLES:
            rel = con.sql(f"SELECT * FROM {table} LIMIT 0")
            to_arrow = getattr(rel, "to_arrow_table", None) or rel.arrow
            out[table] = to_arrow().schema
        return out
    finally:
        con.close()


def _arrow_schema(table: str) -> pa.Schema:
    return _arrow_schemas(_schema_sql())[table]


# rows (plain dicts: they cross process boundaries) --------------------------------------------------------
def partition_key(*dates: str | None) -> str:
    """The first full ISO date among `dates` (YYYY-MM-DD), else 'unknown'."""
    for d in dates:
        if isinstance(d, str) and _ISO.match(d[:10]):
            try:
                return dt.date.fromisoformat(d[:10]).isoformat()
            except ValueError:
                continue
    return UNKNOWN


def document_row(article: Article, events: Sequence[Event], tone: float | None) -> dict[str, Any]:
    """A `documents` row of schema.sql (dates as ISO strings); columns unknown here come from the Article."""
    row: dict[str, Any] = {
        "id": article.id, "hash": text_hash(article.text), "title": article.title, "url": article.url,
        "date": article.date, "origin": article.origin, "text": article.text, "tone": tone,
        "n_events": len(events), "ingested_at": None,
    }
    for name, _ in schema_columns("documents"):  # columns added to schema.sql: the Article's, else the default
        if name not in row and hasattr(article, name):
            value = getattr(article, name)
            row[name] = value if isinstance(value, str | int | float | bool) or value is None else str(value)
    return row


def event_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """`events` rows, built exactly as `Store.add` builds them."""
    return [dict(zip(_EVENT_COLS, _event_row(e), strict=True)) for e in events]


def _coerce(value: Any, dtype: str) -> Any:
    if value is None:
        return None
    if dtype == "DATE" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


# writing -----------------------------------------------------------------------------------------------
class ParquetWriter:
    """Writes batches of rows into a hive-partitioned directory; each file appears atomically (rename)."""

    def __init__(self, out: str | Path, run_id: str) -> None:
        self.out = Path(out)
        self.run_id = run_id
        if self.out.exists() and not self.out.is_dir():
            raise GeowireError(f"--out {self.out} is a file; give a directory")
        if self.out.is_dir() and any(self.out.iterdir()) and not is_parquet_output(self.out):
            raise GeowireError(f"--out {self.out} is a non-empty directory without geowire output; "
                               "give a new or empty directory")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GeowireError(f"cannot create {self.out}: {exc.strerror or exc}") from None

    def _write(self, table: str, key: str, name: str, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = schema_columns(table)
        defaults = _column_defaults(table)
        data = [{c: _coerce(r[c] if c in r else defaults[c][1], t) for c, t in cols} for r in rows]
        tbl = pa.Table.from_pylist(data, schema=_arrow_schema(table))
        folder = self.out / table / f"date={key}"
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.tmp"
        pq.write_table(tbl, tmp, compression="zstd")
        os.replace(tmp, folder / name)

    def write_batch(self, batch_no: int, documents: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        """One coded batch: events first, then their documents (a document on disk has its events)."""
        now = dt.datetime.now()
        doc_dates: dict[str, str | None] = {}
        by_key: dict[str, list[dict[str, Any]]] = {}
        for d in documents:
            doc_dates[d["id"]] = d.get("date")
            by_key.setdefault(partition_key(d.get("date")), []).append({**d, "ingested_at": now})
        ev_by_key: dict[str, list[dict[str, Any]]] = {}
        for e in events:
            ev_by_key.setdefault(partition_key(e.get("date"), doc_dates.get(e["doc_id"])), []).append(e)
        name = f"part-{self.run_id}-{batch_no:05d}.parquet"
        for key, rows in sorted(ev_by_key.items()):
            self._write("events", key, name, rows)
        for key, rows in sorted(by_key.items()):
            self._write("documents", key, name, rows)

    def write_rejects(self, rejects: Iterable[Reject]) -> int:
        now = dt.datetime.now()
        rows = [{"origin": r.origin, "line": r.line, "reason": r.reason, "rejected_at": now} for r in rejects]
        if rows:
            self._write("rejects", now.date().isoformat(), f"part-{self.run_id}.parquet", rows)
        return len(rows)

    def write_marker(self, info: dict[str, Any]) -> None:
        tmp = self.out / f".{MARKER}.tmp"
        tmp.write_text(json.dumps({"format": "geowire-parquet", "version": 1, "last_run": info}, indent=1),
                       encoding="utf-8")
        os.replace(tmp, self.out / MARKER)


# reading -----------------------------------------------------------------------------------------------
def is_parquet_output(path: str | Path) -> bool:
    """True when `path` is a directory written by `geowire run` (marker file or table folders)."""
    p = Path(path)
    return p.is_dir() and ((p / MARKER).is_file() or any((p / t).is_dir() for t in TABLES))


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.rglob("*.parquet"))


class ParquetStore(Store):
    """A read-only Store over a Parquet directory: a DuckDB view for every table of schema.sql (`documents`,
    `events`, `rejects` over the files; the others, which `geowire run` does not write, empty)."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        p = Path(path)
        self.path = str(p)
        if not is_parquet_output(p):
            raise GeowireError(f"{p} holds no geowire Parquet output (documents/, events/): "
                               f"write it with `geowire run ... --out {p}`")
        self.con = duckdb.connect(":memory:")
        try:
            for table in schema_tables():
                self.con.execute(self._view_sql(p, table))
        except duckdb.Error as exc:
            self.con.close()
            raise GeowireError(f"cannot read the Parquet files in {p}: {str(exc).splitlines()[0]}") from None

    def _view_sql(self, root: Path, table: str) -> str:
        cols = schema_columns(table)
        defaults = _column_defaults(table)

        def missing(c: str, t: str) -> str:  # a column the files do not have: its schema default, else NULL
            expr = defaults[c][0]
            volatile = expr is not None and "current_" in expr.lower()
            return f'CAST({expr if expr is not None and not volatile else "NULL"} AS {t}) AS "{c}"'

        folder = root / table
        if not _has_files(folder):
            select = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in cols)
            return f"CREATE VIEW {table} AS SELECT {select} WHERE false"
        source = (f"read_parquet({_sql_str(str(folder.resolve()) + '/**/*.parquet')}, "
                  "hive_partitioning = false, union_by_name = true)")
        present = {str(r[0]) for r in self.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        select = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' if c in present else missing(c, t) for c, t in cols)
        return f"CREATE VIEW {table} AS SELECT {select} FROM {source}"

    def add(self, batch: Iterable[tuple[Article, list[Event], float | None]]) -> int:
        raise GeowireError(f"{self.path} is a Parquet directory: add documents with `geowire run ... --out {self.path}`")

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        raise GeowireError(f"{self.path} is a Parquet directory: it is written by `geowire run`")
