"""Inputs: expand paths (files, directories, URLs, stdin) and read each with the reader for its format.

Every reader is a generator of `Article` and `Reject`; an input that fails half-way yields a `Reject` and
the run goes on. Whole-file inputs (text, HTML, feeds) larger than `ReadOptions.max_bytes` (10 MB by
default) are rejected; JSONL, CSV and WARC are streamed. Formats are dispatched by `base.read_stream`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article, Reject
from .base import Items, ReadOptions, guarded, kind_of, read_stream
from .text import read_text

__all__ = ["read_inputs", "read_one", "read_text_file", "expand_paths"]


def read_text_file(path: Path, date: str | None = None) -> Items:
    """One article per text file; its id is the file name without suffix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Reject(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_text(raw, str(path), path.name, date)


def _read_path(path: Path, o: ReadOptions) -> Items:
    origin = str(path)
    try:
        size = path.stat().st_size
        if kind_of(path.name) in ("html", "feed") and size > o.max_bytes:
            yield Reject(origin, f"larger than the size cap of {o.max_bytes} bytes ({size} bytes)")
            return
        with path.open("rb") as fh:
            yield from guarded(read_stream(fh, path.name, origin, o), origin)
    except OSError as exc:
        yield Reject(origin, f"cannot read: {exc.strerror or exc}")


def expand_paths(paths: Iterable[str], recursive: bool = True) -> Iterator[str | Reject]:
    """Every input path: "-", URLs and files as given, directories expanded (sorted), missing ones rejected."""
    for p in paths:
        if p == "-" or "://" in p:
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


def _read_stdin(o: ReadOptions) -> Items:
    stdin = sys.stdin
    data = stdin.buffer if hasattr(stdin, "buffer") else io.BytesIO(stdin.read().encode("utf-8"))
    yield from guarded(read_stream(data, "stdin", "<stdin>", o), "<stdin>")


def read_one(p: str, o: ReadOptions) -> Items:
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
    """Articles and Rejects from paths ("-" is stdin: JSON lines when it looks like them, else by content).

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
