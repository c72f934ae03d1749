"""Training examples for the learned event model: labelled corpus texts -> candidates -> root or NONE.

Each text is run through geowire's pipeline (actors, pattern coder); `geowire.events.candidates` proposes
the candidate events of every sentence with their features, exactly as at run time, and each candidate is
labelled with the root of the annotated event it matches (same sentence, source and target of the annotated
countries and, where the annotator's words name a mention geowire found, that mention), else NONE. A
candidate on a word of the pair's parse path (kind "path word") is labelled so only where that word is the
annotated trigger: it is there for the acts the word linking the pair does not name.
Parsed documents are cached per label file in training/cache (DocBin with user data).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labels import LabelEvent, LabelledText
from spacy.tokens import Doc, DocBin

import geowire
from geowire.events.candidates import Candidate, candidates_for_doc
from geowire.events.records import doc_mentions
from geowire.events.scope import doc_scope
from geowire.model import ActorMention, Article

CACHE = Path(__file__).resolve().parent / "cache"


@dataclass
class Example:
    doc_id: str
    features: list[str]
    label: str  # a CAMEO root, or "NONE"
    roots: tuple[str, ...]  # every root the annotator accepts ("NONE" -> empty)
    kind: str
    source_country: str | None
    target_country: str | None
    sentence: int
    rule_roots: tuple[str, ...] = ()
    standing: str = "apart"  # how the pair stands to its document (`DocScope.standing`): its calibration group


def country(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    if str(actor.get("code") or "").upper().startswith("IGO") or actor.get("country") == "IGO":
        return "IGO"
    return actor.get("country")


def _overlaps(m: dict[str, Any] | None, span: tuple[int, int] | None) -> bool:
    return bool(m and span and m.get("start") is not None and m["start"] < span[1] and m["end"] > span[0])


def _side_ok(m: dict[str, Any] | None, codes: list[str], span: tuple[int, int] | None,
             mentions: list[dict[str, Any]]) -> bool:
    if m is None:
        return not codes
    if country(m) not in codes:
        return False
    if span is not None and any(_overlaps(x, span) for x in mentions):
        return _overlaps(m, span)  # the annotator's words name a mention geowire found: it must be this one
    return True


def _plain(m: ActorMention | None) -> dict[str, Any] | None:
    return None if m is None else m.to_dict()


def label_of(c: Candidate, doc: Doc, events: list[LabelEvent], mentions: list[dict[str, Any]]
             ) -> tuple[str, tuple[str, ...]]:
    sent = doc[c.sent_start].sent
    lo, hi = sent.start_char, sent.end_char
    here = [e for e in events if lo <= e.trigger[0] < hi]
    sm = [m for m in mentions if m.get("start") is not None and lo <= m["start"] < hi]
    best: LabelEvent | None = None
    trig = doc[c.trigger].idx
    for e in here:
        if not (_side_ok(_plain(c.source), e.source, e.source_span, sm)
                and _side_ok(_plain(c.target), e.target, e.target_span, sm)):
            continue
        if best is None or abs(e.trigger[0] - trig) < abs(best.trigger[0] - trig):
            best = e
    if best is None or best.status != "asserted" or not best.roots:
        return "NONE", ()
    if c.kind == "path word" and not _on_trigger(doc, c.trigger, best):
        return "NONE", ()  # the pair's act is on another word: its own candidates carry it
    return best.roots[0], tuple(best.roots)


def _on_trigger(doc: Doc, i: int, e: LabelEvent) -> bool:
    """Whether word `i` is (part of) the words the annotator marked as the event's trigger."""
    start = doc[i].idx
    return start < e.trigger[1] and e.trigger[0] < start + len(doc[i].text)


GEOWIRE_PIPES = ("geowire_actors", "geowire_events")
# geowire's components that are part of the cached parse (they only set the parse: sentence starts, and the
# headlines' verbs read again); changing this list, or what they do, changes the cache's name
PARSE_PIPES = ("geowire_layout", "geowire_reread")
PARSE_VERSION = "reread-2"


def _cache_file(name: str, texts: list[LabelledText]) -> Path:
    key = PARSE_VERSION + "".join(t.id + (t.date or "") + t.text for t in texts)
    h = hashlib.sha1(key.encode()).hexdigest()[:12]
    return CACHE / f"{name}-{h}.spacy"


def parsed(name: str, texts: list[LabelledText]) -> list[Doc]:
    """Docs of the texts with geowire's actors and pattern events. The spaCy parse is cached (it is most of
    the cost and does not change with geowire's code); geowire's own components run anew each time."""
    nlp = geowire.load()
    path = _cache_file(name, texts)
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        own = [n for n in nlp.pipe_names if n.startswith("geowire_") and n not in PARSE_PIPES]
        arts = [Article(id=t.id, text=t.text, date=t.date) for t in texts]
        with nlp.select_pipes(disable=own):
            docs = list(geowire.parse(arts, nlp))
        CACHE.mkdir(exist_ok=True)
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        db.to_disk(path)
    for d in docs:
        for pipe in GEOWIRE_PIPES:
            nlp.get_pipe(pipe)(d)
    return docs


def examples(texts: list[LabelledText], docs: list[Doc]) -> Iterator[Example]:
    for t, doc in zip(texts, docs, strict=True):
        mentions = [m for m in doc._.geowire_actors or [] if m.get("country")]
        resolved = doc_mentions(doc, resolved_only=True)
        scope = doc_scope(resolved)
        for c in candidates_for_doc(doc, resolved, doc._.geowire_rule_events or []):
            label, roots = label_of(c, doc, t.events, mentions)
            yield Example(t.id, c.features, label, roots, c.kind, country(_plain(c.source)), country(_plain(c.target)), c.sent_start,
                          tuple(sorted({str(r["cameo"])[:2] for r in c.rules if not r["negated"]})),
                          scope.standing(c.source.country, c.target.country if c.target else None))
