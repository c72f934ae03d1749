"""Where events happened, in the store and the query layer: the location columns and the contract's nested
`location`, the place filters (location country, great-circle distance, one place), the map's points, files
written before the columns existed, and `geowire events --in / --near --km`. (The GDELT and PLOVER exports are
in test_export.py, the map page in test_web.py and test_browser.py.)"""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest

import geowire
from geowire import GeowireError, Store
from geowire.cli import main
from geowire.store import open_store, query
from geowire.store.query import EventFilter, Page

from .test_relations import add_event

# name, country, adm1, lat, lon, GeoNames id, precision
PLACES = {
    "Kyiv": ("UKR", "UA.12", 50.4547, 30.5238, 703448, "city"),
    "Kharkiv": ("UKR", "UA.07", 49.9808, 36.2527, 706483, "city"),
    "Lviv": ("UKR", "UA.15", 49.8383, 24.0232, 702550, "city"),
    "Ukraine": ("UKR", None, 48.8718, 32.4021, 690791, "country"),
    "Suva": ("FJI", "FJ.01", -18.1416, 178.4415, 2198148, "city"),
    "Apia": ("WSM", "WS.04", -13.8333, -171.7667, 4035413, "city"),
    "South China Sea": (None, None, 12.0, 114.0, None, "adm1"),
}


def location(name: str, text: str | None = None) -> dict:
    country, adm1, lat, lon, gid, precision = PLACES[name]
    text = text or name
    return {"text": text, "start": 0, "end": len(text), "name": name, "country": country, "adm1": adm1,
            "lat": lat, "lon": lon, "geonames_id": gid, "precision": precision}


def set_location(store: Store, eid: str, loc: dict) -> None:
    store.con.execute(f"UPDATE events SET {', '.join(f'location_{k} = ?' for k in loc)} WHERE id = ?",
                      [*loc.values(), eid])


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km, computed here independently of the SQL."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * query.EARTH_KM * math.asin(math.sqrt(h))


@pytest.fixture()
def placed(store: Store) -> Store:
    """One event per place (quad class 1 in Kyiv twice and 4 once), one without a place, one negated in Lviv."""
    for i, (name, quad) in enumerate([("Kyiv", 1), ("Kyiv", 1), ("Kyiv", 4), ("Kharkiv", 4), ("Lviv", 3),
                                      ("Ukraine", 2), ("Suva", 1), ("Apia", 1), ("South China Sea", 4)]):
        set_location(store, add_event(store, "RUS", "UKR", f"2024-01-{i + 1:02d}", quad, eid=f"p{i}"),
                     location(name))
    add_event(store, "RUS", "UKR", "2024-02-01", 1, eid="nowhere")
    set_location(store, add_event(store, "RUS", "UKR", "2024-02-02", 4, negated=True, eid="neg"), location("Lviv"))
    return store


def ids(store: Store, **kw) -> set[str]:
    return {e["id"] for e in query.events(store.con, EventFilter(**kw))}


def test_an_event_keeps_its_location_through_the_store(nlp) -> None:
    text = "Russian forces shelled the city of Kherson on Monday. Canada condemned Saudi Arabia over the arrests."
    evs = list(geowire.extract(geowire.Article(id="g", text=text, date="2023-03-20"), nlp))
    assert any(e.location for e in evs) and any(e.location is None for e in evs)
    with Store(":memory:") as s:
        s.add([(geowire.Article(id="g", text=text, date="2023-03-20"), evs, None)])
        stored = {e["id"]: e for e in s.events()}
        row = s.con.execute("SELECT location_name, location_country, location_precision FROM events "
                            "WHERE location_name IS NOT NULL").fetchall()
    assert {e.id: e.location for e in evs} == {i: e["location"] for i, e in stored.items()}
    assert ("Kherson", "UKR", "city") in row
    keys = list(next(iter(stored.values())))
    assert keys.index("location") == keys.index("mentions") + 1  # the contract's last field (stored extras follow)


def test_the_parquet_layout_carries_locations(nlp, tmp_path: Path) -> None:
    from geowire.store.parquet import ParquetWriter
    from geowire.store.rows import document_row, event_rows

    art = geowire.Article(id="pq", text="Russian forces shelled the city of Kherson on Monday.", date="2023-03-20")
    evs = list(geowire.extract(art, nlp))
    writer = ParquetWriter(tmp_path / "out", "t1")
    writer.write(0, [document_row(art, n_events=len(evs))], event_rows(evs))
    writer.write_marker({})
    with open_store(tmp_path / "out") as pq:  # a ParquetStore: DuckDB views over the files
        kherson = query.events(pq.con, EventFilter(in_country="UKR"))
        assert [e["location"] for e in kherson] == [e.location for e in evs if e.location
                                                    and e.location["country"] == "UKR"] != []
        assert "Kherson" in {p["name"] for p in query.places(pq.con)}


def test_location_country_filter(placed: Store) -> None:
    assert ids(placed, in_country="UKR") == {"p0", "p1", "p2", "p3", "p4", "p5"}
    assert ids(placed, in_country="ukr") == ids(placed, in_country="UKR")
    assert ids(placed, in_country="UKR", include_negated=True) >= {"neg"}
    assert ids(placed, in_country="FJI") == {"p6"} and ids(placed, in_country="USA") == set()
    for bad in ("UK", "UKRA", "U1R", ""):
        if bad:
            with pytest.raises(GeowireError):
                ids(placed, in_country=bad)


