"""The written cases of tests/cases/*.yml: loading, coding (every case once per session, in one batch) and
judging one case. `test_events.py` and `test_actors.py` make each case its own test and keep the aggregate
floors; `known_failures.yml` lists the cases known to fail today (strict xfails: the list can only shrink).

Regenerate the list after a change to the coder, and read the diff before committing it:

    .venv/bin/python -m tests.cases --write
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

import geowire
from geowire.eval import actor_country

CASES = Path(__file__).parent / "cases"
KNOWN_FAILURES = CASES / "known_failures.yml"


def load_cases(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def all_cases(kind: str) -> list[dict[str, Any]]:
    """Every case of `events*.yml` or `actors*.yml`, in file order."""
    return [c for f in sorted(CASES.glob(f"{kind}*.yml")) for c in load_cases(f.name)]


def known_failures(kind: str) -> set[str]:
    data = yaml.safe_load(KNOWN_FAILURES.read_text(encoding="utf-8")) or {}
    return set(data.get(kind) or [])


def _articles(cases: list[dict[str, Any]]) -> list[geowire.Article]:
    return [geowire.Article(id=c["id"], text=c["text"], date=c.get("date")) for c in cases]


def code_event_cases(cases: list[dict[str, Any]], nlp: Any) -> dict[str, list[geowire.Event]]:
    """Every event (negated and hypothetical ones too) of each case, coded in one batch."""
    out: dict[str, list[geowire.Event]] = {c["id"]: [] for c in cases}
    for ev in geowire.extract(_articles(cases), nlp, include_negated=True, include_hypothetical=True):
        out[ev.doc_id].append(ev)
    return out


def actor_mentions(cases: list[dict[str, Any]], nlp: Any) -> dict[str, list[dict[str, Any]]]:
    """The resolved actor mentions of each case, parsed in one batch."""
    return {str(doc._.geowire_doc_id): doc._.geowire_actors for doc in geowire.parse(_articles(cases), nlp)}


def matches(item: dict[str, Any], ev: geowire.Event) -> bool:
    """An expected/forbidden item (source, target, roots) against one asserted event."""
    if ev.negated or ev.modality == "hypothetical":
        return False
    if item.get("source") and actor_country(ev.source) != item["source"]:
        return False
    tgt = item.get("target")
    if tgt is not None and actor_country(ev.target) != tgt:
        return False
    if item.get("date") and str(ev.date) != str(item["date"]):
        return False  # "dated as the article": a background act must keep its own year
    roots = item.get("roots", "any")
    return roots == "any" or ev.cameo_root in [str(r).zfill(2) for r in roots]


def judge_event_case(case: dict[str, Any], events: list[geowire.Event]) -> tuple[int, int, int, int, list[str]]:
    """(expected found, expected, must-not respected, must-not, problems) of one event case."""
    problems = []
    exp_ok = bad_ok = 0
    got = [(actor_country(e.source), actor_country(e.target), e.cameo, e.negated, e.modality) for e in events]
    for item in case.get("expect") or []:
        if any(matches(item, e) for e in events):
            exp_ok += 1
        else:
            problems.append(f"MISS {case['id']} {item} | {case['text']} | {got}")
    for item in case.get("must_not") or []:
        if any(matches(item, e) for e in events):
            problems.append(f"WRONG {case['id']} {item} | {case['text']}")
        else:
            bad_ok += 1
    return exp_ok, len(case.get("expect") or []), bad_ok, len(case.get("must_not") or []), problems


def judge_actor_case(case: dict[str, Any], mentions: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    """(items right, items, problems) of one actor case."""
    text = case["text"]
    ok = total = 0
    problems = []
    for item in case.get("expect") or []:
        total += 1
        hit = [m for m in mentions if m["text"] == item["text"] and m["country"] == item["country"]
               and (not item.get("sector") or m["sector"] == item["sector"])
               and (not item.get("name") or m["name"] == item["name"])]
        if hit:
            ok += 1
        else:
            got = [(m["text"], m["country"], m["sector"], m["name"]) for m in mentions]
            problems.append(f"{case['id']}: expected {item} got {got}")
    for bad in case.get("not_actors") or []:
        total += 1
        start = text.find(bad)
        end = start + len(bad)
        clash = [m for m in mentions if m["start"] < end and m["end"] > start]
        if clash:
            problems.append(f"{case['id']}: {bad!r} resolved as {[m['text'] for m in clash]}")
        else:
            ok += 1
    return ok, total, problems


def failing_now(nlp: Any) -> dict[str, list[str]]:
    """The ids of the cases that fail with the current coder."""
    events, actors = all_cases("events"), all_cases("actors")
    coded, mentions = code_event_cases(events, nlp), actor_mentions(actors, nlp)
    return {"events": [c["id"] for c in events if judge_event_case(c, coded[c["id"]])[4]],
            "actors": [c["id"] for c in actors if judge_actor_case(c, mentions[c["id"]])[2]]}


def main(argv: list[str]) -> int:
    failing = failing_now(geowire.load())
    text = ("# Written cases known to fail today: each is a strict xfail in tests/test_events.py and\n"
            "# tests/test_actors.py (a listed case that passes fails the run: take it off the list).\n"
            "# Regenerate with `.venv/bin/python -m tests.cases --write` and read the diff before committing.\n"
            + yaml.safe_dump(failing, default_flow_style=False, sort_keys=True))
    if "--write" in argv:
        KNOWN_FAILURES.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
