"""The learned event model's file: feature vocabulary, weights, bias and card (`EventModel`), how it scores
encoded candidates, calibrates a score and explains it, and how it is saved and loaded (`load_event_model`).

The model ships in `data/models/event_model.npz` with its card beside it (`event_model.json`: calibration,
default bars, how it was trained and measured); `events/learned.py` is the component that uses it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..knowledge import data_path

__all__ = ["EventModel", "load_event_model", "MODEL_FILE", "interpolate", "calibration_group"]

MODEL_FILE = ("models", "event_model.npz")


def calibration_group(backed: bool, targetless: bool, standing: str = "apart") -> str:
    """The calibration table an event's score is read with: "targetless" for an event read as one with no
    target (`learned.decide`); "away" for a pair of one country that is not the one the document is about
    (`scope.DocScope.standing`: in a report between countries such a pair is mostly misread); "model_home"
    for the model's own proposal on a pair of the document's own country (domestic politics in a report of
    its affairs, more often right than the model's other proposals at the same score); else "pattern" where a
    pattern backs it, else "model"."""
    if targetless:
        return "targetless"
    if standing == "away":
        return "away"
    if standing == "home" and not backed:
        return "model_home"
    return "pattern" if backed else "model"


@dataclass
class EventModel:
    """Feature vocabulary, weights (features x classes) and bias, with the card: calibration table (score ->
    share of such events supported), default threshold and how the model was trained and measured."""

    index: dict[str, int]
    classes: list[str]
    weights: np.ndarray
    bias: np.ndarray
    card: dict[str, Any]

    @property
    def threshold(self) -> float:
        return float(self.card.get("threshold", 0.5))

    @cached_property
    def vocab(self) -> list[str]:
        """Feature names by index (the training writes them in sorted order)."""
        return sorted(self.index, key=self.index.__getitem__)

    def encode(self, features: list[str]) -> np.ndarray:
        """The indices of the features the model knows."""
        return np.array([i for i in map(self.index.get, features) if i is not None], dtype=np.int64)

    def scores(self, rows: list[np.ndarray]) -> np.ndarray:
        """Class probabilities, one row per encoded candidate (one gather and one segment sum for all)."""
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = np.concatenate(rows) if lengths.sum() else np.zeros(0, dtype=np.int64)
        return self.scores_flat(flat, lengths)

    def scores_flat(self, flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """`scores` of the rows that are the consecutive slices of `flat` of these `lengths`."""
        bias = self._bias32
        filled = lengths > 0
        if filled.all() and len(lengths):  # every row has features (the "bias" one at least): the sums plus
            starts = np.zeros(len(lengths), dtype=np.int64)  # the bias, the same floats as the bias plus
            np.cumsum(lengths[:-1], out=starts[1:])  # the sums
            z = np.add.reduceat(self.weights[flat], starts, axis=0)
            z += bias
        else:
            z = np.repeat(bias[None, :], len(lengths), axis=0)
            if filled.any():
                starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[filled]
                z[filled] += np.add.reduceat(self.weights[flat], starts, axis=0)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def calibrated(self, p: float, backed: bool, targetless: bool = False, standing: str = "apart") -> float:
        """The share of events printed at score `p` that the text supports, read on the table of its
        `calibration_group`: events with no target (`targetless`), pairs of one country by how they stand to
        the document (`standing`), and the others where a pattern backs them or not (calibrated apart: at the
        same score a pattern-backed event is more often right, and an event with no target far less often, as
        an article mostly names whom an act was aimed at). A card without a group's table (an older model)
        calibrates its events as the others, pattern-backed or not."""
        tables = self.card.get("calibration") or {}
        cal = (tables.get(calibration_group(backed, targetless, standing))
               or tables.get("pattern" if backed else "model"))
        if not cal:
            return p
        return interpolate(p, cal["x"], cal["y"])

    def contributions(self, ids: np.ndarray, cls: int, most: int | None = None
                      ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """How much the known features (by index, from `encode`) move the class against NONE: (those that raise
        it, those that lower it), each largest effect first with ties by index (one order in every run), at
        most `most` of each."""
        return self.contributions_of([ids], [cls], len(ids) if most is None else most)[0]

    def contributions_of(self, rows: list[np.ndarray], classes: list[int], most: int
                         ) -> list[tuple[list[tuple[str, float]], list[tuple[str, float]]]]:
        """`contributions` of each (encoded row, class) pair, with one gather and one sort for all the pairs (a
        document's printed events) instead of one per pair."""
        bounds, ids, effect = self._kept_effects(rows, classes, most)
        entries = list(zip(map(self.vocab.__getitem__, ids.tolist()), effect.tolist(), strict=True))
        return [(entries[bounds[2 * p]:bounds[2 * p + 1]], entries[bounds[2 * p + 1]:bounds[2 * p + 2]])
                for p in range(len(rows))]

    def explained_of(self, rows: list[np.ndarray], classes: list[int], most: int
                     ) -> list[tuple[list[list[Any]], list[list[Any]]]]:
        """`contributions_of` as `explain` prints them: each effect a `[feature, round(effect, 2)]` list. The
        rounding is numpy's, which gives `round`'s floats here: an effect is a float32, so a hundred times it
        is exact in a float64, and its nearest integer over 100 is the float nearest the decimal."""
        bounds, ids, effect = self._kept_effects(rows, classes, most)
        rounded = np.round(effect.astype(np.float64), 2).tolist()
        entries = [[f, w] for f, w in zip(map(self.vocab.__getitem__, ids.tolist()), rounded, strict=True)]
        return [(entries[bounds[2 * p]:bounds[2 * p + 1]], entries[bounds[2 * p + 1]:bounds[2 * p + 2]])
                for p in range(len(rows))]

    def _kept_effects(self, rows: list[np.ndarray], classes: list[int], most: int
                      ) -> tuple[list[int], np.ndarray, np.ndarray]:
        """The features `contributions_of` keeps, pair by pair: (bounds, ids, effects), the raising ones of
        pair p at `bounds[2p]:bounds[2p+1]` and its lowering ones up to `bounds[2p+2]`, each largest effect
        first with ties by index."""
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        n = self.effects.shape[1]
        key = np.repeat(np.arange(len(rows), dtype=np.int64), lengths) * n  # by pair and index: each row's
        if len(key):  # features once
            key += np.concatenate(rows)
            key.sort()
            key = key[np.concatenate(([True], key[1:] != key[:-1]))]
        pair, ids = key // n, key % n
        effect = self.effects[np.asarray(classes, dtype=np.int64)[pair], ids]
        group = pair * 2 + (effect < 0)  # pair, then side: raising, then lowering
        order = _by_group_and_size(group, effect, ids, n)  # largest effect first, ties by index
        group, ids, effect = group[order], ids[order], effect[order]
        rank = np.arange(len(group)) - np.searchsorted(group, group, side="left")
        kept = (rank < most) & (effect != 0)  # the first `most` of each
        counts = np.bincount(group[kept], minlength=2 * len(rows))
        return [0, *np.cumsum(counts).tolist()], ids[kept], effect[kept]

    @cached_property
    def _bias32(self) -> np.ndarray:
        return self.bias.astype(np.float32)

    @cached_property
    def effects(self) -> np.ndarray:
        """By class (rows) and feature: how much the feature moves that class against NONE."""
        none = self.classes.index("NONE")
        return np.ascontiguousarray((self.weights - self.weights[:, none:none + 1]).T)

    def save(self, path: Path) -> None:
        """The weights to `path` (.npz) and the card beside it (.json)."""
        np.savez_compressed(path, vocab=np.array("\n".join(self.vocab)), classes=np.array("\n".join(self.classes)),
                            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))
        path.with_suffix(".json").write_text(json.dumps(self.card, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")


_SIZE_BITS = 31  # of a float32's magnitude (its bits, sign aside, sort as the magnitudes do)


def _by_group_and_size(group: np.ndarray, effect: np.ndarray, ids: np.ndarray, n: int) -> np.ndarray:
    """`np.lexsort((ids, -np.abs(effect), group))` of float32 effects and indices below `n`: one argsort of an
    int64 key (group, magnitude bits inverted, index) where the three fit in 63 bits, else the lexsort."""
    id_bits = max(int(n - 1).bit_length(), 1)
    if effect.dtype != np.float32 or not len(group) or int(group.max()).bit_length() + _SIZE_BITS + id_bits > 63:
        return np.lexsort((ids, -np.abs(effect), group))
    size = np.abs(effect).view(np.int32).astype(np.int64)
    key = (group << (_SIZE_BITS + id_bits)) | (((1 << _SIZE_BITS) - 1 - size) << id_bits) | ids
    return np.argsort(key)  # the keys are distinct: each pair has each index once


def interpolate(x: float, xs: list[float], ys: list[float]) -> float:
    """The piecewise-linear value at `x` of the points (`xs`, `ys`), `xs` ascending, flat beyond both ends:
    `numpy.interp` for one number, step for step (the same floats), without numpy's per-call cost."""
    if x != x:  # NaN
        return x
    if x < xs[0]:
        return float(ys[0])
    if x >= xs[-1]:
        return float(ys[-1])
    j = bisect_right(xs, x) - 1  # xs[j] <= x < xs[j + 1]
    if xs[j] == x:
        return float(ys[j])
    slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
    y = slope * (x - xs[j]) + ys[j]
    if y != y:  # NaN one way: try the other, as numpy does
        y = slope * (x - xs[j + 1]) + ys[j + 1]
        if y != y and ys[j] == ys[j + 1]:
            y = ys[j]
    return float(y)


@lru_cache(maxsize=4)
def load_event_model(path: str | None = None) -> EventModel | None:
    """The shipped model (or the file given), loaded once per process; None when there is none."""
    p = Path(path) if path else data_path(*MODEL_FILE)
    if not p.is_file():
        return None
    z = np.load(p, allow_pickle=False)
    vocab = str(z["vocab"]).split("\n")
    card_path = p.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
    return EventModel(index={f: i for i, f in enumerate(vocab)}, classes=str(z["classes"]).split("\n"),
                      weights=z["weights"].astype(np.float32), bias=z["bias"], card=card)
