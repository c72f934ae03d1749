"""What `geowire watch` and `geowire monitor` share: the Monitor built from their options (fetcher, rules,
alert outputs, webhook, status file) and its messages on stderr (one line, or one JSON object, per poll and
per alert). Not a command module: the two commands call it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..monitor import Monitor
    from ..store import Store

__all__ = ["build_monitor", "log_poll", "log_alert", "log_error", "run_until_stopped"]


def log_poll(record: dict[str, Any]) -> None:
    from .console import log

    stopped = "" if record.get("complete", True) else "; stopped part-way"
    log.info("polled %d feeds: %d new entries, %d stored, %d duplicates, %d skipped, %d rejected, %d events, "
             "%d feed errors, %d alerts (%.1f s%s)", record["feeds"], record["new_entries"], record["stored"],
             record["duplicates"], record["skipped"], record["rejected"], record["events"], record["errors"],
             record["alerts"], record["wall_s"], stopped, extra={"fields": {"kind": "poll", **record}})


def log_alert(alert: dict[str, Any]) -> None:
    from .console import log

    fields = {k: alert[k] for k in ("id", "rule", "subject", "value", "threshold", "window_start", "window_end")}
    log.warning("alert %s", alert["message"], extra={"fields": {"kind": "alert", **fields,
                                                                "events": len(alert["events"])}})


def log_error(exc: BaseException) -> None:
    from .console import log

    first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    log.error("poll failed (%s: %s); the next poll runs at its time", exc.__class__.__name__, first,
              exc_info=log.getEffectiveLevel() < 20, extra={"fields": {"kind": "poll_error", "error": first}})


def build_monitor(args: argparse.Namespace, store: Store, url: str | None = None) -> Monitor:
    """The Monitor of `args` (poll and alert options) over an open store."""
    from ..alerts import load_rules
    from ..alerts.deliver import JsonlSink, webhook_for
    from ..ingest.fetch import Fetcher
    from ..ingest.watch import parse_interval, read_feed_list
    from ..monitor import Monitor
    from ..monitor.status import status_path
    from .console import report_reject

    interval = parse_interval(args.every)
    feeds = read_feed_list(args.feeds)
    rules = load_rules(args.rules) if args.rules else None
    webhook = webhook_for(rules, args.webhook)
    outputs = [JsonlSink(args.alerts_out)] if args.alerts_out else []
    fetcher = Fetcher(timeout=args.timeout, max_bytes=args.max_bytes, delay=max(args.delay, 0.0),
                      allow_private=args.allow_private)
    on_poll = log_poll
    if getattr(args, "format", None) == "jsonl":
        from .output import print_jsonl

        def on_poll(record: dict[str, Any]) -> None:
            log_poll(record)
            print_jsonl([record])

    status_file = status_path(args.db) if store.path != ":memory:" else None
    executor = None
    if args.workers:
        from ..engine.executors import Processes

        executor = Processes(args.workers)
    return Monitor(store, feeds, fetcher, interval=interval, rules=rules.rules if rules else (), webhook=webhook,
                   outputs=outputs, on_reject=report_reject, on_poll=on_poll, on_alert=log_alert,
                   status_file=Path(status_file) if status_file else None, url=url, executor=executor,
                   on_error=log_error)


def run_until_stopped(monitor: Monitor, once: bool) -> int:
    """Run the monitor until SIGTERM or SIGINT (a graceful stop) or, with `once`, for one poll."""
    from ..monitor.signals import stop_on_signals
    from .console import log

    try:
        with stop_on_signals(monitor.stop):
            monitor.run(once=once)
    finally:
        monitor.close()
    if monitor.stopped_by:
        log.info("stopped by %s after %d polls; the store is complete up to the last batch written",
                 monitor.stopped_by, monitor.polls, extra={"fields": {"kind": "stop", "signal": monitor.stopped_by,
                                                                       "polls": monitor.polls}})
    return 0
