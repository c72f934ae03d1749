"""make bench: how fast a query command starts and answers: `geowire dyads --db demo.duckdb`, wall time.

Not a test: it prints measured figures. Uses demo.duckdb from `make demo` (built here when missing), runs the
command several times in fresh processes, and reports the fastest, median and slowest run, and the time of
`import geowire` alone. The acceptance line of issue 17 is under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEOWIRE = [sys.executable, "-m", "geowire"]


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--db", default=str(ROOT / "demo.duckdb"))
    args = ap.parse_args(argv)
    if not Path(args.db).exists():
        print(f"building {args.db} (geowire ingest --sample) ...")
        subprocess.run([*GEOWIRE, "ingest", "--sample", "--db", args.db, "--quiet"], check=True)
    timed([*GEOWIRE, "dyads", "--db", args.db])  # warm the file cache
    dyads = sorted(timed([*GEOWIRE, "dyads", "--db", args.db]) for _ in range(args.runs))
    imports = sorted(timed([sys.executable, "-c", "import geowire"]) for _ in range(args.runs))
    bare = sorted(timed([sys.executable, "-c", "pass"]) for _ in range(args.runs))
    print(f"geowire dyads --db {Path(args.db).name}: fastest {dyads[0]:.2f} s, median "
          f"{statistics.median(dyads):.2f} s, slowest {dyads[-1]:.2f} s over {args.runs} runs "
          f"({'under' if statistics.median(dyads) < 1.0 else 'NOT under'} 1 s)")
    print(f"import geowire: median {statistics.median(imports):.2f} s; bare interpreter start: median "
          f"{statistics.median(bare):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
