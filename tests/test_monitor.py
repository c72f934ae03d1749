"""Live monitoring (issue 16): the monitor loop over a loopback site, its web server reading the store it
writes, a graceful stop part-way through a poll that the next poll completes, alerts left undelivered sent
after a restart, `geowire status`, JSON logs, and two processes on one store refused in one line that names
`geowire monitor`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import geowire
from geowire.alerts.deliver import JsonlSink, Webhook
from geowire.alerts.rules import parse_rules
from geowire.cli import main
from geowire.errors import StoreLocked
from geowire.ingest.fetch import Fetcher, Response
from geowire.monitor import Monitor
from geowire.monitor.server import WebServer
from geowire.monitor.status import read_status, status_path, store_status
from geowire.store.alerts import alerts, pending_alerts, record_alerts
from geowire.store.polls import status

from .conftest import load_bench
from .soakkit import FeedSite, env, snapshot

RULES = parse_rules({"rule": [{"name": "war", "dyad": "RUS-UKR", "quad": 4, "min_events": 2, "window": "2d"}]})


@pytest.fixture()
def site() -> Iterator[FeedSite]:
    s = FeedSite(period=1.0, window=None, hostile_from=1)
    yield s
    s.close()


def _out(site: FeedSite, n: int) -> None:
    """Items 1..n are out, and no more."""
    site.start(already=n)
    site.stop_at = n


def _feeds(tmp_path: Path, site: FeedSite, *paths: str) -> Path:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("".join(f"{site.base}{p}\n" for p in paths), encoding="utf-8")
    return feeds


def _fetcher() -> Fetcher:
    return Fetcher(allow_private=True, delay=0.0, timeout=10)


def test_readers_see_each_poll_as_soon_as_it_is_written(tmp_path: Path, site: FeedSite, nlp: Any) -> None:
    _out(site, 8)
    feed = f"{site.base}/feed.xml"
    with geowire.Store(tmp_path / "m.duckdb") as store:
        mon = Monitor(store, [feed], _fetcher(), rules=RULES.rules, outputs=[JsonlSink(str(tmp_path / "a.jsonl"))],
                      status_file=status_path(tmp_path / "m.duckdb"))
        with WebServer(store, port=0) as web, httpx.Client(base_url=web.start()) as client:
            assert client.get("/api/status").json()["documents"] == 0
            first = mon.poll_once()
            stored = client.get("/api/status").json()
            assert first["stored"] > 0 and stored["documents"] == first["stored"]  # no wait: already readable
            events = client.get("/api/events", params={"dyad": "RUS-UKR", "limit": 500}).json()
            assert events["total"] == first["events"] > 0
            [alert] = client.get("/api/alerts").json()["items"]
            assert alert["rule"] == "war" and alert["events"] and all(e["sentence"] for e in alert["events"])
            page = client.get("/alerts")
            assert page.status_code == 200 and "war: RUS-UKR" in page.text and alert["message"] in page.text
            _out(site, 14)
            second = mon.poll_once()
            assert second["new_entries"] == 6 and client.get("/api/status").json()["documents"] == (
                first["stored"] + second["stored"])
            assert client.get("/api/status").json() == status(store.con)
            assert read_status(tmp_path / "m.duckdb") is not None  # this process is alive: the file counts
        mon.close()
    assert not status_path(tmp_path / "m.duckdb").exists()
    [line] = (tmp_path / "a.jsonl").read_text().splitlines()
    assert json.loads(line)["id"] == alert["id"]


class StoppingFetcher(Fetcher):
    """Asks the monitor to stop once it fetched `after` article pages."""

    monitor: Monitor | None = None
    after = 3
    pages = 0

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        resp = super().get(url, headers)
        if url.endswith(".html"):
            self.pages += 1
            if self.pages == self.after and self.monitor is not None:
                self.monitor.stop("test")
        return resp


def test_a_stop_part_way_keeps_what_was_taken_and_the_next_poll_takes_the_rest(tmp_path: Path, site: FeedSite,
                                                                               nlp: Any) -> None:
    _out(site, 12)
    feed = f"{site.base}/feed.xml"
    fetcher = StoppingFetcher(allow_private=True, delay=0.0)
    with geowire.Store(tmp_path / "stopped.duckdb") as store:
        mon = Monitor(store, [feed], fetcher)
        fetcher.monitor = mon
        cut = mon.poll_once()
        assert cut["complete"] is False and 0 < cut["new_entries"] < 12
        assert store.con.execute("SELECT count(*) FROM feed_entries").fetchone() == (cut["new_entries"],)
        assert store.feed_state(feed)["etag"] is None  # the new ETag was not kept: the rest is still to come
        assert store.con.execute("SELECT complete FROM polls").fetchall() == [(False,)]
        mon.stopping.clear()
        rest = mon.poll_once()
        assert rest["complete"] and rest["new_entries"] == 12 - cut["new_entries"]
        assert store.feed_state(feed)["etag"] and mon.poll_once()["new_entries"] == 0  # now a 304
    with geowire.Store(tmp_path / "whole.duckdb") as store:
        Monitor(store, [feed], _fetcher()).poll_once()
    assert snapshot(tmp_path / "stopped.duckdb") == snapshot(tmp_path / "whole.duckdb")


def test_alerts_left_pending_are_delivered_after_a_restart(tmp_path: Path, site: FeedSite) -> None:
    from .test_alerts import Hook

    hook = Hook([])
    try:
        with geowire.Store(tmp_path / "p.duckdb") as store:
            record_alerts(store.con, [{"id": "a1", "rule": "war", "kind": "count", "subject": "RUS-UKR",
                                       "value": 3, "threshold": 2, "message": "m", "events": [], "delivery": "pending"}])
            site.start()
            mon = Monitor(store, [f"{site.base}/feed.xml"], _fetcher(), webhook=Webhook(hook.url, backoff=0.01))
            assert mon.run(once=True) == 1
            mon.close()
            assert pending_alerts(store.con) == [] and alerts(store.con)[0]["delivery"] == "sent"
        assert [b["id"] for b in hook.bodies] == ["a1"]
    finally:
        hook.server.shutdown()
        hook.server.server_close()


def test_watch_logs_json_lines_and_status_reports(tmp_path: Path, site: FeedSite, nlp: Any,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _out(site, 10)
    feeds = _feeds(tmp_path, site, "/feed.xml", "/broken.xml")
    db = str(tmp_path / "w.duckdb")
    assert main(["watch", str(feeds), "--db", db, "--once", "--allow-private", "--delay", "0",
                 "--log-format", "json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines()]
    [poll] = [x for x in lines if x.get("kind") == "poll"]
    assert poll["level"] == "info" and poll["feeds"] == 2 and poll["new_entries"] == 10 and poll["errors"] == 1
    assert poll["read"] == poll["stored"] + poll["duplicates"] + poll["skipped"] + poll["rejected"]
    rejects = [x for x in lines if x.get("kind") == "reject"]
    assert {r["origin"] for r in rejects} >= {f"{site.base}/broken.xml", site.url(3), site.url(7)}
    assert all(r["level"] == "warning" and r["reason"] for r in rejects)
    assert main(["status", "--db", db, "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["source"] == "store" and s["polls"] == 1 and s["errors"] == 1 and s["last_poll"]["new_entries"] == 10
    assert s["documents"] == poll["stored"] and len(s["recent_rejects"]) == min(5, s["rejects"]) > 0
    feeds_by_url = {f["url"]: f for f in s["feeds"]}
    assert feeds_by_url[f"{site.base}/feed.xml"]["entries"] == 10
    assert feeds_by_url[f"{site.base}/broken.xml"]["last_status"] == "not a feed"
    assert main(["status", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "from the store" in out and "not a feed" in out and "latest rejects" in out


def test_monitor_command_polls_once_and_serves(tmp_path: Path, site: FeedSite, nlp: Any,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _out(site, 4)
    feeds = _feeds(tmp_path, site, "/feed.xml")
    db = str(tmp_path / "m.duckdb")
    args = ["monitor", str(feeds), "--db", db, "--port", "0", "--once", "--allow-private", "--delay", "0",
            "--workers", "0"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "dashboard on http://127.0.0.1:" in err and "polled 1 feeds: 4 new entries" in err
    with pytest.raises(SystemExit) as usage:
        main([*args[:4], "--port", "99999"])
    assert usage.value.code == 2 and "invalid port" in capsys.readouterr().err
    with geowire.Store(db, read_only=True) as store:
        assert status(store.con)["polls"] == 1


def _spawn(argv: list[str], ready: Any) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "geowire", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env())
    deadline = time.monotonic() + 60
    while not ready():
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else b""
        time.sleep(0.1)
    return proc


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_two_processes_on_one_store_are_refused_in_one_line_naming_monitor(
        tmp_path: Path, site: FeedSite, capsys: pytest.CaptureFixture[str]) -> None:
    site.start()
    feeds = _feeds(tmp_path, site, "/feed.xml")
    db = tmp_path / "s.duckdb"
    geowire.Store(db).close()
    port = load_bench("bench_web").free_port()

    def serving() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    serve = _spawn(["serve", "--db", str(db), "--port", str(port), "-q"], serving)
    try:
        assert main(["watch", str(feeds), "--db", str(db), "--once", "--allow-private"]) == 1
        line = _one_line(capsys.readouterr().err)
        assert f"(PID {serve.pid})" in line and "geowire monitor" in line
    finally:
        serve.terminate()
        serve.wait(30)
    watch = _spawn(["watch", str(feeds), "--db", str(db), "--every", "1h", "--allow-private", "--delay", "0"],
                   lambda: status_path(db).exists() and (read_status(db) or {}).get("polls") == 1)
    try:
        for argv in (["serve", "--db", str(db)], ["events", "--db", str(db)], ["ingest", "--sample", "--db", str(db)]):
            assert main(argv) == 1, argv
            line = _one_line(capsys.readouterr().err)
            assert f"(PID {watch.pid})" in line and "geowire monitor" in line, argv
        with pytest.raises(StoreLocked):
            geowire.Store(db, read_only=True)
        s = store_status(db)
        assert s["source"] == "monitor" and s["pid"] == watch.pid and s["polls"] == 1
        assert main(["status", "--db", str(db)]) == 0
        assert f"running monitor (PID {watch.pid}" in capsys.readouterr().out
        watch.send_signal(signal.SIGTERM)  # a graceful stop: exit 0, the status file removed, the lock freed
        assert watch.wait(30) == 0
    finally:
        if watch.poll() is None:
            os.kill(watch.pid, signal.SIGKILL)
            watch.wait()
    assert not status_path(db).exists()
    assert store_status(db)["source"] == "store"


def test_alert_and_status_endpoints_match_their_models_and_escape(tmp_path: Path) -> None:
    import warnings

    from pydantic import TypeAdapter

    from geowire.web import create_app, models

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    evil = '<script>alert("x")</script>'
    with geowire.Store(tmp_path / "e.duckdb") as store:
        record_alerts(store.con, [{"id": "e1", "rule": f"war{evil}", "kind": "count", "subject": "RUS-UKR",
                                   "value": 3, "threshold": 2, "window_start": "2024-03-13", "window_end": "2024-03-15",
                                   "message": f"3 events {evil}", "delivery": None, "events": [
                                       {"id": "ev1", "doc_id": "d1", "date": "2024-03-15", "source": "RUS",
                                        "target": "UKR", "cameo": "190", "cameo_root": "19", "quad_class": 4,
                                        "goldstein": -10.0, "trigger": "attacked", "sentence": f"Russia attacked {evil}",
                                        "url": "javascript:alert(1)", "title": evil}]}])
    app = create_app(tmp_path / "e.duckdb")
    try:
        client = TestClient(app, raise_server_exceptions=False)
        for url, model in (("/api/alerts", models.Page[models.Alert]), ("/api/status", models.Status),
                           (f"/api/alerts?rule={evil}", models.Page[models.Alert])):
            body = client.get(url).json()
            adapter = TypeAdapter(model)
            assert adapter.dump_python(adapter.validate_python(body), mode="json") == body, url
        assert client.get("/api/alerts", params={"rule": f"war{evil}"}).json()["total"] == 1
        assert client.get("/api/alerts", params={"rule": "peace"}).json()["total"] == 0
        assert client.get("/api/alerts", params={"rule": "a\x01"}).status_code == 422
        page = client.get("/alerts").text
        assert "<script>alert" not in page and "&lt;script&gt;" in page and "javascript:" not in page
        spec = client.get("/api/openapi.json").json()["paths"]
        assert "/api/alerts" in spec and "/api/status" in spec
    finally:
        app.state.store.close()
    with geowire.Store(tmp_path / "old.duckdb") as store:  # a store without the new tables (read-only)
        store.con.execute("DROP TABLE alerts; DROP TABLE polls")
    app = create_app(tmp_path / "old.duckdb")
    try:
        client = TestClient(app, raise_server_exceptions=False)
        assert client.get("/api/alerts").json()["total"] == 0 and client.get("/alerts").status_code == 200
        assert client.get("/api/status").json()["polls"] == 0
    finally:
        app.state.store.close()


class FailingOnce(Fetcher):
    calls = 0

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("boom")
        return super().get(url, headers)


def test_a_failed_poll_is_reported_and_the_next_one_runs(tmp_path: Path, site: FeedSite) -> None:
    site.start()
    errors: list[BaseException] = []
    with geowire.Store(tmp_path / "f.duckdb") as store:
        mon = Monitor(store, [f"{site.base}/feed.xml"], FailingOnce(allow_private=True, delay=0.0), interval=0.01,
                      on_error=errors.append, on_poll=lambda record: mon.stop())
        assert mon.run() == 1
        assert [str(e) for e in errors] == ["boom"] and status(store.con)["polls"] == 1
        with pytest.raises(RuntimeError):
            Monitor(store, [f"{site.base}/feed.xml"], FailingOnce(allow_private=True, delay=0.0)).run()
