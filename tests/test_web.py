"""The web app: JSON API (filters, pagination, twins of the relations functions), pages, escaping of
untrusted article text, injection in every filter, request limits, and a bounded load test on loopback."""

from __future__ import annotations

import os
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest

import geowire
from geowire import relations
from geowire.cli import main as cli_main
from geowire.palette import QUAD_COLORS
from geowire.store import query

from .conftest import load_bench

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from geowire.web import create_app
from geowire.web.deps import MAX_PAGE

EVIL_ID = 'evil-"><script>alert(1)</script>'
EVIL_TEXT = (
    '<script>alert("t")</script> Russia condemned Ukraine <img src=x onerror=alert(2)>.\n\n'
    'France accused Germany of spying on its diplomats "><svg onload=alert(3)> on Monday. '
    "'; DROP TABLE events; --\n\n"
    "The United States imposed sanctions on Iran <script>window.__pwned=1</script> after the talks."
)
EVIL = geowire.Article(id=EVIL_ID, text=EVIL_TEXT, date="2024-05-01",
                       title='<script>alert("title")</script><b>bold</b>', url="javascript:alert(document.cookie)")

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", '" OR ""="', "USA' OR 'a'='a", "1 OR 1=1", "%", "_",
              "\\", "%' --", "USA%", "1; SELECT * FROM documents", "<script>alert(1)</script>",
              '"><img src=x onerror=alert(1)>', "\x00", "../../etc/passwd", "𝔘𝔖𝔄", "1e9", "-1", "RUS-UKR' --"]


bench_web = load_bench("bench_web")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:
    return bench_web.demo_db(tmp_path_factory.mktemp("web") / "demo.duckdb", extra=[EVIL], nlp=nlp)


@pytest.fixture(scope="module")
def app(db: Path) -> Any:
    app = create_app(db)
    yield app
    app.state.store.close()


@pytest.fixture(scope="module")
def client(app: Any) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def _store(app: Any) -> Any:
    return app.state.store.cursor()


# -- API --------------------------------------------------------------------------------------------------
def test_events_pagination_covers_every_event_once(client: TestClient, app: Any) -> None:
    store = _store(app)
    expected = {e["id"] for e in store.events()}
    seen: list[str] = []
    offset = 0
    while True:
        r = client.get("/api/events", params={"limit": 37, "offset": offset})
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == len(expected) and body["limit"] == 37
        seen += [e["id"] for e in body["items"]]
        if not body["items"]:
            break
        offset += 37
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == expected
    assert client.get("/api/events", params={"limit": MAX_PAGE}).status_code == 200
    for bad in ({"limit": MAX_PAGE + 1}, {"limit": 0}, {"offset": -1}, {"limit": "x"}):
        assert client.get("/api/events", params=bad).status_code == 422


def test_event_filters(client: TestClient) -> None:
    def items(**params: Any) -> list[dict[str, Any]]:
        r = client.get("/api/events", params={"limit": MAX_PAGE, **params})
        assert r.status_code == 200, r.text
        return r.json()["items"]

    def side(ev: dict[str, Any], key: str) -> dict[str, Any]:
        return ev[key] or {}

    usa = items(actor="USA")
    assert usa and all("USA" in (side(e, "source").get("country"), side(e, "target").get("country"))
                       or str(side(e, "source").get("code") or "").startswith("USA")
                       or str(side(e, "target").get("code") or "").startswith("USA") for e in usa)
    gov = items(actor="usagov")
    assert all(str(side(e, "source").get("code") or "").startswith("USAGOV")
               or str(side(e, "target").get("code") or "").startswith("USAGOV") for e in gov)
    rus = items(country="RUS")
    assert rus and all("RUS" in (side(e, "source").get("country"), side(e, "target").get("country")) for e in rus)
    assert all(side(e, "source").get("country") == "RUS" for e in items(source="RUS"))
    assert all(side(e, "target").get("country") == "UKR" for e in items(target="UKR"))
    pair = items(dyad="RUS-UKR")
    assert pair and all({side(e, "source").get("country"), side(e, "target").get("country")} == {"RUS", "UKR"}
                        for e in pair)
    c19 = items(cameo="19")
    assert all(e["cameo"].startswith("19") for e in c19)
    q4 = items(quad=4)
    assert q4 and all(e["quad_class"] == 4 for e in q4)
    dated = items(since="2020-01-01", until="2021-12-31")
    assert dated and all("2020-01-01" <= e["date"] <= "2021-12-31" for e in dated)
    sanc = items(q="SANCTION")
    assert sanc and all("sanction" in (e["sentence"] + e["trigger"]["text"]).lower() for e in sanc)
    assert len(items(include_negated="true")) >= len(items())
    # an HTML form sends empty fields: they mean "no filter"
    assert len(items(actor="", quad="", since="", q="")) == len(items())
    assert client.get("/api/events", params={"since": "2021-02-30"}).status_code == 422


