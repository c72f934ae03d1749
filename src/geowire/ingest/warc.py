"""WARC and WARC.GZ archives (warcio): one Article per HTML (or plain-text) response record.

warcio stops quietly at a gzip member cut short, so a `.warc.gz` is also decompressed on the side
(`GzipEnd`): when its data ends before the end marker of the last member, the records before the cut stay
read and a Reject says the file is truncated.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator
from typing import IO

from ..model import Article, Reject
from .base import Items, ReadOptions, Rewound, doc_id, register
from .text import read_text

__all__ = ["read_warc", "GzipEnd"]


class GzipEnd:
    """A binary stream passed through unchanged, decompressed on the side (member after member) to tell
    whether the gzip data ends cleanly."""

    def __init__(self, fh: IO[bytes] | Rewound) -> None:
        self.fh = fh
        self._d = zlib.decompressobj(wbits=31)
        self._fed = False  # the current member has data

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        while data:
            self._fed = True
            try:
                self._d.decompress(data, 1)  # the output is warcio's business; only the end marker counts
                while self._d.unconsumed_tail and not self._d.eof:
                    self._d.decompress(self._d.unconsumed_tail, 1 << 16)
            except zlib.error:
                return  # corrupt: warcio reports it
            if not self._d.eof:
                return
            data = self._d.unused_data
            self._d, self._fed = zlib.decompressobj(wbits=31), False

    def complete(self) -> bool:
        """True when everything read so far ends at the end of a gzip member (call after reading it all)."""
        while self.read(1 << 16):
            pass
        return not self._fed


@register("warc", stream=True)
def _warc(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    yield from read_warc(fh, origin, o)


def read_warc(fh: IO[bytes], origin: str, o: ReadOptions) -> Items:
    """Response records of a WARC stream; other records (requests, metadata) are passed over."""
    head = fh.read(2)
    check = GzipEnd(Rewound(head, fh)) if head == b"\x1f\x8b" else None
    n = yield from _records(check or Rewound(head, fh), origin, o)
    if check is not None and not check.complete():
        kept = f"the {n} records before the cut were read" if n else "nothing was read from it"
        yield Reject(origin, f"truncated gzip file: the compressed data ends before its end marker; {kept}")
    elif n == 0:
        yield Reject(origin, "WARC has no response records")


def _records(fh: IO[bytes] | GzipEnd | Rewound, origin: str, o: ReadOptions) -> Generator[Article | Reject, None, int]:
    """The items of the response records; returns how many response records there were."""
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
    return n
