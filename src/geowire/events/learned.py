"""The learned event model: which candidate events the text asserts, with which CAMEO root, and how sure.

The pattern coder (`events/component.py`) proposes events from trigger patterns; `events/candidates.py`
turns those proposals and every parse-linked pair of actors into candidates with features. This module
scores each candidate with a multinomial logistic model over those features (NONE or one of the 20 CAMEO
roots), trained on the project's own labelled corpus (`training/`, never on the dev or public gold sets),
and maps the score to a calibrated probability: `confidence` is the share of events printed at that
score that the text supports, measured on held-out labelled articles.

The model ships in `data/models/event_model.npz` (features, weights, calibration, default threshold) and
costs a sparse dot product per candidate. Without the file the pattern coder's events pass unchanged.

The component `geowire_event_model` runs after `geowire_events`: it reads `doc._.rule_events` and writes
`doc._.events`, keeping every event with its confidence (the ones below the default threshold too, so
that a user can lower the bar without coding again) and the pattern coder's negated and hypothetical
events as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import data_path
from .candidates import Candidate, candidates_for_doc
from .component import drop_vaguer
from .dates import event_date

__all__ = ["EventModel", "load_event_model", "decide", "default_min_confidence", "MODEL_FILE", "KEEP_FLOOR"]

MODEL_FILE = ("models", "event_model.npz")
KEEP_FLOOR = 0.1  # events under this calibrated probability are not kept at all
_FUTURE = {"will", "'ll", "shall"}

for _name in ("events", "rule_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class EventModel:
    """Feature vocabulary, weights (features x classes), bias, calibration table and default threshold."""

    index: dict[str, int]
    classes: list[str]
    weights: np.ndarray
    bias: np.ndarray
    calib_x: np.ndarray
    calib_y: np.ndarray
    threshold: float
    info: dict[str, Any]

    def scores(self, features: list[list[str]]) -> np.ndarray:
        """Class probabilities, one row per candidate."""
        out = np.empty((len(features), len(self.classes)), dtype=np.float32)
        for row, feats in enumerate(features):
            idx = [i for f in feats if (i := self.index.get(f)) is not None]
            z = self.bias + (self.weights[idx].sum(axis=0) if idx else 0.0)
            z = z - z.max()
            e = np.exp(z)
            out[row] = e / e.sum()
        return out

    def calibrated(self, p: float) -> float:
        return float(np.interp(p, self.calib_x, self.calib_y))

    def save(self, path: Path) -> None:
        import json

        vocab = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, vocab=np.array("\n".join(vocab)), classes=np.array("\n".join(self.classes)),
                            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                            calib_x=self.calib_x.astype(np.float32), calib_y=self.calib_y.astype(np.float32),
                            threshold=np.array(self.threshold, dtype=np.float32), info=np.array(json.dumps(self.info)))


@lru_cache(maxsize=4)
def load_event_model(path: str | None = None) -> EventModel | None:
    """The shipped model (or the file given), loaded once per process; None when there is none."""
    import json

    p = Path(path) if path else data_path(*MODEL_FILE)
    if not p.is_file():
        return None
    z = np.load(p, allow_pickle=False)
    vocab = str(z["vocab"]).split("\n")
    return EventModel(index={f: i for i, f in enumerate(vocab)}, classes=str(z["classes"]).split("\n"),
                      weights=z["weights"].astype(np.float32), bias=z["bias"], calib_x=z["calib_x"],
                      calib_y=z["calib_y"], threshold=float(z["threshold"]), info=json.loads(str(z["info"])))


def default_min_confidence() -> float:
    """The confidence at or above which events are printed and counted by default: the shipped model's
    threshold (chosen for the best F1 on the dev articles), 0 when no model ships."""
    model = load_event_model()
    return model.threshold if model is not None else 0.0


def _actor(m: dict[str, Any] | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {k: m.get(k) for k in ("text", "start", "end", "name", "code", "country", "sector")} | {
        "how": m.get("how")}


def _code_for(root: str, c: Candidate, rules: list[dict[str, Any]], trigger_start: int) -> tuple[str, str | None]:
    """The full CAMEO code: the pattern coder's for this pair or trigger where it has this root, else the
    root's general code ("17" -> "170"). Returns (code, pattern)."""
    for r in c.rules:
        if str(r["cameo"]).startswith(root):
            return str(r["cameo"]), r.get("pattern")
    for r in rules:
        if r["trigger"]["start"] == trigger_start and str(r["cameo"]).startswith(root):
            return str(r["cameo"]), r.get("pattern")
    return root + "0", None


