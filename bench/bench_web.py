"""Load on the events endpoint: `geowire serve` in a subprocess on 127.0.0.1 (a free port), N concurrent
clients (asyncio + httpx, one connection each) for S seconds; reports requests, errors, p50 and p95 latency.

    .venv/bin/python bench/bench_web.py [--clients 200] [--seconds 30] [--db FILE]

Without --db it builds a demo database from the bundled sample corpus in a temporary directory.
tests/test_web.py imports `serve`, `load` and `demo_db` from this file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

QUERIES = ["/api/events?limit=50", "/api/events?actor=USA&limit=20", "/api/events?quad=4", "/api/events?offset=50",
           "/api/events?cameo=19&since=2015-01-01", "/api/events?q=sanction"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_db(path: Path, extra: list[Any] | None = None, nlp: Any = None) -> Path:
    """The bundled sample corpus (plus `extra` Articles) coded into a DuckDB file at `path`."""
    import geowire
    from geowire import knowledge

    with geowire.Store(path) as store:
        geowire.ingest(geowire.read_inputs([str(knowledge.data_path("sample", "articles.jsonl"))]), store, nlp=nlp)
        if extra:
            geowire.ingest(extra, store, nlp=nlp)
    return path


@contextlib.contextmanager
def serve(db: Path | str, timeout: float = 10.0, startup: float = 60.0) -> Iterator[str]:
    """`geowire serve` on 127.0.0.1 and a free port in a subprocess; yields its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "geowire", "serve", "--db", str(db), "--port", str(port), "--no-access-log",
           "--quiet", "--timeout", str(timeout)]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"geowire serve exited with {proc.returncode}: {err[-2000:]}")
            try:
                if httpx.get(url + "/api", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("geowire serve did not start")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


_TLS = ssl.create_default_context()  # one for all clients: building one per client costs ~40 ms of CPU each


async def _client(url: str, stop_at: float, k: int, latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30.0, verify=_TLS,
                                 limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)) as client:
        i = k
        while time.monotonic() < stop_at:
            path = QUERIES[i % len(QUERIES)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                if r.status_code != 200 or "items" not in r.json():
                    errors.append(f"{r.status_code} {path}")
            except (httpx.HTTPError, ValueError) as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append(time.perf_counter() - t0)


def load(url: str, clients: int = 200, seconds: float = 30.0) -> dict[str, Any]:
    """`clients` concurrent clients on the events endpoint for `seconds`; latency figures in milliseconds."""
    latencies: list[float] = []
    errors: list[str] = []

    async def main() -> None:
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_client(url, stop_at, k, latencies, errors) for k in range(clients)))

    t0 = time.perf_counter()
    asyncio.run(main())
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [lat[0] if lat else 0.0] * 99
    return {"clients": clients, "seconds": round(wall, 1), "requests": len(lat), "errors": len(errors),
            "error_samples": errors[:5], "rps": round(len(lat) / wall, 1),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1) if lat else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--db", help="an existing geowire database (default: the sample corpus, built now)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else demo_db(Path(tmp) / "demo.duckdb")
        with serve(db) as url:
            res = load(url, args.clients, args.seconds)
    print(f"web load: {res['clients']} clients x {res['seconds']} s on /api/events: {res['requests']} requests, "
          f"{res['errors']} errors, {res['rps']} req/s, p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, "
          f"max {res['max_ms']} ms")
    if res["errors"]:
        print("errors:", res["error_samples"])
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