def test_documents_and_evidence(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"limit": 100}).json()
    assert docs["total"] == 25
    assert client.get("/api/documents", params={"q": "Mamallapuram"}).json()["total"] == 1
    doc = client.get("/api/documents/sample-01").json()
    text = doc["text"]
    assert doc["events"] and doc["highlights"]
    for sp in doc["highlights"]:
        assert text[sp["start"]:sp["end"]] == sp["text"] and sp["kind"] in ("actor", "trigger", "place")
    for ev in doc["events"]:
        evd = ev["evidence"]
        assert text[evd["sentence_start"]:evd["sentence_end"]] == ev["sentence"]
        assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
        assert evd["sentence_start"] <= ev["trigger"]["start"] < evd["sentence_end"]
    one = client.get(f"/api/events/{doc['events'][0]['id']}").json()
    assert one["id"] == doc["events"][0]["id"] and one["evidence"]["sentence"] == one["sentence"]
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/events/nope").status_code == 404


def test_relations_endpoints_are_twins_of_the_functions(client: TestClient, app: Any) -> None:
    store = _store(app)
    net = client.get("/api/network", params={"max_nodes": 20}).json()
    ref = relations.network(store, max_nodes=20)
    assert net["nodes"] == ref["nodes"] and net["edges"] == ref["edges"]
    assert client.get("/api/dyads/RUS/UKR").json()["series"] == relations.dyad_series(store, "RUS", "UKR")
    assert (client.get("/api/dyads/rus/ukr", params={"by": "year"}).json()["series"]
            == relations.dyad_series(store, "RUS", "UKR", by="year"))
    bal = client.get("/api/balance", params={"country": "IND", "a": "USA", "b": "CHN"}).json()
    assert bal["series"] == relations.balance(store, "IND", "USA", "CHN")
    assert client.get("/api/dyads", params={"limit": 100}).json()["items"] == store.dyads(limit=100)
    assert client.get("/api/dyads/RUS/UKR", params={"by": "decade"}).status_code == 422
    spikes = client.get("/api/spikes", params={"by": "month", "min_history": 1, "threshold": 0}).json()
    assert spikes["items"] == relations.spikes(store, by="month", min_history=1, threshold=0)[:50]


def test_openapi_and_read_only(client: TestClient, app: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/documents", "/api/documents/{doc_id}", "/api/events/{event_id}",
                 "/api/dyads", "/api/dyads/{a}/{b}", "/api/network", "/api/balance", "/api/spikes", "/api/map"):
        assert path in spec["paths"], path
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    for path, ops in spec["paths"].items():  # every response has a schema, errors the one error body
        responses = ops["get"]["responses"]
        assert responses["200"]["content"]["application/json"]["schema"] != {}, path
        for status in ("404", "422"):
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"}, (path, status)
    with pytest.raises(duckdb.Error):
        app.state.store.con.cursor().execute("CREATE TABLE t (i INTEGER)")
    r = client.get("/events")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_every_page_has_a_json_twin(client: TestClient) -> None:
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    for path in ["/network", "/dyads", "/dyads/RUS/UKR", "/events?quad=4", f"/events/{ev['id']}", "/documents",
                 "/documents/sample-01", "/balance?country=IND&a=USA&b=CHN", "/spikes?by=month&min_history=1",
                 "/map", "/map?in=UKR&quad=4"]:
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        twin = "/api" + path
        assert f'href="{twin.replace("&", "&amp;")}"' in r.text, path
        j = client.get(twin)
        assert j.status_code == 200 and j.headers["content-type"] == "application/json", twin
    assert client.get("/", follow_redirects=False).headers["location"] == "/network"
    assert client.get("/static/app.js").status_code == 200


def test_every_list_endpoint_pages_the_same_way(client: TestClient, app: Any) -> None:
    store = _store(app)
    lists = {"/api/events": len(store.events()), "/api/documents": len(store.documents()),
             "/api/dyads": len(store.dyads()),
             "/api/spikes": len(relations.spikes(store, by="month", min_history=1, threshold=0)),
             "/api/map": len(query.places(store.con))}
    extra = {"/api/spikes": {"by": "month", "min_history": 1, "threshold": 0}}
    for path, total in lists.items():
        assert total > 3, path
        whole = client.get(path, params={"limit": MAX_PAGE, **extra.get(path, {})}).json()["items"]
        first = client.get(path, params={"limit": 2, **extra.get(path, {})}).json()
        rest = client.get(path, params={"limit": MAX_PAGE, "offset": 2, **extra.get(path, {})}).json()
        assert first["total"] == rest["total"] == total, path  # the real total, not the page length
        assert (first["limit"], first["offset"], rest["offset"]) == (2, 0, 2), path
        assert len(first["items"]) == 2 and first["items"] + rest["items"] == whole, path


