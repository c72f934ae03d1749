"""Helpers shared by CLI commands: argument checks, input reading with reject reporting, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import GeowireError
from ..ingest import read_inputs
from ..ingest.base import valid_date
from ..model import Article, Reject

__all__ = ["iso_date", "positive_int", "articles_from", "print_json", "print_table", "RejectLog", "report_reject", "input_paths"]


def positive_int(value: str) -> int:
    """argparse type for counts (workers, batch sizes): a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"invalid count {value!r}: give a whole number of at least 1")
    return n


def report_reject(r: Reject) -> None:
    """One line on stderr for an input that could not be read."""
    print(f"geowire: skipped {r.message()}", file=sys.stderr)


def input_paths(args: argparse.Namespace) -> list[str] | None:
    """The PATH arguments plus the bundled sample with --sample; None (after a one-line error) when empty."""
    paths = list(args.paths)
    if getattr(args, "sample", False):
        from ..knowledge import data_path

        paths.append(str(data_path("sample", "articles.jsonl")))
    if not paths:
        print("geowire: error: no input: give files, directories, URLs, - for stdin, or --sample", file=sys.stderr)
        return None
    return paths


def iso_date(value: str) -> str:
    """argparse type for YYYY-MM-DD dates."""
    d = valid_date(value)
    if d is None or len(value.strip()) != 10:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: use YYYY-MM-DD")
    return d


class RejectLog:
    """Reports each reject on stderr as one line and remembers them for the exit code and the store."""

    def __init__(self) -> None:
        self.rejects: list[Reject] = []

    def articles(self, items: Iterable[Article | Reject]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Reject):
                self.rejects.append(item)
                report_reject(item)
            else:
                yield item


def articles_from(paths: list[str], date: str | None, log: RejectLog) -> Iterator[Article]:
    if not paths:
        raise GeowireError("no input: give one or more files, directories, or - for stdin")
    return log.articles(read_inputs(paths, date=date))


def print_json(rows: Iterable[dict[str, Any]]) -> None:
    for r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


def _actor_label(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    return f"{a.get('code') or a.get('country')}"


def print_table(rows: Iterable[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Events (contract shape) or flat rows as an aligned text table."""
    out: list[list[str]] = []
    for r in rows:
        if "trigger" in r:
            out.append([str(r["doc_id"]), str(r["sentence_index"]), _actor_label(r["source"]), r["cameo"],
                        _actor_label(r["target"]), r["trigger"]["text"], r["modality"] + (" NEG" if r["negated"] else ""),
                        str(r["date"] or "-"), (r["sentence"] or "")[:70].replace("\n", " ")])
            columns = ["doc", "sent", "source", "cameo", "target", "trigger", "modality", "date", "sentence"]
        else:
            columns = columns or list(r)
            out.append(["" if r.get(c) is None else str(r.get(c)) for c in columns])
    if not out or columns is None:
        print("(no rows)")
        return
    widths = [max(len(c), *(len(row[i]) for row in out)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in out:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
