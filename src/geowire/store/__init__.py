"""Storage: one DuckDB-backed Store for documents, events and rejects."""

from pathlib import Path

from .store import Store

__all__ = ["Store", "open_store"]


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """The store at `path`: a DuckDB file (a Parquet directory once the Dask engine writes one)."""
    return Store(path, read_only=read_only)
