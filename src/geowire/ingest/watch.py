"""Feed watching: poll RSS/Atom feeds, fetch each new entry's page once, code and store it (with the engine's
`ingest`, the same planner and failure policy as `geowire ingest`).

Per-feed state lives in the store: `feeds` keeps the ETag and Last-Modified of the last poll (conditional
requests) and its status, `feed_entries` every entry already processed, so an entry is fetched and coded once
however often the feed is polled (and a page already stored under its URL is never coded twice).

New entries are processed in publication order (oldest first; feed order where dates are missing), so the
same items give the same store however they are split between polls. A poll can be stopped part-way (`stop`
set): the entries already handed to the engine are written and marked, the others stay new, and the feed's
ETag is not kept, so the next poll (or the next run) takes the rest.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import GeowireError
from ..model import Article, Reject
from ..store import Store
from .base import ReadOptions, doc_id
from .feeds import entry_article, entry_key, parse_feed
from .fetch import Fetcher, FetchError, fetch_article

__all__ = ["read_feed_list", "poll", "parse_interval", "new_entries"]

OnReject = Callable[[Reject], None]


def parse_interval(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not m or float(m.group(1)) <= 0:
        raise GeowireError(f"invalid interval {value!r}: use e.g. 30s, 15m, 2h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def read_feed_list(path: str) -> list[str]:
    """Feed URLs of a file, one a line; blank lines and # comments are ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise GeowireError(f"cannot read feed list {path}: {exc.strerror or exc}") from None
    feeds = [ln.split("#", 1)[0].strip() for ln in lines]
    feeds = [f for f in feeds if f]
    if not feeds:
        raise GeowireError(f"{path} lists no feeds (one URL per line)")
    return feeds


def new_entries(store: Store, feed: str, entries: list[Any]) -> list[tuple[str, Any]]:
    """(key, entry) of the entries not processed yet, each once, oldest first."""
    keys = [entry_key(e) for e in entries]
    seen = store.seen_entries(feed, [k for k in keys if k])
    fresh: dict[str, tuple[int, Any]] = {}
    for n, (k, e) in enumerate(zip(keys, entries, strict=True)):
        if k and k not in seen and k not in fresh:
            fresh[k] = (n, e)
    dated = all(e.get("published_parsed") for _, e in fresh.values())
    newest_first = _newest_first(entries)

    def when(item: tuple[str, tuple[int, Any]]) -> tuple[Any, ...]:
        n, e = item[1]
        return (tuple(e["published_parsed"]) if dated else (), -n if newest_first else n)

    order = sorted(fresh.items(), key=when)
    return [(k, e) for k, (_, e) in order]


def _newest_first(entries: list[Any]) -> bool:
    """True when the dated entries of a feed run newest first (most feeds list the latest entry first)."""
    stamps = [tuple(e["published_parsed"]) for e in entries if e.get("published_parsed")]
    return len(stamps) > 1 and stamps[0] > stamps[-1]


class _Taken:
    """The entries of one feed as the engine takes them: fetched pages (or the entry's own content), and the
    keys taken so far (only those are marked as processed)."""

    def __init__(self, feed: str, new: list[tuple[str, Any]], o: ReadOptions, stop: threading.Event | None) -> None:
        self.feed, self.new, self.o, self.stop = feed, new, o, stop
        self.keys: list[tuple[str, str | None, str | None]] = []

    def __iter__(self) -> Iterator[Article | Reject]:
        from .feeds import entry_date

        for key, e in self.new:
            if self.stop is not None and self.stop.is_set():
                return
            link = e.get("link")
            self.keys.append((key, link, doc_id(link) if link else None))
            if link:
                yield fetch_article(link, self.o, date=entry_date(e), title=e.get("title"))
            else:
                yield entry_article(e, f"{self.feed}#{key}")

    @property
    def complete(self) -> bool:
        return len(self.keys) == len(self.new)


def _fail(store: Store, feed: str, r: Reject, status: str, state: dict[str, Any], on_reject: OnReject | None) -> None:
    store.add_rejects([r])
    if on_reject:
        on_reject(r)
    store.set_feed_state(feed, state.get("etag"), state.get("modified"), status)


def _poll_feed(feed: str, store: Store, fetcher: Fetcher, total: dict[str, int], on_reject: OnReject | None,
               stop: threading.Event | None, engine: dict[str, Any]) -> bool:
    """Poll one feed and add its figures to `total`; False when `stop` cut it short."""
    from ..engine import ingest
    from ..engine.stats import COUNTS

    state = store.feed_state(feed)
    headers = {k: v for k, v in (("If-None-Match", state.get("etag")),
                                 ("If-Modified-Since", state.get("modified"))) if v}
    try:
        resp = fetcher.get(feed, headers)
    except FetchError as exc:
        total["errors"] += 1
        _fail(store, feed, Reject(feed, str(exc)), f"error: {exc}", state, on_reject)
        return True
    if resp.status == 304:
        store.set_feed_state(feed, state.get("etag"), state.get("modified"), "not modified")
        return True
    parsed = parse_feed(resp.body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = parsed.bozo_exception if parsed.bozo else "no RSS or Atom document"
        total["errors"] += 1
        _fail(store, feed, Reject(feed, f"not a feed ({why})"), "not a feed", {}, on_reject)
        return True
    taken = _Taken(feed, new_entries(store, feed, parsed.entries), ReadOptions(
        max_bytes=fetcher.max_bytes, allow_private=fetcher.allow_private, fetcher=fetcher), stop)
    stats = ingest(taken, store, on_reject=on_reject, **engine)
    total["new_entries"] += len(taken.keys)
    for key in COUNTS:
        total[key] += stats[key]
    store.mark_entries(feed, taken.keys)
    if not taken.complete:  # keep the old validators: the next poll must see the entries not taken yet
        store.set_feed_state(feed, state.get("etag"), state.get("modified"), "ok (stopped part-way)")
        return False
    store.set_feed_state(feed, resp.headers.get("ETag"), resp.headers.get("Last-Modified"), "ok")
    return True


def poll(feeds: list[str], store: Store, fetcher: Fetcher, on_reject: OnReject | None = None,
         stop: threading.Event | None = None, **engine: Any) -> dict[str, Any]:
    """Poll every feed once; new entries are fetched, coded and stored (`engine`: options of
    `geowire.engine.ingest`). Returns the counts summed over feeds: `feeds`, `new_entries`, `errors` (feeds
    that could not be fetched or read), the engine's counts (`read`, `stored`, ... `events`), and `complete`
    (false when `stop` was set before every new entry was taken)."""
    from ..engine.stats import COUNTS

    total: dict[str, Any] = {"feeds": 0, "new_entries": 0, "errors": 0, **dict.fromkeys(COUNTS, 0)}
    complete = True
    for feed in feeds:
        if stop is not None and stop.is_set():
            complete = False
            break
        total["feeds"] += 1
        complete = _poll_feed(feed, store, fetcher, total, on_reject, stop, engine) and complete
    total["complete"] = complete
    return total
