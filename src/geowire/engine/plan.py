"""The planner: what to do with each item read, decided in input order before anything is coded.

Per batch: a Reject is recorded; a text over `MAX_CHARS` is rejected; a document whose id the sink already
holds (or an earlier batch of this run) is passed over (`already`, so an interrupted run resumes where it
stopped); an exact duplicate (same normalized text) or a near duplicate (MinHash, see `ingest/dedup.py`) of an
earlier document becomes a `duplicate` row linked to its original; a document in a language outside
`languages` a `skipped` row with the reason; the rest is to be coded. Originals decided in batches still in
flight are kept in memory (`dedup.Pending`) until their batch is written; after that the sink answers.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..ingest import dedup
from ..ingest.lang import skip_reason
from ..model import Article, Reject
from ..store.rows import document_row, text_hash
from ..store.store import Sig

__all__ = ["Index", "Plan", "Planner", "MAX_CHARS"]

MAX_CHARS = 1_000_000  # spaCy's default max_length: longer texts are rejected, not parsed


class Index(Protocol):
    """What the planner asks the sink: ids, originals by text hash, MinHash bands and signatures."""

    def known_ids(self, ids: list[str]) -> set[str]: ...
    def originals_by_hash(self, hashes: list[str]) -> dict[str, str]: ...
    def band_candidates(self, keys: list[int]) -> dict[int, list[str]]: ...
    def signatures(self, ids: list[str]) -> dict[str, bytes]: ...


@dataclass
class Plan:
    """One batch decided: code `todo` (with their languages), store `documents` (duplicates and skipped
    rows), record `rejects`, index `sigs` (new originals)."""

    n: int
    todo: list[Article] = field(default_factory=list)
    langs: dict[str, str] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    sigs: list[Sig] = field(default_factory=list)
    already: int = 0
    pending: dedup.Pending = field(default_factory=dedup.Pending)

    def count(self, status: str) -> int:
        return sum(d["status"] == status for d in self.documents)


@dataclass
class _Known:
    """What the sink and the batches in flight know about one batch's articles."""

    ids: set[str]
    by_hash: dict[str, str]
    bands: dict[int, list[str]]
    sigs: dict[str, bytes]


class Planner:
    """Decides reject / already / duplicate / skipped / code for each item, seeing the sink and the batches
    in flight (call `done()` once the oldest batch is written)."""

    def __init__(self, index: Index, use_dedup: bool = True, languages: tuple[str, ...] | None = ("en",)) -> None:
        self.index, self.use_dedup, self.languages = index, use_dedup, languages
        self.inflight: deque[dedup.Pending] = deque()

    def plan(self, batch: list[Article | Reject]) -> Plan:
        plan = Plan(n=len(batch))
        arts = [a for a in (self._admit(plan, item) for item in batch) if a is not None]
        pends = [*self.inflight, plan.pending]
        hashes = {a.id: text_hash(a.text) for a in arts}
        sigs = {a.id: dedup.signature(a.text) for a in arts} if self.use_dedup else {}
        known = self._known(arts, hashes, sigs)
        for a in arts:
            if a.id in known.ids or any(a.id in p.ids for p in pends):
                plan.already += 1
            elif not self._duplicate(plan, a, hashes[a.id], sigs.get(a.id), known, pends):
                self._original(plan, a, hashes[a.id], sigs.get(a.id))
        self.inflight.append(plan.pending)
        return plan

    def done(self) -> None:
        self.inflight.popleft()

    @staticmethod
    def _admit(plan: Plan, item: Article | Reject) -> Article | None:
        if isinstance(item, Reject):
            plan.rejects.append(item)
        elif len(item.text) > MAX_CHARS:
            plan.rejects.append(Reject(item.origin or item.id, f"text longer than {MAX_CHARS} characters"))
        else:
            return item
        return None

    def _known(self, arts: list[Article], hashes: dict[str, str], sigs: dict[str, dedup.Sig | None]) -> _Known:
        ids = self.index.known_ids([a.id for a in arts])
        if not self.use_dedup:
            return _Known(ids, {}, {}, {})
        by_hash = self.index.originals_by_hash(list(hashes.values()))
        bands = self.index.band_candidates(sorted({k for s in sigs.values() if s for k in s.keys}))
        stored = self.index.signatures(sorted({i for cands in bands.values() for i in cands}))
        return _Known(ids, by_hash, bands, stored)

    def _duplicate(self, plan: Plan, a: Article, h: str, sig: dedup.Sig | None, known: _Known,
                   pends: list[dedup.Pending]) -> bool:
        if not self.use_dedup:
            return False
        orig = known.by_hash.get(h) or next((p.hashes[h] for p in pends if h in p.hashes), None)
        near = (orig, 1.0) if orig is not None else (_near(sig, known, pends) if sig else None)
        if near is None:
            return False
        plan.documents.append(document_row(a, status="duplicate", duplicate_of=near[0], similarity=near[1]))
        plan.pending.add_id(a.id)
        return True

    def _original(self, plan: Plan, a: Article, h: str, sig: dedup.Sig | None) -> None:
        plan.pending.add_original(a.id, h, sig)
        if sig is not None:
            plan.sigs.append((a.id, sig.values, sig.keys))
        lang, reason = skip_reason(a.text, self.languages) if self.languages else ("und", None)
        if reason:
            plan.documents.append(document_row(a, status="skipped", lang=lang, reason=reason))
        else:
            plan.todo.append(a)
            plan.langs[a.id] = lang


def _near(sig: dedup.Sig, known: _Known, pends: list[dedup.Pending]) -> tuple[str, float] | None:
    """The most similar earlier original at or above the threshold, from the sink or the batches in flight."""
    cands: set[str] = set()
    for k in sig.keys:
        cands.update(known.bands.get(k, ()))
        for p in pends:
            cands.update(p.bands.get(k, ()))
    best: tuple[str, float] | None = None
    for c in sorted(cands):
        other = known.sigs.get(c) or next((p.sigs[c] for p in pends if c in p.sigs), None)
        if other is None:
            continue
        sim = dedup.similarity(sig.values, other)
        if sim >= dedup.THRESHOLD and (best is None or sim > best[1]):
            best = (c, sim)
    return best
