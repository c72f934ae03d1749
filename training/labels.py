"""Label files of the corpus annotation (training/labels/*.jsonl) joined to their texts: the real news of
../shared/corpus, and the project's own written articles in training/written (see README.md).

Annotators write `{"id", "events": [...]}` lines following training/GUIDE.md, quoting the text (evidence,
trigger, source and target words). `import_labels.py` turns each quote into character offsets, so the
committed label files hold offsets and codes, never the corpus text. `load_labelled` reads either form and
returns each labelled text with its events located, ready to align with geowire's candidates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = ("wcep_2025.jsonl", "wikinews_2019_2021.jsonl")
WRITTEN = Path(__file__).resolve().parent / "written"


@dataclass
class LabelEvent:
    trigger: tuple[int, int]
    source: list[str]
    target: list[str]
    roots: list[str]
    status: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    modality: str = "actual"
    background: bool = False
    year: int | None = None
    code: str | None = None
    source_sector: str | None = None
    target_sector: str | None = None


@dataclass
class LabelledText:
    id: str
    text: str
    date: str | None
    events: list[LabelEvent] = field(default_factory=list)
    unplaced: int = 0  # events whose evidence could not be found in the text


def corpus_texts(shared: Path = SHARED) -> dict[str, dict[str, Any]]:
    """Every labellable text by id: the shared corpus files, then the written articles."""
    out: dict[str, dict[str, Any]] = {}
    for path in [shared / "corpus" / name for name in CORPORA] + sorted(WRITTEN.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                out[o["id"]] = o
    return out


def is_written(text_id: str) -> bool:
    """A text the project wrote itself (training/written), not real news."""
    return text_id.startswith("written-")


def _nearest(text: str, words: str | None, anchor: int) -> tuple[int, int] | None:
    if not words:
        return None
    best, pos = None, text.find(words)
    while pos >= 0:
        if best is None or abs(pos - anchor) < abs(best - anchor):
            best = pos
        pos = text.find(words, pos + 1)
    return None if best is None else (best, best + len(words))


def _span(v: Any) -> tuple[int, int] | None:
    return (int(v[0]), int(v[1])) if isinstance(v, list) and len(v) == 2 else None


def _from_offsets(e: dict[str, Any]) -> LabelEvent | None:
    trigger = _span(e.get("trigger"))
    if trigger is None:
        return None
    return LabelEvent(
        trigger=trigger, source=list(e.get("source") or []), target=list(e.get("target") or []),
        roots=list(e.get("roots") or []), status=e.get("status") or "asserted",
        source_span=_span(e.get("source_span")), target_span=_span(e.get("target_span")),
        modality=e.get("modality") or "actual", background=bool(e.get("background")), year=e.get("year"),
        code=e.get("code"), source_sector=e.get("source_sector"), target_sector=e.get("target_sector"))


def _locate(text: str, e: dict[str, Any]) -> LabelEvent | None:
    if isinstance(e.get("trigger"), list):
        return _from_offsets(e)
    ev = e.get("evidence") or ""
    trig = e.get("trigger") or ""
    at = text.find(ev) if ev else -1
    if at < 0 or not trig:
        return None
    t = ev.find(trig)
    if t < 0:
        return None
    trigger = (at + t, at + t + len(trig))
    return LabelEvent(
        trigger=trigger, source=[str(c).upper() for c in e.get("source") or []],
        target=[str(c).upper() for c in e.get("target") or []], roots=[str(r).zfill(2) for r in e.get("roots") or []],
        status=e.get("status") or "asserted", source_span=_nearest(text, e.get("source_text"), trigger[0]),
        target_span=_nearest(text, e.get("target_text"), trigger[0]), modality=e.get("modality") or "actual",
        background=bool(e.get("background")), year=e.get("year"), code=e.get("code"),
        source_sector=e.get("source_sector"), target_sector=e.get("target_sector"))


def load_labelled(paths: list[Path], shared: Path = SHARED) -> list[LabelledText]:
    texts = corpus_texts(shared)
    out: list[LabelledText] = []
    seen: set[str] = set()
    for path in paths:
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            o = json.loads(line)
            src = texts.get(o["id"])
            if src is None or o["id"] in seen:
                continue
            seen.add(o["id"])
            lt = LabelledText(id=o["id"], text=src["text"], date=src.get("date"))
            for e in o.get("events") or []:
                le = _locate(src["text"], e)
                if le is None:
                    lt.unplaced += 1
                else:
                    lt.events.append(le)
            out.append(lt)
    return out
