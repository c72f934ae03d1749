"""Choose the default confidence bar on the dev articles and measure calibration there.

usage: python training/threshold.py [--write]

Codes ../shared/dev/articles.jsonl and wikinews.jsonl once, then for each pair of bars (one for events a
dictionary pattern coded and the model verified, 0.10 to 0.30; one for events the model proposed alone, 0.10
to 0.90) scores what `extract` would print (the reference scorer's rules, `geowire.eval_articles`), and prints
precision, recall and F1 over both files. The pair with the best F1 among those that print no forbidden item is
the default (`--write` stores it in the model card). It also prints the reliability table: for each confidence band, the share of printed events the
gold supports, for all events and for each kind. The dev sets only choose these two numbers; the model never
trains on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import geowire
from geowire.eval import actor_country, load_gold
from geowire.eval_articles import score_articles
from geowire.knowledge import data_path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
BANDS = [(0.1, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)]
PATTERN_BARS = [0.1, 0.15, 0.2, 0.25, 0.3]           # the bar of events a pattern coded and the model verified
MODEL_BARS = [round(0.1 + 0.05 * i, 2) for i in range(17)]  # the bar of events the model proposed alone


def coded(name: str) -> tuple[list[dict], dict[str, list[dict]], dict[str, set[str]]]:
    """Gold, every asserted event geowire keeps (with `backed`: a pattern coded it) and the actors found."""
    gold = load_gold(DEV / f"{name}.jsonl")
    nlp = geowire.load()
    docs = geowire.parse([geowire.Article(id=str(g["id"]), text=g["text"], date=g.get("date")) for g in gold], nlp)
    preds, actors = {}, {}
    for d in docs:
        preds[str(d._.geowire_doc_id)] = [e.to_dict() | {"backed": e.pattern_backed}
                                  for e in geowire.events_from_doc(d) if e.asserted]
        actors[str(d._.geowire_doc_id)] = {c for m in d._.geowire_actors or [] if (c := actor_country(m))}
    return gold, preds, actors


def figures(sets: dict, keep: Callable[[dict], bool]) -> tuple[dict[str, float], dict[str, dict]]:
    """Precision, recall and F1 over both files of the events `keep` lets through, and each file's figures."""
    tot = {"supported": 0, "judged": 0, "gold_found": 0, "gold_n": 0}
    per = {}
    for n, (gold, preds, actors) in sets.items():
        per[n] = score_articles(gold, {k: [e for e in v if keep(e)] for k, v in preds.items()}, actors).figures()
        for k in tot:
            tot[k] += per[n][k]
    p, r = tot["supported"] / max(tot["judged"], 1), tot["gold_found"] / max(tot["gold_n"], 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3)}, per


def reliability(sets: dict, group: bool | None) -> None:
    """The share of printed events the gold supports per confidence band (`group`: pattern-backed events
    only, the model's alone only, or None: all)."""
    for lo, hi in BANDS:
        ok = n = 0
        for gold, preds, actors in sets.values():
            band = {k: [e for e in v if lo <= e["confidence"] < hi and group in (None, e["backed"])]
                    for k, v in preds.items()}
            rep = score_articles(gold, band, actors)
            ok += rep.counts["supported"]
            n += rep.counts["judged"]
        name = {None: "all", True: "pattern-backed", False: "model alone"}[group]
        print(f"{name:14} confidence {lo:.1f}-{min(hi, 1.0):.1f}: {ok}/{n} supported = {ok / max(n, 1):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="store the best bars in the model card")
    args = ap.parse_args()
    sets = {n: coded(n) for n in ("articles", "wikinews")}
    best: tuple[float, float, float, float] = (0.0, 0.0, 0.5, 0.5)  # F1, then recall on a tie, and the bars
    for pattern_bar in PATTERN_BARS:
        for bar in MODEL_BARS:
            if bar < pattern_bar:
                continue

            def keep(e: dict, pb: float = pattern_bar, b: float = bar) -> bool:
                return e["confidence"] >= (pb if e["backed"] else b)

            tot, per = figures(sets, keep)
            forbidden = sum(x["forbidden"] for x in per.values())
            print(json.dumps({"pattern_bar": pattern_bar, "bar": bar, **tot,
                              "articles_required": per["articles"]["required"], "forbidden": forbidden}))
            if forbidden == 0:  # a bar that prints an event the text says did not happen is never the default
                best = max(best, (tot["f1"], tot["recall"], pattern_bar, bar))
    for group in (None, True, False):
        reliability(sets, group)
    f1, _, pattern_bar, bar = best
    print(f"best F1 {f1:.3f}: pattern-backed events at {pattern_bar}, the model's alone at {bar}")
    if args.write:
        path = data_path("models", "event_model.json")
        card = json.loads(path.read_text(encoding="utf-8"))
        card["threshold"], card["pattern_threshold"] = bar, pattern_bar
        card["threshold_chosen_on"] = ("best F1 over ../shared/dev/articles.jsonl and wikinews.jsonl with no "
                                       "forbidden item, the two bars (pattern-backed, model alone) chosen together")
        path.write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote pattern_threshold {pattern_bar} and threshold {bar} to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
