"""make bench: ingest throughput and peak memory at 1x and 10x corpus size (memory must not grow).

Not a test: it prints measured figures. Each size runs in a fresh process (`ingest` from JSONL.gz files into
a new DuckDB file, dedup and language detection on), so the peak resident set size (getrusage) of one run is
not inflated by the other. A second run per size traces Python allocations (tracemalloc): its peak is what
the streaming pipeline itself holds, while RSS also includes DuckDB's buffer cache (pages of the growing
file, bounded by DuckDB's memory_limit) and allocator slack. Documents are synthetic news-like texts of five
sentences, all distinct.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ["Russia", "China", "France", "Germany", "Japan", "India", "Brazil", "Egypt", "Kenya", "Canada",
             "Mexico", "Turkey", "Iran", "Israel", "Spain", "Italy", "Nigeria", "Peru", "Chile", "Poland"]
VERBS = ["criticized", "praised", "threatened", "met with", "accused", "sanctioned", "thanked", "warned",
         "hosted", "condemned", "signed an agreement with", "expelled diplomats from"]
WORDS = ("officials said the talks on trade border water grain energy security would continue next week after "
         "a long dispute over tariffs and fishing quotas in the region while ministers from both sides met "
         "envoys in the capital to discuss aid loans troops refugees and a new pipeline").split()


def write_corpus(root: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    per_file = 200
    for f in range(0, n, per_file):
        rows = []
        for i in range(f, min(n, f + per_file)):
            sents = []
            for _ in range(5):
                a, b = rng.sample(COUNTRIES, 2)
                sents.append(f"{a} {rng.choice(VERBS)} {b} on Monday. "
                             + " ".join(rng.choices(WORDS, k=12)).capitalize() + ".")
            rows.append(json.dumps({"id": f"b{i}", "text": " ".join(sents), "date": "2024-03-05"}))
        with gzip.open(root / f"part{f // per_file:04d}.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write("\n".join(rows) + "\n")


def child(n: int, workers: int, trace: bool) -> None:
    import tracemalloc

    from langdetect.detector_factory import init_factory

    import geowire
    from geowire.ingest import read_inputs

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        write_corpus(root / "in", n)
        geowire.load()
        init_factory()  # langdetect loads its profiles (~50 MB) on first use: a one-time cost, not growth
        rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if trace:
            tracemalloc.start()
        with geowire.Store(root / "b.duckdb") as store:
            t = time.perf_counter()
            stats = geowire.ingest(read_inputs([str(root / "in")]), store, workers=workers)
            elapsed = time.perf_counter() - t
            row = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()
        py_cur, py_peak = tracemalloc.get_traced_memory() if trace else (0, 0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"n": n, "stats": stats, "seconds": elapsed, "rss_after_load_kb": rss_loaded,
                      "peak_rss_kb": peak, "py_peak": py_peak, "py_end": py_cur,
                      "duckdb_bytes": int(row[0] or 0) if row else 0}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--base", type=int, default=300, help="documents at 1x (default 300)")
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.workers, args.trace)
        return
    results = []
    for factor in (1, 10):
        n = args.base * factor
        r = _run(n, args.workers, False)
        traced = _run(n, args.workers, True)
        r = {**r, "py_peak": traced["py_peak"], "py_end": traced["py_end"]}
        results.append(r)
        print(f"{factor:>3}x  {n:>6} docs  {r['seconds']:7.1f} s  {n / r['seconds']:7.1f} docs/s  "
              f"{r['stats']['events']:>6} events  peak RSS {r['peak_rss_kb'] / 1024:7.1f} MB  "
              f"(after model load {r['rss_after_load_kb'] / 1024:.1f} MB; ingest adds "
              f"{(r['peak_rss_kb'] - r['rss_after_load_kb']) / 1024:.1f} MB; DuckDB buffers "
              f"{r['duckdb_bytes'] / 2**20:.1f} MB)")
        print(f"          Python allocations during ingest: peak {r['py_peak'] / 2**20:.1f} MB, "
              f"held at the end {r['py_end'] / 2**20:.1f} MB (tracemalloc, separate run)")
    a, b = results
    print(f"10x vs 1x: Python peak {b['py_peak'] / a['py_peak']:.2f}x, peak RSS {b['peak_rss_kb'] / a['peak_rss_kb']:.2f}x "
          f"({(b['peak_rss_kb'] - a['peak_rss_kb']) / 1024:+.1f} MB), throughput "
          f"{(b['n'] / b['seconds']) / (a['n'] / a['seconds']):.2f}x")


def _run(n: int, workers: int, trace: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", str(n), "--workers", str(workers)] + (["--trace"] if trace else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
