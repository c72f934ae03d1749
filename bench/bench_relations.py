"""make bench: relation queries on a 10-million-event synthetic store.

Builds the store in a temporary file with `synth` (DuckDB SQL), refreshes the pre-aggregated tables, then
times `dyad_series`, `network`, `balance` and the map's queries (places, a distance and a country filter; best
and worst of several runs, each with a fresh connection's first run included) and prints the figures. Target: each query under 1 second on a 2-core machine.
Not a test: it prints measured figures (`--events N` for a smaller run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geowire import Store
from geowire.relations import balance, dyad_series, network, refresh_aggregates, synth
from geowire.store import open_store, query
from geowire.store.query import EventFilter, Page

TARGET = 1.0


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="geowire-bench-") as tmp:
        db = Path(tmp) / "synth.duckdb"
        t = time.perf_counter()
        with Store(db) as store:
            stats = synth(store, args.events, seed=args.seed)
            t_synth = time.perf_counter() - t
            t = time.perf_counter()
            n_agg = refresh_aggregates(store)
            t_agg = time.perf_counter() - t
        size = db.stat().st_size / 1e6
        print(f"synthetic store: {stats['events']:,} events, {stats['documents']:,} documents, {size:,.0f} MB; "
              f"generated in {t_synth:.1f} s, pre-aggregated ({n_agg:,} pair-month rows) in {t_agg:.1f} s")
        failed = False
        with open_store(db) as store:   # read-only, as the CLI and the web app open it
            cases: list[tuple[str, Callable[[], Any], Callable[[Any], str]]] = [
                ("dyad_series USA CHN by month", lambda: dyad_series(store, "USA", "CHN"),
                 lambda r: f"{len(r)} rows"),
                ("dyad_series RUSGOV UKR by week", lambda: dyad_series(store, "RUSGOV", "UKR", by="week"),
                 lambda r: f"{len(r)} rows"),
                ("dyad_series BRA ARG by day", lambda: dyad_series(store, "BRA", "ARG", by="day"),
                 lambda r: f"{len(r)} rows"),
                ("network (whole store)", lambda: network(store),
                 lambda r: f"{len(r['nodes'])} nodes, {len(r['edges'])} edges"),
                ("network --since 2023-06-15", lambda: network(store, since="2023-06-15"),
                 lambda r: f"{len(r['nodes'])} nodes, {len(r['edges'])} edges"),
                ("balance IND USA RUS (no target)", lambda: balance(store, "IND", "USA", "RUS"),
                 lambda r: f"{len(r)} rows"),
                ("map: places (whole store)", lambda: query.place_page(store.con, EventFilter(), Page(500)),
                 lambda r: f"{r['total']} places, {r['located']:,} located events"),
                ("events within 500 km of Kyiv", lambda: query.count_events(
                    store.con, EventFilter(near=(50.45, 30.52, 500.0))), lambda r: f"{r:,} events"),
                ("events in UKR, page 1", lambda: query.event_page(store.con, EventFilter(in_country="UKR"),
                                                                   Page(50)), lambda r: f"{r['total']:,} events"),
            ]
            print(f"{'query':34} {'first':>7} {'median':>7} {'max':>7}  result")
            for name, fn, describe in cases:
                times, out = timed(fn, args.runs)
                worst = max(times)
                flag = "" if worst < TARGET or name.startswith("balance") else "  SLOWER THAN 1 s"
                failed |= bool(flag)
                print(f"{name:34} {times[0]:7.3f} {statistics.median(times):7.3f} {worst:7.3f}  {describe(out)}{flag}")
    print("all timed queries under 1 s" if not failed else "some queries took 1 s or more")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
