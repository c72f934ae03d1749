"""Readers for plain-text files, JSONL (`{"id", "text", "date"?, "title"?, "url"?}` per line) and stdin."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..model import Article, Reject

__all__ = ["read_inputs", "read_jsonl", "read_text_file", "valid_date"]

_BINARY_SNIFF = 8192


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
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(chunk) - 4  # a cut multi-byte character at the end is fine
    return False


def _doc_id(origin: str, text: str) -> str:
    return hashlib.sha1(f"{origin}\n{text}".encode()).hexdigest()[:16]


def read_text_file(path: Path, date: str | None = None) -> Iterator[Article | Reject]:
    """One article per text file; its id is the file name without suffix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Reject(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if _looks_binary(raw[:_BINARY_SNIFF]):
        yield Reject(str(path), "binary file, not text")
        return
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        yield Reject(str(path), "empty file")
        return
    yield Article(id=path.stem, text=text, date=date, origin=str(path))


def read_jsonl(stream: IO[str] | Iterator[str], origin: str, date: str | None = None) -> Iterator[Article | Reject]:
    """Articles from JSON lines; each bad line is a Reject with its line number."""
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
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Reject(origin, 'missing or empty "text" field', n)
            continue
        raw_date = obj.get("date")
        doc_date = valid_date(raw_date)
        if raw_date not in (None, "") and doc_date is None:
            yield Reject(origin, f"invalid date {raw_date!r} (expected YYYY-MM-DD); read without a date", n)
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else _doc_id(f"{origin}:{n}", text)
        yield Article(id=doc_id, text=text, date=doc_date or date, title=obj.get("title"), url=obj.get("url"),
                      origin=f"{origin}:{n}")
    if not seen_any:
        yield Reject(origin, "empty file")


def _read_path(path: Path, date: str | None) -> Iterator[Article | Reject]:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        try:
            with path.open("rb") as fh:
                head = fh.read(_BINARY_SNIFF)
            if _looks_binary(head):
                yield Reject(str(path), "binary file, not JSONL")
                return
            with path.open(encoding="utf-8", errors="replace") as fh:
                yield from read_jsonl(fh, str(path), date)
        except OSError as exc:
            yield Reject(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_text_file(path, date)


def read_inputs(paths: Iterable[str], date: str | None = None, recursive: bool = True) -> Iterator[Article | Reject]:
    """Articles and Rejects from paths ("-" is stdin, read as JSONL if it looks like JSON, else one text)."""
    for p in paths:
        if p == "-":
            data = sys.stdin.read()
            if data.lstrip().startswith("{"):
                yield from read_jsonl(iter(data.splitlines(keepends=True)), "<stdin>", date)
            elif data.strip():
                yield Article(id="stdin", text=data, date=date, origin="<stdin>")
            else:
                yield Reject("<stdin>", "empty input")
            continue
        path = Path(p)
        if not path.exists():
            yield Reject(p, "no such file")
        elif path.is_dir():
            files = sorted(f for f in (path.rglob("*") if recursive else path.iterdir()) if f.is_file())
            if not files:
                yield Reject(p, "directory has no files")
            for f in files:
                yield from _read_path(f, date)
        else:
            yield from _read_path(path, date)
