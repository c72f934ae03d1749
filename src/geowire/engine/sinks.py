"""Sinks: where a run's rows go, and what the planner asks about what is already there.

`StoreSink` writes into a DuckDB `Store` (one transaction per batch, the near-duplicate index in its tables);
`ParquetSink` writes a Parquet directory (`store/parquet.py`: one file per table, batch and date, the index as
Parquet too) and answers the planner's questions through a `ParquetStore` over that same directory. Both
record an identical reject only once, so a resumed run adds no reject twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..model import Reject
from ..store import ParquetStore, Store
from ..store.parquet import ParquetWriter
from ..store.store import Sig
from .plan import Index
from .stats import RunStats

__all__ = ["Sink", "StoreSink", "ParquetSink"]


class Sink(Index, Protocol):
    def write(self, batch_no: int, documents: list[dict[str, Any]], events: list[dict[str, Any]],
              rejects: Sequence[Reject], sigs: Sequence[Sig]) -> None: ...

    def finish(self, stats: RunStats) -> None: ...


class _Lookups:
    """The planner's questions, answered by a Store's tables."""

    store: Store

    def known_ids(self, ids: list[str]) -> set[str]:
        return self.store.known_ids(ids)

    def originals_by_hash(self, hashes: list[str]) -> dict[str, str]:
        return self.store.originals_by_hash(hashes)

    def band_candidates(self, keys: list[int]) -> dict[int, list[str]]:
        return self.store.band_candidates(keys)

    def signatures(self, ids: list[str]) -> dict[str, bytes]:
        return self.store.signatures(ids)


class StoreSink(_Lookups):
    """A DuckDB store: each batch is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def write(self, batch_no: int, documents: list[dict[str, Any]], events: list[dict[str, Any]],
              rejects: Sequence[Reject], sigs: Sequence[Sig]) -> None:
        self.store.write(documents, events, rejects, sigs)

    def finish(self, stats: RunStats) -> None:
        pass


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


class ParquetSink(_Lookups):
    """A Parquet directory (created if missing); files of earlier runs are read, never rewritten."""

    store: ParquetStore

    def __init__(self, out: str | Path) -> None:
        self.run_id = new_run_id()
        self.writer = ParquetWriter(out, self.run_id)
        self.writer.write_marker({"run_id": self.run_id, "status": "running"})
        self.store = ParquetStore(out)

    def _new_rejects(self, rejects: Sequence[Reject]) -> list[Reject]:
        out: list[Reject] = []
        seen: set[tuple[str, int | None, str]] = set()
        for r in rejects:
            key = (r.origin, r.line, r.reason)
            if key in seen or self.store.con.execute(
                    "SELECT 1 FROM rejects WHERE origin = ? AND line IS NOT DISTINCT FROM ? AND reason = ?",
                    list(key)).fetchone():
                continue
            seen.add(key)
            out.append(r)
        return out

    def write(self, batch_no: int, documents: list[dict[str, Any]], events: list[dict[str, Any]],
              rejects: Sequence[Reject], sigs: Sequence[Sig]) -> None:
        self.writer.write(batch_no, documents, events, self._new_rejects(rejects), sigs)
        self.store.refresh()

    def finish(self, stats: RunStats) -> None:
        self.writer.write_marker({"run_id": self.run_id, "status": "done", **stats.to_dict()})
        self.store.close()
