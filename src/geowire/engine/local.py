"""The engines' common part and the local engine: inputs -> batches of plain records -> coded rows -> Parquet.

    read_inputs(paths) -> Article | Reject -> pass over ids already written, mark exact duplicates (same
      normalized text as an earlier document: a `duplicate` row linked to it, not coded)
      -> batches of `Article.to_dict()` -> code_batch() (any process: loads the pipeline once per process;
         documents not in `languages` become `skipped` rows with the reason, as in `geowire ingest`)
      -> {"documents": [...], "events": [...], "rejects": [...], "cpu_s", "wall_s"} -> ParquetWriter

Only plain dicts cross process boundaries, never spaCy objects. The local engine runs `code_batch` in this
process; the Dask engine (`engine/dask.py`) runs the very same function on the workers, so both give the same
rows for the same input.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..events.tone import article_tone
from ..ingest.lang import skip_reason
from ..model import Article, Reject
from ..pipeline import events_from_doc, load, parse
from ..store.parquet import ParquetStore, ParquetWriter, document_row, event_rows, is_parquet_output
from ..store.store import text_hash

__all__ = ["code_batch", "plan", "run_local", "RunStats", "Batch", "BATCH_SIZE", "LANGUAGES", "MAX_CHARS"]

BATCH_SIZE = 32
LANGUAGES: tuple[str, ...] = ("en",)
MAX_CHARS = 1_000_000  # spaCy's default max_length: longer texts are rejected, not parsed (as in `ingest`)
Batch = list[dict[str, Any]]
_DUP = "_duplicate_of"  # key of a batch item that is an exact duplicate of the document it names


def _code(articles: list[Article], langs: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for article, doc in zip(articles, parse(articles, load()), strict=True):
        evs = events_from_doc(doc)
        docs.append({**document_row(article, evs, article_tone(evs)), "status": "coded",
                     "lang": langs.get(article.id)})
        events.extend(event_rows(evs))
    return docs, events


def code_batch(batch: Batch, languages: tuple[str, ...] | None = LANGUAGES) -> dict[str, Any]:
    """Code one batch of articles (plain dicts) into plain rows. Runs in any process.

    Items with `_duplicate_of` are stored as duplicates without coding; documents in a language outside
    `languages` (None: any) as skipped. A document the pipeline fails on becomes a reject; the rest is kept.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    docs: list[dict[str, Any]] = []
    articles: list[Article] = []
    langs: dict[str, str] = {}
    for item in batch:
        item = dict(item)
        dup = item.pop(_DUP, None)
        a = Article(**item)
        if dup is not None:
            docs.append({**document_row(a, [], None), "status": "duplicate", "duplicate_of": dup,
                         "similarity": 1.0, "n_events": 0})
            continue
        lang, reason = skip_reason(a.text, languages) if languages else ("und", None)
        if reason:
            docs.append({**document_row(a, [], None), "status": "skipped", "lang": lang, "reason": reason,
                         "n_events": 0})
            continue
        langs[a.id] = lang
        articles.append(a)
    rejects: list[dict[str, Any]] = []
    try:
        coded, events = _code(articles, langs)
    except Exception:  # find the document at fault, keep the others
        coded, events = [], []
        for a in articles:
            try:
                d, e = _code([a], langs)
            except Exception as exc:  # noqa: BLE001 - a record-level failure is a reject, not the end of the run
                rejects.append(Reject(a.origin or a.id, f"pipeline failed on document {a.id}: "
                                      f"{exc.__class__.__name__}: {exc}").to_dict())
                continue
            coded += d
            events += e
    docs = coded + docs
    return {"documents": docs, "events": events, "rejects": rejects, "pid": os.getpid(),
            "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}


@dataclass
class RunStats:
    """What a run did; `cpu_s` is the CPU time spent inside coding tasks, summed over processes."""

    engine: str = "local"
    out: str = ""
    run_id: str = ""
    workers: int = 1
    read: int = 0
    written: int = 0
    duplicates: int = 0
    skipped: int = 0
    already: int = 0
    events: int = 0
    rejected: int = 0
    batches: int = 0
    cpu_s: float = 0.0
    task_wall_s: float = 0.0
    wall_s: float = 0.0
    load_s: float = 0.0
    pids: set[int] = field(default_factory=set)
    rejects: list[Reject] = field(default_factory=list)
    known_rejects: set[tuple[str, int | None, str]] = field(default_factory=set)

    def add(self, result: dict[str, Any], writer: ParquetWriter, batch_no: int) -> None:
        writer.write_batch(batch_no, result["documents"], result["events"])
        statuses = [d.get("status", "coded") for d in result["documents"]]
        self.written += statuses.count("coded")
        self.duplicates += statuses.count("duplicate")
        self.skipped += statuses.count("skipped")
        self.events += len(result["events"])
        self.rejects += [Reject(**r) for r in result["rejects"]]
        self.cpu_s += result["cpu_s"]
        self.task_wall_s += result["wall_s"]
        self.pids.add(result["pid"])
        self.batches += 1

    def summary(self) -> dict[str, Any]:
        return {"engine": self.engine, "workers": self.workers, "run_id": self.run_id, "read": self.read,
                "written": self.written, "duplicates": self.duplicates,
                "skipped": self.skipped, "already": self.already, "events": self.events,
                "rejected": self.rejected, "batches": self.batches, "cpu_s": round(self.cpu_s, 3),
                "wall_s": round(self.wall_s, 3), "load_s": round(self.load_s, 3)}


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def plan(items: Iterable[Article | Reject], out: str | Path, stats: RunStats, batch_size: int = BATCH_SIZE,
         on_reject: Callable[[Reject], None] | None = None, dedup: bool = True) -> Iterator[Batch]:
    """Batches of plain article records, without the ids already in `out` or earlier in the input; an exact
    duplicate of an earlier document (same normalized text) is marked to be stored as such (`dedup`)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    seen_ids: set[str] = set()
    originals: dict[str, str] = {}  # text hash -> id of the original document
    if is_parquet_output(out):
        with ParquetStore(out) as existing:
            for doc_id, h, status in existing.con.execute("SELECT id, hash, status FROM documents "
                                                          "ORDER BY id").fetchall():
                seen_ids.add(doc_id)
                if status != "duplicate":
                    originals.setdefault(h, doc_id)
            stats.known_rejects.update(existing.con.execute("SELECT origin, line, reason FROM rejects").fetchall())

    def reject(r: Reject) -> None:
        stats.rejects.append(r)
        if on_reject:
            on_reject(r)

    def fresh() -> Iterator[dict[str, Any]]:
        for item in items:
            if isinstance(item, Reject):
                reject(item)
                continue
            stats.read += 1
            if len(item.text) > MAX_CHARS:
                reject(Reject(item.origin or item.id, f"text longer than {MAX_CHARS} characters"))
                continue
            if item.id in seen_ids:
                stats.already += 1
                continue
            seen_ids.add(item.id)
            h = text_hash(item.text)
            orig = originals.get(h) if dedup else None
            if orig is not None:
                yield {**item.to_dict(), _DUP: orig}
                continue
            originals.setdefault(h, item.id)
            yield item.to_dict()

    it = fresh()
    while batch := list(islice(it, batch_size)):
        yield batch


def finish(stats: RunStats, writer: ParquetWriter, started: float) -> RunStats:
    new = [r for r in stats.rejects if (r.origin, r.line, r.reason) not in stats.known_rejects]
    writer.write_rejects(new)  # an identical reject already recorded is not recorded twice
    stats.rejected = len(stats.rejects)
    stats.wall_s = time.perf_counter() - started
    writer.write_marker(stats.summary())
    return stats


def run_local(items: Iterable[Article | Reject], out: str | Path, batch_size: int = BATCH_SIZE,
              on_reject: Callable[[Reject], None] | None = None, dedup: bool = True,
              languages: tuple[str, ...] | None = LANGUAGES) -> RunStats:
    """Code articles in this process and write them as Parquet under `out`."""
    started = time.perf_counter()
    stats = RunStats(engine="local", out=str(out), run_id=new_run_id(), workers=1)
    writer = ParquetWriter(out, stats.run_id)
    t = time.perf_counter()
    load()
    stats.load_s = time.perf_counter() - t
    for batch_no, batch in enumerate(plan(items, out, stats, batch_size, on_reject, dedup)):
        stats.add(code_batch(batch, languages), writer, batch_no)
    return finish(stats, writer, started)
