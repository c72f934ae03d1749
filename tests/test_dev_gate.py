"""Accuracy gate on the development sets in ../shared/dev: skipped where ../shared does not exist, a failure
where it does and a file is missing (CI has it).

Floors are pinned a little under the measured figures (docs/accuracy.md): raise them as the coder improves,
never lower them to pass. The scoring itself is `geowire.eval` and ../shared/tools/score_articles.py, whose
figures are read as data (`--json`), not parsed from its printed text.
"""

from __future__ import annotations

import json
import subprocess
import sys

import geowire
from geowire.eval import evaluate

from .conftest import shared_file

# The GSR floors were re-pinned when the event model became the verifier of every event (precision issue):
# the model drops pattern events the rules alone printed, which costs GSR dyad recall (0.741 -> 0.639) and
# adds extra events per sentence (0.39 -> 0.87); docs/accuracy.md.
GSR_DYAD_FLOOR = 0.62
GSR_ACTOR_RECALL_FLOOR = 0.80
GSR_ACTOR_RESOLUTION_FLOOR = 0.88
GSR_EXTRA_CEILING = 0.95
GSR_ROOT_FLOOR = 0.30  # every root with at least 5 gold dyads
ARTICLES_REQUIRED_FLOOR = 76  # of 95
# precision and recall against the exhaustive `events` lists, at the default bars (geowire eval)
ARTICLE_FLOORS = {"articles.jsonl": {"precision": 0.50, "recall": 0.52},
                  "wikinews.jsonl": {"precision": 0.47, "recall": 0.35}}


def test_gsr_floors(shared, nlp) -> None:
    r = evaluate(shared_file(shared, "dev", "plover_gsr.jsonl"))
    print({k: r[k] for k in ("dyad_recall", "actor_recall", "actor_resolution", "extra_events_per_sentence")})
    assert r["dyad_recall"] >= GSR_DYAD_FLOOR
    assert r["actor_recall"] >= GSR_ACTOR_RECALL_FLOOR
    assert r["actor_resolution"] >= GSR_ACTOR_RESOLUTION_FLOOR
    assert r["extra_events_per_sentence"] <= GSR_EXTRA_CEILING
    weak = {root: v["recall"] for root, v in r["per_root"].items() if v["gold"] >= 5 and v["recall"] < GSR_ROOT_FLOOR}
    assert not weak, weak


def test_articles_floor(shared, nlp, tmp_path) -> None:
    gold = shared_file(shared, "dev", "articles.jsonl")
    scorer = shared_file(shared, "tools", "score_articles.py")
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    arts = [geowire.Article(id=r["id"], text=r["text"], date=r.get("date")) for r in rows]
    out = tmp_path / "events.jsonl"
    out.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in geowire.extract(arts, nlp)), encoding="utf-8")
    res = json.loads(subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--json"],
                                    capture_output=True, text=True, check=True).stdout)
    print({k: res.get(k) for k in ("required", "required_n", "stretch", "forbidden", "stray", "precision", "recall")})
    assert res["articles"] == len(rows) and res["required_n"] >= 95
    assert res["required"] >= ARTICLES_REQUIRED_FLOOR and res["forbidden"] == 0


def test_article_precision_and_recall_floors(shared, nlp) -> None:
    for name, floors in ARTICLE_FLOORS.items():
        r = evaluate(shared_file(shared, "dev", name))
        print(name, {k: r[k] for k in ("precision", "recall", "f1", "required", "required_n", "forbidden")})
        assert r["kind"] == "articles" and r["precision"] >= floors["precision"] and r["recall"] >= floors["recall"]
