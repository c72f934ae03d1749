"""Executors: where batches are coded. `Inline` codes in this process, `Processes` in a pool of worker
processes on this machine (each loads the pipeline once), `engine/dask.py` on the workers of a Dask cluster.

Each has `submit(batch) -> handle` (`handle.result()` is `code_batch`'s result or raises), `start()` (load
the pipeline where coding runs; returns the seconds it took), `close()`, and `window`: how many batches may be
in flight besides the one being written, which bounds memory. A worker process whose parent dies (SIGKILL)
exits within a second instead of living on as an orphan.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ..errors import GeowireError
from .coding import code_batch, warm_up

__all__ = ["Executor", "Handle", "Inline", "Processes"]

Batch = list[dict[str, Any]]


class Handle(Protocol):
    def result(self) -> dict[str, Any]: ...


class Executor(Protocol):
    name: str
    workers: int
    window: int

    def start(self) -> float: ...
    def submit(self, batch: Batch) -> Handle: ...
    def close(self) -> None: ...


class _Later:
    """A batch coded when its result is asked for."""

    def __init__(self, fn: Callable[[], dict[str, Any]]) -> None:
        self.fn = fn

    def result(self) -> dict[str, Any]:
        return self.fn()


class Inline:
    """Code in this process, one batch at a time (`nlp`: a loaded pipeline to use, else `load()`)."""

    name, workers, window = "inline", 1, 0

    def __init__(self, nlp: Any = None) -> None:
        self.nlp = nlp

    def start(self) -> float:
        return warm_up(self.nlp)

    def submit(self, batch: Batch) -> Handle:
        return _Later(lambda: code_batch(batch, self.nlp))

    def close(self) -> None:
        pass


def _exit_with(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:  # the parent died (SIGKILL): do not live on as an orphan
            os._exit(1)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (no worker tracebacks)
    threading.Thread(target=_exit_with, args=(os.getppid(),), name="geowire-orphan-watch", daemon=True).start()


class Processes:
    """Code in `workers` spawned processes; at most `2 * workers` batches in flight. A pool whose worker
    died is replaced (the batches it held become rejects, see `core.py`)."""

    name = "processes"

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise GeowireError("workers must be at least 1")
        self.workers, self.window = workers, 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"), initializer=_init_worker)
        return self._pool

    def start(self) -> float:
        pool = self._pool or self._new_pool()
        return max(f.result() for f in [pool.submit(warm_up) for _ in range(self.workers)])

    def submit(self, batch: Batch) -> Handle:
        pool = self._pool or self._new_pool()
        try:
            fut: Future[dict[str, Any]] = pool.submit(code_batch, batch)
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            fut = self._new_pool().submit(code_batch, batch)
        return fut

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
