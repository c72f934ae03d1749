"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; never downloaded):
network -> dyad -> event -> document on the sample corpus, with screenshots, the map offline (point -> events
-> evidence), and an article full of HTML injection that stays inert. Skipped when /usr/bin/chromium or
Playwright is absent.

Screenshots go to a temporary directory, or to $GEOWIRE_SCREENSHOT_DIR when set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

import geowire

from .conftest import load_bench

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.slow

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

EVIL_ID = "evil-<img src=x onerror=window.__pwned=1>"
EVIL = geowire.Article(
    id=EVIL_ID, date="2024-05-01", title='<script>window.__pwned=1</script>Evil "title"',
    url="javascript:window.__pwned=1",
    text=('<script>window.__pwned=1</script> Russia condemned Ukraine <img src=x onerror="window.__pwned=1">.\n\n'
          'France accused Germany of spying "><svg onload="window.__pwned=1"> on Monday.\n\n'
          "The United States imposed sanctions on Iran <iframe src=javascript:window.__pwned=1></iframe> again."))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Any:
    bench_web = load_bench("bench_web")
    db = bench_web.demo_db(tmp_path_factory.mktemp("browser") / "demo.duckdb", extra=[EVIL], nlp=nlp)
    with bench_web.serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = os.environ.get("GEOWIRE_SCREENSHOT_DIR")
    if d:
        Path(d).mkdir(parents=True, exist_ok=True)
        return Path(d)
    return tmp_path_factory.mktemp("screens")


@pytest.fixture(scope="module")
def browser() -> Any:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Any:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.set_default_timeout(15000)
    yield pg
    ctx.close()


def test_network_dyad_event_document(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/network")
    assert page.locator("svg.network a.edge").count() > 0
    assert page.locator("svg.network a.node").count() > 0
    page.screenshot(path=str(shots / "1-network.png"), full_page=False)

    # network -> dyad: the relation RUS -> UKR from the relations table under the map
    page.locator('a.dyad-link[href="/dyads/RUS/UKR"]').click()
    page.wait_for_url("**/dyads/RUS/UKR")
    assert page.locator("h1").inner_text() == "RUS and UKR"
    assert page.locator("svg.timeline a.band").count() > 0
    assert page.locator("table.events tbody tr.event").count() > 0
    page.screenshot(path=str(shots / "2-dyad.png"), full_page=True)

    # dyad -> event
    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("#evidence-sentence mark.trigger").count() == 1
    trigger = page.locator("#evidence-sentence mark.trigger").inner_text()
    page.screenshot(path=str(shots / "3-event.png"), full_page=True)

    # event -> document, scrolled to the event's evidence
    page.locator("#document-link").click()
    page.wait_for_url("**/documents/**")
    assert page.locator("article.article a.mark.trigger").count() > 0
    assert page.locator("article.article a.mark.actor").count() > 0
    target = page.locator("ol.evidence li:target")
    assert target.count() == 1 and trigger in target.inner_text()
    page.screenshot(path=str(shots / "4-document.png"), full_page=False)

    # the JSON twin of the document
    page.locator("#json-twin").click()
    assert '"highlights"' in page.content()


def test_event_filters_in_the_browser(page: Any, server: str) -> None:
    page.goto(server + "/events")
    page.fill("input[name=actor]", "USA")
    page.select_option("select[name=quad]", "1")
    page.click("form#event-filters button[type=submit]")
    page.wait_for_url("**/events?*")
    assert "actor=USA" in page.url and "country=" not in page.url  # empty fields left out
    rows = page.locator("table.events tbody tr.event")
    assert rows.count() > 0
    assert all(t.strip() == "1" for t in page.locator("table.events tbody tr.event .quad").all_inner_texts())


def test_injected_article_is_inert(page: Any, server: str, shots: Path) -> None:
    doc = f"/documents/{quote(EVIL_ID, safe='')}"
    urls = [doc, "/documents", "/events?q=window", "/network", "/dyads/FRA/DEU", "/events?actor=%3Cscript%3E"]
    page.goto(server + f"/api{doc}")
    ids = [e["id"] for e in page.evaluate("() => JSON.parse(document.body.innerText)")["events"]]
    assert ids
    urls += [f"/events/{i}" for i in ids]
    for url in urls:
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.evaluate("() => document.querySelectorAll('main script, main img, main iframe').length") == 0
    page.goto(server + doc)
    text = page.locator("article.article").inner_text()
    assert "<script>window.__pwned=1</script>" in text and '<svg onload="window.__pwned=1">' in text
    assert page.locator("h1").inner_text() == '<script>window.__pwned=1</script>Evil "title"'
    assert page.locator('a[href^="javascript"]').count() == 0
    page.screenshot(path=str(shots / "5-injection.png"), full_page=False)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_map_offline_point_to_events_to_evidence(browser: Any, server: str, shots: Path) -> None:
    """The map page draws the world and the places with nothing from outside 127.0.0.1 (every other request
    is refused and recorded); a point leads to its events, an event to its evidence."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def local_only(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", local_only)
    page = ctx.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(server + "/events")
        page.locator('header nav a[href="/map"]').click()  # in the navigation
        page.wait_for_url("**/map")
        page.wait_for_load_state("load")
        assert page.locator("svg.worldmap g.land path").count() >= 170
        points = page.locator("svg.worldmap a.place")
        assert points.count() > 10
        assert page.locator("table.places tbody tr").count() == points.count()
        page.screenshot(path=str(shots / "6-map.png"), full_page=False)

        # the filters of the event table: material conflict only
        page.select_option("form#map-filters select[name=quad]", "4")
        page.click("form#map-filters button[type=submit]")
        page.wait_for_url("**/map?*quad=4*")
        assert page.locator("svg.worldmap a.place.quad4").count() == page.locator("svg.worldmap a.place").count() > 0

        # a point -> its events (the list filtered to its place and the map's filters) -> one event's evidence
        point = page.locator("svg.worldmap a.place").first
        n = int(point.get_attribute("data-events") or 0)
        point.click()
        page.wait_for_url("**/events?*place=*")
        assert "quad=4" in page.url
        assert page.locator("table.events tbody tr.event").count() == n > 0
        assert len(set(page.locator("table.events td.place").all_inner_texts())) == 1
        page.locator("table.events a.event-link").first.click()
        page.wait_for_url("**/events/*")
        assert page.locator("#evidence-sentence mark.trigger").count() == 1
        assert page.locator("#event-place").inner_text().strip() not in ("", "–")
        page.screenshot(path=str(shots / "7-map-event.png"), full_page=False)
    finally:
        ctx.close()
    assert outside == []