def _modality(doc: Doc, c: Candidate) -> str:
    for r in c.rules:
        if not r["negated"] and r["modality"] != "hypothetical":
            return str(r["modality"])
    trig = doc[c.trigger]
    if any(ch.dep_ == "aux" and ch.lower_ in _FUTURE for ch in trig.children):
        return "future"
    return "actual"


RULE_ROOT_SHARE = 0.5  # the pattern's own root stands if the model gives it at least this share of the best


def _root_choice(model: EventModel, p: np.ndarray, best: int, c: Candidate) -> str:
    """The model's best root, unless a pattern coded this pair with a root the model finds nearly as likely:
    the pattern knows the codebook's conventions ("agreed to provide aid" is intent, 03)."""
    pattern_roots = [str(r["cameo"])[:2] for r in c.rules if not r["negated"]]
    scored = [(float(p[model.classes.index(r)]), r) for r in pattern_roots if r in model.classes]
    if scored:
        share, root = max(scored)
        if share >= RULE_ROOT_SHARE * float(p[best]):
            return root
    return model.classes[best]


def decide(doc: Doc, cands: list[Candidate], probs: np.ndarray, model: EventModel,
           rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event dicts from scored candidates: the best root of each candidate whose calibrated probability is
    at least KEEP_FLOOR, plus the pattern coder's negated and hypothetical events."""
    sents = list(doc.sents)
    sent_index = {s.start: i for i, s in enumerate(sents)}
    none = model.classes.index("NONE")
    out: list[dict[str, Any]] = []
    for c, p in zip(cands, probs, strict=True):
        order = np.argsort(-p)
        best = int(order[0]) if int(order[0]) != none else int(order[1])
        conf = model.calibrated(float(p[best]))
        if conf < KEEP_FLOOR:
            continue
        root = _root_choice(model, p, best, c)
        trig = doc[c.trigger]
        code, pattern = _code_for(root, c, rules, trig.idx)
        si = sent_index[c.sent_start]
        rule = next((r for r in c.rules if str(r["cameo"]).startswith(root)), None)
        out.append({
            "sentence_index": si, "sentence": sents[si].text, "sent_start": sents[si].start_char,
            "source": _actor(c.source), "target": _actor(c.target),
            "trigger": rule["trigger"] if rule else {"text": trig.text, "start": trig.idx,
                                                     "end": trig.idx + len(trig.text)},
            "cameo": code, "negated": False, "modality": _modality(doc, c),
            "attributed_to": rule["attributed_to"] if rule else None,
            "date": rule["date"] if rule else event_date(trig, trig if trig.pos_ == "VERB" else None, doc._.date),
            "confidence": round(conf, 3), "pattern": pattern, "candidate": c.kind,
            "model_score": round(float(p[best]), 3),
        })
    out = drop_vaguer(out)
    out += [r | {"candidate": "pattern"} for r in rules if r["negated"] or r["modality"] == "hypothetical"]
    return out


class EventModelComponent:
    """spaCy component: scores the candidates of each Doc and writes `doc._.events`."""

    def __init__(self, nlp: Language, name: str, model_path: str | None = None) -> None:
        self.name = name
        self.model = load_event_model(model_path)

    def __call__(self, doc: Doc) -> Doc:
        rules = doc._.rule_events or []
        if self.model is None:
            doc._.events = rules
            return doc
        mentions = [m for m in doc._.actors or [] if m.get("country")]
        cands = candidates_for_doc(doc, mentions, rules)
        probs = self.model.scores([c.features for c in cands]) if cands else np.zeros((0, 0))
        doc._.events = decide(doc, cands, probs, self.model, rules)
        return doc


@Language.factory("geowire_event_model", default_config={"model_path": None})
def make_event_model(nlp: Language, name: str, model_path: str | None) -> EventModelComponent:
    return EventModelComponent(nlp, name, model_path)
