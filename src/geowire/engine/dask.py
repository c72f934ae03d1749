"""The Dask executor: `code_batch` on the workers of a Dask cluster.

This process reads the inputs, plans, ships batches of plain article dicts to the workers and writes the plain
rows they return: the workers need geowire installed but no shared filesystem and no access to the inputs.
Each worker loads the spaCy pipeline once (`GeowirePlugin` at worker start, also on workers that join later;
`geowire.load()` caches it per process anyway). At most `2 x threads + 2` batches are in flight.
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from typing import Any

from ..errors import GeowireError
from .coding import code_batch, warm_up
from .executors import Batch, Handle

__all__ = ["DaskExecutor", "GeowirePlugin", "connect", "prepare"]

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask[distributed] is a dependency
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class GeowirePlugin(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the geowire pipeline once when a worker starts (and on workers that join later)."""

    name = "geowire-pipeline"

    def setup(self, worker: Any) -> None:
        worker.geowire_load_s = warm_up()


def _load_seconds(dask_worker: Any) -> float:
    return float(getattr(dask_worker, "geowire_load_s", 0.0))


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else ""


def connect(scheduler: str | None = None, workers: int | None = None, stack: ExitStack | None = None,
            timeout: str = "20s") -> Any:
    """A `distributed.Client`: to the scheduler at `scheduler`, else to a new local cluster of `workers`
    single-threaded worker processes. Cluster and client close with `stack`."""
    from distributed import Client, LocalCluster

    stack = stack if stack is not None else ExitStack()
    if scheduler:
        try:
            return stack.enter_context(Client(scheduler, timeout=timeout))
        except (OSError, TimeoutError) as exc:
            raise GeowireError(f"cannot reach the Dask scheduler at {scheduler}: {exc.__class__.__name__} "
                               f"({_first_line(exc) or 'no answer'})") from None
    if workers is not None and workers < 1:
        raise GeowireError("workers must be at least 1")
    cluster = stack.enter_context(LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None))
    return stack.enter_context(Client(cluster))


def prepare(client: Any) -> float:
    """Register the plugin (each worker loads the pipeline); the slowest worker's load time in seconds."""
    try:
        loads = client.run(_load_seconds)
        if not loads or min(loads.values()) <= 0.0:  # not yet registered on this cluster
            client.register_plugin(GeowirePlugin())
            loads = client.run(_load_seconds)
    except Exception as exc:  # noqa: BLE001 - an import error on a worker arrives as anything
        raise GeowireError(f"the Dask workers cannot load geowire (install the same geowire and spaCy model on "
                           f"every worker): {exc.__class__.__name__}: {_first_line(exc)}") from None
    return max(loads.values(), default=0.0)


class _Task:
    def __init__(self, fut: Any) -> None:
        self.fut = fut

    def result(self) -> dict[str, Any]:
        try:
            return dict(self.fut.result())
        finally:
            self.fut.release()


class DaskExecutor:
    """Code on a Dask cluster: `client`, else the scheduler at `scheduler`, else a local cluster of `workers`
    processes (started here and closed with the executor)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, client: Any = None) -> None:
        if scheduler and workers:
            raise GeowireError("a number of workers starts a local cluster; it cannot be combined with a "
                               "scheduler address")
        self.scheduler, self.n_workers, self.client = scheduler, workers, client
        self.workers, self.window = 0, 0
        self._stack = ExitStack()
        self._prefix = f"geowire-{uuid.uuid4().hex[:8]}"
        self._n = 0

    def start(self) -> float:
        if self.client is None:
            self.client = connect(self.scheduler, self.n_workers, self._stack)
        load_s = prepare(self.client)
        threads = self.client.nthreads()
        if not threads:
            raise GeowireError(f"the Dask cluster at {self.scheduler or 'localhost'} has no workers")
        self.workers, self.window = len(threads), 2 * sum(threads.values()) + 2
        return load_s

    def submit(self, batch: Batch) -> Handle:
        self._n += 1
        return _Task(self.client.submit(code_batch, batch, key=f"{self._prefix}-{self._n:05d}", pure=False))

    def close(self) -> None:
        self._stack.close()
