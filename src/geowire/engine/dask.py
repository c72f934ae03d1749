"""The Dask engine: the local engine's `code_batch` on the workers of a Dask cluster.

The client (this process) reads the inputs, drops documents already written, ships batches of plain article
dicts to the workers, and writes the plain rows they return as Parquet: the workers need geowire installed
but no shared filesystem. Each worker loads the spaCy pipeline once (`GeowirePlugin` at worker start;
`geowire.load()` caches it per process anyway). At most `window` batches are in flight, so memory stays
bounded whatever the input size.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import GeowireError
from ..model import Article, Reject
from ..pipeline import load, parse
from ..store.parquet import ParquetWriter
from .local import BATCH_SIZE, LANGUAGES, RunStats, code_batch, finish, new_run_id, plan

__all__ = ["GeowirePlugin", "run_dask", "connect", "warm_up"]


def warm_up() -> float:
    """Load the pipeline in this process and code one sentence (builds lazy tables). Returns seconds."""
    t = time.perf_counter()
    list(parse([Article(id="warm-up", text="Russia expelled 20 Czech diplomats on Sunday.", date="2021-04-18")],
               load()))
    return time.perf_counter() - t


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
                               f"({str(exc).splitlines()[0] if str(exc) else 'no answer'})") from None
    if workers is not None and workers < 1:
        raise GeowireError("--workers must be at least 1")
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
                           f"every worker): {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                           ) from None
    return max(loads.values(), default=0.0)


def run_dask(items: Iterable[Article | Reject], out: str | Path, scheduler: str | None = None,
             workers: int | None = None, batch_size: int = BATCH_SIZE, client: Any = None,
             on_reject: Callable[[Reject], None] | None = None, dedup: bool = True,
             languages: tuple[str, ...] | None = LANGUAGES) -> RunStats:
    """Code articles on a Dask cluster and write them as Parquet under `out` (see the module doc)."""
    from distributed import as_completed

    started = time.perf_counter()
    stats = RunStats(engine="dask", out=str(out), run_id=new_run_id())
    writer = ParquetWriter(out, stats.run_id)
    with ExitStack() as stack:
        if client is None:
            client = connect(scheduler, workers, stack)
        stats.load_s = prepare(client)
        n_threads = sum(client.nthreads().values())
        stats.workers = len(client.nthreads())
        if n_threads == 0:
            raise GeowireError(f"the Dask cluster at {scheduler or 'localhost'} has no workers")
        window = 2 * n_threads + 2
        batches = enumerate(plan(items, out, stats, batch_size, on_reject, dedup))

        numbers: dict[str, int] = {}

        def submit(pair: tuple[int, list[dict[str, Any]]]) -> Any:
            no, batch = pair
            key = f"geowire-{stats.run_id}-{no:05d}"
            numbers[key] = no
            return client.submit(code_batch, batch, languages, key=key, pure=False)

        pending = as_completed([submit(p) for p in islice(batches, window)])
        for fut in pending:
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001
                raise GeowireError(f"a Dask task failed: {exc.__class__.__name__}: {exc}") from None
            stats.add(result, writer, numbers.pop(fut.key))
            fut.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(submit(nxt))
    return finish(stats, writer, started)
