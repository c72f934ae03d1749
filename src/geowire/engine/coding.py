"""Coding one batch, in whatever process runs it: plain article dicts in, plain rows out.

`code_batch` loads the pipeline once per process (`pipeline.load()` caches it), codes the articles and
returns `{"documents", "events", "rejects", "pid", "cpu_s", "wall_s"}`: `documents` and `events` are rows of
`schema.sql` (see `store/rows.py`), `rejects` plain Reject dicts. Only plain dicts cross process
boundaries, never spaCy objects. The failure policy: a document the pipeline fails on becomes a reject with
the reason, and the rest of its batch is coded.
"""

from __future__ import annotations

import dataclasses
import os
import time
from typing import Any

from ..events.tone import article_tone
from ..model import Article, Reject
from ..pipeline import events_from_doc, load, parse
from ..store.rows import document_row, event_rows

__all__ = ["code_batch", "warm_up", "LANG", "BAR"]

LANG = "_lang"  # key of a batch item: the language the planner detected
BAR = "_min_confidence"  # key of a batch item: the confidence bar of the run (None: the model's default)


def _code(articles: list[Article], langs: dict[str, str | None], nlp: Any, bar: float | None
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for article, doc in zip(articles, parse(articles, nlp), strict=True):
        evs = events_from_doc(doc)
        for ev in evs:
            ev.extra["confident"] = ev.meets(bar)
        printed = [e for e in evs if e.asserted and e.confident]
        docs.append(document_row(article, n_events=len(printed), tone=article_tone(printed),
                                 lang=langs.get(article.id)))
        events.extend(event_rows(evs))
    return docs, events


_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))


def _article(item: dict[str, Any]) -> Article:
    """The Article of a batch item; other keys (a web page's `author`) stay attributes for their columns."""
    a = Article(**{k: v for k, v in item.items() if k in _FIELDS})
    for k, v in item.items():
        if k not in _FIELDS and k not in (LANG, BAR):
            setattr(a, k, v)
    return a


def code_batch(batch: list[dict[str, Any]], nlp: Any = None) -> dict[str, Any]:
    """Code one batch of articles (`Article.to_dict()` plus the planner's `_lang`) into plain rows."""
    wall, cpu = time.perf_counter(), time.process_time()
    nlp = nlp or load()
    langs = {item["id"]: item.get(LANG) for item in batch}
    given = next((item[BAR] for item in batch if item.get(BAR) is not None), None)
    bar = None if given is None else float(given)
    articles = [_article(item) for item in batch]
    rejects: list[dict[str, Any]] = []
    try:
        docs, events = _code(articles, langs, nlp, bar)
    except Exception:  # noqa: BLE001 - find the document at fault, keep the others
        docs, events = [], []
        for a in articles:
            try:
                d, e = _code([a], langs, nlp, bar)
            except Exception as exc:  # noqa: BLE001 - a document-level failure is a reject, not the end of the run
                rejects.append(Reject(a.origin or a.id, f"pipeline failed on document {a.id}: "
                                      f"{exc.__class__.__name__}: {exc}").to_dict())
                continue
            docs += d
            events += e
    return {"documents": docs, "events": events, "rejects": rejects, "pid": os.getpid(),
            "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}


def warm_up(nlp: Any = None) -> float:
    """Load the pipeline in this process and code one sentence (builds lazy tables). Returns seconds."""
    t = time.perf_counter()
    code_batch([Article(id="warm-up", text="Russia expelled 20 Czech diplomats on Sunday.",
                        date="2021-04-18").to_dict()], nlp)
    return time.perf_counter() - t
