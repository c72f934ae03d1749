"""Alerts: the rules file (TOML and YAML, one-line errors), evaluation of count and z-score rules into alert
records that carry their events and evidence, once per window; JSON-lines output, the webhook (retries with
backoff, a final 4xx, never blocking the caller), and `geowire alerts`."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import geowire
from geowire.alerts import load_rules
from geowire.alerts.deliver import JsonlSink, Webhook, webhook_for
from geowire.alerts.evaluate import evaluate, raise_alerts
from geowire.alerts.rules import Rule, parse_rules
from geowire.cli import main
from geowire.errors import GeowireError
from geowire.store import query
from geowire.store.alerts import alert_page, pending_alerts, set_delivery

AT = dt.date(2024, 3, 15)  # a Friday
ATTACKS = ["Russia attacked Ukraine with missiles and drones overnight.", "Russia shelled Ukrainian towns along the front line.",
           "Russian troops attacked Ukrainian villages in the east.", "Russian aircraft bombed Ukrainian cities in the south.",
           "Russia launched missile strikes on Ukraine's power grid.", "Russian artillery shelled Ukraine again.",
           "Russia struck Ukraine with drones.", "Russia bombed Ukraine.", "Russia shelled Ukraine."]


def _articles(dated: list[tuple[str, str]]) -> list[geowire.Article]:
    return [geowire.Article(id=f"d{i}", text=t, date=d, title=f"T{i}", url=f"http://example.org/{i}")
            for i, (d, t) in enumerate(dated)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:
    """Weeks of one attack each, then a hostile week (the week of AT) and unrelated cooperation."""
    weeks = [(AT - dt.timedelta(weeks=w)).isoformat() for w in range(5, 0, -1)]
    dated = [(d, ATTACKS[i]) for i, d in enumerate(weeks)]
    dated += [("2024-03-14", ATTACKS[5]), ("2024-03-15", ATTACKS[6]), ("2024-03-15", ATTACKS[7]),
              ("2024-03-13", ATTACKS[8]), ("2024-03-15", "Japan praised India for its support at the regional summit.")]
    path = tmp_path_factory.mktemp("alerts") / "a.duckdb"
    with geowire.Store(path) as store:
        geowire.ingest(_articles(dated), store, nlp=nlp)
    return path


def _rule(**kw: Any) -> Rule:
    return parse_rules({"rule": [{"name": "r", **kw}]}).rules[0]


def _count(store: geowire.Store, rule: Rule, since: str, until: str) -> int:
    return query.count_events(store.con, query.EventFilter(dyad=rule.dyad, country=rule.country, quad=rule.quad,
                                                          cameo=rule.cameo, since=since, until=until))


# the rules file ----------------------------------------------------------------------------------------
def test_rules_files_in_toml_and_yaml(tmp_path: Path) -> None:
    toml = tmp_path / "r.toml"
    toml.write_text('[webhook]\nurl = "http://127.0.0.1:9/hook"\nretries = 1\n\n[[rule]]\nname = "war"\n'
                    'dyad = "rus-ukr"\nquad = 4\nmin_events = 3\nwindow = "1w"\n\n[[rule]]\nname = "iran"\n'
                    'country = "IRN"\nmin_z = 2.5\nby = "month"\n', encoding="utf-8")
    yaml = tmp_path / "r.yaml"
    yaml.write_text("webhook: {url: 'http://127.0.0.1:9/hook', retries: 1}\nrule:\n"
                    "  - {name: war, dyad: rus-ukr, quad: 4, min_events: 3, window: 1w}\n"
                    "  - {name: iran, country: IRN, min_z: 2.5, by: month}\n", encoding="utf-8")
    a, b = load_rules(toml), load_rules(yaml)
    assert a == b
    war, iran = a.rules
    assert (war.kind, war.dyad, war.quad, war.min_events, war.window_days, war.subject) == (
        "count", ("RUS", "UKR"), 4, 3, 7, "RUS-UKR")
    assert (iran.kind, iran.country, iran.min_z, iran.by, iran.min_history) == ("zscore", "IRN", 2.5, "month", 4)
    assert a.webhook is not None and a.webhook.retries == 1 and a.webhook.timeout == 5.0


@pytest.mark.parametrize("rule, message", [
    ({"dyad": "RUS-UKR", "min_events": 3}, "needs a name"),
    ({"name": "x", "min_events": 3}, "exactly one of dyad, country or actor"),
    ({"name": "x", "dyad": "RUS-UKR"}, "give one threshold"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 3, "min_z": 2}, "give one threshold"),
    ({"name": "x", "dyad": "RUSUKR", "min_events": 3}, "invalid dyad"),
    ({"name": "x", "country": "1R", "min_events": 3}, "invalid country"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 0}, "at least 1"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": "many"}, "give a number"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 3, "window": "3h"}, "invalid window"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 3, "cameo": "25"}, "invalid cameo"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 3, "quad": 5}, "invalid quad"),
    ({"name": "x", "dyad": "RUS-UKR", "min_events": 3, "treshold": 2}, "unknown key 'treshold'"),
    ({"name": "x", "dyad": "RUS-UKR", "min_z": 2, "window": "2d"}, "unknown key 'window'"),
    ({"name": "x", "dyad": "RUS-UKR", "min_z": 2, "by": "hour"}, "invalid by"),
])
def test_rule_mistakes_are_one_line_naming_the_rule(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(GeowireError) as err:
        parse_rules({"rule": [rule]}, "rules.toml")
    text = str(err.value)
    assert "\n" not in text and text.startswith("rules.toml: rule ") and message in text, text


def test_rules_file_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]\nname = ", encoding="utf-8")
    for data, message in (({}, "no rules"), ({"rule": [], "alerts": 1}, "unknown section"),
                          ({"rule": [{"name": "a", "country": "IRN", "min_events": 1}] * 2}, "two rules are named"),
                          ({"rule": [], "webhook": {"url": "ftp://x"}}, "webhook")):
        with pytest.raises(GeowireError, match=message):
            parse_rules(data)
    with pytest.raises(GeowireError, match="not valid TOML"):
        load_rules(bad)
    with pytest.raises(GeowireError, match="cannot read rules file"):
        load_rules(tmp_path / "none.toml")


# evaluation --------------------------------------------------------------------------------------------
def test_count_rule_fires_at_its_threshold_with_the_events_behind_it(db: Path) -> None:
    with geowire.Store(db, read_only=True) as store:
        rule = _rule(dyad="UKR-RUS", quad=4, min_events=1, window="3d")
        n = _count(store, rule, "2024-03-13", "2024-03-15")
        assert n >= 3  # the hostile days; the weekly attacks before them are outside the window
        assert _count(store, rule, "2024-02-01", "2024-03-15") > n
        [alert] = evaluate(store, [_rule(dyad="UKR-RUS", quad=4, min_events=n, window="3d")], AT)
        assert evaluate(store, [_rule(dyad="UKR-RUS", quad=4, min_events=n + 1, window="3d")], AT) == []
        assert evaluate(store, [_rule(dyad="UKR-RUS", quad=4, min_events=n, window="3d")], AT + dt.timedelta(days=10)) == []
        a = alert.to_dict()
        assert (a["subject"], a["value"], a["threshold"], a["window_start"], a["window_end"]) == (
            "UKR-RUS", n, n, "2024-03-13", "2024-03-15")
        assert len(a["events"]) == n and all(e["quad_class"] == 4 and e["sentence"] in ATTACKS for e in a["events"])
        assert all(e["url"].startswith("http://example.org/") and e["title"] for e in a["events"])
        assert {e["source"][:3] for e in a["events"]} == {"RUS"} and {e["target"] for e in a["events"]} == {"UKR"}
        root = a["events"][0]["cameo_root"]
        assert evaluate(store, [_rule(country="RUS", cameo=root, min_events=1, window="3d")], AT)
        assert evaluate(store, [_rule(country="RUS", cameo="04", min_events=1, window="3d")], AT) == []
        assert evaluate(store, [_rule(dyad="JPN-IND", quad=4, min_events=1)], AT) == []
        assert evaluate(store, [_rule(actor="JPN", quad=1, min_events=1)], AT)


def test_zscore_rule_fires_for_the_spike_of_the_current_period(db: Path) -> None:
    with geowire.Store(db, read_only=True) as store:
        [alert] = evaluate(store, [_rule(dyad="RUS-UKR", min_z=2, by="week", min_history=4)], AT)
        assert alert.kind == "zscore" and alert.subject == "RUS-UKR" and alert.value >= 2
        assert (alert.window_start, alert.window_end) == ("2024-03-11", "2024-03-17")  # Monday to Sunday
        assert len(alert.events) >= 3 and all(e["date"] >= "2024-03-11" for e in alert.events)
        assert "z " in alert.message and "earlier periods" in alert.message
        assert evaluate(store, [_rule(dyad="RUS-UKR", min_z=2, by="week", min_history=4)], AT - dt.timedelta(weeks=1)) == []
        assert evaluate(store, [_rule(country="JPN", min_z=2, by="week")], AT) == []
        assert evaluate(store, [_rule(dyad="RUS-UKR", min_z=50, by="week")], AT) == []


def test_an_alert_is_raised_once_per_window(tmp_path: Path, db: Path) -> None:
    copy = tmp_path / "c.duckdb"
    copy.write_bytes(db.read_bytes())
    rules = [_rule(dyad="RUS-UKR", quad=4, min_events=2, window="3d")]
    with geowire.Store(copy) as store:
        [new] = raise_alerts(store, rules, AT, webhook=True)
        assert raise_alerts(store, rules, AT, webhook=True) == []
        assert len(raise_alerts(store, rules, AT + dt.timedelta(days=1))) == 1  # the next day's window
        [pending] = pending_alerts(store.con)
        assert pending["id"] == new["id"] and pending["events"] == new["events"]
        assert pending["fired_at"] == new["fired_at"] and new["delivery"] == "pending"
        set_delivery(store.con, [(new["id"], "sent")])
        assert pending_alerts(store.con) == []
        page = alert_page(store.con, query.Page(1))
        assert page["total"] == 2 and len(page["items"]) == 1


# delivery ----------------------------------------------------------------------------------------------
class Hook:
    """A webhook receiver answering `statuses` in turn (then 200); requests wait while `release` is clear."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses, self.bodies = list(statuses), []
        self.release = threading.Event()
        self.release.set()
        self.arrived = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                hook.arrived.set()
                hook.release.wait(30)
                status = hook.statuses.pop(0) if hook.statuses else 200
                if status == 200:
                    hook.bodies.append(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture()
def hook() -> Iterator[Any]:
    made: list[Hook] = []

    def make(statuses: list[int]) -> Hook:
        made.append(Hook(statuses))
        return made[-1]

    yield make
    for h in made:
        h.release.set()
        h.server.shutdown()
        h.server.server_close()


def _outcomes(w: Webhook) -> list[tuple[str, str]]:
    w.close(wait=30)
    return w.outcomes()


def test_webhook_retries_with_backoff_then_delivers(hook: Any) -> None:
    h = hook([503, 500])
    w = Webhook(h.url, timeout=5, retries=3, backoff=0.05)
    assert w.submit({"id": "a1", "message": "m", "events": [], "delivery": "pending"})  # sent without its state
    assert _outcomes(w) == [("a1", "sent")]
    assert h.bodies == [{"id": "a1", "message": "m", "events": []}]


def test_webhook_gives_up(hook: Any) -> None:
    h = hook([503] * 10)
    w = Webhook(h.url, timeout=5, retries=2, backoff=0.01)
    w.submit({"id": "a1"})
    assert _outcomes(w) == [("a1", "failed: HTTP 503 after 3 attempts")]
    h2 = hook([404])
    w = Webhook(h2.url, timeout=5, retries=5, backoff=0.01)
    w.submit({"id": "a2"})
    assert _outcomes(w) == [("a2", "failed: HTTP 404 after 1 attempt")]  # a 4xx is not retried
    w = Webhook("http://127.0.0.1:9/nothing-listens", timeout=2, retries=1, backoff=0.01)
    w.submit({"id": "a3"})
    [(alert_id, outcome)] = _outcomes(w)
    assert alert_id == "a3" and outcome.startswith("failed: ") and outcome.endswith("after 2 attempts")


def test_webhook_never_blocks_the_caller(hook: Any) -> None:
    h = hook([])
    h.release.clear()  # the receiver holds every request until released
    w = Webhook(h.url, timeout=30, retries=0, queue_size=2)
    assert w.submit({"id": "a1"})
    assert h.arrived.wait(10)  # a1 is in flight and held by the receiver ...
    assert w.submit({"id": "a2"}) and w.submit({"id": "a3"})  # ... the caller queues more meanwhile
    assert not w.submit({"id": "a4"})  # a full queue refuses (the alert stays pending in the store)
    assert w.outcomes() == []
    h.release.set()
    assert sorted(_outcomes(w)) == [("a1", "sent"), ("a2", "sent"), ("a3", "sent")]


def test_webhook_from_the_rules_or_the_command_line() -> None:
    rules = parse_rules({"rule": [], "webhook": {"url": "http://127.0.0.1:9/a", "timeout": 2, "retries": 7}})
    for w, url, retries in ((webhook_for(rules), "http://127.0.0.1:9/a", 7),
                            (webhook_for(rules, "http://127.0.0.1:9/b"), "http://127.0.0.1:9/b", 3)):
        assert w is not None and (w.url, w.retries) == (url, retries)
        w.close(0.1)
    assert webhook_for(None) is None and webhook_for(parse_rules({"rule": []})) is None
    with pytest.raises(GeowireError, match="invalid webhook URL"):
        Webhook("file:///etc/passwd")


def test_jsonl_sink_appends(tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    for n in (1, 2):
        sink = JsonlSink(str(out))
        sink.write({"id": f"a{n}", "events": [{"sentence": "Russia attacked Ukraine."}]})
        sink.close()
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a1", "a2"]
    with pytest.raises(GeowireError, match="cannot write alerts"):
        JsonlSink(str(tmp_path / "no" / "dir.jsonl"))


# the command --------------------------------------------------------------------------------------------
def test_alerts_command(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "c.duckdb"
    copy.write_bytes(db.read_bytes())
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "war"\ndyad = "RUS-UKR"\nquad = 4\nmin_events = 2\nwindow = "3d"\n',
                     encoding="utf-8")
    out = tmp_path / "alerts.jsonl"
    args = ["alerts", "--db", str(copy), "--rules", str(rules), "--at", "2024-03-15", "--format", "jsonl"]
    assert main([*args, "--out", str(out)]) == 0
    said = capsys.readouterr()
    [alert] = [json.loads(x) for x in said.out.splitlines()]
    assert alert["rule"] == "war" and "alert war: " in said.err and "1 new alerts" in said.err
    assert json.loads(out.read_text())["id"] == alert["id"]
    assert main(args) == 0 and capsys.readouterr().out == ""  # raised once
    assert main(["alerts", "--db", str(copy), "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["id"] == alert["id"] and listed["events"] == alert["events"] and listed["fired_at"]
    assert main(["alerts", "--db", str(copy)]) == 0 and "war" in capsys.readouterr().out
    rules.write_text('[[rule]]\nname = "war"\ndyad = "RUS-UKR"\n', encoding="utf-8")
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "give one threshold" in err
