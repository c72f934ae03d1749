#!/usr/bin/env python3
"""Check a label file against its input: every quoted field must be an exact substring of the text, every
root a CAMEO root, every status one of asserted, negated and hypothetical.

usage: python3 training/check_labels.py INPUT.jsonl OUTPUT.jsonl
"""

from __future__ import annotations

import json
import sys
from typing import Any

ROOTS = {f"{i:02d}" for i in range(1, 21)}
QUOTED = ("evidence", "trigger", "source_text", "target_text")
STATUSES = ("asserted", "negated", "hypothetical")


def event_problems(label_id: str, k: int, event: dict[str, Any], text: str) -> list[str]:
    """What is wrong with one labelled event of the text `text`."""
    out = [f"{label_id} event {k}: {f} not in text: {event[f]!r}"
           for f in QUOTED if event.get(f) is not None and event[f] not in text]
    if event.get("trigger") and event.get("evidence") and event["trigger"] not in event["evidence"]:
        out.append(f"{label_id} event {k}: trigger not in evidence")
    if not event.get("roots") or any(r not in ROOTS for r in event["roots"]):
        out.append(f"{label_id} event {k}: bad roots {event.get('roots')}")
    if event.get("status") not in STATUSES:
        out.append(f"{label_id} event {k}: bad status {event.get('status')}")
    return out


def main(inputs: str, labels: str) -> int:
    with open(inputs, encoding="utf-8") as f:
        texts = {row["id"]: row["text"] for row in map(json.loads, f)}
    problems: list[str] = []
    docs = events = 0
    with open(labels, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                label = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {number}: not JSON: {e}")
                continue
            docs += 1
            text = texts.get(label.get("id"))
            if text is None:
                problems.append(f"line {number}: unknown id {label.get('id')}")
                continue
            for k, event in enumerate(label.get("events", [])):
                events += 1
                problems += event_problems(label["id"], k, event, text)
    print("\n".join(problems + [f"{docs} texts, {events} events, {len(problems)} problems"]))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
