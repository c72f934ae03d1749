"""What every reader shares: options, record helpers, format recognition and the reader registry.

Each format module (`text.py`, `html.py`, `feeds.py`, `warc.py`, `tabular.py`, `archives.py`) registers its
reader here with `@register(kind)`; `read_stream` and `read_bytes` dispatch to them by kind. Format modules
import this module only, never each other's dispatcher, so there is no import cycle; `ingest/__init__.py`
imports every format module, so the registry is complete whenever any reader runs.

Kinds come from the file name (`.html`, `.rss`/`.atom`/`.xml`, `.warc[.gz]`, `.jsonl`, `.csv`/`.tsv`,
`.zip`, `.gz` of any of these); anything else is sniffed by content: JSON lines, HTML, a feed, else text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from ..model import Article, Reject

__all__ = ["ReadOptions", "WebArticle", "MAX_BYTES", "SNIFF_BYTES", "valid_date", "decode_text", "doc_id",
           "looks_binary", "kind_of", "sniff", "register", "read_stream", "read_bytes", "guarded", "first_line",
           "Rewound", "Items"]

SNIFF_BYTES = 8192
MAX_BYTES = 10_000_000  # documented size cap for one whole-file input (a page, a text file, a feed)

Items = Iterator[Article | Reject]
StreamReader = Callable[[IO[bytes], str, str, "ReadOptions"], Items]
BytesReader = Callable[[bytes, str, str, "ReadOptions"], Items]
_F = TypeVar("_F", bound=Callable[..., Items])


@dataclass
class WebArticle(Article):
    """An Article with the author a web page or feed names (stored in documents.author)."""

    author: str | None = None


@dataclass
class ReadOptions:
    """How to read inputs: default date, field names of JSONL/CSV records, size cap, URL fetching."""

    date: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    title_field: str = "title"
    url_field: str = "url"
    max_bytes: int = MAX_BYTES
    allow_private: bool = False
    fetch_pages: bool = False
    fetcher: object | None = field(default=None, repr=False)


def valid_date(value: object) -> str | None:
    """An ISO date string (YYYY-MM-DD, or a longer ISO timestamp cut to its date), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def looks_binary(chunk: bytes) -> bool:
    """NUL bytes, or more than 5% control characters."""
    if b"\x00" in chunk:
        return True
    if not chunk:
        return False
    controls = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(chunk) > 0.05


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1: never fails."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def doc_id(origin: str, text: str = "") -> str:
    """A stable id for a record without one: hash of where it came from (and its text)."""
    return hashlib.sha1(f"{origin}\n{text}".encode()).hexdigest()[:16]


# kinds --------------------------------------------------------------------------------------------------
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html",
             ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".zip": "zip"}


def kind_of(name: str) -> str:
    """The kind a file name says: warc, gz, zip, jsonl, csv, html, feed, else text (sniffed by content)."""
    n = name.lower()
    if n.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return "warc"
    if n.endswith(".gz"):
        return "gz"
    return _SUFFIXES.get(Path(n).suffix, "text")


def _json_lines(head: bytes) -> bool:
    """The first line is a JSON object (or, when longer than `head`, starts like one)."""
    first, newline, _ = head.partition(b"\n")
    if not newline:
        return first.startswith(b'{"')
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def sniff(head: bytes) -> str:
    """The kind of an input without a telling name, from its first bytes: gz, jsonl, feed, html or text."""
    if head.startswith(b"\x1f\x8b"):
        return "gz"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") and _json_lines(start):
        return "jsonl"
    low = start[:2048].lower()
    if low.startswith(b"<?xml") and (b"<rss" in low or b"<feed" in low or b"<rdf" in low):
        return "feed"
    if low.startswith((b"<rss", b"<feed")):
        return "feed"
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    return "text"


# registry and dispatch ------------------------------------------------------------------------------------
_STREAM: dict[str, StreamReader] = {}
_BYTES: dict[str, BytesReader] = {}


def register(kind: str, *, stream: bool) -> Callable[[_F], _F]:
    """Register a reader for `kind`: a stream reader `(fh, name, origin, options)` reads record by record,
    a bytes reader `(raw, name, origin, options)` gets the whole input (at most `max_bytes`)."""
    def deco(fn: _F) -> _F:
        (_STREAM if stream else _BYTES)[kind] = fn
        return fn
    return deco


class Rewound:
    """A binary stream whose first bytes were already read: `head`, then the rest of `fh`."""

    def __init__(self, head: bytes, fh: IO[bytes]) -> None:
        self.head, self.fh = head, fh

    def read(self, n: int = -1) -> bytes:
        if not self.head:
            return self.fh.read(n)
        if n < 0:
            out, self.head = self.head + self.fh.read(), b""
            return out
        out, self.head = self.head[:n], self.head[n:]
        return out if len(out) == n else out + self.fh.read(n - len(out))


def read_bytes(raw: bytes, name: str, origin: str, o: ReadOptions) -> Items:
    """One whole input already in memory, by its kind (sniffed when the name does not tell)."""
    kind = kind_of(name)
    if kind == "text":
        kind = sniff(raw[:SNIFF_BYTES])
    if kind in _STREAM:
        import io
        yield from _STREAM[kind](io.BytesIO(raw), name, origin, o)
    else:
        yield from _BYTES[kind](raw, name, origin, o)


def read_stream(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    """Any input from an open binary stream; streaming formats (also JSON lines found by sniffing) are read
    record by record, whole-file formats up to the size cap."""
    kind = kind_of(name)
    if kind in _STREAM:
        yield from _STREAM[kind](fh, name, origin, o)
        return
    head = fh.read(SNIFF_BYTES)
    found = sniff(head) if kind == "text" else kind
    if found in ("jsonl", "gz"):  # gzip data or JSON lines under any name (stdin, a .gz member): streamed
        yield from _STREAM[found](Rewound(head, fh), name, origin, o)  # type: ignore[arg-type]
        return
    raw = head + fh.read(max(o.max_bytes + 1 - len(head), 0))
    if len(raw) > o.max_bytes:
        yield Reject(origin, f"larger than the size cap of {o.max_bytes} bytes")
        return
    yield from read_bytes(raw, name, origin, o)


def first_line(exc: BaseException) -> str:
    """An exception as one short line: its message's first line, else its class name."""
    msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return msg[:200]


def guarded(items: Items, origin: str) -> Items:
    """Items of a reader; an exception half-way becomes one Reject and ends this input only."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001  (any failure of one input must not end the run)
        yield Reject(origin, f"unreadable ({exc.__class__.__name__}: {first_line(exc)})")

