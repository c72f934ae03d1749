#!/usr/bin/env python3
"""Check a label file against its input: every quoted field must be an exact substring of the text.
usage: python3 check.py INPUT.jsonl OUTPUT.jsonl"""
import json, sys
texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in open(sys.argv[1])}
bad = n = docs = 0
ROOTS = {f"{i:02d}" for i in range(1, 21)}
for ln, line in enumerate(open(sys.argv[2]), 1):
    if not line.strip():
        continue
    try:
        o = json.loads(line)
    except Exception as e:
        print(f"line {ln}: not JSON: {e}"); bad += 1; continue
    docs += 1
    t = texts.get(o.get("id"))
    if t is None:
        print(f"line {ln}: unknown id {o.get('id')}"); bad += 1; continue
    for k, e in enumerate(o.get("events", [])):
        n += 1
        for f in ("evidence", "trigger", "source_text", "target_text"):
            v = e.get(f)
            if v is not None and v not in t:
                print(f"{o['id']} event {k}: {f} not in text: {v!r}"); bad += 1
        if e.get("trigger") and e.get("evidence") and e["trigger"] not in e["evidence"]:
            print(f"{o['id']} event {k}: trigger not in evidence"); bad += 1
        if not e.get("roots") or any(r not in ROOTS for r in e["roots"]):
            print(f"{o['id']} event {k}: bad roots {e.get('roots')}"); bad += 1
        if e.get("status") not in ("asserted", "negated", "hypothetical"):
            print(f"{o['id']} event {k}: bad status {e.get('status')}"); bad += 1
print(f"{docs} texts, {n} events, {bad} problems")
