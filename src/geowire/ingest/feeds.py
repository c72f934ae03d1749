"""RSS and Atom feeds (feedparser): one Article per entry, from the entry's content or summary, or from
the linked page when `ReadOptions.fetch_pages` is set (URL feeds and `geowire watch`)."""

from __future__ import annotations

import time
from typing import Any

from ..model import Article, Reject
from .base import Items, ReadOptions, WebArticle, doc_id, register

__all__ = ["read_feed", "parse_feed", "entry_key", "entry_date", "entry_article"]


def parse_feed(raw: bytes) -> Any:
    import feedparser

    return feedparser.parse(raw)


def entry_key(entry: Any) -> str:
    """A stable key of a feed entry: its id, else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return time.strftime("%Y-%m-%d", t)
    return None


def entry_article(entry: Any, origin: str, date: str | None = None) -> Article | Reject:
    """An Article from the entry's own content (HTML stripped), or a Reject when it has none."""
    from .html import extract_html
    body = ""
    if entry.get("content"):
        body = " ".join(c.get("value", "") for c in entry["content"])
    body = body or entry.get("summary") or ""
    link = entry.get("link")
    if not body.strip():
        return Reject(origin, "feed entry has no content")
    title = entry.get("title")
    text = body
    if "<" in body:
        page = extract_html(f"<html><body><article>{body}</article></body></html>", origin, url=link)
        if isinstance(page, Reject):
            return page
        text = page.text
    return WebArticle(id=doc_id(link or f"{origin}#{entry_key(entry)}"), text=text,
                      date=entry_date(entry) or date, title=title, url=link, origin=origin,
                      author=entry.get("author"))


@register("feed", stream=False)
def _feed(raw: bytes, name: str, origin: str, o: ReadOptions) -> Items:
    yield from read_feed(raw, origin, o)


def read_feed(raw: bytes, origin: str, o: ReadOptions) -> Items:
    feed = parse_feed(raw)
    if not feed.entries:
        reason = f"not a feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        yield Reject(origin, reason)
        return
    for n, entry in enumerate(feed.entries, 1):
        where = f"{origin}#{n}"
        if o.fetch_pages and entry.get("link"):
            from .fetch import fetch_article
            yield fetch_article(entry["link"], o, date=entry_date(entry) or o.date, title=entry.get("title"))
        else:
            yield entry_article(entry, where, o.date)
