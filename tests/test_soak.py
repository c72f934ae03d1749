"""The soak test of `geowire monitor` (issue 16): a loopback site publishes an article a second, with broken,
repeated and copied items, and turns hostile half-way; `geowire monitor` polls it, raises an alert to a
loopback webhook and serves 50 concurrent readers of the API and the pages; part-way through it is killed
with SIGKILL and restarted. Beside it an uninterrupted `geowire watch` codes the same items into a second
store.

Checked: no lock error and no 5xx, every published item processed once and stored, marked duplicate or
rejected as it should be, the alert fired and reached the webhook (after a refused first attempt) with its
events and evidence, a graceful SIGTERM, and the interrupted store equal to the uninterrupted one. Printed:
requests, latencies, how soon new articles were readable, and the monitor's resident memory.

`make test` runs it for 30 s (GEOWIRE_SOAK_SECONDS), `make soak` for 10 minutes, where the memory growth after
warm-up must also stay under 10%.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from geowire.ingest.base import doc_id

from .conftest import load_bench
from .soakkit import FeedSite, Prober, Readers, Receiver, RssSampler, children, describe, env, gone, snapshot

SECONDS = float(os.environ.get("GEOWIRE_SOAK_SECONDS", "30"))
RULE = "russia-ukraine-attacks"
free_port = load_bench("bench_web").free_port


def _rules(path: Path, webhook: str | None) -> Path:
    hook = f'[webhook]\nurl = "{webhook}"\ntimeout = 5\nretries = 3\n\n' if webhook else ""
    path.write_text(hook + f'[[rule]]\nname = "{RULE}"\ndyad = "RUS-UKR"\nquad = 4\nmin_events = 3\n'
                    'window = "2d"\n', encoding="utf-8")
    return path


class Monitor:
    """`geowire monitor` in a subprocess (its stderr appended to `log`); can be killed and started again."""

    def __init__(self, tmp: Path, feeds: Path, rules: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db, self.log = tmp / "live.duckdb", tmp / "monitor.log"
        self.cmd = [sys.executable, "-m", "geowire", "monitor", str(feeds), "--db", str(self.db), "--port",
                    str(self.port), "--every", "1s", "--allow-private", "--delay", "0", "--rules", str(rules),
                    "--alerts-out", str(tmp / "alerts.jsonl"), "--log-format", "json", "--no-access-log"]
        self.proc: subprocess.Popen[bytes] | None = None
        self.pids: list[int] = []

    def start(self) -> None:
        """Start it and wait until it serves (the pipeline may still be loading)."""
        with self.log.open("ab") as err:
            self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=err, env=env())
        self.pids.append(self.proc.pid)
        self.polls_before = self._wait(lambda s: True)

    def _wait(self, ready: Any) -> int:
        deadline = time.monotonic() + 180
        while True:
            assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                r = httpx.get(self.base + "/api/status", timeout=5)
                if r.status_code == 200 and ready(r.json()):
                    return int(r.json()["polls"])
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "geowire monitor did not start"
            time.sleep(0.1)

    def wait_ready(self) -> None:
        """Wait until it finished a poll since it started (the pipeline is loaded)."""
        self._wait(lambda s: s["polls"] > self.polls_before)

    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def kill(self) -> list[int]:
        """SIGKILL; returns its child processes (the coding worker), which must not outlive it."""
        assert self.proc is not None and self.proc.poll() is None
        kids = children(self.proc.pid)
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        return kids

    def entries(self) -> int:
        feeds = httpx.get(self.base + "/api/status", timeout=10).json()["feeds"]
        return next((f["entries"] for f in feeds if f["url"].endswith("/feed.xml")), 0)


def _watch(tmp: Path, feeds: Path, rules: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """The uninterrupted reference: `geowire watch` (its stderr in reference.log, never a pipe nobody reads)."""
    db = tmp / "reference.duckdb"
    cmd = [sys.executable, "-m", "geowire", "watch", str(feeds), "--db", str(db), "--every", "1s",
           "--allow-private", "--delay", "0", "--rules", str(rules), "-q"]
    with (tmp / "reference.log").open("ab") as err:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env()), db


def _reference_status(db: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(Path(f"{db}.status.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {"feeds": [], "polls": 0}


def _reference_entries(db: Path) -> int:
    feeds = _reference_status(db)["feeds"]
    return next((f["entries"] for f in feeds if f["url"].endswith("/feed.xml")), 0)


def _reference_ready(db: Path) -> None:
    deadline = time.monotonic() + 180
    while _reference_status(db)["polls"] < 1:
        assert time.monotonic() < deadline, "geowire watch did not start"
        time.sleep(0.2)


def _drain(mon: Monitor, ref_db: Path, receiver: Receiver, n: int) -> None:
    """Wait until both stores processed the n items and the webhook got an alert."""
    deadline = time.monotonic() + 300
    while mon.entries() < n or _reference_entries(ref_db) < n or not receiver.bodies:
        assert time.monotonic() < deadline, (mon.entries(), _reference_entries(ref_db), n, receiver.attempts)
        time.sleep(0.5)


def _accounting(snap: dict[str, list[tuple]], site: FeedSite, feed: str, n: int) -> list[str]:
    """What went wrong with items 1..n: each must be one feed entry and end as it should."""
    problems = []
    entries = [e for e in snap["feed_entries"] if e[0] == feed]
    by_guid = {}
    for e in entries:
        by_guid.setdefault(e[1], []).append(e)
    docs = {d[0]: d for d in snap["documents"]}
    by_origin = {d[12]: d for d in snap["documents"]}
    rejected = {r[0] for r in snap["rejects"]}
    expected = site.expected(n)
    for k in range(1, n + 1):
        if len(by_guid.get(f"item-{k}", [])) != 1:
            problems.append(f"item {k}: {len(by_guid.get(f'item-{k}', []))} feed entries")
        url, origin = site.url(k), f"{feed}#item-{k}"
        doc = docs.get(doc_id(url)) or by_origin.get(origin)
        if k in expected["reject"]:
            ok = doc is None and (url in rejected or origin in rejected)
        elif k in expected["duplicate"]:
            ok = doc is not None and doc[2] == "duplicate" and doc[3] is not None
        else:
            ok = doc is not None and doc[2] == "coded"
        if not ok:
            problems.append(f"item {k}: {'no document' if doc is None else doc[2]}")
    if len(entries) != n:
        problems.append(f"{len(entries)} feed entries for {n} items")
    if len(snap["documents"]) != len(expected["stored"]) + len(expected["duplicate"]):
        problems.append(f"{len(snap['documents'])} documents for {n} items")
    return problems


def _log_problems(log: Path) -> list[str]:
    bad = []
    for line in log.read_text(encoding="utf-8").splitlines():
        low = line.lower()
        if "lock" in low or "traceback" in low or '"level": "error"' in low:
            bad.append(line[:300])
    return bad


def _run(tmp: Path, site: FeedSite, mon: Monitor, ref_db: Path, receiver: Receiver) -> dict[str, Any]:
    """Once the monitor and the reference have loaded the pipeline, publish for SECONDS with the readers on;
    part-way kill the monitor and start it again; drain. The figures."""
    t_start = time.time()
    mon.start()
    mon.wait_ready()
    _reference_ready(ref_db)
    outages = [(t_start, time.time())]
    site.start()
    readers = Readers(mon.base, clients=50)
    prober = Prober(site, mon.base, readers.stop, readers.down)
    rss = RssSampler(mon.pid)
    threads = [readers.start(), threading.Thread(target=prober.run, daemon=True)]
    threads[1].start()
    time.sleep(min(60.0, 0.4 * SECONDS))
    readers.down.set()
    t_kill = time.time()
    workers = mon.kill()
    mon.start()
    readers.down.clear()
    serving_s = time.time() - t_kill
    mon.wait_ready()
    outages.append((t_kill, time.time()))
    time.sleep(max(0.0, SECONDS - (time.time() - site.published_at(1))))
    status = subprocess.run([sys.executable, "-m", "geowire", "status", "--db", str(mon.db), "--format", "json"],
                            capture_output=True, text=True, timeout=60, env=env())
    site.stop_at = n = site.published()
    _drain(mon, ref_db, receiver, n)
    readers.stop.set()
    for t in threads:
        t.join(60)
    rss.stop.set()
    return {"items": n, "first_ready_s": round(outages[0][1] - outages[0][0], 1),
            "restart": {"at_s": round(t_kill - site.published_at(1), 1), "serving_s": round(serving_s, 1),
                        "ready_s": round(outages[1][1] - t_kill, 1), "orphans": not gone(workers),
                        "killed_workers": len(workers)},
            "status_rc": status.returncode, "status": json.loads(status.stdout) if status.returncode == 0 else status.stderr,
            "readers": readers.figures(), "visible_after": prober.figures(outages),
            "rss": rss.growth(mon.pids[-1], warm_up=min(120.0, 0.2 * SECONDS))}


@pytest.mark.slow
@pytest.mark.soak
def test_soak_monitor_kill_and_restart(tmp_path: Path) -> None:
    site = FeedSite(period=1.0, window=100, hostile_from=int(SECONDS * 0.5) + 1)
    receiver = Receiver()
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/feed.xml\n{site.base}/broken.xml\n", encoding="utf-8")
    mon = Monitor(tmp_path, feeds, _rules(tmp_path / "rules.toml", receiver.url))
    watch, ref_db = _watch(tmp_path, feeds, _rules(tmp_path / "reference.toml", None))
    try:
        t1 = time.monotonic()
        figures = _run(tmp_path, site, mon, ref_db, receiver)
        t2 = time.monotonic()
        assert mon.proc is not None
        mon.proc.send_signal(signal.SIGTERM)
        watch.send_signal(signal.SIGTERM)
        figures["exit"] = [mon.proc.wait(timeout=60), watch.wait(timeout=60)]
        figures["phases_s"] = {"run": round(t2 - t1, 1), "stop": round(time.monotonic() - t2, 1)}
    finally:
        for proc in (mon.proc, watch):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        site.close()
        receiver.close()
    figures["webhook"] = {"attempts": receiver.attempts, "received": len(receiver.bodies)}
    problems = _log_problems(mon.log)
    figures["lock_errors"] = sum("lock" in p.lower() for p in problems)
    print("\n" + describe(figures, SECONDS) + "\nsoak figures: " + json.dumps(figures))

    assert figures["exit"] == [0, 0], (mon.log.read_text()[-2000:], (tmp_path / "reference.log").read_text()[-2000:])
    assert problems == []
    reads = figures["readers"]
    assert reads["server_errors"] == 0 and reads["client_errors"] == 0, reads["error_samples"]
    assert reads["requests"] > 0 and figures["visible_after"]["probes"] > 0
    assert figures["status_rc"] == 0 and figures["status"]["source"] == "monitor", figures["status"]
    assert figures["restart"]["killed_workers"] >= 1 and not figures["restart"]["orphans"]

    live, ref = snapshot(mon.db), snapshot(ref_db)
    feed = f"{site.base}/feed.xml"
    assert _accounting(live, site, feed, figures["items"]) == []
    assert any("not a feed" in r[2] for r in live["rejects"] if r[0].endswith("/broken.xml"))
    assert live == ref  # the killed and restarted monitor's store is the uninterrupted one's

    [alert] = [b for b in receiver.bodies if b["rule"] == RULE]
    assert alert["subject"] == "RUS-UKR" and alert["value"] >= 3 and len(alert["events"]) >= 3
    assert alert["fired_at"] and "delivery" not in alert
    assert all(e["sentence"] and e["quad_class"] == 4 and {e["source"][:3], e["target"][:3]} == {"RUS", "UKR"}
               for e in alert["events"])
    lines = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert [a["id"] for a in lines] == [alert["id"]]
    import geowire

    with geowire.Store(mon.db, read_only=True) as s:
        assert s.con.execute("SELECT delivery FROM alerts").fetchall() == [("sent",)]
    if SECONDS >= 300:  # the long soak (make soak): memory stays flat after warm-up
        assert figures["rss"]["growth"] < 0.10, figures["rss"]
