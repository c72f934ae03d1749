"""A Parquet directory as a Store: `geowire run`'s output, queried through DuckDB views.

Layout of a directory written by `geowire run --out DIR` (hive style, one file per batch and date):

    DIR/_geowire.json                                          marker and the last run's figures
    DIR/documents/date=YYYY-MM-DD/part-<run>-<batch>.parquet   by document date
    DIR/events/date=YYYY-MM-DD/part-<run>-<batch>.parquet      by event date, else document date
    DIR/rejects/date=YYYY-MM-DD/part-<run>-<batch>.parquet     by the day of the run
    DIR/minhash_sigs/part-<run>-<batch>.parquet, DIR/minhash_bands/...   the near-duplicate index
    (date=unknown when there is no usable date)

Column names and types are those of `schema.sql` (read at run time, so a column added there appears here:
files written before it read as its default or NULL). `ParquetStore` opens an in-memory DuckDB connection with
one VIEW per table that casts every column to its schema type, so every `Store` method and every SQL query
written against the tables runs unchanged. The views read the files with `hive_partitioning=false`: the
`date` in the directory name is only the partition key (an event without its own date is filed under its
document's date), the `date` column inside the files is the value of record. A batch's documents are
written last, so a document on disk has its events, rejects and index rows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from ..errors import GeowireError
from ..model import Reject
from .schema import arrow_schema, column_defaults, missing_column, schema_columns, schema_tables
from .store import Sig, Store, connect

__all__ = ["ParquetStore", "ParquetWriter", "is_parquet_output", "partition_key", "MARKER"]

MARKER = "_geowire.json"
_DATED = ("documents", "events", "rejects")  # tables partitioned by date; the others are one folder each
UNKNOWN = "unknown"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def partition_key(*dates: str | None) -> str:
    """The first full ISO date among `dates` (YYYY-MM-DD), else 'unknown'."""
    for d in dates:
        if isinstance(d, str) and _ISO.match(d[:10]):
            try:
                return dt.date.fromisoformat(d[:10]).isoformat()
            except ValueError:
                continue
    return UNKNOWN


def _coerce(value: Any, dtype: str) -> Any:
    if value is None:
        return None
    if dtype == "DATE" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def is_parquet_output(path: str | Path) -> bool:
    """True when `path` is a directory written by `geowire run` (marker file or table folders)."""
    p = Path(path)
    return p.is_dir() and ((p / MARKER).is_file() or any((p / t).is_dir() for t in _DATED))


# writing -----------------------------------------------------------------------------------------------
class ParquetWriter:
    """Writes batches of rows into a hive-partitioned directory; each file appears atomically (rename)."""

    def __init__(self, out: str | Path, run_id: str) -> None:
        self.out = Path(out)
        self.run_id = run_id
        if self.out.exists() and not self.out.is_dir():
            raise GeowireError(f"{self.out} is a file; the Parquet output is a directory")
        if self.out.is_dir() and any(self.out.iterdir()) and not is_parquet_output(self.out):
            raise GeowireError(f"{self.out} is a non-empty directory without geowire output; "
                               "give a new or empty directory")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GeowireError(f"cannot create {self.out}: {exc.strerror or exc}") from None

    def _write(self, table: str, folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = schema_columns(table)
        defaults = column_defaults(table)
        data = [{c: _coerce(r[c] if c in r else defaults[c][1], t) for c, t in cols} for r in rows]
        tbl = pa.Table.from_pylist(data, schema=arrow_schema(table))
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.tmp"
        pq.write_table(tbl, tmp, compression="zstd")
        os.replace(tmp, folder / name)

    def _dated(self, table: str, rows_by_key: dict[str, list[dict[str, Any]]], name: str) -> None:
        for key, rows in sorted(rows_by_key.items()):
            self._write(table, self.out / table / f"date={key}", name, rows)

    def write(self, batch_no: int, documents: list[dict[str, Any]], events: list[dict[str, Any]],
              rejects: Iterable[Reject] = (), sigs: Iterable[Sig] = ()) -> None:
        """One batch: events, rejects and index rows first, then the documents."""
        now = dt.datetime.now()
        name = f"part-{self.run_id}-{batch_no:05d}.parquet"
        doc_dates = {d["id"]: d.get("date") for d in documents}
        events_by: dict[str, list[dict[str, Any]]] = {}
        for e in events:
            events_by.setdefault(partition_key(e.get("date"), doc_dates.get(e["doc_id"])), []).append(e)
        self._dated("events", events_by, name)
        reject_rows = [{"origin": r.origin, "line": r.line, "reason": r.reason, "rejected_at": now} for r in rejects]
        if reject_rows:
            self._dated("rejects", {now.date().isoformat(): reject_rows}, name)
        sig_list = list(sigs)
        if sig_list:
            self._write("minhash_sigs", self.out / "minhash_sigs", name,
                        [{"doc_id": i, "sig": v} for i, v, _ in sig_list])
            self._write("minhash_bands", self.out / "minhash_bands", name,
                        [{"key": k, "doc_id": i} for i, _, keys in sig_list for k in keys])
        docs_by: dict[str, list[dict[str, Any]]] = {}
        for d in documents:
            docs_by.setdefault(partition_key(d.get("date")), []).append({**d, "ingested_at": now})
        self._dated("documents", docs_by, name)

    def write_marker(self, info: dict[str, Any]) -> None:
        tmp = self.out / f".{MARKER}.tmp"
        tmp.write_text(json.dumps({"format": "geowire-parquet", "version": 1, "last_run": info}, indent=1),
                       encoding="utf-8")
        os.replace(tmp, self.out / MARKER)


# reading -----------------------------------------------------------------------------------------------
def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.rglob("*.parquet"))


class ParquetStore(Store):
    """A read-only Store over a Parquet directory: a DuckDB view for every table of schema.sql (over the
    files of its folder; empty while the folder has none)."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        p = Path(path)
        self.path = str(p)
        self._root = p
        self._empty: set[str] = set()
        if not is_parquet_output(p):
            raise GeowireError(f"{p} holds no geowire Parquet output (documents/, events/)")
        self.con = connect(":memory:")
        try:
            for table in schema_tables():
                self._create_view(table)
        except duckdb.Error as exc:
            self.con.close()
            raise GeowireError(f"cannot read the Parquet files in {p}: {str(exc).splitlines()[0]}") from None

    def _create_view(self, table: str) -> None:
        cols = schema_columns(table)
        folder = self._root / table
        if not _has_files(folder):
            select = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in cols)
            self.con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {select} WHERE false")
            self._empty.add(table)
            return
        source = (f"read_parquet({_sql_str(str(folder.resolve()) + '/**/*.parquet')}, "
                  "hive_partitioning = false, union_by_name = true)")
        present = {str(r[0]) for r in self.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        # a column the files do not have: its schema default, else NULL
        select = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' if c in present else missing_column(table, c)
                           for c, t in cols)
        self.con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {select} FROM {source}")
        self._empty.discard(table)

    def refresh(self) -> None:
        """See files written since the views were made (a view over files re-reads its folder by itself;
        only the views of folders that were empty need making again)."""
        for table in sorted(self._empty):
            if _has_files(self._root / table):
                self._create_view(table)

    def add(self, batch: Iterable[Any]) -> int:
        raise GeowireError(f"{self.path} is a Parquet directory: read-only here (the run engine adds to it)")

    def write(self, *args: Any, **kwargs: Any) -> None:
        raise GeowireError(f"{self.path} is a Parquet directory: read-only here (the run engine adds to it)")