def test_responses_match_their_models(client: TestClient) -> None:
    from pydantic import TypeAdapter

    from geowire.web import models

    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    cases: list[tuple[str, Any]] = [
        ("/api/events?limit=500&include_negated=true", models.Page[models.Event]),
        (f"/api/events/{ev['id']}", models.EventDetail),
        ("/api/documents?limit=500", models.Page[models.DocumentSummary]),
        ("/api/documents/sample-01", models.Document), (f"/api/documents/{quote(EVIL_ID, safe='')}", models.Document),
        ("/api/dyads?limit=500", models.Page[models.Dyad]), ("/api/dyads/RUS/UKR?by=year", models.DyadSeries),
        ("/api/network", models.Network), ("/api/balance?country=IND&a=USA&b=CHN", models.Balance),
        ("/api/spikes?by=month&min_history=1&threshold=0", models.Page[models.Spike]),
        ("/api/map", models.MapPage), ("/api/map?in=UKR&include_negated=true", models.MapPage),
        ("/api/events?limit=500&in=UKR", models.Page[models.Event]),
        ("/api/events/nope", models.ErrorBody), ("/api/events?quad=9", models.ErrorBody),
    ]
    for url, model in cases:
        body = client.get(url).json()
        adapter = TypeAdapter(model)
        assert adapter.dump_python(adapter.validate_python(body), mode="json") == body, url  # nothing lost


def test_error_bodies_have_one_shape(client: TestClient) -> None:
    for url, status in (("/api/events/nope", 404), ("/api/documents/nope", 404), ("/api/events?limit=0", 422),
                        ("/api/dyads/RUS/UKR?by=decade", 422), ("/api/balance?country=IND", 422),
                        ("/api/dyads/R-S/UKR", 422), ("/api/nowhere", 404)):
        r = client.get(url)
        body = r.json()
        assert r.status_code == status and set(body) == {"detail", "errors"}, (url, body)
        assert isinstance(body["detail"], str) and "\n" not in body["detail"], url
        assert all(set(e) == {"loc", "msg"} for e in body["errors"]), url
    assert client.get("/api/events?limit=0").json()["errors"][0]["loc"] == ["query", "limit"]


# -- where events happened: place filters and the map ----------------------------------------------------------
def _inputs(html: str, form_id: str) -> set[str]:
    """The names of a form's inputs and selects."""
    form = html.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    parser = _Tags()
    parser.feed(form)
    return {str(a["name"]) for t, a in parser.tags if t in ("input", "select") and a.get("name")}


def test_place_filters_of_the_event_list(client: TestClient, app: Any) -> None:
    def items(**params: Any) -> list[dict[str, Any]]:
        r = client.get("/api/events", params={"limit": MAX_PAGE, **params})
        assert r.status_code == 200, r.text
        return r.json()["items"]

    ukr = items(**{"in": "ukr"})
    assert ukr and all(e["location"]["country"] == "UKR" for e in ukr)
    near = items(near="50.45,30.52", km="100")  # Kyiv
    assert near and {e["location"]["name"] for e in near} == {"Kyiv"}
    assert {e["id"] for e in near} <= {e["id"] for e in ukr}
    kyiv = items(place=str(near[0]["location"]["geonames_id"]))
    assert {e["id"] for e in kyiv} == {e["id"] for e in near}
    for bad in ({"near": "50.45,30.52"}, {"km": "5"}, {"near": "95,30", "km": "5"}, {"near": "50,30", "km": "0"},
                {"near": "kyiv", "km": "5"}, {"in": "UK"}, {"in": "UKRA"}, {"km": "-5", "near": "1,1"}):
        r = client.get("/api/events", params=bad)
        assert r.status_code == 422 and set(r.json()) == {"detail", "errors"}, (bad, r.text)
    assert client.get("/events", params={"near": "95,30", "km": "5"}).status_code == 422  # a page too
    page = client.get("/events", params={"place": near[0]["location"]["geonames_id"]}).text
    assert _inputs(page, "event-filters") >= {"in", "near", "km", "place"}
    assert page.count('<td class="place">') == len(kyiv) and "Kyiv (UKR)" in page


