"""Readers: dispatch every input (file, directory, URL, stdin) to the reader for its format.

Formats are recognised by name (`.html`, `.rss`/`.atom`/`.xml`, `.warc[.gz]`, `.jsonl`, `.csv`/`.tsv`,
`.zip`, `.gz` of any of these, anything else is plain text) and, for plain text, by sniffing for HTML or a
feed. Every reader is a generator of `Article` and `Reject`; an input that fails half-way yields a `Reject`
and the run goes on. Whole-file inputs larger than `ReadOptions.max_bytes` (10 MB by default) are rejected
without being read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..model import Article, Reject

__all__ = ["ReadOptions", "WebArticle", "read_inputs", "read_jsonl", "read_text_file", "read_stream",
           "valid_date", "decode_text", "doc_id", "expand_paths", "MAX_BYTES"]

_BINARY_SNIFF = 8192
MAX_BYTES = 10_000_000  # documented size cap for one whole-file input (a page, a text file, a feed)


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


def _looks_binary(chunk: bytes) -> bool:
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


def read_text(raw: bytes, origin: str, name: str, date: str | None) -> Iterator[Article | Reject]:
    if _looks_binary(raw[:_BINARY_SNIFF]):
        yield Reject(origin, "binary file, not text")
        return
    text = decode_text(raw)
    if not text.strip():
        yield Reject(origin, "empty file")
        return
    from .dates import date_in_text
    yield Article(id=Path(name).stem, text=text, date=date or date_in_text(text), origin=origin)


def read_text_file(path: Path, date: str | None = None) -> Iterator[Article | Reject]:
    """One article per text file; its id is the file name without suffix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Reject(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_text(raw, str(path), path.name, date)


def read_jsonl(stream: IO[str] | Iterator[str], origin: str, date: str | None = None,
               options: ReadOptions | None = None) -> Iterator[Article | Reject]:
    """Articles from JSON lines; each bad line is a Reject with its line number."""
    from .tabular import record_article
    o = options or ReadOptions(date=date)
    seen_any = False
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(origin, f"invalid JSON ({exc.msg})", n)
            continue
        if not isinstance(obj, dict):
            yield Reject(origin, "a line must be a JSON object", n)
            continue
        yield from record_article(obj, origin, n, o, date)
    if not seen_any:
        yield Reject(origin, "empty file")


def _kind(name: str) -> str:
    n = name.lower()
    if n.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return "warc"
    if n.endswith(".gz"):
        return "gz"
    suffix = Path(n).suffix
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".html": "html",
            ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed",
            ".zip": "zip"}.get(suffix, "text")


def _sniff(raw: bytes) -> str:
    head = raw[:2048].lstrip().lower()
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return "feed"
    if head.startswith((b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def read_bytes(raw: bytes, name: str, origin: str, o: ReadOptions) -> Iterator[Article | Reject]:
    """One whole-file input already in memory, by its kind."""
    kind = _kind(name)
    if kind == "text":
        kind = _sniff(raw)
    if kind == "html":
        from .html import read_html
        yield from read_html(raw, origin, o.date, id_hint=Path(name).stem)
    elif kind == "feed":
        from .feeds import read_feed
        yield from read_feed(raw, origin, o)
    else:
        yield from read_text(raw, origin, name, o.date)


def read_stream(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Iterator[Article | Reject]:
    """Any input from an open binary stream; streaming formats are read record by record."""
    kind = _kind(name)
    if kind == "warc":
        from .warc import read_warc
        yield from read_warc(fh, origin, o)
    elif kind in ("gz", "zip"):
        from .archives import read_gzip, read_zip
        yield from (read_gzip if kind == "gz" else read_zip)(fh, name, origin, o)
    elif kind in ("jsonl", "csv"):
        head = fh.read(_BINARY_SNIFF)
        if b"\x00" in head:
            yield Reject(origin, f"binary file, not {kind.upper()}")
            return
        from .tabular import read_csv, text_lines
        lines = text_lines(head, fh)
        yield from (read_jsonl(lines, origin, o.date, o) if kind == "jsonl" else read_csv(lines, origin, o, name))
    else:
        raw = fh.read(o.max_bytes + 1)
        if len(raw) > o.max_bytes:
            yield Reject(origin, f"larger than the size cap of {o.max_bytes} bytes")
            return
        yield from read_bytes(raw, name, origin, o)


def guarded(items: Iterator[Article | Reject], origin: str) -> Iterator[Article | Reject]:
    """Items of a reader; an exception half-way becomes one Reject and ends this input only."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001  (any failure of one input must not end the run)
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        yield Reject(origin, f"unreadable ({exc.__class__.__name__}: {msg[:200]})")


def _read_path(path: Path, o: ReadOptions) -> Iterator[Article | Reject]:
    origin = str(path)
    kind = _kind(path.name)
    try:
        size = path.stat().st_size
        if kind in ("text", "html", "feed") and size > o.max_bytes:
            yield Reject(origin, f"larger than the size cap of {o.max_bytes} bytes ({size} bytes)")
            return
        with path.open("rb") as fh:
            yield from guarded(read_stream(fh, path.name, origin, o), origin)
    except OSError as exc:
        yield Reject(origin, f"cannot read: {exc.strerror or exc}")


def expand_paths(paths: Iterable[str], recursive: bool = True) -> Iterator[str | Reject]:
    """Every input path: "-", URLs and files as given, directories expanded (sorted), missing ones rejected."""
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")) or "://" in p:
            yield p
            continue
        path = Path(p)
        if not path.exists():
            yield Reject(p, "no such file")
        elif path.is_dir():
            files = sorted(f for f in (path.rglob("*") if recursive else path.iterdir()) if f.is_file())
            if not files:
                yield Reject(p, "directory has no files")
            yield from (str(f) for f in files)
        else:
            yield p


def _read_stdin(o: ReadOptions) -> Iterator[Article | Reject]:
    data = sys.stdin.read()
    if data.lstrip().startswith("{"):
        yield from read_jsonl(iter(data.splitlines(keepends=True)), "<stdin>", o.date, o)
    elif data.strip():
        yield Article(id="stdin", text=data, date=o.date, origin="<stdin>")
    else:
        yield Reject("<stdin>", "empty input")


def read_one(p: str, o: ReadOptions) -> Iterator[Article | Reject]:
    """The records of one expanded input (a file, a URL or "-")."""
    if p == "-":
        yield from _read_stdin(o)
    elif "://" in p:
        from .fetch import read_url
        yield from guarded(read_url(p, o), p)
    else:
        yield from _read_path(Path(p), o)


def read_inputs(paths: Iterable[str], date: str | None = None, recursive: bool = True,
                options: ReadOptions | None = None,
                on_file: Callable[[str], None] | None = None) -> Iterator[Article | Reject]:
    """Articles and Rejects from paths ("-" is stdin, read as JSONL if it looks like JSON, else one text).

    Directories are read recursively; URLs are fetched (see `fetch.py`). `on_file` is called after each
    input file is finished (for progress reporting).
    """
    o = options or ReadOptions()
    if date is not None:
        o.date = date
    for p in expand_paths(paths, recursive):
        if isinstance(p, Reject):
            yield p
            continue
        yield from read_one(p, o)
        if on_file:
            on_file(p)
