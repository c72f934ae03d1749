"""Train the learned event model (`src/geowire/data/models/event_model.npz`) from training/labels.

usage: python training/train.py [--labels DIR] [--folds 5] [--C 0.5] [--out FILE]

1. Every labelled corpus text is parsed by geowire and turned into candidates (`dataset.py`).
2. Five-fold cross-validation by article gives an out-of-fold score for every candidate; from those the
   calibration is fitted: an isotonic map from the model's score for the best root to the share of such
   events that the article's labels support (the scorer's rule: source, target and root of some labelled
   event of the article; a date before the article for a background event).
3. The final model is fitted on all texts and saved with its calibration and the out-of-fold figures.
The dev sets are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dataset import Example, examples, parsed  # noqa: E402
from labels import LabelledText, is_written, load_labelled  # noqa: E402
from scipy.sparse import csr_matrix  # noqa: E402
from sklearn.isotonic import IsotonicRegression  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from geowire.events.learned import EventModel, choose_root  # noqa: E402
from geowire.events.scoring import calibration_group  # noqa: E402
from geowire.knowledge import data_path  # noqa: E402

HERE = Path(__file__).resolve().parent
MIN_COUNT = 2


def fold_of(doc_id: str, k: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % k


def vocabulary(exs: list[Example]) -> dict[str, int]:
    counts = Counter(f for e in exs for f in set(e.features))
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}


def matrix(exs: list[Example], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for r, e in enumerate(exs):
        idx = sorted({vocab[f] for f in e.features if f in vocab})
        rows += [r] * len(idx)
        cols += idx
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(exs), len(vocab)))


def fit(exs: list[Example], c: float) -> tuple[dict[str, int], LogisticRegression]:
    vocab = vocabulary(exs)
    clf = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    clf.fit(matrix(exs, vocab), [e.label for e in exs])
    return vocab, clf


def supported(e: Example, root: str, texts: dict[str, LabelledText]) -> bool:
    """The scorer's article-level rule, against the labels of the example's article."""
    for ev in texts[e.doc_id].events:
        if ev.status != "asserted" or root not in ev.roots or e.source_country not in ev.source:
            continue
        if (e.target_country is None) == (not ev.target) and (e.target_country is None or e.target_country in ev.target):
            return True
    return False


def out_of_fold(exs: list[Example], k: int, c: float) -> np.ndarray:
    """Out-of-fold class probabilities (columns in sorted class order of the whole set)."""
    classes = sorted({e.label for e in exs})
    probs = np.zeros((len(exs), len(classes)), dtype=np.float32)
    folds = np.array([fold_of(e.doc_id, k) for e in exs])
    for f in range(k):
        train = [e for e, g in zip(exs, folds, strict=True) if g != f]
        test_idx = np.where(folds == f)[0]
        vocab, clf = fit(train, c)
        p = clf.predict_proba(matrix([exs[i] for i in test_idx], vocab))
        for j, cl in enumerate(clf.classes_):
            probs[test_idx, classes.index(cl)] = p[:, j]
    return probs


def _key(exs: list[Example], *settings: object) -> str:
    h = hashlib.sha1("|".join(map(str, settings)).encode())
    for e in exs:
        h.update(f"{e.doc_id}|{e.label}|{'|'.join(e.features)}".encode())
    return h.hexdigest()[:12]


def cached_fit(exs: list[Example], c: float, classes: list[str]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The final fit on every example (vocabulary, weights features x classes, bias), kept in training/cache."""
    path = HERE / "cache" / f"fit-{_key(exs, c)}.npz"
    if path.is_file():
        z = np.load(path)
        return {f: i for i, f in enumerate(str(z["vocab"]).split("\n"))}, z["weights"], z["bias"]
    vocab, clf = fit(exs, c)
    order = [list(clf.classes_).index(cl) for cl in classes]
    weights, bias = clf.coef_.T[:, order].astype(np.float32), clf.intercept_[order].astype(np.float32)
    path.parent.mkdir(exist_ok=True)
    np.savez(path, vocab=np.array("\n".join(sorted(vocab, key=vocab.__getitem__))), weights=weights, bias=bias)
    return vocab, weights, bias


def cached_out_of_fold(exs: list[Example], k: int, c: float) -> np.ndarray:
    """`out_of_fold`, kept in training/cache by a hash of the examples and settings (refitting the
    calibration alone then takes seconds)."""
    path = HERE / "cache" / f"oof-{_key(exs, k, c)}.npy"
    if path.is_file():
        return np.load(path)
    probs = out_of_fold(exs, k, c)
    path.parent.mkdir(exist_ok=True)
    np.save(path, probs)
    return probs


