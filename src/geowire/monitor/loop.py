"""The monitor loop: poll the feeds, raise alerts, record the poll, wait, again, until stopped.

Each poll: the feeds are polled (`ingest.watch.poll`: new entries fetched, coded and written a batch per
transaction), the rules evaluated (new alerts recorded in the store, written to the JSON-lines outputs and
queued for the webhook), the webhook's finished deliveries recorded, one `polls` row written, and the status
file replaced. Everything is written by the calling thread: the store has one writer.

A poll that fails unexpectedly (a bug, a full disk) is reported through `on_error` and the next one is tried
at its time; after `MAX_FAILURES` failed polls in a row the error is raised.

`stop()` (from a signal handler or another thread) ends the loop gracefully: the poll in progress takes no new
entry, the batch in hand is written and marked, the poll is recorded as incomplete, and the wait between polls
ends at once. A restart resumes from the store alone: entries already processed are not fetched again, a
feed stopped part-way is read again in full, and alerts the webhook had not taken are queued again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..alerts.deliver import JsonlSink, Webhook
from ..alerts.evaluate import raise_alerts
from ..alerts.rules import Rule
from ..ingest.fetch import Fetcher
from ..ingest.watch import OnReject, poll
from ..store import Store
from ..store.alerts import pending_alerts, set_delivery
from ..store.polls import record_poll, status
from .status import now, write_status

if TYPE_CHECKING:
    from ..engine.executors import Executor

__all__ = ["Monitor", "MAX_FAILURES"]

Callback = Callable[[dict[str, Any]], None]
MAX_FAILURES = 5  # polls failing in a row before the monitor gives up


class Monitor:
    """Polls `feeds` into `store` every `interval` seconds and raises the alerts of `rules`.

    `outputs` get every new alert as a JSON line, `webhook` gets it POSTed; `on_reject`, `on_poll` (the
    poll's record) and `on_alert` are called as things happen. `status_file`, when given, is replaced after
    every poll (`status.py`); `url` is the dashboard's address written into it. `executor` codes every poll's
    articles and stays up between polls (the monitor owns it and closes it); by default they are coded in
    this process."""

    def __init__(self, store: Store, feeds: list[str], fetcher: Fetcher, *, interval: float = 900.0,
                 rules: Sequence[Rule] = (), webhook: Webhook | None = None, outputs: Sequence[JsonlSink] = (),
                 on_reject: OnReject | None = None, on_poll: Callback | None = None,
                 on_alert: Callback | None = None, status_file: Path | None = None, url: str | None = None,
                 executor: Executor | None = None, on_error: Callable[[BaseException], None] | None = None) -> None:
        self.store, self.feeds, self.fetcher, self.interval = store, feeds, fetcher, interval
        self.executor = executor
        self.rules, self.webhook, self.outputs = tuple(rules), webhook, tuple(outputs)
        self.on_reject, self.on_poll, self.on_alert, self.on_error = on_reject, on_poll, on_alert, on_error
        self.status_file, self.url = status_file, url
        self.stopping = threading.Event()
        self.stopped_by: str | None = None
        self.polls = 0

    def stop(self, why: str = "stop") -> None:
        """End the loop gracefully (safe from a signal handler or another thread)."""
        self.stopped_by = self.stopped_by or why
        self.stopping.set()

    def resume(self) -> int:
        """Queue again the alerts a previous run recorded but the webhook had not taken; how many."""
        if self.webhook is None:
            return 0
        return sum(self.webhook.submit(a) for a in pending_alerts(self.store.con))

    def _alerts(self) -> list[dict[str, Any]]:
        if not self.rules:
            return []
        new = raise_alerts(self.store, self.rules, webhook=self.webhook is not None)
        for alert in new:
            for out in self.outputs:
                out.write(alert)
            if self.webhook is not None:
                self.webhook.submit(alert)  # refused when full: it stays pending for the next run
            if self.on_alert:
                self.on_alert(alert)
        return new

    def _deliveries(self) -> int:
        done = self.webhook.outcomes() if self.webhook is not None else []
        set_delivery(self.store.con, done)
        return len(done)

    def poll_once(self) -> dict[str, Any]:
        """One poll: feeds, alerts, deliveries, the `polls` row, the status file. Returns the poll's record
        (the counts of `poll`, `alerts`, `delivered`, times)."""
        started, t0 = now(), time.perf_counter()
        engine = {"using": self.executor} if self.executor is not None else {}
        counts = poll(self.feeds, self.store, self.fetcher, self.on_reject, stop=self.stopping, **engine)
        new = self._alerts()
        delivered = self._deliveries()
        finished = now()
        record_poll(self.store.con, started, finished, {**counts, "alerts": len(new)}, complete=counts["complete"])
        self.polls += 1
        record = {"started_at": started, "finished_at": finished, **counts, "alerts": len(new),
                  "delivered": delivered, "wall_s": round(time.perf_counter() - t0, 3)}
        self.write_status()
        if self.on_poll:
            self.on_poll(record)
        return record

    def write_status(self) -> None:
        if self.status_file is not None:
            write_status(self.status_file, {"pid": os.getpid(), "url": self.url, "updated_at": now(),
                                            **status(self.store.con)})

    def run(self, once: bool = False) -> int:
        """Poll until stopped (or once); returns the number of polls."""
        self.resume()
        self.write_status()
        if self.executor is not None:
            self.executor.start()  # the pipeline loads where coding runs, before the first poll
        failures = 0
        while not self.stopping.is_set():
            t0 = time.monotonic()
            try:
                self.poll_once()
                failures = 0
            except Exception as exc:
                failures += 1
                if once or failures >= MAX_FAILURES or self.on_error is None:
                    raise
                self.on_error(exc)
            if once:
                break
            self.stopping.wait(max(0.0, self.interval - (time.monotonic() - t0)))  # a poll every `interval`
        return self.polls

    def close(self, wait: float = 10.0) -> None:
        """Let the webhook deliver what it holds (at most `wait` seconds), record the outcomes, close the
        outputs, stop the coding processes and remove the status file. The store stays open (its owner
        closes it)."""
        if self.webhook is not None:
            self.webhook.close(wait)
            self._deliveries()
        for out in self.outputs:
            out.close()
        if self.executor is not None:
            self.executor.close()
        if self.status_file is not None:
            self.status_file.unlink(missing_ok=True)
