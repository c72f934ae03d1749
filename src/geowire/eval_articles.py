"""Scoring whole articles against article gold files (`../shared/dev/articles.jsonl` and the like).

The rules are those of the reference scorer `shared/tools/score_articles.py` (see `shared/dev/ANNOTATION.md`):
an item is found when an asserted prediction of its article has a source country in the item's `source`, a
target country in its `target` and a root in its `roots`; against the exhaustive `events` list a prediction is
supported when some gold event matches it (no target where the gold names none; a date before the article's
for a `background` event). Besides the scorer's figures this module says why: the likely cause of every
unsupported prediction and, for every missed gold event, whether its actors were found at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["is_article_gold", "score_articles", "ArticleReport", "prediction_row"]

# Causes of an unsupported prediction, in the order they are tested.
CAUSES = ("self-loop", "background dated as current", "no target", "actor in no gold event",
          "same actors, another root", "wrong target", "wrong source", "other")


def is_article_gold(rows: list[dict[str, Any]]) -> bool:
    """Article gold (whole texts with `required` items or `roots`-coded events), not GSR sentences."""
    return bool(rows) and all("required" in r or any("roots" in e for e in r.get("events") or []) for r in rows)


def _country(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    code = str(actor.get("code") or "").upper()
    c = str(actor.get("country") or "").upper()
    if code.startswith("IGO") or c == "IGO":
        return "IGO"
    return c or None


def prediction_row(ev: dict[str, Any]) -> dict[str, Any]:
    """The scored view of one predicted event (contract dict): countries, root, date, evidence."""
    root = ev.get("cameo_root") or str(ev.get("cameo") or "")[:2]
    return {"source": _country(ev.get("source")), "target": _country(ev.get("target")),
            "root": str(root).zfill(2) if root else None, "cameo": ev.get("cameo"), "date": ev.get("date"),
            "sentence": (ev.get("sentence") or "").strip(), "confidence": ev.get("confidence"),
            "id": ev.get("id")}


def _finds(item: dict[str, Any], p: dict[str, Any]) -> bool:
    return p["source"] in item["source"] and p["target"] in item["target"] and p["root"] in item["roots"]


def _supports(item: dict[str, Any], p: dict[str, Any], article_date: str | None) -> bool:
    if p["source"] not in item["source"] or p["root"] not in item["roots"]:
        return False
    if (p["target"] is None) != (not item["target"]) or (p["target"] is not None and p["target"] not in item["target"]):
        return False
    if item.get("background"):
        return bool(p["date"] and article_date and str(p["date"]) < str(article_date))
    return True


def _cause(p: dict[str, Any], gold: list[dict[str, Any]]) -> str:
    s, t, r = p["source"], p["target"], p["root"]
    if t is not None and s == t:
        return "self-loop"
    if any(i.get("background") and s in i["source"] and r in i["roots"]
           and ((t is None and not i["target"]) or t in i["target"]) for i in gold):
        return "background dated as current"
    if t is None and any(s in i["source"] and r in i["roots"] and i["target"] for i in gold):
        return "no target"
    named = {c for i in gold for c in i["source"] + i["target"]}
    if s not in named or (t is not None and t not in named):
        return "actor in no gold event"
    if any(s in i["source"] and t in i["target"] for i in gold):
        return "same actors, another root"
    if any(s in i["source"] and r in i["roots"] for i in gold):
        return "wrong target"
    if any(t in i["target"] and r in i["roots"] for i in gold):
        return "wrong source"
    return "other"


def _miss(item: dict[str, Any], preds: list[dict[str, Any]], found_countries: set[str]) -> dict[str, Any]:
    """Why a gold event was missed: were its actors found in the text at all, and what came closest."""
    src_found = bool(set(item["source"]) & found_countries)
    tgt_found = (not item["target"]) or bool(set(item["target"]) & found_countries)
    if any(p["source"] in item["source"] and p["target"] in item["target"] for p in preds):
        near = "same actors, another root"
    elif any(p["source"] in item["source"] and p["root"] in item["roots"] for p in preds):
        near = "same source and root, another target"
    elif not (src_found and tgt_found):
        near = "actors not found"
    else:
        near = "actors found, no event"
    return {"id": item.get("id"), "source": item["source"], "target": item["target"], "roots": item["roots"],
            "what": item.get("what"), "background": bool(item.get("background")), "source_found": src_found,
            "target_found": tgt_found, "nearest": near}


@dataclass
class ArticleReport:
    """Totals over an article gold file, with the per-prediction and per-miss explanations."""

    counts: Counter[str] = field(default_factory=Counter)
    unsupported: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        c = self.counts
        p = c["supported"] / max(c["judged"], 1)
        r = c["gold_found"] / max(c["gold_n"], 1)
        return {
            "articles": c["articles"], "events": c["events"],
            "required": c["required"], "required_n": c["required_n"],
            "required_recall": round(c["required"] / max(c["required_n"], 1), 3),
            "stretch": c["stretch"], "stretch_n": c["stretch_n"], "forbidden": c["forbidden"], "stray": c["stray"],
            "supported": c["supported"], "judged": c["judged"], "gold_found": c["gold_found"], "gold_n": c["gold_n"],
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3),
            "unsupported_causes": dict(Counter(u["cause"] for u in self.unsupported).most_common()),
            "missed_causes": dict(Counter(m["nearest"] for m in self.missed).most_common()),
        }


def score_articles(gold: Iterable[dict[str, Any]], predictions: dict[str, list[dict[str, Any]]],
                   actors: dict[str, set[str]] | None = None) -> ArticleReport:
    """Score predicted events (contract dicts, asserted only, keyed by article id) against article gold.
    `actors` gives, per article, the countries of every actor mention found (for the miss explanations)."""
    rep = ArticleReport()
    c = rep.counts
    for g in gold:
        preds = [prediction_row(e) for e in predictions.get(str(g["id"]), []) if not e.get("negated")]
        allowed = set(g.get("allowed_actors") or []) | {"IGO"}
        c["articles"] += 1
        c["events"] += len(preds)
        for kind in ("required", "stretch", "forbidden"):
            items = g.get(kind) or []
            c[kind] += sum(1 for i in items if any(_finds(i, p) for p in preds))
            c[kind + "_n"] += len(items)
        c["stray"] += sum(1 for p in preds for a in (p["source"], p["target"]) if a and a not in allowed)
        events = g.get("events")
        if events is None:
            continue
        date = g.get("date")
        c["judged"] += len(preds)
        c["gold_n"] += len(events)
        for p in preds:
            if any(_supports(i, p, date) for i in events):
                c["supported"] += 1
            else:
                rep.unsupported.append({"article": g["id"], "cause": _cause(p, events)} | p)
        found = (actors or {}).get(str(g["id"]), set())
        for i in events:
            if any(_supports(i, p, date) for p in preds):
                c["gold_found"] += 1
            else:
                rep.missed.append({"article": g["id"]} | _miss(i, preds, found))
    return rep
