"""Records from JSONL and CSV/TSV with configurable field names (`--text-field`, `--id-field`, ...).

Both formats are streamed line by line (bounded memory whatever the file size); each bad record is a
`Reject` with its line number.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from ..model import Article, Reject
from .base import SNIFF_BYTES, Items, ReadOptions, doc_id, register, valid_date

__all__ = ["record_article", "read_jsonl", "read_csv", "text_lines"]

_MAX_RECORD = 2_000_000  # characters of one record's text


def text_lines(head: bytes, fh: IO[bytes]) -> Iterator[str]:
    """Decoded lines of a binary stream whose first bytes were already read (UTF-8, bad bytes replaced)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    buf = decoder.decode(head)
    while True:
        chunk = fh.read(1 << 16)
        buf += decoder.decode(chunk, final=not chunk)
        *lines, buf = buf.split("\n")
        for line in lines:
            yield line + "\n"
        if not chunk:
            break
    if buf:
        yield buf


def record_article(obj: dict[str, Any], origin: str, n: int, o: ReadOptions,
                   date: str | None = None) -> Iterator[Article | Reject]:
    """The Article of one JSONL/CSV record under the configured field names, or a Reject."""
    text = obj.get(o.text_field)
    if not isinstance(text, str) or not text.strip():
        yield Reject(origin, f'missing or empty "{o.text_field}" field', n)
        return
    if len(text) > _MAX_RECORD:
        yield Reject(origin, f"text longer than {_MAX_RECORD} characters", n)
        return
    raw_date = obj.get(o.date_field)
    doc_date = valid_date(raw_date)
    if raw_date not in (None, "") and doc_date is None:
        yield Reject(origin, f"invalid date {raw_date!r} (expected YYYY-MM-DD); read without a date", n)
    if doc_date is None:
        from .dates import date_in_text
        doc_date = date or o.date or date_in_text(text)
    rid = obj.get(o.id_field)
    ident = str(rid) if rid not in (None, "") else doc_id(f"{origin}:{n}", text)
    title, url = obj.get(o.title_field), obj.get(o.url_field)
    yield Article(id=ident, text=text, date=doc_date, title=str(title) if title else None,
                  url=str(url) if url else None, origin=f"{origin}:{n}")


def read_jsonl(stream: IO[str] | Iterator[str], origin: str, date: str | None = None,
               options: ReadOptions | None = None) -> Items:
    """Articles from JSON lines; each bad line is a Reject with its line number."""
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


def _lines(fh: IO[bytes], origin: str, what: str) -> Iterator[str] | Reject:
    head = fh.read(SNIFF_BYTES)
    if b"\x00" in head:
        return Reject(origin, f"binary file, not {what}")
    return text_lines(head, fh)


@register("jsonl", stream=True)
def _jsonl(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    lines = _lines(fh, origin, "JSONL")
    yield from [lines] if isinstance(lines, Reject) else read_jsonl(lines, origin, o.date, o)


@register("csv", stream=True)
def _csv(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    lines = _lines(fh, origin, "CSV")
    yield from [lines] if isinstance(lines, Reject) else read_csv(lines, origin, o, name)


def read_csv(lines: Iterator[str], origin: str, o: ReadOptions, name: str = "") -> Items:
    """Articles from a CSV (or TSV, by name) file with a header row."""
    csv.field_size_limit(_MAX_RECORD + 1)
    delimiter = "\t" if name.lower().endswith((".tsv", ".tsv.gz")) else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    seen_any = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Reject(origin, f"invalid CSV ({exc})", reader.line_num)
            continue
        seen_any = True
        yield from record_article(row, origin, reader.line_num, o)
    if not seen_any:
        yield Reject(origin, "empty file" if not reader.fieldnames else "no records")

