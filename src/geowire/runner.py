"""The local engine: stream articles through dedup, language check and the pipeline into a Store.

Per batch (`batch_size` items, one transaction): documents whose id is stored are passed over (so an
interrupted run resumes where it stopped); exact and near duplicates are stored as `duplicate` rows linked to
their original, non-English documents as `skipped` rows with the reason, rejects with theirs; the rest is
coded. With `workers > 1` coding runs in a process pool (each worker calls `load()` once); decisions and
writes stay in this process, in input order, so a run gives the same store whatever the worker count.
Memory is bounded: at most `2 * workers` batches are in flight, and the dedup index lives in the store.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language

from .errors import GeowireError
from .events.tone import article_tone
from .ingest import dedup
from .ingest.lang import skip_reason
from .ingest.progress import Progress
from .model import Article, Event, Reject
from .pipeline import events_from_doc, load, parse
from .store import Store
from .store.store import DocRecord, text_hash

__all__ = ["ingest", "MAX_CHARS"]

MAX_CHARS = 1_000_000  # spaCy's default max_length: longer texts are rejected, not parsed

Coded = list[tuple[list[Event], float | None]]


def _batches(items: Iterable[Article | Reject], size: int) -> Iterator[list[Article | Reject]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class _Plan:
    """What to do with one batch: code `todo`, store `others` and `rejects`, index `sigs`."""

    n: int
    todo: list[Article] = field(default_factory=list)
    langs: dict[str, str] = field(default_factory=dict)
    others: list[DocRecord] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    sigs: list[tuple[str, bytes, list[int]]] = field(default_factory=list)
    already: int = 0
    pending: dedup.Pending = field(default_factory=dedup.Pending)


class _Planner:
    """Decides already / duplicate / skipped / code for each article, seeing the store and batches in flight."""

    def __init__(self, store: Store, use_dedup: bool, languages: tuple[str, ...] | None,
                 on_reject: Callable[[Reject], None] | None) -> None:
        self.store, self.use_dedup, self.languages, self.on_reject = store, use_dedup, languages, on_reject
        self.inflight: deque[dedup.Pending] = deque()

    def _reject(self, plan: _Plan, r: Reject) -> None:
        plan.rejects.append(r)
        if self.on_reject:
            self.on_reject(r)

    def plan(self, batch: list[Article | Reject]) -> _Plan:
        plan = _Plan(n=len(batch))
        arts: list[Article] = []
        for item in batch:
            if isinstance(item, Reject):
                self._reject(plan, item)
            elif len(item.text) > MAX_CHARS:
                self._reject(plan, Reject(item.origin or item.id, f"text longer than {MAX_CHARS} characters"))
            else:
                arts.append(item)
        pends = [*self.inflight, plan.pending]
        known = self.store.known_ids([a.id for a in arts])
        hashes = {a.id: text_hash(a.text) for a in arts}
        by_hash = self.store.originals_by_hash(list(hashes.values())) if self.use_dedup else {}
        sigs = {a.id: dedup.signature(a.text) for a in arts} if self.use_dedup else {}
        keys = sorted({k for s in sigs.values() if s for k in s.keys})
        stored_bands = self.store.band_candidates(keys)
        stored_sigs = self.store.signatures(sorted({i for ids in stored_bands.values() for i in ids}))
        for a in arts:
            if a.id in known or any(a.id in p.ids for p in pends):
                plan.already += 1
                continue
            h, sig = hashes[a.id], sigs.get(a.id)
            if self.use_dedup:
                orig = by_hash.get(h) or next((p.hashes[h] for p in pends if h in p.hashes), None)
                if orig is not None:
                    plan.others.append(DocRecord(a, "duplicate", duplicate_of=orig, similarity=1.0))
                    plan.pending.add_id(a.id)
                    continue
                near = self._near(sig, stored_bands, stored_sigs, pends) if sig else None
                if near is not None:
                    plan.others.append(DocRecord(a, "duplicate", duplicate_of=near[0], similarity=near[1]))
                    plan.pending.add_id(a.id)
                    continue
            plan.pending.add_original(a.id, h, sig)
            if sig is not None:
                plan.sigs.append((a.id, sig.values, sig.keys))
            lang, reason = skip_reason(a.text, self.languages) if self.languages else ("und", None)
            if reason:
                plan.others.append(DocRecord(a, "skipped", lang=lang, reason=reason))
            else:
                plan.todo.append(a)
                plan.langs[a.id] = lang
        self.inflight.append(plan.pending)
        return plan

    @staticmethod
    def _near(sig: dedup.Sig, stored_bands: dict[int, list[str]], stored_sigs: dict[str, bytes],
              pends: list[dedup.Pending]) -> tuple[str, float] | None:
        cands: set[str] = set()
        for k in sig.keys:
            cands.update(stored_bands.get(k, ()))
            for p in pends:
                cands.update(p.bands.get(k, ()))
        best: tuple[str, float] | None = None
        for c in sorted(cands):
            other = stored_sigs.get(c) or next((p.sigs[c] for p in pends if c in p.sigs), None)
            if other is None:
                continue
            sim = dedup.similarity(sig.values, other)
            if sim >= dedup.THRESHOLD and (best is None or sim > best[1]):
                best = (c, sim)
        return best

    def done(self) -> None:
        self.inflight.popleft()


_WORKER_NLP: Language | None = None


def _init_worker() -> None:
    global _WORKER_NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (no worker tracebacks)
    _WORKER_NLP = load()


def _code(articles: list[Article], nlp: Language | None = None) -> Coded:
    nlp = nlp or _WORKER_NLP or load()
    out: Coded = []
    for doc in parse(articles, nlp):
        events = events_from_doc(doc)
        out.append((events, article_tone(events)))
    return out


def ingest(articles: Iterable[Article | Reject], store: Store, nlp: Language | None = None,
           batch_size: int = 64, *, workers: int = 1, dedup: bool = True,
           languages: tuple[str, ...] | None = ("en",), progress: Progress | None = None,
           on_reject: Callable[[Reject], None] | None = None) -> dict[str, int]:
    """Code and store articles (Rejects in the stream are recorded); returns counts.

    Counts: `read` (items, Rejects included) = `stored` + `already` + `duplicates` + `skipped` + `rejected`;
    `events` coded. `languages=None` turns language detection off, `dedup=False` deduplication.
    """
    stats = {"read": 0, "stored": 0, "already": 0, "duplicates": 0, "skipped": 0, "rejected": 0, "events": 0}
    planner = _Planner(store, dedup, languages, on_reject)
    queue: deque[tuple[_Plan, Future[Coded] | None]] = deque()
    pool: ProcessPoolExecutor | None = None
    if workers > 1:
        pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init_worker)
    elif nlp is None:
        nlp = load()

    def commit(plan: _Plan, result: Future[Coded] | None) -> None:
        try:
            coded = result.result() if result is not None else (_code(plan.todo, nlp) if plan.todo else [])
        except GeowireError:
            raise
        except Exception as exc:  # a worker died (BrokenProcessPool) or the pipeline failed: one clear message
            raise GeowireError(f"coding failed: {exc.__class__.__name__}: {exc}") from None
        rows = [(a, ev, tone) for a, (ev, tone) in zip(plan.todo, coded, strict=True)]
        store.write_batch(coded=rows, others=plan.others, rejects=plan.rejects, sigs=plan.sigs, langs=plan.langs)
        planner.done()
        stats["read"] += plan.n
        stats["stored"] += len(rows)
        stats["already"] += plan.already
        stats["duplicates"] += sum(r.status == "duplicate" for r in plan.others)
        stats["skipped"] += sum(r.status == "skipped" for r in plan.others)
        stats["rejected"] += len(plan.rejects)
        stats["events"] += sum(len(ev) for _, ev, _ in rows)
        if progress:
            progress.docs(plan.n)

    try:
        for batch in _batches(articles, batch_size):
            plan = planner.plan(batch)
            if progress:
                progress.read(len(batch))
            res = pool.submit(_code, plan.todo) if pool is not None and plan.todo else None
            queue.append((plan, res))
            while len(queue) > (2 * workers if pool is not None else 0):
                commit(*queue.popleft())
        while queue:
            commit(*queue.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return stats