def test_map_page_points_link_to_their_events(client: TestClient, app: Any) -> None:
    store = _store(app)
    data = client.get("/api/map").json()
    assert data["events"] == client.get("/api/events").json()["total"]
    assert data["events"] == data["located"] + data["unlocated"] + data["no_place"] and data["located"] > 50
    assert data["items"] == query.places(store.con, page=query.Page(MAX_PAGE))
    assert sum(p["events"] for p in data["items"]) == data["located"] and data["total"] == len(data["items"])
    html = client.get("/map", params={"quad": "4"}).text
    four = client.get("/api/map", params={"quad": "4"}).json()["items"]
    parser = _Tags()
    parser.feed(html)
    points = [a for t, a in parser.tags if t == "a" and "place" in (a.get("class") or "").split()]
    circles = [a for t, a in parser.tags if t == "circle"]
    assert len(points) == len(circles) == len(four) > 0
    assert {p["data-place"] for p in points} == {p["place"] for p in four}
    assert {c["fill"] for c in circles} == {QUAD_COLORS[4]}  # quad 4 only: the palette's colour of quad 4
    radius = {p["data-place"]: float(c["r"]) for p, c in zip(points, circles, strict=True)}
    by_events = sorted(four, key=lambda p: p["events"])
    assert radius[by_events[0]["place"]] <= radius[by_events[-1]["place"]]  # sized by count
    for a in points[:5]:  # every point: the event list filtered to its place (and the map's filters)
        href = str(a["href"])
        assert href.startswith("/events?") and "quad=4" in href and "place=" in href
        listed = client.get(f"/api{href}&limit={MAX_PAGE}").json()
        assert listed["total"] == int(str(a["data-events"])) > 0
        assert all(e["quad_class"] == 4 for e in listed["items"])
        ev = client.get(f"/events/{listed['items'][0]['id']}").text  # and from there its evidence
        assert 'id="evidence-sentence"' in ev and 'id="event-place"' in ev
    assert html.count("<path ") >= 170  # the world outline: Natural Earth's countries
    remote = [a for _, a in parser.tags for k in ("href", "src", "xlink:href", "action")
              if str(a.get(k) or "").lower().startswith(("http:", "https:", "//"))]
    assert not remote and "url(" not in html  # nothing from elsewhere: no tiles, scripts or fonts
    assert 'href="/map" aria-current="page"' in html  # in the navigation
    assert _inputs(html, "map-filters") == _inputs(client.get("/events").text, "event-filters")  # the same filters


