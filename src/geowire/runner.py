"""The local engine: stream articles through the pipeline into a Store in batches, skipping stored ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from .events.tone import article_tone
from .model import Article
from .pipeline import events_from_doc, load, parse
from .store import Store

__all__ = ["ingest"]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(articles: Iterable[Article], store: Store, nlp: Language | None = None,
           batch_size: int = 64) -> dict[str, int]:
    """Code and store articles; a document already in the store is not coded again. Returns counts."""
    nlp = nlp or load()
    stats = {"read": 0, "stored": 0, "already": 0, "events": 0}
    for batch in _batches(articles, batch_size):
        stats["read"] += len(batch)
        seen: set[str] = set()
        todo = []
        for a in batch:
            if store.has(a) or a.id in seen:
                stats["already"] += 1
            else:
                seen.add(a.id)
                todo.append(a)
        rows = []
        for article, doc in zip(todo, parse(todo, nlp), strict=True):
            events = events_from_doc(doc)
            rows.append((article, events, article_tone(events)))
            stats["events"] += len(events)
        stats["stored"] += store.add(rows)
    return stats
