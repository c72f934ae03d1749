"""Feed watching: poll RSS/Atom feeds, fetch each new entry's page once, code and store it (with the engine's
`ingest`, the same planner and failure policy as `geowire ingest`).

Per-feed state lives in the store: `feeds` keeps the ETag and Last-Modified of the last poll (conditional
requests), `feed_entries` every entry already processed, so an entry is fetched and coded once however often
the feed is polled (and a page already stored under its URL is never coded twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import GeowireError
from ..model import Article, Reject
from ..store import Store
from .base import ReadOptions, doc_id
from .feeds import entry_article, entry_date, entry_key, parse_feed
from .fetch import Fetcher, FetchError, fetch_article

__all__ = ["read_feed_list", "poll", "parse_interval"]


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


def _entries(feed: str, entries: list[Any], o: ReadOptions) -> Iterator[Article | Reject]:
    for n, e in enumerate(entries, 1):
        link = e.get("link")
        if link:
            yield fetch_article(link, o, date=entry_date(e), title=e.get("title"))
        else:
            yield entry_article(e, f"{feed}#{n}")


def poll(feeds: list[str], store: Store, fetcher: Fetcher,
         on_reject: Callable[[Reject], None] | None = None) -> dict[str, int]:
    """Poll every feed once; new entries are fetched, coded and stored. Returns the counts summed over
    feeds: `feeds`, `new_entries` and the engine's counts (`read`, `stored`, ... `events`)."""
    from ..engine import ingest
    from ..engine.stats import COUNTS

    total: dict[str, int] = {"feeds": 0, "new_entries": 0, **dict.fromkeys(COUNTS, 0)}
    o = ReadOptions(max_bytes=fetcher.max_bytes, allow_private=fetcher.allow_private, fetcher=fetcher)
    for feed in feeds:
        total["feeds"] += 1
        state = store.feed_state(feed)
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("modified"):
            headers["If-Modified-Since"] = state["modified"]
        try:
            resp = fetcher.get(feed, headers)
        except FetchError as exc:
            r = Reject(feed, str(exc))
            store.add_rejects([r])
            if on_reject:
                on_reject(r)
            store.set_feed_state(feed, state.get("etag"), state.get("modified"), f"error: {exc}")
            continue
        if resp.status == 304:
            store.set_feed_state(feed, state.get("etag"), state.get("modified"), "not modified")
            continue
        parsed = parse_feed(resp.body)
        if not parsed.entries and parsed.bozo:
            r = Reject(feed, f"not a feed ({parsed.bozo_exception})")
            store.add_rejects([r])
            if on_reject:
                on_reject(r)
            store.set_feed_state(feed, None, None, "not a feed")
            continue
        keys = [entry_key(e) for e in parsed.entries]
        seen = store.seen_entries(feed, keys)
        new = [(k, e) for k, e in zip(keys, parsed.entries, strict=True) if k not in seen and k]
        total["new_entries"] += len(new)
        stats = ingest(_entries(feed, [e for _, e in new], o), store, on_reject=on_reject)
        for key in COUNTS:
            total[key] += stats[key]
        store.mark_entries(feed, [(k, e.get("link"), doc_id(e["link"]) if e.get("link") else None) for k, e in new])
        store.set_feed_state(feed, resp.headers.get("ETag"), resp.headers.get("Last-Modified"), "ok")
    return total
