"""The engine's loop: items -> batches -> planner -> executor -> sink, with one failure policy and one stats
record, whatever the executor (inline, processes, Dask) and the sink (DuckDB, Parquet).

Decisions (planner) and writes (sink) stay in this process, in input order; only coding runs in the executor,
with at most `executor.window` batches in flight. So a run gives the same rows whatever the executor and the
number of workers, memory stays bounded, and an interrupted run loses only the batches not yet written.

Failure policy: a document that cannot be coded becomes a reject with the reason and the run goes on; if a
whole coding task fails (a worker process died, a Dask task was lost), each of its documents becomes a reject.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from ..model import Article, Reject
from .coding import BAR, LANG
from .executors import Executor, Handle
from .plan import Plan, Planner
from .sinks import Sink
from .stats import RunStats

__all__ = ["execute"]


def _batches(items: Iterable[Article | Reject], size: int) -> Iterator[list[Article | Reject]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _result(plan: Plan, handle: Handle | None) -> dict[str, Any]:
    if handle is None:
        return {"documents": [], "events": [], "rejects": [], "pid": None, "cpu_s": 0.0}
    try:
        return handle.result()
    except Exception as exc:  # noqa: BLE001 - a lost task: its documents are rejects, the run goes on
        reason = f"coding task failed: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return {"documents": [], "events": [], "pid": None, "cpu_s": 0.0,
                "rejects": [Reject(a.origin or a.id, reason.rstrip(": ")).to_dict() for a in plan.todo]}


class _Run:
    """One run's state: the planner, the batches in flight, the figures."""

    def __init__(self, sink: Sink, executor: Executor, planner: Planner, stats: RunStats,
                 on_reject: Callable[[Reject], None] | None, progress: Callable[[int], None] | None,
                 min_confidence: float | None = None) -> None:
        self.sink, self.executor, self.planner, self.stats = sink, executor, planner, stats
        self.on_reject, self.progress, self.min_confidence = on_reject, progress, min_confidence
        self.queue: deque[tuple[int, Plan, Handle | None]] = deque()

    def report(self, rejects: list[Reject]) -> None:
        if self.on_reject:
            for r in rejects:
                self.on_reject(r)

    def submit(self, no: int, batch: list[Article | Reject]) -> None:
        plan = self.planner.plan(batch)
        self.report(plan.rejects)
        items = [{**a.to_dict(), LANG: plan.langs.get(a.id), BAR: self.min_confidence} for a in plan.todo]
        self.queue.append((no, plan, self.executor.submit(items) if items else None))
        while len(self.queue) > self.executor.window:
            self.commit()

    def commit(self) -> None:
        no, plan, handle = self.queue.popleft()
        result = _result(plan, handle)
        failed = [Reject(**r) for r in result["rejects"]]
        self.report(failed)
        coded = {d["id"] for d in result["documents"]}
        sigs = [s for s in plan.sigs if s[0] in coded or s[0] not in plan.langs]  # no index row for a failure
        self.sink.write(no, result["documents"] + plan.documents, result["events"], plan.rejects + failed, sigs)
        self.planner.done()
        s = self.stats
        s.read += plan.n
        s.stored += len(result["documents"])
        s.already += plan.already
        s.duplicates += plan.count("duplicate")
        s.skipped += plan.count("skipped")
        s.rejected += len(plan.rejects) + len(failed)
        s.events += len(result["events"])
        s.batches += 1
        s.cpu_s += result["cpu_s"]
        if result["pid"] is not None:
            s.pids.add(result["pid"])
        if self.progress:
            self.progress(plan.n)


def execute(items: Iterable[Article | Reject], sink: Sink, executor: Executor, *, batch_size: int,
            dedup: bool = True, languages: tuple[str, ...] | None = ("en",),
            on_reject: Callable[[Reject], None] | None = None,
            progress: Callable[[int], None] | None = None, close: bool = True,
            min_confidence: float | None = None) -> RunStats:
    """Read `items`, code what needs coding with `executor`, write everything to `sink`; the run's figures.

    `dedup=False` codes duplicates again; `languages=None` codes documents in any language. `on_reject` is
    called for every reject as it happens, `progress(n)` after each batch is written with its item count.
    Events under `min_confidence` (default: the model's bar) are stored flagged (`confident` false).
    `close=False` leaves the executor open for further runs (the monitor codes every poll in one process).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    stats = RunStats(executor=executor.name)
    run = _Run(sink, executor, Planner(sink, dedup, languages), stats, on_reject, progress, min_confidence)
    try:
        stats.load_s = executor.start()
        stats.workers = executor.workers
        for no, batch in enumerate(_batches(items, batch_size)):
            run.submit(no, batch)
        while run.queue:
            run.commit()
    finally:
        if close:
            executor.close()
    stats.wall_s = time.perf_counter() - started
    sink.finish(stats)
    return stats
