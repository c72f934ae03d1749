"""Engines: run the pipeline over inputs and write documents, events and rejects as Parquet.

`run(paths, out, engine="local"|"dask")`; the local engine codes in this process, the Dask engine on the
workers of a Dask cluster. Both call `code_batch` on the same batches, so they write the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import GeowireError
from ..ingest import read_inputs
from ..model import Reject
from .local import BATCH_SIZE, LANGUAGES, RunStats, code_batch, run_local

__all__ = ["run", "run_local", "run_dask", "code_batch", "RunStats", "ENGINES"]

ENGINES = ("local", "dask")


def run_dask(*args: Any, **kwargs: Any) -> RunStats:
    from .dask import run_dask as _run_dask  # distributed is imported only when used

    return _run_dask(*args, **kwargs)


def run(paths: Iterable[str], out: str | Path, engine: str = "local", scheduler: str | None = None,
        workers: int | None = None, batch_size: int = BATCH_SIZE, date: str | None = None,
        on_reject: Callable[[Reject], None] | None = None, client: Any = None, dedup: bool = True,
        languages: tuple[str, ...] | None = LANGUAGES) -> RunStats:
    """Read `paths` (files, directories, JSONL, `-`), code them with `engine`, write Parquet under `out`.

    `dedup=False` codes exact duplicates again; `languages=None` codes documents in any language.
    """
    if engine not in ENGINES:
        raise GeowireError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "local" and (scheduler or workers or client is not None):
        raise GeowireError("--scheduler and --workers need --engine dask")
    items = read_inputs(list(paths), date=date)
    if engine == "local":
        return run_local(items, out, batch_size=batch_size, on_reject=on_reject, dedup=dedup, languages=languages)
    return run_dask(items, out, scheduler=scheduler, workers=workers, batch_size=batch_size, client=client,
                    on_reject=on_reject, dedup=dedup, languages=languages)
