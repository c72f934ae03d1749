"""The soak harness of `geowire monitor` (tests/test_soak.py, `make soak`): everything on loopback.

- `FeedSite`: a news site publishing one item per `period` seconds on `/feed.xml` (the latest `window` items,
  newest first, an item listed twice now and then; an ETag, so an unchanged feed answers 304) with its
  article pages; some items are broken (a link
  that answers 404, a page without main text, an entry with neither link nor content), some are exact or near
  copies of the item before, some carry their text in the feed without a link; from `hostile_from` on, the
  articles report Russian attacks on Ukraine. `/broken.xml` is a feed that is never valid.
- `Receiver`: a webhook receiver that answers the first POST with 503 (the sender must retry) and keeps the
  JSON bodies of the others.
- `Readers`: N concurrent dashboard users (asyncio + httpx) reading API endpoints and pages, counting
  statuses; connection errors while the harness has the monitor down are counted apart.
- `Prober`: how long after publication a new article is visible through the API.
- `RssSampler`: the monitor's resident memory once a second (/proc).
- `snapshot`: a store's content without times, to compare an interrupted run with an uninterrupted one.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import itertools
import json
import os
import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

import geowire
from geowire.ingest.base import doc_id

COOP = ["Japan praised India for its support at the regional summit.",
        "France and Germany signed a new energy agreement in Paris.",
        "Kenya thanked Uganda for its help with the relief effort.",
        "Brazil hosted talks with Argentina on trade and tariffs.",
        "Canada welcomed Mexico's offer to share customs data.",
        "Egypt praised Jordan for its mediation between the parties.",
        "Australia pledged aid to Fiji after the cyclone.",
        "Chile praised Peru for the smooth conduct of the elections."]
HOSTILE = ["Russia attacked Ukraine with missiles and drones overnight.",
           "Russian forces attacked Ukrainian positions near Kharkiv.",
           "Russia launched missile strikes on Ukraine's power grid.",
           "Russian troops attacked Ukrainian villages in the east.",
           "Russia shelled Ukrainian towns along the front line.",
           "Russian aircraft bombed Ukrainian cities in the south."]
FILLER = ["Officials said further talks would follow in the coming weeks.",
          "The statement was released late in the evening.",
          "Analysts expect little change in the short term.",
          "Local newspapers carried the story on their front pages.",
          "Markets were calm after the announcement.",
          "Reporters waited outside the building for several hours.",
          "The weather in the capital was cold and wet.",
          "A spokesman declined to give further details.",
          "Traffic in the city centre moved slowly through the afternoon.",
          "The talks are expected to resume after the holidays.",
          "Several ministers cancelled their travel plans for the week.",
          "Observers described the mood in parliament as tense."]
# Three fillers per item, in an order no other item of the first 1,320 has (7919 is prime to 12*11*10).
_FILLER_ORDERS = list(itertools.permutations(range(len(FILLER)), 3))
EMPTY_PAGE = b"<html><head><title>nothing</title></head><body><div></div></body></html>"


_KINDS = [(10, 3, "missing"), (10, 7, "empty"), (20, 11, "nolink"), (20, 1, "content"), (10, 5, "dup"),
          (10, 9, "near")]  # item k is of the first kind whose (modulus, remainder) it matches


def kind(k: int, hostile_from: int) -> str:
    """What item `k` is: ok, hostile, missing (404), empty (no main text), nolink (no link, no content),
    content (text in the feed, no link), dup (exact copy of k-1), near (near copy of k-1)."""
    return next((name for m, r, name in _KINDS if k % m == r), "hostile" if k >= hostile_from else "ok")


def text(k: int, hostile_from: int) -> str:
    """The article text of item `k` (copies take their original's, a near copy with one word changed)."""
    what = kind(k, hostile_from)
    if what == "dup":
        return text(k - 1, hostile_from)
    if what == "near":
        return text(k - 1, hostile_from).replace("Wire item", "Wire story")
    rng = random.Random(k)
    pool = HOSTILE if k >= hostile_from else COOP
    fillers = [FILLER[i] for i in _FILLER_ORDERS[(k * 7919) % len(_FILLER_ORDERS)]]
    return (f"{pool[k % len(pool)]} {fillers[0]} {fillers[1]}\n\n{fillers[2]} Wire item {k} was "
            f"updated {rng.randrange(5, 55)} minutes after it was first published, the desk said.")


class FeedSite:
    """The site: `start()` the clock, items appear every `period` seconds; `window=None` lists every item."""

    def __init__(self, period: float = 1.0, window: int | None = 100, hostile_from: int = 10**9) -> None:
        self.period, self.window, self.hostile_from = period, window, hostile_from
        self.t0: float | None = None
        self.stop_at: int | None = None  # no item after this one
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def start(self, already: int = 0) -> None:
        """Start the clock, with `already` items out at once."""
        self.t0 = time.time() - max(already - 1, 0) * self.period

    def published(self) -> int:
        """How many items are out (items 1..n)."""
        if self.t0 is None:
            return 0
        n = int((time.time() - self.t0) / self.period) + 1
        return min(n, self.stop_at) if self.stop_at is not None else n

    def published_at(self, k: int) -> float:
        assert self.t0 is not None
        return self.t0 + (k - 1) * self.period

    def url(self, k: int) -> str:
        return f"{self.base}/a{k}.html"

    def _item(self, k: int) -> str:
        what = kind(k, self.hostile_from)
        date = email.utils.formatdate(self.published_at(k), usegmt=True)
        link = "" if what in ("nolink", "content") else f"<link>{self.url(k)}</link>"
        body = f"<description>{text(k, self.hostile_from)}</description>" if what == "content" else ""
        return f"<item><title>Item {k}</title>{link}<guid isPermaLink='false'>item-{k}</guid><pubDate>{date}</pubDate>{body}</item>"

    def feed(self) -> bytes:
        n = self.published()
        first = 1 if self.window is None else max(1, n - self.window + 1)
        items = []
        for k in range(n, first - 1, -1):
            items.append(self._item(k))
            if k % 13 == 0:
                items.append(self._item(k))  # listed twice: one entry all the same
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak wire</title>{"".join(items)}'
                "</channel></rss>").encode()

    def page(self, k: int) -> bytes | None:
        what = kind(k, self.hostile_from)
        if k > self.published() or what == "missing":
            return None
        if what == "empty":
            return EMPTY_PAGE
        day = time.strftime("%Y-%m-%d", time.gmtime(self.published_at(k)))
        paras = "".join(f"<p>{p}</p>" for p in text(k, self.hostile_from).split("\n\n"))
        return (f"<html><head><title>Item {k}</title><meta property='article:published_time' content='{day}'>"
                f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Wire report</h1>{paras}</article>"
                "</body></html>").encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/feed.xml":  # with an ETag: conditional polls get 304 while nothing is new
                    body = site.feed()
                    tag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
                    if self.headers.get("If-None-Match") == tag:
                        return self._send(304, b"", "application/rss+xml", tag)
                    return self._send(200, body, "application/rss+xml", tag)
                if self.path == "/broken.xml":
                    return self._send(200, b"<html><body>this is no feed</body></html>", "text/html")
                if self.path.startswith("/a") and self.path.endswith(".html") and self.path[2:-5].isdigit():
                    body = site.page(int(self.path[2:-5]))
                    if body is not None:
                        return self._send(200, body, "text/html")
                self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def expected(self, n: int) -> dict[str, list[int]]:
        """Items 1..n by what must become of them: `reject`, `duplicate`, `stored`."""
        out: dict[str, list[int]] = {"reject": [], "duplicate": [], "stored": []}
        for k in range(1, n + 1):
            what = kind(k, self.hostile_from)
            out["reject" if what in ("missing", "empty", "nolink") else
                "duplicate" if what in ("dup", "near") else "stored"].append(k)
        return out

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Receiver:
    """A webhook receiver: the first POST gets 503, the others 200 and are kept (`bodies`)."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.attempts = 0
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                rec.attempts += 1
                if rec.attempts == 1:
                    self.send_response(503)
                else:
                    rec.bodies.append(json.loads(data))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


PATHS = ["/api/events?limit=20", "/api/events?dyad=RUS-UKR&limit=50", "/api/documents?limit=20", "/api/alerts",
         "/api/status", "/api/dyads", "/api/spikes?by=day&min_history=1&threshold=0", "/api/network", "/events",
         "/alerts", "/documents", "/dyads", "/network", "/spikes?by=day&min_history=1"]


@dataclass
class Readers:
    """`clients` concurrent readers of `base` until `stop` is set; `down` set while the monitor is down."""

    base: str
    clients: int = 50
    think: float = 2.0
    stop: threading.Event = field(default_factory=threading.Event)
    down: threading.Event = field(default_factory=threading.Event)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    refused_while_down: int = 0
    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    span: list[float] = field(default_factory=list)  # when reading started and ended

    async def _client(self, k: int) -> None:
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=self.base, timeout=30.0) as client:
            while not self.stop.is_set():
                path = PATHS[rng.randrange(len(PATHS))]
                t = time.perf_counter()
                try:
                    r = await client.get(path)
                except httpx.HTTPError as exc:
                    if self.down.is_set():
                        self.refused_while_down += 1
                    else:
                        self.errors.append(f"{type(exc).__name__} {path}")
                    await asyncio.sleep(0.2)
                    continue
                self.requests += 1
                self.latencies.append(time.perf_counter() - t)
                self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
                if r.status_code != 200:
                    self.errors.append(f"{r.status_code} {path}: {r.text[:200]}")
                await asyncio.sleep(self.think * (0.5 + rng.random()))

    def run(self) -> None:
        async def main() -> None:
            await asyncio.gather(*(self._client(k) for k in range(self.clients)))

        self.span = [time.monotonic()]
        asyncio.run(main())
        self.span.append(time.monotonic())

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def figures(self) -> dict[str, Any]:
        lat = sorted(self.latencies) or [0.0]
        seconds = self.span[-1] - self.span[0] if len(self.span) == 2 else 0.0
        return {"requests": self.requests, "per_s": round(self.requests / seconds, 1) if seconds else None,
                "statuses": dict(sorted(self.statuses.items())),
                "server_errors": sum(v for s, v in self.statuses.items() if s >= 500),
                "client_errors": len(self.errors), "error_samples": self.errors[:5],
                "refused_while_down": self.refused_while_down,
                "p50_ms": round(lat[len(lat) // 2] * 1000, 1), "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1)}


@dataclass
class Prober:
    """How long after publication the newest stored article is readable through the API."""

    site: FeedSite
    base: str
    stop: threading.Event
    down: threading.Event
    lags: list[tuple[float, float]] = field(default_factory=list)  # (published at, seconds until readable)

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=10.0) as client:
            while not self.stop.is_set():
                n = self.site.published()
                ks = [k for k in range(max(1, n - 3), n + 1) if kind(k, self.site.hostile_from) in ("ok", "hostile")]
                if not ks or self.down.is_set():
                    time.sleep(0.2)
                    continue
                k = ks[-1]
                while not self.stop.is_set() and not self.down.is_set():
                    try:
                        if client.get(f"/api/documents/{doc_id(self.site.url(k))}").status_code == 200:
                            self.lags.append((self.site.published_at(k), time.time() - self.site.published_at(k)))
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.1)

    def figures(self, outages: list[tuple[float, float]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
        """Lags of all probes, and of those published while the monitor was up and ready (outside the
        `outages`: wall-clock spans until a started monitor's first poll ended)."""
        lags = [lag for _, lag in self.lags] or [0.0]
        steady = [lag for t, lag in self.lags if not any(a - 2 <= t <= b for a, b in outages)] or [0.0]
        return {"probes": len(self.lags), "median_s": round(statistics.median(lags), 2),
                "max_s": round(max(lags), 2), "steady_probes": len(steady),
                "steady_median_s": round(statistics.median(steady), 2), "steady_max_s": round(max(steady), 2)}


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS:")), 0)


class RssSampler:
    """The resident memory (kB) of the process `pid()` names and its children (the coding worker), once a
    second: (seconds since start, pid, kB)."""

    def __init__(self, pid: Any) -> None:
        self.pid, self.samples = pid, []
        self.parts: list[tuple[int, int]] = []  # (the monitor's kB, its children's kB) of each sample
        self.stop = threading.Event()
        self.t0 = time.monotonic()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self.stop.wait(1.0):
            pid = self.pid()
            kb = _rss_kb(pid) if pid else 0
            if kb:
                kids = sum(_rss_kb(c) for c in children(pid))
                self.samples.append((time.monotonic() - self.t0, pid, kb + kids))
                self.parts.append((kb, kids))

    def growth(self, pid: int, warm_up: float, span: float = 60.0) -> dict[str, Any]:
        """RSS of `pid` after `warm_up` seconds of its life: median of the first `span` seconds after it,
        median of the last `span` seconds, and the growth between them."""
        mine = [(t, kb) for t, p, kb in self.samples if p == pid]
        if not mine:
            return {"samples": 0}
        born = mine[0][0]
        steady = [(t, kb) for t, kb in mine if t - born >= warm_up]
        if len(steady) < 4:
            return {"samples": len(mine), "peak_mb": round(max(kb for _, kb in mine) / 1024, 1)}
        first = [kb for t, kb in steady if t - steady[0][0] <= span]
        last = [kb for t, kb in steady if steady[-1][0] - t <= span]
        a, b = statistics.median(first), statistics.median(last)
        main, kids = self.parts[-1] if self.parts else (0, 0)
        return {"samples": len(mine), "after_warm_up_mb": round(a / 1024, 1), "end_mb": round(b / 1024, 1),
                "end_monitor_mb": round(main / 1024, 1), "end_children_mb": round(kids / 1024, 1),
                "peak_mb": round(max(kb for _, kb in mine) / 1024, 1), "growth": round(b / a - 1, 4),
                "steady_s": round(steady[-1][0] - steady[0][0])}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """The store's content without timestamps: documents, events, rejects, feed entries, the near-duplicate
    index, and which alerts fired (rule, subject, window)."""
    queries = {
        "documents": "SELECT id, hash, status, duplicate_of, similarity, lang, reason, n_events, tone, "
                     "CAST(date AS VARCHAR), url, title, origin FROM documents ORDER BY id",
        "events": "SELECT * FROM events ORDER BY id",
        "rejects": "SELECT origin, line, reason FROM rejects ORDER BY ALL",
        "feed_entries": "SELECT feed, entry, url, doc_id FROM feed_entries ORDER BY ALL",
        "bands": "SELECT key, doc_id FROM minhash_bands ORDER BY ALL",
        "alerts": "SELECT id, rule, subject, window_start, window_end FROM alerts ORDER BY id",
    }
    with geowire.Store(db, read_only=True) as s:
        return {k: s.con.execute(v).fetchall() for k, v in queries.items()}


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def gone(pids: list[int], wait: float = 15.0) -> bool:
    """True once none of `pids` is alive (within `wait` seconds)."""
    deadline = time.monotonic() + wait
    while any(Path(f"/proc/{p}").exists() for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1"}


def describe(f: dict[str, Any], seconds: float) -> str:
    """The soak's figures as a few readable lines (the JSON follows them)."""
    r, v, rs, rss = f["readers"], f["visible_after"], f["restart"], f["rss"]
    growth = f"{rss['growth']:+.1%}" if "growth" in rss else "n/a"
    return "\n".join([
        f"soak {seconds:g} s: {f['items']} items published (one a second; broken, repeated and copied ones "
        f"among them); monitor ready after {f['first_ready_s']} s, SIGKILLed at {rs['at_s']} s",
        f"  readers: 50 clients, {r['requests']} requests ({r['per_s']}/s), statuses {r['statuses']}, "
        f"{r['server_errors']} 5xx, {r['client_errors']} other errors, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms; "
        f"{r['refused_while_down']} refused while the monitor was down",
        f"  lock errors in the monitor's log: {f.get('lock_errors', 'n/a')}",
        f"  new articles readable through the API after: median {v['steady_median_s']} s, max {v['steady_max_s']} s "
        f"({v['steady_probes']} probes while up; max {v['max_s']} s across start-up and restart)",
        f"  restart: serving after {rs['serving_s']} s, first poll written after {rs['ready_s']} s; "
        f"coding worker outlived the kill: {'yes' if rs['orphans'] else 'no'}",
        f"  webhook: {f['webhook']['received']} alert received, {f['webhook']['attempts']} attempts (the first "
        "answered 503)",
        f"  RSS of the restarted monitor and its coding worker: {rss.get('after_warm_up_mb')} MB after warm-up, {rss.get('end_mb')} MB at "
        f"the end ({growth} over {rss.get('steady_s')} s), peak {rss.get('peak_mb')} MB",
        f"  exit codes after SIGTERM (monitor, reference watch): {f.get('exit')}; phases {f.get('phases_s')}"])
