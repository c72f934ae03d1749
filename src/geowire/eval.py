"""Scoring against gold files in the PLOVER GSR format (`{"id", "text", "events": [...]}` per line).

A gold dyad is found when an asserted predicted event of the same sentence has the same source country, the
same target country (any target when the gold has none) and a CAMEO root the gold accepts; for `IGO` any
international organization counts. Reported: dyad recall overall and per root, actor-only recall (an event
links the right source and target, any root), type-only recall (an accepted root, any actors), extra events
per sentence, and actor resolution on its own: the gold source and target words (`source_text`,
`target_text`) found in the sentence and resolved to the gold country, event or not.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .errors import GeowireError
from .eval_articles import is_article_gold, score_articles
from .model import Article, Event
from .pipeline import events_from_doc, load, parse

__all__ = ["evaluate", "evaluate_articles", "format_report", "actor_country", "load_gold"]


def actor_country(actor: dict[str, Any] | None) -> str | None:
    """The country code an actor counts as in scoring (`IGO` for international organizations)."""
    if not actor:
        return None
    code = (actor.get("code") or "").upper()
    country = (actor.get("country") or "").upper()
    if code.startswith("IGO") or country == "IGO":
        return "IGO"
    return country or None


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise GeowireError(f"gold file not found: {path}")
    out = []
    for n, line in enumerate(p.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise GeowireError(f"{path}:{n}: invalid JSON in gold file") from None
        if not isinstance(obj, dict) or "text" not in obj or ("events" not in obj and "required" not in obj):
            raise GeowireError(f"{path}:{n}: a gold line needs 'text' and 'events' (or article 'required' items)")
        out.append(obj)
    return out


def _match(g: dict[str, Any], e: Event, roots: bool = True, actors: bool = True) -> bool:
    if actors:
        if actor_country(e.source) != g["source"]:
            return False
        if g.get("target") is not None and actor_country(e.target) != g["target"]:
            return False
    return not roots or e.cameo_root in g["cameo_roots_accepted"]


def _span(text: str, words: str) -> tuple[int, int] | None:
    """Character span of the gold actor words in the sentence, as whole words, case-sensitive first;
    "U.S. ... negotiators" spans its fragments."""
    parts = [" ".join(p.split()) for p in words.replace("..", "\0").split("\0")]
    parts = [p.strip(" .") for p in parts if p.strip(" .")]
    if not parts:
        return None
    for flags in (0, re.IGNORECASE):
        found = [re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, p.split())) + r"(?!\w)", text, flags)
                 for p in parts]
        hits = [m for m in found if m is not None]
        if len(hits) == len(parts):
            return hits[0].start(), max(m.end() for m in hits)
    return None


def _resolved(text: str, words: str | None, country: str, mentions: list[dict[str, Any]]) -> bool:
    """Whether a resolved mention inside the gold actor words has the gold country."""
    span = _span(text, words or "")
    if span is None:
        return False
    return any(m["start"] is not None and m["start"] < span[1] and m["end"] > span[0]
               and actor_country(m) == country for m in mentions)


def evaluate_articles(gold: list[dict[str, Any]], gold_path: str | Path,
                      min_confidence: float | None = None) -> dict[str, Any]:
    """Whole-article scoring (required / stretch / forbidden, precision and recall against `events`) with the
    likely cause of every unsupported prediction and, for every missed gold event, whether its actors were
    found. Predictions are what `extract` prints: asserted events at or above the confidence bar."""
    nlp = load()
    articles = [Article(id=str(g["id"]), text=g["text"], date=g.get("date")) for g in gold]
    preds: dict[str, list[dict[str, Any]]] = {}
    actors: dict[str, set[str]] = {}
    for doc in parse(articles, nlp):
        doc_id = str(doc._.geowire_doc_id)
        actors[doc_id] = {c for m in doc._.geowire_actors or [] if (c := actor_country(m))}
        preds[doc_id] = [e.to_dict() for e in events_from_doc(doc) if e.asserted and e.meets(min_confidence)]
    rep = score_articles(gold, preds, actors)
    return {"gold": str(gold_path), "kind": "articles", **rep.figures(), "unsupported": rep.unsupported,
            "missed": rep.missed}


def evaluate(gold_path: str | Path, min_confidence: float | None = None) -> dict[str, Any]:
    """Score extraction against a gold file: whole articles (article gold) or PLOVER GSR sentences."""
    gold = load_gold(gold_path)
    if is_article_gold(gold):
        return evaluate_articles(gold, gold_path, min_confidence)
    nlp = load()
    # ids made unique by position: a gold file may repeat an id for two sentences
    articles = [Article(id=f"{i}:{g.get('id', i)}", text=g["text"], date=g.get("date")) for i, g in enumerate(gold)]
    by_doc: dict[str, list[Event]] = defaultdict(list)
    mentions: dict[str, list[dict[str, Any]]] = {}
    for doc in parse(articles, nlp):
        mentions[str(doc._.geowire_doc_id)] = doc._.geowire_actors or []
        by_doc[str(doc._.geowire_doc_id)] = [e for e in events_from_doc(doc) if e.asserted and e.meets(min_confidence)]
    n_gold = found = actor_found = type_found = extra = resolved = 0
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[dict[str, Any]] = []
    for a, g in zip(articles, gold, strict=True):
        evs = by_doc.get(a.id, [])
        used: set[int] = set()
        for gd in g["events"]:
            n_gold += 1
            root = (gd.get("cameo_code") or gd["cameo_roots_accepted"][0])[:2]
            per_root[root][1] += 1
            hit = [i for i, e in enumerate(evs) if _match(gd, e)]
            if hit:
                found += 1
                per_root[root][0] += 1
                used.update(hit)
            else:
                misses.append({"id": a.id, "text": a.text, "gold": {k: gd.get(k) for k in (
                    "source", "target", "cameo_roots_accepted", "source_text", "target_text")},
                    "predicted": [(actor_country(e.source), actor_country(e.target), e.cameo) for e in evs]})
            if any(_match(gd, e, roots=False) for e in evs):
                actor_found += 1
                used.update(i for i, e in enumerate(evs) if _match(gd, e, roots=False))
            if any(_match(gd, e, actors=False) for e in evs):
                type_found += 1
            if all(_resolved(a.text, gd.get(f"{side}_text"), gd.get(side), mentions[a.id])
                   for side in ("source", "target") if gd.get(side) is not None):
                resolved += 1
        extra += sum(1 for i in range(len(evs)) if i not in used)
    n = max(n_gold, 1)
    return {
        "gold": str(gold_path), "kind": "gsr", "sentences": len(gold), "gold_dyads": n_gold,
        "dyad_recall": round(found / n, 3), "actor_recall": round(actor_found / n, 3),
        "type_recall": round(type_found / n, 3), "actor_resolution": round(resolved / n, 3),
        "extra_events_per_sentence": round(extra / max(len(gold), 1), 3),
        "per_root": {r: {"found": v[0], "gold": v[1], "recall": round(v[0] / max(v[1], 1), 3)}
                     for r, v in sorted(per_root.items())},
        "misses": misses,
    }


def _format_articles(report: dict[str, Any], misses: int = 0) -> str:
    r = report
    lines = [
        f"gold: {r['gold']} ({r['articles']} articles, {r['events']} predicted events)",
        f"required {r['required']}/{r['required_n']} = {r['required_recall']:.3f}; stretch {r['stretch']}/"
        f"{r['stretch_n']}; forbidden {r['forbidden']}; stray-actor events {r['stray']}",
        f"exhaustive gold: precision {r['supported']}/{r['judged']} = {r['precision']:.3f}; recall "
        f"{r['gold_found']}/{r['gold_n']} = {r['recall']:.3f}; F1 {r['f1']:.3f}",
        "unsupported predictions by likely cause:",
        *(f"  {k}: {v}" for k, v in r["unsupported_causes"].items()),
        "missed gold events:",
        *(f"  {k}: {v}" for k, v in r["missed_causes"].items()),
    ]
    for u in r["unsupported"][:misses]:
        lines.append(f"UNSUPPORTED {u['article']} [{u['cause']}] {u['source']} {u['cameo']} {u['target']} "
                     f"| {u['sentence'][:120]}")
    for m in r["missed"][:misses]:
        lines.append(f"MISSED {m['article']} {m['id']} [{m['nearest']}] {m['source']} {m['roots']} {m['target']} "
                     f"| {m['what']}")
    return "\n".join(lines)


def format_report(report: dict[str, Any], misses: int = 0) -> str:
    if report.get("kind") == "articles":
        return _format_articles(report, misses)
    lines = [
        f"gold: {report['gold']} ({report['sentences']} sentences, {report['gold_dyads']} dyads)",
        f"dyad recall (source, target, root): {report['dyad_recall']:.3f}",
        f"actor-only recall (source and target): {report['actor_recall']:.3f}",
        f"type-only recall (root): {report['type_recall']:.3f}",
        f"actor resolution (gold source and target words resolved right, event or not): "
        f"{report['actor_resolution']:.3f}",
        f"extra events per sentence: {report['extra_events_per_sentence']:.3f}",
        "per root:",
    ]
    for r, v in report["per_root"].items():
        lines.append(f"  {r}: {v['found']:3d}/{v['gold']:3d} = {v['recall']:.3f}")
    for m in report["misses"][:misses]:
        lines.append(f"MISS {m['id']}: {m['gold']} predicted={m['predicted']} | {m['text']}")
    return "\n".join(lines)
