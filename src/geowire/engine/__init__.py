"""The one engine: read, plan, code and write documents, events and rejects.

    items -> planner (size cap, ids already stored, exact and near duplicates, language)   plan.py
          -> executor: inline, worker processes or a Dask cluster (code_batch, coding.py)  executors.py, dask.py
          -> sink: a DuckDB Store or a Parquet directory                                     sinks.py
          -> one stats record                                                                stats.py

`ingest(articles, store)` writes into a DuckDB store (`geowire ingest`, `geowire watch`), `run(paths, out)`
into a Parquet directory (`geowire run`); both take the same executor options and return the same figures
as a plain dict. The loop and the failure policy are in `core.py`. Heavy modules load when a run starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GeowireError
from ..model import Article, Reject

if TYPE_CHECKING:
    from ..ingest.base import ReadOptions
    from ..store import Store
    from .executors import Executor

__all__ = ["ingest", "run", "executor", "ENGINES", "BATCH_SIZE"]

ENGINES = ("local", "dask")
BATCH_SIZE = 32
Progress = Callable[[int], None]


def executor(engine: str = "local", workers: int | None = None, scheduler: str | None = None, client: Any = None,
             nlp: Any = None) -> Executor:
    """Where coding runs: `local` in this process (`workers` 1 or None) or in `workers` processes; `dask` on
    the cluster at `scheduler`, on `client`'s, or on a new local cluster of `workers` processes."""
    if engine not in ENGINES:
        raise GeowireError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "dask":
        from .dask import DaskExecutor
        return DaskExecutor(scheduler, workers, client)
    if scheduler or client is not None:
        raise GeowireError("a Dask scheduler or client needs the dask engine")
    from .executors import Inline, Processes
    if workers is not None and workers < 1:
        raise GeowireError("workers must be at least 1")
    return Processes(workers) if workers and workers > 1 else Inline(nlp)


def ingest(articles: Iterable[Article | Reject], store: Store, nlp: Any = None, batch_size: int = BATCH_SIZE, *,
           workers: int | None = None, engine: str = "local", scheduler: str | None = None, client: Any = None,
           dedup: bool = True, languages: tuple[str, ...] | None = ("en",),
           progress: Progress | None = None, on_reject: Callable[[Reject], None] | None = None,
           using: Executor | None = None, min_confidence: float | None = None) -> dict[str, Any]:
    """Code and store articles in a DuckDB store (Rejects in the stream are recorded); returns the figures:
    `read` = `stored` + `already` + `duplicates` + `skipped` + `rejected`, `events`, times and workers.

    `nlp` is a loaded pipeline to code with in this process. `dedup=False` codes duplicates again;
    `languages=None` codes documents in any language. `using` is an executor to code with that stays open
    afterwards (its owner closes it; the engine options are then ignored). Events under `min_confidence`
    (default: the model's bar) are stored, flagged, so that a query can lower the bar without coding again.
    """
    from .core import execute
    from .sinks import StoreSink

    ex = using or executor(engine, workers, scheduler, client, nlp)
    return execute(articles, StoreSink(store), ex, batch_size=batch_size, dedup=dedup, languages=languages,
                   on_reject=on_reject, progress=progress, close=using is None,
                   min_confidence=min_confidence).to_dict()


def run(paths: Iterable[str], out: str | Path, engine: str = "local", scheduler: str | None = None,
        workers: int | None = None, batch_size: int = BATCH_SIZE, date: str | None = None,
        on_reject: Callable[[Reject], None] | None = None, client: Any = None, dedup: bool = True,
        languages: tuple[str, ...] | None = ("en",), options: ReadOptions | None = None,
        progress: Progress | None = None, min_confidence: float | None = None) -> dict[str, Any]:
    """Read `paths` (files, directories, URLs, `-`), code them, and write Parquet under `out` (see
    `store/parquet.py`); returns the same figures as `ingest`. Documents already in `out` are passed over."""
    from ..ingest import read_inputs
    from .core import execute
    from .sinks import ParquetSink

    ex = executor(engine, workers, scheduler, client)
    items = read_inputs(list(paths), date=date, options=options)
    return execute(items, ParquetSink(out), ex, batch_size=batch_size, dedup=dedup, languages=languages,
                   on_reject=on_reject, progress=progress, min_confidence=min_confidence).to_dict()