def test_map_without_located_events(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    with geowire.Store(db) as s:
        s.add([(geowire.Article(id="x", text="Nothing happened."), [], None)])
    app = create_app(db)
    try:
        c = TestClient(app)
        body = c.get("/api/map").json()
        assert (body["total"], body["items"], body["events"]) == (0, [], 0)
        r = c.get("/map")
        assert r.status_code == 200 and "no located events" in r.text
    finally:
        app.state.store.close()


# -- untrusted text ---------------------------------------------------------------------------------------
class _Tags(HTMLParser):
    """Every start tag of a page as the browser's tokenizer sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_inert(body: str, where: str) -> None:
    parser = _Tags()
    parser.feed(body)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}], where
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed", "b"), (where, tag)
        assert not any(k.startswith("on") for k in attrs), (where, tag, attrs)
        for k in ("href", "src", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith(("javascript:", "data:")), (where, attrs)
    assert "<img src=x" not in body and "<svg onload" not in body, where


def test_html_injection_is_inert_on_every_page(client: TestClient) -> None:
    evil = client.get(f"/api/documents/{quote(EVIL_ID, safe='')}")
    assert evil.status_code == 200
    evil_events = evil.json()["events"]
    assert len(evil_events) >= 2
    pages = ["/network", "/dyads", "/dyads/RUS/UKR", "/dyads/FRA/DEU", "/dyads/USA/IRN", "/events",
             "/events?include_negated=true&limit=500", "/events?q=%3Cscript%3E", "/events?q=onerror", "/documents",
             "/documents?q=script", "/documents?limit=500", f"/documents/{quote(EVIL_ID, safe='')}",
             "/balance?country=FRA&a=DEU&b=USA", "/events?since=<script>", "/documents/%3Cscript%3Enope",
             "/spikes?by=month&min_history=1&threshold=0", "/map", "/map?include_negated=true",
             "/map?q=%3Cscript%3E", "/events?place=%3Cscript%3E"]
    pages += [f"/events/{e['id']}" for e in evil_events]
    for path in pages:
        r = client.get(path)
        assert r.status_code < 500, path
        assert r.headers["content-type"].startswith("text/html"), path
        _assert_inert(r.text, path)
    doc_page = client.get(f"/documents/{quote(EVIL_ID, safe='')}").text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in doc_page or "&lt;script&gt;alert(" in doc_page
    assert "&lt;svg onload=alert(3)&gt;" in doc_page
    assert "javascript:alert(document.cookie)" in doc_page  # shown as text, never as a link
    assert 'class="mark trigger"' in doc_page


def test_injection_in_every_filter(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    event_params = ["actor", "country", "source", "target", "dyad", "cameo", "quad", "since", "until", "q",
                    "include_negated", "limit", "offset", "in", "near", "km", "place"]
    checks: list[tuple[str, str, str]] = [("/api/events", p, "items") for p in event_params]
    checks += [("/api/map", p, "items") for p in event_params]
    checks += [("/api/documents", p, "items") for p in ("q", "since", "until", "limit", "offset")]
    checks += [("/api/network", p, "edges") for p in ("since", "max_nodes")]
    checks += [("/api/dyads", p, "items") for p in ("limit", "offset")]
    checks += [("/api/spikes", p, "items") for p in ("by", "min_history", "threshold", "measure")]
    for inj in INJECTIONS:
        for path, param, key in checks:
            r = client.get(path, params={param: inj})
            assert r.status_code < 500, (path, param, inj)
            if r.status_code >= 400:
                continue
            body = r.json()
            if path == "/api/map":  # the map's events are the event list's, whatever the filter
                assert body["events"] == client.get("/api/events", params={param: inj}).json()["total"], (param, inj)
                continue
            if param == "q":  # free text: only rows that contain it literally
                for item in body[key]:
                    hay = (item.get("sentence") or "") + (item.get("trigger") or {}).get("text", "")
                    hay += (item.get("title") or "")
                    if path == "/api/documents":
                        hay += client.get(f"/api/documents/{quote(item['id'], safe='')}").json()["text"]
                    assert inj.lower() in hay.lower(), (path, param, inj)
            elif param == "threshold":  # any number is a threshold: "-1" and "1e9" (when in bounds) too
                assert float(inj) == float(inj) and isinstance(body[key], list), (path, param, inj)
            elif param in ("limit", "offset", "max_nodes", "min_history", "by", "measure"):
                pytest.fail(f"{path} accepted {param}={inj!r}")
            else:
                assert body.get("total", len(body[key])) == 0 or not body[key], (path, param, inj, total)
        for url in (f"/api/events/{quote(inj, safe='')}", f"/api/documents/{quote(inj, safe='')}",
                    f"/api/dyads/{quote(inj, safe='')}/UKR", f"/api/dyads/RUS/{quote(inj, safe='')}"):
            r = client.get(url)
            assert r.status_code in (404, 422), (url, r.status_code)
        for param in ("country", "a", "b", "by"):
            params = {"country": "IND", "a": "USA", "b": "CHN", param: inj}
            assert client.get("/api/balance", params=params).status_code == 422, (param, inj)
        for page in ("/events", "/documents", "/network", "/map"):
            for param in ("q", "actor", "since", "limit", "place", "in"):
                r = client.get(page, params={param: inj})
                assert r.status_code < 500, (page, param, inj)
                _assert_inert(r.text, f"{page}?{param}={inj!r}")
    # the database is intact
    assert client.get("/api/events").json()["total"] == total


# -- limits -----------------------------------------------------------------------------------------------
def test_request_limits(client: TestClient, db: Path) -> None:
    r = client.post("/api/events", content=b"x" * (128 * 1024))
    assert r.status_code == 413
    assert client.get("/api/events", params={"q": "a" * 5000}).status_code == 414
    assert client.get("/api/events", params={"q": "a" * 300}).status_code == 422
    assert client.post("/api/events", content=b"{}").status_code == 405
    slow = create_app(db, timeout=1e-6)
    try:
        r = TestClient(slow, raise_server_exceptions=False).get("/api/network")
        assert r.status_code == 503
    finally:
        slow.state.store.close()


def test_serve_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 1
    assert "no database" in capsys.readouterr().err


# -- load -------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_load_200_clients(db: Path) -> None:
    seconds = float(os.environ.get("GEOWIRE_WEB_LOAD_SECONDS", "10"))
    with bench_web.serve(db) as url:
        res = bench_web.load(url, clients=200, seconds=seconds)
    print(f"\nweb load: {res}")
    assert res["errors"] == 0, res["error_samples"]
    assert res["requests"] >= 200