def best_roots(probs: np.ndarray, classes: list[str], exs: list[Example]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Per candidate, as `learned.decide` does it: the score, the root printed and whether a pattern backs it."""
    scores = np.zeros(len(exs), dtype=np.float32)
    roots, backed = [], np.zeros(len(exs), dtype=bool)
    for i, e in enumerate(exs):
        root, scores[i], backed[i] = choose_root(classes, probs[i], list(e.rule_roots))
        roots.append(root)
    return scores, roots, backed


def calibration_groups(backed: np.ndarray, targetless: np.ndarray, standing: np.ndarray) -> np.ndarray:
    """The calibration table each candidate is read with (`scoring.calibration_group`, as at run time)."""
    return np.array([calibration_group(bool(b), bool(t), str(s))
                     for b, t, s in zip(backed, targetless, standing, strict=True)])


CALIBRATION_GROUPS = ("pattern", "model", "targetless", "away", "model_home")


def calibration(scores: np.ndarray, correct: np.ndarray, backed: np.ndarray, targetless: np.ndarray,
                standing: np.ndarray) -> dict[str, dict[str, list[float]]]:
    """Isotonic maps from score to the share supported, one per `scoring.calibration_group`: events with no
    target, pairs of one country not the document's own, the model's proposals on pairs of the document's own
    country, the other events a pattern backs, the model's other proposals."""
    xs = np.linspace(0.0, 1.0, 101)
    groups = calibration_groups(backed, targetless, standing)
    out = {}
    for group in CALIBRATION_GROUPS:
        mask = groups == group
        if not mask.any():
            continue  # no table: its events are read on the pattern or model table (`EventModel.calibrated`)
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores[mask], correct[mask])
        out[group] = {"x": [round(float(x), 4) for x in xs], "y": [round(float(y), 4) for y in iso.predict(xs)]}
    return out


def calibrated(cal: dict[str, dict[str, list[float]]], scores: np.ndarray, backed: np.ndarray,
               targetless: np.ndarray, standing: np.ndarray) -> np.ndarray:
    groups = calibration_groups(backed, targetless, standing)
    out = np.zeros(len(scores), dtype=np.float64)
    for group, table in cal.items():
        mask = groups == group
        out[mask] = np.interp(scores[mask], table["x"], table["y"])
    return out


def report(conf: np.ndarray, correct: np.ndarray, exs: list[Example], roots: list[str],
           texts: dict[str, LabelledText]) -> dict[str, object]:
    """Out-of-fold precision and article-level recall at a few calibrated thresholds."""
    n_gold = sum(1 for t in texts.values() for e in t.events if e.status == "asserted")
    out: dict[str, object] = {}
    for thr in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        keep = conf >= thr
        found = set()
        for e, r, k in zip(exs, roots, keep, strict=True):
            if not k:
                continue
            for j, ev in enumerate(texts[e.doc_id].events):
                if ev.status == "asserted" and r in ev.roots and e.source_country in ev.source and (
                        (e.target_country is None and not ev.target) or e.target_country in ev.target):
                    found.add((e.doc_id, j))
        out[str(thr)] = {"printed": int(keep.sum()), "precision": round(float(correct[keep].mean()) if keep.any()
                                                                         else 0.0, 3),
                         "recall": round(len(found) / max(n_gold, 1), 3)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", type=Path, default=HERE / "labels")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--calibrate-on", default="",
                    help="label files (name prefix) whose real-news texts the calibration is fitted on (default: all)")
    ap.add_argument("--threshold", type=float, default=0.3,
                    help="default confidence bar (choose it with training/threshold.py on the dev articles)")
    args = ap.parse_args()
    t0 = time.time()
    files = sorted(args.labels.glob("*.jsonl"))
    texts_l = load_labelled(files)
    texts = {t.id: t for t in texts_l}
    exs: list[Example] = []
    for f in files:
        part = [t for t in texts_l if t.id in {json.loads(x)["id"] for x in f.open(encoding="utf-8") if x.strip()}]
        exs += list(examples(part, parsed(f.stem, part)))
    print(f"{len(texts)} texts, {len(exs)} candidates, labels {Counter(e.label for e in exs).most_common(6)} "
          f"({time.time() - t0:.0f} s)", file=sys.stderr)
    classes = sorted({e.label for e in exs})
    oof = cached_out_of_fold(exs, args.folds, args.C)
    scores, roots, backed = best_roots(oof, classes, exs)
    correct = np.array([supported(e, r, texts) for e, r in zip(exs, roots, strict=True)], dtype=np.float32)
    targetless = np.array([e.target_country is None for e in exs])
    standing = np.array([e.standing for e in exs])
    np.savez(HERE / "cache" / "calibration-inputs.npz", scores=scores, correct=correct, backed=backed,
             targetless=targetless, standing=standing, doc_ids=np.array([e.doc_id for e in exs]))
    articles = {t.id for f in files if f.name.startswith(args.calibrate_on) for t in load_labelled([f])
                if not is_written(t.id)}  # the calibration is of real news: the written articles only train
    on = np.array([e.doc_id in articles for e in exs]) if articles else np.ones(len(exs), dtype=bool)
    cal = calibration(scores[on], correct[on], backed[on], targetless[on], standing[on])
    figures = report(calibrated(cal, scores, backed, targetless, standing), correct, exs, roots, texts)
    print(json.dumps(figures, indent=1), file=sys.stderr)
    vocab, weights, bias = cached_fit(exs, args.C, classes)
    card = {"threshold": args.threshold, "calibration": cal,
            "trained_on": {"label_files": [f.name for f in files], "texts": len(texts), "candidates": len(exs)},
            "calibrated_on": f"out-of-fold scores of the {len(articles)} real-news texts of {args.calibrate_on}* label files",
            "C": args.C, "folds": args.folds, "out_of_fold": figures}
    model = EventModel(index=vocab, classes=classes, weights=weights, bias=bias, card=card)
    out = args.out or data_path("models", "event_model.npz")
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    print(f"wrote {out} ({len(vocab)} features, {time.time() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
