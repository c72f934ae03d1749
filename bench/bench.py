"""make bench: throughput of `geowire extract` against bare spaCy parsing on the same texts, in one run.

Not a test: it prints measured figures. The sample corpus is repeated to at least 500 articles (each copy
gets its own id); the bare parse and the extraction alternate over six slices of it. Stage costs are measured
by timing geowire's own components inside the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import spacy

import geowire
from geowire.knowledge import data_path
from geowire.model import Article
from geowire.pipeline import MODEL

ROUNDS = 6


def corpus(n_min: int) -> list[Article]:
    base = [json.loads(line) for line in data_path("sample", "articles.jsonl").open(encoding="utf-8")]
    out: list[Article] = []
    i = 0
    while len(out) < n_min:
        for b in base:
            out.append(Article(id=f"{b['id']}-{i}", text=b["text"], date=b.get("date")))
        i += 1
    return out


def timed_components(nlp: spacy.Language, names: list[str]) -> dict[str, float]:
    spent = {n: 0.0 for n in names}
    for name in names:
        comp = nlp.get_pipe(name)
        original = comp.__call__

        def wrapper(doc, _orig=original, _name=name):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            out = _orig(doc)
            spent[_name] += time.perf_counter() - t
            return out

        comp.__class__ = type(comp.__class__.__name__, (comp.__class__,), {"__call__": lambda self, d, _w=wrapper: _w(d)})
    return spent


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args(argv)
    arts = corpus(args.articles)
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(arts)} articles, {words} words (bundled sample repeated)")

    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:20]))  # warm up
    nlp = geowire.load()
    list(geowire.extract(arts[:20], nlp))  # warm up (builds the gazetteer and patterns)
    spent = timed_components(nlp, ["geowire_actors", "geowire_events", "geowire_event_model", "geowire_places"])
    # The two runs alternate over slices of the corpus, so that a load on a shared machine that comes and
    # goes weighs on both alike.
    parse_s = extract_s = 0.0
    n_events = 0
    slice_ratios: list[float] = []
    step = -(-len(arts) // ROUNDS)
    for k in range(0, len(arts), step):
        t = time.perf_counter()
        for _ in bare.pipe(texts[k:k + step], batch_size=32):
            pass
        slice_parse = time.perf_counter() - t
        t = time.perf_counter()
        n_events += sum(1 for _ in geowire.extract(arts[k:k + step], nlp))
        slice_extract = time.perf_counter() - t
        parse_s += slice_parse
        extract_s += slice_extract
        slice_ratios.append(slice_parse / slice_extract)

    for label, secs in (("spaCy nlp.pipe (parse only)", parse_s), ("geowire extract", extract_s)):
        print(f"{label:30s} {secs:7.2f} s  {len(arts) / secs:8.1f} articles/s  {words / secs:9.0f} words/s")
    print(f"events extracted: {n_events}")
    for name, secs in spent.items():
        print(f"stage {name:20s} {secs:7.2f} s = {100 * secs / parse_s:5.1f}% of the parse time")
    print(f"extract/parse throughput ratio: {parse_s / extract_s:.2f}")
    print(f"  (per slice, median {statistics.median(slice_ratios):.2f}: "
          + ", ".join(f"{r:.2f}" for r in slice_ratios) + "; the machine's speed drifts between slices)")
    places_s = spent.get("geowire_places", 0.0)
    print(f"  (the same run less the geolocation stage's own time: {parse_s / (extract_s - places_s):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
