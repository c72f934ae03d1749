"""PLOVER JSONL: one event per line in the PLOVER data format (event_type, mode, context, actor and recipient
lists, date, `location` where the event happened (the event contract's, or null), the source text and its
provenance), plus geowire's CAMEO coding for reference."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import GeowireError
from ..store import Store

__all__ = ["plover_records", "write_plover", "read_plover"]


def _actor(ev: dict[str, Any], side: str) -> list[dict[str, Any]]:
    a = ev.get(side)
    if not a:
        return []
    return [{"actor": a.get("code"), "name": a.get("name"), "country": a.get("country"), "sector": a.get("sector"),
             "text": a.get("text"), "start": a.get("start"), "end": a.get("end")}]


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """One geowire event (contract shape) as a PLOVER record."""
    return {
        "id": ev["id"], "date": ev["date"], "event_type": ev["plover"]["type"], "mode": ev["plover"]["mode"],
        "context": [], "actor": _actor(ev, "source"), "recipient": _actor(ev, "target"),
        "source_text": ev["sentence"], "doc_id": ev["doc_id"], "sentence_index": ev["sentence_index"],
        "trigger": ev["trigger"], "negated": ev["negated"], "modality": ev["modality"],
        "attributed_to": ev["attributed_to"], "confidence": ev["confidence"], "tone": ev["tone"],
        "mentions": ev["mentions"], "location": ev.get("location"),
        "cameo": {"code": ev["cameo"], "root": ev["cameo_root"], "quad_class": ev["quad_class"],
                  "goldstein": ev["goldstein"]},
    }


def plover_records(store: Store, include_negated: bool = False) -> Iterator[dict[str, Any]]:
    for ev in store.events(include_negated=include_negated):
        yield plover_record(ev)


def write_plover(store: Store, out: TextIO, include_negated: bool = False) -> int:
    n = 0
    for rec in plover_records(store, include_negated):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def read_plover(path: str | Path) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GeowireError(f"{path} line {i}: not JSON ({exc.msg})") from None
    return out
