"""Whole-article scoring (`geowire.eval_articles`): the reference scorer's rules, and the causes it gives."""

from __future__ import annotations

import json
import subprocess
import sys

from geowire.eval_articles import is_article_gold, score_articles

from .conftest import shared_file, write_jsonl

GOLD = [{
    "id": "a1", "date": "2024-05-01", "text": "...", "allowed_actors": ["FRA", "DEU", "ITA"],
    "required": [{"id": "R1", "source": ["FRA"], "target": ["DEU"], "roots": ["04"]}],
    "stretch": [{"id": "S1", "source": ["DEU"], "target": ["FRA"], "roots": ["05"]}],
    "forbidden": [{"id": "F1", "source": ["FRA"], "target": ["DEU"], "roots": ["19"]}],
    "events": [
        {"id": "E1", "source": ["FRA"], "target": ["DEU"], "roots": ["04"]},
        {"id": "E2", "source": ["DEU"], "target": ["FRA"], "roots": ["05"]},
        {"id": "E3", "source": ["ITA"], "target": ["FRA"], "roots": ["16"], "background": True},
        {"id": "E4", "source": ["FRA"], "target": [], "roots": ["01"]},
    ],
}]


def _ev(src: str | None, tgt: str | None, cameo: str, date: str = "2024-05-01", negated: bool = False) -> dict:
    return {"doc_id": "a1", "source": {"code": src, "country": src} if src else None,
            "target": {"code": tgt, "country": tgt} if tgt else None, "cameo": cameo, "cameo_root": cameo[:2],
            "date": date, "negated": negated, "sentence": "s"}


PREDICTIONS = [
    _ev("FRA", "DEU", "040"),                   # supports E1, finds R1
    _ev("ITA", "FRA", "160"),                   # background E3, but dated as the article: unsupported
    _ev("ITA", "FRA", "161", date="2009"),      # background E3 with its own year: supported
    _ev("FRA", None, "010"),                    # E4 names no target: supported
    _ev("DEU", None, "050"),                    # E2 has a target: "no target"
    _ev("DEU", "DEU", "170"),                   # self-loop
    _ev("GBR", "FRA", "110"),                   # an actor in no gold event (and stray)
    _ev("FRA", "DEU", "190", negated=True),     # negated: not counted, so F1 is not found
]


def test_figures_follow_the_reference_rules() -> None:
    f = score_articles(GOLD, {"a1": PREDICTIONS}).figures()
    assert (f["required"], f["stretch"], f["forbidden"], f["stray"]) == (1, 0, 0, 1)
    assert (f["supported"], f["judged"]) == (3, 7)
    assert (f["gold_found"], f["gold_n"]) == (3, 4)
    assert f["unsupported_causes"] == {"background dated as current": 1, "no target": 1, "self-loop": 1,
                                       "actor in no gold event": 1}


def test_missed_gold_events_say_whether_their_actors_were_found() -> None:
    rep = score_articles(GOLD, {"a1": PREDICTIONS}, {"a1": {"FRA", "DEU"}})
    (miss,) = rep.missed
    assert miss["id"] == "E2" and miss["source_found"] and miss["target_found"]
    rep = score_articles(GOLD, {"a1": []}, {"a1": set()})
    assert {m["nearest"] for m in rep.missed} == {"actors not found"}


def test_agrees_with_the_reference_scorer(shared, tmp_path) -> None:
    scorer = shared_file(shared, "tools", "score_articles.py")
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    preds = write_jsonl(tmp_path / "events.jsonl", PREDICTIONS)
    ref = json.loads(subprocess.run([sys.executable, str(scorer), str(gold), str(preds), "--json"],
                                    capture_output=True, text=True, check=True).stdout)
    ours = score_articles(GOLD, {"a1": PREDICTIONS}).figures()
    for key in ("required", "stretch", "forbidden", "stray", "supported", "judged", "gold_found", "gold_n"):
        assert ours[key] == ref[key], key


def test_article_gold_is_told_from_sentence_gold() -> None:
    assert is_article_gold(GOLD)
    assert not is_article_gold([{"id": "s", "text": "x", "events": [{"source": "USA", "cameo_roots_accepted": ["04"]}]}])
