"""Storage: one DuckDB-backed Store for documents, events and rejects (a DuckDB file or a Parquet directory)."""

from pathlib import Path

from .parquet import ParquetStore, is_parquet_output
from .store import Store

__all__ = ["Store", "ParquetStore", "open_store"]


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """The store at `path`: a DuckDB file, or a Parquet directory written by `geowire run --out DIR`.

    A Parquet directory is always read-only (`geowire run` adds to it).
    """
    if Path(path).is_dir() and (read_only or is_parquet_output(path)):
        return ParquetStore(path)
    return Store(path, read_only=read_only)
