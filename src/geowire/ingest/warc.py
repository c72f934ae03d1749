"""WARC and WARC.GZ archives (warcio): one Article per HTML (or plain-text) response record."""

from __future__ import annotations

from typing import IO

from ..model import Article, Reject
from .base import Items, ReadOptions, doc_id, register
from .text import read_text

__all__ = ["read_warc"]


@register("warc", stream=True)
def _warc(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    yield from read_warc(fh, origin, o)


def read_warc(fh: IO[bytes], origin: str, o: ReadOptions) -> Items:
    """Response records of a WARC stream; other records (requests, metadata) are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    for record in ArchiveIterator(fh):
        if record.rec_type not in ("response", "resource"):
            continue
        n += 1
        url = record.rec_headers.get_header("WARC-Target-URI") or f"{origin}#{n}"
        where = f"{origin}#{n}"
        if record.http_headers is not None and record.http_headers.get_statuscode() not in (None, "200"):
            yield Reject(where, f"HTTP status {record.http_headers.get_statuscode()} for {url}")
            continue
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or \
            record.rec_headers.get_header("Content-Type") or ""
        raw = record.content_stream().read(o.max_bytes + 1)
        if len(raw) > o.max_bytes:
            yield Reject(where, f"record larger than the size cap of {o.max_bytes} bytes")
            continue
        date = o.date
        if "html" in ctype.lower() or raw[:1024].lstrip().lower().startswith((b"<!doctype html", b"<html")):
            from .html import extract_html
            yield extract_html(raw, where, url=url, date=date)
        elif ctype.lower().startswith("text/"):
            for item in read_text(raw, where, doc_id(url), date):
                if isinstance(item, Article):
                    item.url = url
                yield item
        else:
            yield Reject(where, f"unsupported content type {ctype or 'unknown'!r} for {url}")
    if n == 0:
        yield Reject(origin, "WARC has no response records")
