"""Messages on stderr: logging through the standard `logging` module (`--quiet`, `--verbose`), one line per
reject, the run summary, and a progress bar (tqdm) for long runs. Data goes to stdout (`output.py`)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..model import Article, Reject

__all__ = ["setup_logging", "log", "report_reject", "RejectLog", "summary", "progress_bar"]

log = logging.getLogger("geowire")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage()
        return f"geowire: error: {msg}" if record.levelno >= logging.ERROR else f"geowire: {msg}"


def setup_logging(quiet: bool = False, verbose: bool = False) -> None:
    """geowire's messages on stderr: warnings and errors only with `quiet`, debugging too with `verbose`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)


def report_reject(r: Reject) -> None:
    """One line on stderr for an input that could not be read."""
    log.warning("skipped %s", r.message())


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
