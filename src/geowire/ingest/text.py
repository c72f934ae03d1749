"""Plain text: one document per input; its id is the file name without suffix."""

from __future__ import annotations

from pathlib import Path

from ..model import Article, Reject
from .base import SNIFF_BYTES, Items, ReadOptions, decode_text, looks_binary, register

__all__ = ["read_text"]


def read_text(raw: bytes, origin: str, name: str, date: str | None) -> Items:
    """One Article of a text (UTF-8, else Windows-1252, else Latin-1), or a Reject for binary or empty input."""
    if looks_binary(raw[:SNIFF_BYTES]):
        yield Reject(origin, "binary file, not text")
        return
    text = decode_text(raw)
    if not text.strip():
        yield Reject(origin, "empty file")
        return
    from .dates import date_in_text
    yield Article(id=Path(name).stem, text=text, date=date or date_in_text(text), origin=origin)


@register("text", stream=False)
def _text(raw: bytes, name: str, origin: str, o: ReadOptions) -> Items:
    yield from read_text(raw, origin, name, o.date)
