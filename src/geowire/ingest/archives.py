"""Compressed inputs: `.gz` (the inner name decides the format) and `.zip` (every member, by its name).

Decompressed sizes are capped like files (`ReadOptions.max_bytes`) for whole-file formats; JSONL, CSV and
WARC inside are streamed. A corrupt archive is one Reject; members already read stay read.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterator
from typing import IO

from ..model import Article, Reject
from .readers import ReadOptions, guarded, read_stream

__all__ = ["read_gzip", "read_zip"]


def read_gzip(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Iterator[Article | Reject]:
    inner = name[:-3] if name.lower().endswith(".gz") else name
    with gzip.GzipFile(fileobj=fh) as gz:
        yield from read_stream(gz, inner, origin, o)  # type: ignore[arg-type]


def read_zip(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Iterator[Article | Reject]:
    try:
        zf = zipfile.ZipFile(fh)
    except zipfile.BadZipFile as exc:
        yield Reject(origin, f"not a zip archive ({exc})")
        return
    with zf:
        members = [i for i in zf.infolist() if not i.is_dir()]
        if not members:
            yield Reject(origin, "zip archive has no files")
        for info in members:
            where = f"{origin}!{info.filename}"
            with zf.open(info) as member:
                yield from guarded(read_stream(member, info.filename, where, o), where)
