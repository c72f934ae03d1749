"""make bench: throughput of `geowire extract` against bare spaCy parsing on the same texts, in one run.

Not a test: it prints measured figures. The sample corpus is repeated to at least 500 articles (each copy
gets its own id); the bare parse and the extraction alternate over slices of it, one batch of 32 articles
each, so that a machine whose speed drifts weighs on both alike. Wall-clock and CPU time are both reported.
Stage costs are measured by timing geowire's own components inside the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import spacy
from spacy.util import minibatch

import geowire
from geowire.knowledge import data_path
from geowire.model import Article
from geowire.pipeline import MODEL

SLICE = 32  # articles per slice: one batch of the parse


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

        methods: dict[str, object] = {"__call__": lambda self, d, _w=wrapper: _w(d)}
        if hasattr(comp, "pipe"):  # a component that reads a batch at once: time each batch, not its upstream
            original_pipe = comp.pipe

            def pipe_wrapper(self, stream, batch_size=128, _orig=original_pipe, _name=name):  # type: ignore[no-untyped-def]
                for batch in minibatch(stream, size=batch_size):
                    t = time.perf_counter()
                    out = list(_orig(batch, batch_size=batch_size))
                    spent[_name] += time.perf_counter() - t
                    yield from out
            methods["pipe"] = pipe_wrapper
        comp.__class__ = type(comp.__class__.__name__, (comp.__class__,), methods)
    return spent


def alternate(bare: spacy.Language, nlp: spacy.Language, arts: list[Article]
              ) -> tuple[dict[str, float], dict[str, float], int, list[float]]:
    """The bare parse and the extraction over the same slices, one after the other: wall-clock and CPU
    seconds of each, the events extracted, and each slice's throughput ratio. The two alternate so that a load
    on a shared machine that comes and goes weighs on both alike."""
    texts = [a.text for a in arts]
    wall = {"parse": 0.0, "extract": 0.0}
    cpu = {"parse": 0.0, "extract": 0.0}
    n_events = 0
    slice_ratios: list[float] = []
    for k in range(0, len(arts), SLICE):
        w, c = time.perf_counter(), time.process_time()
        for _ in bare.pipe(texts[k:k + SLICE], batch_size=SLICE):
            pass
        parse_w, parse_c = time.perf_counter() - w, time.process_time() - c
        w, c = time.perf_counter(), time.process_time()
        n_events += sum(1 for _ in geowire.extract(arts[k:k + SLICE], nlp))
        extract_w, extract_c = time.perf_counter() - w, time.process_time() - c
        wall["parse"] += parse_w
        wall["extract"] += extract_w
        cpu["parse"] += parse_c
        cpu["extract"] += extract_c
        slice_ratios.append(parse_w / extract_w)
    return wall, cpu, n_events, slice_ratios


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
    spent = timed_components(nlp, ["geowire_reread", "geowire_actors", "geowire_events", "geowire_event_model", "geowire_places"])
    wall, cpu, n_events, slice_ratios = alternate(bare, nlp, arts)
    parse_s, extract_s = wall["parse"], wall["extract"]

    for label, secs in (("spaCy nlp.pipe (parse only)", parse_s), ("geowire extract", extract_s)):
        print(f"{label:30s} {secs:7.2f} s  {len(arts) / secs:8.1f} articles/s  {words / secs:9.0f} words/s")
    print(f"events extracted: {n_events}")
    for name, secs in spent.items():
        print(f"stage {name:20s} {secs:7.2f} s = {100 * secs / parse_s:5.1f}% of the parse time")
    print(f"extract/parse throughput ratio: {parse_s / extract_s:.2f}")
    quartiles = statistics.quantiles(slice_ratios, n=4)
    print(f"  (CPU time: {cpu['parse'] / cpu['extract']:.2f}; over {len(slice_ratios)} slices of {SLICE} articles the "
          f"ratio's quartiles are {quartiles[0]:.2f}, {quartiles[1]:.2f}, {quartiles[2]:.2f})")
    places_s = spent.get("geowire_places", 0.0)
    print(f"  (the same run less the geolocation stage's own time: {parse_s / (extract_s - places_s):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
