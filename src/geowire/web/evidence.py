"""Evidence: where an event's sentence, actors, trigger and place sit in its document, and the document with every
event's evidence and its highlighted spans. Offsets are checked against the text before they are used."""

from __future__ import annotations

from typing import Any

from ..store import Store, query

__all__ = ["document_view", "event_view", "highlight", "spans_of", "evidence"]


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The document with its text, every coded event (negated and hypothetical ones flagged) with its
    evidence, and the highlighted spans (actors and triggers) of the text."""
    doc = query.get_document(store.con, doc_id)
    if doc is None:
        return None
    events = query.events(store.con, query.EventFilter(doc_id=doc_id, include_negated=True))
    text = doc["text"] or ""
    doc["events"] = [dict(ev, evidence=evidence(text, ev)) for ev in events]
    doc["highlights"] = spans_of(text, events)
    return doc


def event_view(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence in its document."""
    ev = query.get_event(store.con, event_id)
    if ev is None:
        return None
    doc = query.get_document(store.con, ev["doc_id"])
    return dict(ev, evidence=evidence((doc or {}).get("text") or "", ev))


# highlighting --------------------------------------------------------------------------------------------
def _valid(text: str, start: Any, end: Any, surface: Any) -> bool:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    return surface is None or text[start:end] == surface


def spans_of(text: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actor, trigger and place (location) spans of `events` in `text` (offsets checked against the text),
    without overlaps."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for ev in events:
        parts = [("actor", ev.get("source")), ("actor", ev.get("target")), ("trigger", ev.get("trigger")),
                 ("place", ev.get("location"))]  # a place that is also an actor's words stays the actor's
        for kind, part in parts:
            if not part or not _valid(text, part.get("start"), part.get("end"), part.get("text")):
                continue
            key = (part["start"], part["end"])
            span = found.setdefault(key, {"start": key[0], "end": key[1], "kind": kind, "text": text[key[0]:key[1]],
                                          "code": part.get("code"), "events": []})
            if kind == "trigger":
                span["kind"] = "trigger"
            if ev["id"] not in span["events"]:
                span["events"].append(ev["id"])
    out: list[dict[str, Any]] = []
    last_end = -1
    for key in sorted(found, key=lambda k: (k[0], -k[1])):
        if key[0] >= last_end:
            out.append(found[key])
            last_end = key[1]
    return out


def highlight(text: str, spans: list[dict[str, Any]], base: int = 0) -> list[dict[str, Any]]:
    """`text` cut into segments: plain ones (`span` None) and highlighted ones (`span` the span dict).
    Span offsets are relative to a larger text that `text` starts at offset `base` of."""
    segs: list[dict[str, Any]] = []
    pos = 0
    for sp in spans:
        s, e = sp["start"] - base, sp["end"] - base
        if s < pos or e > len(text) or s >= e:
            continue
        if s > pos:
            segs.append({"text": text[pos:s], "span": None})
        segs.append({"text": text[s:e], "span": sp})
        pos = e
    if pos < len(text):
        segs.append({"text": text[pos:], "span": None})
    return segs


def evidence(text: str, ev: dict[str, Any]) -> dict[str, Any]:
    """Where the event's sentence sits in the document text, and its highlighted spans."""
    sentence = ev.get("sentence") or ""
    trig = ev.get("trigger") or {}
    t_start = trig.get("start")
    anchor: int = t_start if isinstance(t_start, int) else 0
    start = -1
    if sentence:
        # the occurrence of the sentence that contains the trigger
        i = text.find(sentence)
        while i != -1:
            if i <= anchor < i + len(sentence):
                start = i
                break
            i = text.find(sentence, i + 1)
    spans = spans_of(text, [ev]) if start >= 0 else []
    return {"sentence": sentence, "sentence_index": ev.get("sentence_index"),
            "sentence_start": start if start >= 0 else None,
            "sentence_end": start + len(sentence) if start >= 0 else None,
            "spans": [{k: sp[k] for k in ("start", "end", "kind", "text")} for sp in spans]}
