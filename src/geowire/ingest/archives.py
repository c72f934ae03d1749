"""Compressed inputs: `.gz` (the inner name decides the format) and `.zip` (every member, by its name).

Decompressed sizes are capped like files (`ReadOptions.max_bytes`) for whole-file formats; JSONL, CSV and
WARC inside are streamed. A corrupt or truncated archive is one Reject with its reason; records already read
from it stay read (a truncated `.jsonl.gz` keeps the records before the cut, and its reject says so).
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from typing import IO

from ..model import Reject
from .base import Items, ReadOptions, first_line, guarded, read_stream, register

__all__ = ["read_gzip", "read_zip"]


@register("gz", stream=True)
def read_gzip(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
    inner = name[:-3] if name.lower().endswith(".gz") else name
    n = 0
    try:
        with gzip.GzipFile(fileobj=fh) as gz:
            for item in read_stream(gz, inner, origin, o):  # type: ignore[arg-type]
                n += 1
                yield item
    except EOFError:
        kept = f"; the {n} records before the cut were read" if n else "; nothing was read from it"
        yield Reject(origin, f"truncated gzip file: the compressed data ends before its end marker{kept}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Reject(origin, f"corrupt gzip file ({first_line(exc)})")


@register("zip", stream=True)
def read_zip(fh: IO[bytes], name: str, origin: str, o: ReadOptions) -> Items:
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
