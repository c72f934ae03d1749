"""The store's schema (`schema.sql`) as data: tables, columns, types and defaults, read once per process.

Everything that writes or reads rows (the DuckDB store, the Parquet writer and views, the row builders)
takes its column list from here, so a column added to `schema.sql` reaches every layout.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["schema_sql", "schema_tables", "schema_columns", "column_defaults", "arrow_schema", "missing_column"]

_Column = tuple[str, str, str | None, Any]  # name, type, default expression, default value


def schema_sql() -> str:
    """The text of schema.sql."""
    return resources.files("geowire.store").joinpath("schema.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _schema() -> dict[str, tuple[_Column, ...]]:
    """Every table of schema.sql: (column, type, default expression, default value) in order."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(schema_sql())
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
    return list(_schema())


def schema_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of `table` in schema.sql, in order."""
    return [(c[0], c[1]) for c in _schema()[table]]


def column_defaults(table: str) -> dict[str, tuple[str | None, Any]]:
    """column -> (default expression, default value) of `table`."""
    return {c[0]: (c[2], c[3]) for c in _schema()[table]}


def missing_column(table: str, column: str) -> str:
    """SQL select item for a column that older data lacks: its schema default (unless that is volatile, like
    current_timestamp), else NULL, cast to its schema type."""
    expr, _ = column_defaults(table)[column]
    dtype = dict(schema_columns(table))[column]
    if expr is None or "current_" in expr.lower():
        expr = "NULL"
    return f'CAST({expr} AS {dtype}) AS "{column}"'


@lru_cache(maxsize=16)
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema DuckDB gives `table` (what the Parquet files are written with)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(schema_sql())
        rel = con.sql(f"SELECT * FROM {table} LIMIT 0")
        to_arrow = getattr(rel, "to_arrow_table", None) or rel.arrow
        return to_arrow().schema
    finally:
        con.close()
