"""Choose the default confidence bar on the dev articles and measure calibration there.

usage: python training/threshold.py [--write]

Codes ../shared/dev/articles.jsonl and wikinews.jsonl once, then for each bar from 0.10 to 0.90 scores what
`extract` would print (the reference scorer's rules, `geowire.eval_articles`), and prints precision, recall
and F1 over both files. The bar with the best F1 is the default (`--write` stores it in the model card).
It also prints the reliability table: for each confidence band, the share of printed events the gold
supports. The dev sets only choose this one number; the model never trains on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geowire
from geowire.eval import actor_country, load_gold
from geowire.eval_articles import score_articles
from geowire.knowledge import data_path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
BANDS = [(0.1, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)]


def coded(name: str) -> tuple[list[dict], dict[str, list[dict]], dict[str, set[str]]]:
    gold = load_gold(DEV / f"{name}.jsonl")
    nlp = geowire.load()
    docs = geowire.parse([geowire.Article(id=str(g["id"]), text=g["text"], date=g.get("date")) for g in gold], nlp)
    preds, actors = {}, {}
    for d in docs:
        preds[str(d._.geowire_doc_id)] = [e.to_dict() for e in geowire.events_from_doc(d) if e.asserted]
        actors[str(d._.geowire_doc_id)] = {c for m in d._.geowire_actors or [] if (c := actor_country(m))}
    return gold, preds, actors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="store the best bar in the model card")
    args = ap.parse_args()
    sets = {n: coded(n) for n in ("articles", "wikinews")}
    best = (0.0, 0.5)
    rows = []
    for bar in [round(0.1 + 0.05 * i, 2) for i in range(17)]:
        tot = {"supported": 0, "judged": 0, "gold_found": 0, "gold_n": 0}
        per = {}
        for n, (gold, preds, actors) in sets.items():
            f = score_articles(gold, {k: [e for e in v if e["confidence"] >= bar] for k, v in preds.items()},
                               actors).figures()
            per[n] = f
            for k in tot:
                tot[k] += f[k]
        p, r = tot["supported"] / max(tot["judged"], 1), tot["gold_found"] / max(tot["gold_n"], 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        rows.append({"bar": bar, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                     "articles_required": per["articles"]["required"], "forbidden": sum(x["forbidden"] for x in per.values())})
        best = max(best, (f1, bar))
    for r in rows:
        print(json.dumps(r))
    # reliability: share of supported predictions per confidence band, both files
    for lo, hi in BANDS:
        ok = n = 0
        for gold, preds, actors in sets.values():
            band = {k: [e for e in v if lo <= e["confidence"] < hi] for k, v in preds.items()}
            rep = score_articles(gold, band, actors)
            ok += rep.counts["supported"]
            n += rep.counts["judged"]
        print(f"confidence {lo:.1f}-{min(hi, 1.0):.1f}: {ok}/{n} supported = {ok / max(n, 1):.3f}")
    print(f"best F1 {best[0]:.3f} at bar {best[1]}")
    if args.write:
        path = data_path("models", "event_model.json")
        card = json.loads(path.read_text(encoding="utf-8"))
        card["threshold"] = best[1]
        card["threshold_chosen_on"] = "best F1 over ../shared/dev/articles.jsonl and wikinews.jsonl"
        path.write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote threshold {best[1]} to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