def test_distance_filter_is_great_circle(placed: Store) -> None:
    kyiv = PLACES["Kyiv"][2:4]
    for name in ("Kharkiv", "Lviv", "Ukraine"):  # the filter's boundary falls where an independent haversine says
        d = haversine(kyiv, PLACES[name][2:4])
        assert name in {e["location"]["name"] for e in query.events(placed.con, EventFilter(near=(*kyiv, d + 1)))}
        assert name not in {e["location"]["name"] for e in query.events(placed.con, EventFilter(near=(*kyiv, d - 1)))}
    assert 400 < haversine(kyiv, PLACES["Kharkiv"][2:4]) < 420
    assert ids(placed, near=(*kyiv, 10)) == {"p0", "p1", "p2"}
    # across the antimeridian: Suva (178.4 E) and Apia (171.8 W) are about 1,150 km apart, not 35,000
    assert ids(placed, near=(*PLACES["Suva"][2:4], 1200)) == {"p6", "p7"}
    assert ids(placed, near=(89.0, 0.0, 100)) == set()  # near the pole: the latitude band does not overflow
    for bad in ((91.0, 0.0, 10.0), (0.0, 181.0, 10.0), (0.0, 0.0, 0.0), (0.0, 0.0, -5.0), (0.0, 0.0, 30000.0),
                (float("nan"), 0.0, 1.0)):
        with pytest.raises(GeowireError):
            ids(placed, near=bad)


def test_one_place_filter_and_the_map_points(placed: Store) -> None:
    page = query.place_page(placed.con, EventFilter(), Page(limit=3))
    assert (page["total"], page["events"], page["located"], page["unlocated"], page["no_place"]) == (7, 10, 9, 0, 1)
    beyond = query.place_page(placed.con, EventFilter(), Page(limit=3, offset=50))
    assert (beyond["total"], beyond["items"]) == (7, [])  # the real total past the last page too
    kyiv, *rest = page["items"]
    assert len(rest) == 2 and kyiv["place"] == "703448" and kyiv["events"] == 3
    assert (kyiv["quad1"], kyiv["quad4"], kyiv["quad"], kyiv["name"], kyiv["country"]) == (2, 1, 1, "Kyiv", "UKR")
    assert (kyiv["lat"], kyiv["lon"]) == (50.4547, 30.5238)
    assert ids(placed, place=kyiv["place"]) == {"p0", "p1", "p2"}
    sea = next(p for p in query.places(placed.con) if p["name"] == "South China Sea")
    assert sea["place"] == "South China Sea" and sea["country"] is None  # no GeoNames id: keyed by name
    assert ids(placed, place=sea["place"]) == {"p8"}
    lviv = next(p for p in query.places(placed.con, EventFilter(include_negated=True)) if p["name"] == "Lviv")
    assert lviv["events"] == 2 and lviv["quad"] == 4  # one of each: the more conflictual
    ukr = query.place_page(placed.con, EventFilter(in_country="UKR", quad=4), Page(limit=50))
    assert {p["name"]: p["events"] for p in ukr["items"]} == {"Kyiv": 1, "Kharkiv": 1}
    assert ukr["events"] == 2


def test_read_only_file_written_before_the_location_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as s:
        add_event(s, "RUS", "UKR", "2024-01-01", 4)
        cols = [c for c, in s.con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'events' AND column_name LIKE 'location_%'").fetchall()]
        assert len(cols) == 10
    con = duckdb.connect(str(db))
    for c in cols:
        con.execute(f"ALTER TABLE events DROP COLUMN {c}")
    con.close()
    with open_store(db) as ro:  # read-only: the ALTERs cannot run; the missing columns read as NULL
        view = ro.cursor()
        assert [e["location"] for e in view.events()] == [None]
        assert query.count_events(view.con, EventFilter(in_country="UKR")) == 0
        assert query.place_page(view.con, EventFilter(), Page())["no_place"] == 1
        view.close()
    with Store(db) as rw:  # writable: the file gains the columns
        assert rw.con.execute("SELECT count(*) FROM events WHERE location_lat IS NULL").fetchone() == (1,)


def test_cli_place_filters(placed: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        rows = placed.con.execute("SELECT * FROM events").fetchall()
        s.con.executemany(f"INSERT INTO events VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def run(*args: str) -> tuple[int, list[dict], str]:
        code = main(["events", "--db", str(db), "--format", "jsonl", *args])
        out, err = capsys.readouterr()
        return code, [json.loads(line) for line in out.splitlines()], err

    code, evs, _ = run("--in", "ukr")
    assert code == 0 and {e["id"] for e in evs} == {"p0", "p1", "p2", "p3", "p4", "p5"}
    code, evs, _ = run("--near", "50.45,30.52", "--km", "450")
    assert code == 0 and {e["location"]["name"] for e in evs} == {"Kyiv", "Kharkiv", "Ukraine"}
    code, evs, _ = run("--near", "50.45,30.52", "--km", "450", "--in", "UKR", "--quad", "4")
    assert {e["id"] for e in evs} == {"p2", "p3"}
    assert main(["events", "--db", str(db), "--in", "UKR", "--limit", "1"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert "place" in table[0].split() and "Kyiv (UKR)" in table[1]
    for bad, message in ((["--in", "Ukraine"], "alpha-3"), (["--near", "50.45"], "LAT,LON"),
                         (["--near", "95,30", "--km", "5"], "latitude"), (["--near", "50,30", "--km", "0"], "km"),
                         (["--near", "50,30"], "go together"), (["--km", "5"], "go together")):
        with pytest.raises(SystemExit) as exc:
            main(["events", "--db", str(db), *bad])
        err = capsys.readouterr().err
        assert exc.value.code == 2 and err.count("\n") == 1 and message in err, (bad, err)
