"""Messages on stderr: logging through the standard `logging` module (`--quiet`, `--verbose`; as JSON lines
with `--log-format json`), one line per reject, the run summary, and a progress bar (tqdm) for long runs.
Data goes to stdout (`output.py`).

A JSON log line is `{"time", "level", "logger", "message"}` plus the record's structured fields: a caller
passes them as `extra={"fields": {...}}` (the monitor's per-poll counts, a reject's origin and reason)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..model import Article, Reject

__all__ = ["setup_logging", "log", "report_reject", "RejectLog", "summary", "progress_bar", "JsonFormatter",
           "route_logger"]

log = logging.getLogger("geowire")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage()
        return f"geowire: error: {msg}" if record.levelno >= logging.ERROR else f"geowire: {msg}"


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO), level, logger, message, and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        out = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
               "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            out.update({k: v for k, v in fields.items() if k not in out})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def setup_logging(quiet: bool = False, verbose: bool = False, log_format: str = "text") -> None:
    """geowire's messages on stderr: warnings and errors only with `quiet`, debugging too with `verbose`;
    `log_format` "json" writes one JSON object per line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else _Formatter())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)


def route_logger(name: str, level: int | None = None) -> None:
    """Send another library's logger (uvicorn's) through geowire's handler and format."""
    other = logging.getLogger(name)
    other.handlers[:] = list(log.handlers)
    other.propagate = False
    other.setLevel(level if level is not None else log.getEffectiveLevel())


def report_reject(r: Reject) -> None:
    """One line on stderr for an input that could not be read."""
    log.warning("skipped %s", r.message(),
                extra={"fields": {"kind": "reject", "origin": r.origin, "line": r.line, "reason": r.reason}})


class RejectLog:
    """Reports each reject as it passes and remembers them (for the exit code)."""

    def __init__(self) -> None:
        self.rejects: list[Reject] = []

    def __call__(self, r: Reject) -> None:
        self.rejects.append(r)
        report_reject(r)

    def articles(self, items: Iterable[Article | Reject]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Reject):
                self(item)
            else:
                yield item


def summary(stats: dict[str, Any], where: str) -> str:
    """The one summary line of a run (ingest, run, watch)."""
    rate = stats["stored"] / stats["wall_s"] if stats.get("wall_s") else 0.0
    workers = stats.get("workers", 1)
    return (f"read {stats['read']}: {stats['stored']} stored, {stats['already']} already stored, "
            f"{stats['duplicates']} duplicates, {stats['skipped']} skipped, {stats['rejected']} rejected; "
            f"{stats['events']} events into {where} ({stats.get('executor', 'inline')}, {workers} "
            f"worker{'s' if workers != 1 else ''}, {stats.get('wall_s', 0.0):.1f} s, {rate:.1f} documents/s)")


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A documents counter with rate on stderr (tqdm), or None when disabled. Log lines printed meanwhile
    go above the bar."""
    if not enabled or log.getEffectiveLevel() > logging.INFO:
        yield None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with tqdm(unit=" docs", file=sys.stderr, mininterval=0.5, dynamic_ncols=True,
              bar_format="geowire: {n_fmt}{unit} [{elapsed}, {rate_fmt}]") as bar, \
            logging_redirect_tqdm(loggers=[log]):
        yield bar.update
