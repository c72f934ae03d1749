"""Storage: one DuckDB-backed Store for documents, events and rejects."""

from .store import Store

__all__ = ["Store"]
