"""Exports: the GDELT 2.0 event table column by column, PLOVER JSONL, and the Parquet round trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from geowire import Article, GeowireError, Store, ingest
from geowire.cli import main
from geowire.export import (
    GDELT_COLUMNS,
    export_parquet,
    import_export,
    plover_records,
    read_gdelt,
    read_plover,
    write_gdelt,
    write_plover,
)
from geowire.geo.countries import countries
from geowire.geo.gazetteer import Place, get_gazetteer
from geowire.relations import synth

from .test_relations import add_doc, add_event

# The GDELT 2.0 Event Codebook's event table, in order (61 columns).
CODEBOOK = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles
AvgTone
Actor1Geo_Type Actor1Geo_Fullname Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_Fullname Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_Fullname ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()

GEO = ["Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
FILLED = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
          "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code", "Actor2Code", "Actor2Name",
          "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
          "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
          "NumArticles", "AvgTone", "DATEADDED", "SOURCEURL"} | {
          f"{side}Geo_{f}" for side in ("Actor1", "Actor2", "Action") for f in GEO if f != "ADM2Code"}


@pytest.fixture()
def small(store: Store) -> Store:
    add_doc(store, "a1", "https://www.reuters.com/world/x")
    add_doc(store, "a2", "https://apnews.com/article/y")
    add_event(store, "USA", "RUS", "2024-02-10", 3, -2.0, cameo="1125", doc="a1", sentence_index=0, mentions=2,
              tone=-4.0, src_code="USAGOV")
    add_event(store, "USA", "RUS", "2024-02-11", 3, -2.0, cameo="1125", doc="a2", tone=-2.0, src_code="USAGOV")
    add_event(store, "IGO", "UKR", "2024-03-01", 2, 7.4, cameo="0711", doc="a2", src_code="IGOUNO", tone=None)
    return store


def test_gdelt_columns_follow_the_codebook() -> None:
    assert len(CODEBOOK) == 61
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS == CODEBOOK


def test_gdelt_export_column_by_column(small: Store) -> None:
    buf = io.StringIO()
    assert write_gdelt(small, buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(line.count("\t") == 60 for line in lines)    # no header, tab-separated
    first, second = (dict(zip(CODEBOOK, line.split("\t"), strict=True)) for line in lines)
    added = small.con.execute("SELECT strftime(min(ingested_at), '%Y%m%d%H%M%S') FROM documents").fetchone()
    assert added is not None
    expected = {
        "GLOBALEVENTID": "1", "SQLDATE": "20240210", "MonthYear": "202402", "Year": "2024",
        "FractionDate": "2024.1123",  # day 41 of 2024: 2024 + 41/365
        "Actor1Code": "USAGOV", "Actor1Name": "USAGOV", "Actor1CountryCode": "USA", "Actor1KnownGroupCode": "",
        "Actor1Type1Code": "", "Actor2Code": "RUS", "Actor2Name": "RUS", "Actor2CountryCode": "RUS",
        "Actor2KnownGroupCode": "", "Actor2Type1Code": "", "IsRootEvent": "1", "EventCode": "1125",
        "EventBaseCode": "112", "EventRootCode": "11", "QuadClass": "3", "GoldsteinScale": "-2",
        "NumMentions": "3", "NumSources": "2", "NumArticles": "2", "AvgTone": "-3", "DATEADDED": added[0],
        "SOURCEURL": "https://www.reuters.com/world/x",
        # the actors' home geography: their countries (FIPS 10-4: Russia is RS), no event location
        "Actor1Geo_Type": "1", "Actor1Geo_Fullname": "United States", "Actor1Geo_CountryCode": "US",
        "Actor1Geo_ADM1Code": "US", "Actor1Geo_FeatureID": "US", "Actor2Geo_Type": "1",
        "Actor2Geo_Fullname": "Russia", "Actor2Geo_CountryCode": "RS", "Actor2Geo_ADM1Code": "RS",
        "Actor2Geo_FeatureID": "RS",
    }
    for col in CODEBOOK:
        if not col.endswith(("Geo_Lat", "Geo_Long")):
            assert first[col] == expected.get(col, ""), col
    assert 25 < float(first["Actor1Geo_Lat"]) < 49 and -125 < float(first["Actor1Geo_Long"]) < -67  # the US
    assert 41 < float(first["Actor2Geo_Lat"]) < 70 and 27 < float(first["Actor2Geo_Long"]) < 180  # Russia
    assert second["Actor1Geo_Type"] == "" and second["Actor2Geo_CountryCode"] == "UP"  # the UN: no country
    assert (second["GLOBALEVENTID"], second["Actor1Code"], second["Actor1CountryCode"],
            second["Actor1KnownGroupCode"], second["Actor2Code"], second["IsRootEvent"], second["EventBaseCode"],
            second["QuadClass"], second["GoldsteinScale"], second["AvgTone"], second["SOURCEURL"]) == (
        "2", "IGOUNO", "", "UNO", "UKR", "0", "071", "2", "7.4", "", "https://apnews.com/article/y")
    assert {c for c in CODEBOOK if first[c]} <= FILLED
    from geowire.export.gdelt import _known_group
    assert [_known_group(c) for c in ("IGOUNO", "IGOUNOSEC", "IGOEUREEC", "IGOBUSOPC", "USAGOV", "IGO")] == [
        "UNO", "UNO", "EEC", "OPC", "", ""]


def test_gdelt_round_trip_with_header(small: Store) -> None:
    buf = io.StringIO()
    write_gdelt(small, buf, header=True)
    text = buf.getvalue()
    assert text.splitlines()[0].split("\t") == CODEBOOK
    rows = read_gdelt(io.StringIO(text))
    clusters = small.con.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()
    assert clusters is not None and len(rows) == 2
    assert [r["EventCode"] for r in rows] == ["1125", "0711"]
    assert [r["NumMentions"] for r in rows] == ["3", "1"]
    with pytest.raises(GeowireError):
        read_gdelt(io.StringIO("1\t2\n"))


# --- GDELT geography: the codebook's conventions --------------------------------------------------------------
GEO_TYPES = {"1": "COUNTRY", "2": "USSTATE", "3": "USCITY", "4": "WORLDCITY", "5": "WORLDSTATE"}


def check_codebook_geo(row: dict[str, str], side: str) -> None:
    """One row's `side` geography (Actor1, Actor2, Action) against the GDELT event codebook: Type 1-5; 2 and 3
    only in the US; FIPS 10-4 country codes; ADM1Code the country code alone (a country) or followed by two
    characters; ADM2Code empty here; decimal coordinates in range; a country's FeatureID its FIPS code."""
    geo = {f: row[f"{side}Geo_{f}"] for f in GEO}
    if not geo["Type"]:
        assert not any(geo.values()), geo  # nothing known: nothing guessed
        return
    fips = {g.fips for g in countries().values() if g.fips}
    assert geo["Type"] in GEO_TYPES and geo["Fullname"] and geo["ADM2Code"] == "", geo
    assert (geo["Type"] in ("2", "3")) == (geo["CountryCode"] == "US") or geo["Type"] in ("1", "5"), geo
    if geo["CountryCode"]:
        assert geo["CountryCode"] in fips and geo["ADM1Code"][:2] == geo["CountryCode"], geo
        assert len(geo["ADM1Code"]) == (2 if geo["Type"] == "1" else 4) or geo["Type"] in ("3", "4"), geo
        assert len(geo["ADM1Code"]) in (2, 4), geo
    if geo["Type"] == "1":
        assert geo["FeatureID"] == geo["CountryCode"] == geo["ADM1Code"], geo
    if geo["Lat"]:
        assert -90 <= float(geo["Lat"]) <= 90 and -180 <= float(geo["Long"]) <= 180, geo
        assert len(geo["Lat"].partition(".")[2]) <= 4, geo


def located(store: Store, eid: str, place: Place, text: str | None = None) -> None:
    """Give a stored event the location of a gazetteer place."""
    loc = {"text": text or place.name, "start": 0, "end": len(text or place.name), "name": place.name,
           "country": place.country, "adm1": place.adm1, "lat": place.lat, "lon": place.lon,
           "geonames_id": place.geonames_id, "precision": place.precision}
    store.con.execute(f"UPDATE events SET {', '.join(f'location_{k} = ?' for k in loc)} WHERE id = ?",
                      [*loc.values(), eid])


def test_gdelt_geography_follows_the_codebook(store: Store) -> None:
    gaz = get_gazetteer()

    def place(name: str, kind: str, country: str | None = None) -> Place:  # the largest of its name and kind
        return max((p for p in gaz.lookup(name) if p.kind == kind and country in (None, p.country)),
                   key=lambda p: p.population)

    cases = {  # code -> (actors, place); one event each, so one GDELT row each, in this order
        "010": ("RUS", "UKR", place("Kherson", "city")),           # a world city
        "011": ("RUS", "UKR", place("Kherson", "adm1")),           # a world state (Kherson Oblast)
        "012": ("USA", "MEX", place("Austin", "city", "USA")),     # a US city
        "013": ("USA", "MEX", place("Texas", "adm1")),             # a US state
        "014": ("RUS", "UKR", place("Ukraine", "country")),        # a country
        "015": ("CHN", "PHL", place("South China Sea", "sea")),    # a sea: no country
        "016": ("GBR", "FRA", place("London", "city", "GBR")),     # a division code that is no FIPS code (ENG)
        "017": ("IND", "CHN", None),                               # no location: ActionGeo empty
    }
    for i, (code, (a, b, p)) in enumerate(cases.items()):
        eid = add_event(store, a, b, f"2024-03-{i + 1:02d}", 1, 1.0, cameo=code)
        if p is not None:
            located(store, eid, p)
    buf = io.StringIO()
    write_gdelt(store, buf, header=True)
    rows = {r["EventCode"]: r for r in read_gdelt(io.StringIO(buf.getvalue()))}
    assert list(rows) == list(cases)
    for r in rows.values():
        for side in ("Actor1", "Actor2", "Action"):
            check_codebook_geo(r, side)

    def action(code: str) -> list[str]:
        return [rows[code][f"ActionGeo_{f}"] for f in GEO if f not in ("Lat", "Long")]

    assert action("010") == ["4", "Kherson, Kherson, Ukraine", "UP", "UP08", "", "706448"]
    assert action("011") == ["5", "Kherson, Ukraine", "UP", "UP08", "", "UP08"]
    assert action("012") == ["3", "Austin, Texas, United States", "US", "USTX", "", "4671654"]
    assert action("013") == ["2", "Texas, United States", "US", "USTX", "", "TX"]
    assert action("014") == ["1", "Ukraine", "UP", "UP", "", "UP"]
    assert action("015") == ["4", "South China Sea", "", "", "", ""]
    assert action("016") == ["4", "London, England, United Kingdom", "UK", "UK", "", "2643743"]
    assert action("017") == ["", "", "", "", "", ""]
    kherson = rows["010"]
    assert (float(kherson["ActionGeo_Lat"]), float(kherson["ActionGeo_Long"])) == pytest.approx((46.64, 32.61), abs=0.05)
    assert rows["015"]["ActionGeo_Lat"] and rows["017"]["Actor1Geo_CountryCode"] == "IN"  # India is IN in FIPS too


def test_gdelt_cluster_takes_its_most_precise_location(store: Store) -> None:
    gaz = get_gazetteer()
    first = add_event(store, "RUS", "UKR", "2024-03-01", 4, -10.0, cameo="190")
    second = add_event(store, "RUS", "UKR", "2024-03-02", 4, -10.0, cameo="190")
    add_event(store, "RUS", "UKR", "2024-03-03", 4, -10.0, cameo="190")  # no place
    located(store, first, gaz.countries["UKR"])
    located(store, second, next(p for p in gaz.lookup("Kherson") if p.kind == "city"))
    buf = io.StringIO()
    write_gdelt(store, buf)
    (row,) = read_gdelt(io.StringIO(buf.getvalue()))
    assert row["NumMentions"] == "3" and row["ActionGeo_Fullname"].startswith("Kherson, ")


def test_plover_records(small: Store, tmp_path: Path) -> None:
    recs = list(plover_records(small))
    assert len(recs) == 3
    r = recs[0]
    assert r["event_type"] == "CONSULT" and r["mode"] == "visit" and r["date"] == "2024-02-10"
    assert r["actor"] == [{"actor": "USAGOV", "name": "USAGOV", "country": "USA", "sector": None, "text": "USAGOV",
                           "start": 0, "end": 3}]
    assert r["recipient"][0]["actor"] == "RUS" and r["recipient"][0]["start"] == 10
    assert r["source_text"] == "USAGOV met RUS." and r["doc_id"] == "a1" and r["cameo"]["code"] == "1125"
    assert r["location"] is None  # the contract's location: null where the text gives no place
    out = tmp_path / "p.jsonl"
    with out.open("w") as fh:
        assert write_plover(small, fh) == 3
    assert read_plover(out) == json.loads(json.dumps(recs))
    kyiv = next(p for p in get_gazetteer().lookup("Kyiv") if p.kind == "city")
    located(small, small.con.execute("SELECT min(id) FROM events").fetchone()[0], kyiv, text="the capital")
    loc = next(plover_records(small))["location"]
    assert loc == {"text": "the capital", "start": 0, "end": 11, "name": "Kyiv", "country": "UKR", "adm1": "UA.12",
                   "lat": kyiv.lat, "lon": kyiv.lon, "geonames_id": kyiv.geonames_id, "precision": "city"}


def test_parquet_round_trip_loses_nothing(tmp_path: Path) -> None:
    with Store(":memory:") as src:
        synth(src, 3000, seed=5)
        add_event(src, "USA", "CHN", "2024-01-01", 1, 3.0, eid="hand1")   # NULLs and hand-made values too
        src.con.execute("UPDATE events SET attributed_to = '{\"name\": \"an official\"}' WHERE id = 'hand1'")
        counts = export_parquet(src, tmp_path / "pq")
        assert counts == {"documents": 750, "events": 3001}
        with Store(":memory:") as dst:
            assert import_export(dst, tmp_path / "pq") == {"documents": 750, "events": 3001}
            for t in ("documents", "events"):
                a = src.con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                b = dst.con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                assert a == b, t
            assert import_export(dst, tmp_path / "pq") == {"documents": 0, "events": 0}   # idempotent
    with pytest.raises(GeowireError):
        import_export(Store(":memory:"), tmp_path)


def test_parquet_keeps_locations_and_reads_exports_made_before_them(tmp_path: Path) -> None:
    with Store(":memory:") as src:
        synth(src, 400, seed=3)
        located_n = src.con.execute("SELECT count(location_lat) FROM events").fetchone()
        assert located_n is not None and located_n[0] > 100  # synthetic events are located too
        export_parquet(src, tmp_path / "pq")
        old = tmp_path / "old"
        old.mkdir()
        src.con.execute(f"COPY documents TO '{old / 'documents.parquet'}' (FORMAT parquet)")
        src.con.execute(f"COPY (SELECT * EXCLUDE (location_text, location_start, location_end, location_name, "
                        "location_country, location_adm1, location_lat, location_lon, location_geonames_id, "
                        f"location_precision) FROM events) TO '{old / 'events.parquet'}' (FORMAT parquet)")
    with Store(":memory:") as dst:
        import_export(dst, tmp_path / "pq")
        assert dst.con.execute("SELECT count(location_lat) FROM events").fetchone() == located_n
    with Store(":memory:") as dst:
        assert import_export(dst, old) == {"documents": 100, "events": 400}
        assert dst.con.execute("SELECT count(location_lat) FROM events").fetchone() == (0,)
        assert all(e["location"] is None for e in dst.events(limit=20))


def test_cli_export(small: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.duckdb"
    with Store(db) as s:
        synth(s, 2000, seed=1)
    for fmt, out in (("gdelt", tmp_path / "g.tsv"), ("plover", tmp_path / "p.jsonl"), ("parquet", tmp_path / "pq")):
        assert main(["export", "--format", fmt, "--db", str(db), "--out", str(out)]) == 0
        assert out.exists()
    _, err = capsys.readouterr()
    assert "wrote" in err
    rows = read_gdelt(tmp_path / "g.tsv")
    assert rows and all(len(r) == 61 for r in rows)
    assert main(["export", "--format", "gdelt", "--db", str(db), "--out", "-", "--header"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].startswith("GLOBALEVENTID\tSQLDATE\t")
    assert main(["export", "--format", "plover", "--db", str(db), "--out", "-"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all("event_type" in r for r in records) and "to stdout" in err
    assert main(["export", "--format", "parquet", "--db", str(db), "--out", "-"]) == 1
    assert main(["export", "--format", "gdelt", "--db", str(db), "--out", str(tmp_path / "no" / "g.tsv")]) == 1


def test_gdelt_export_fills_actiongeo_for_coded_events(nlp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    text = ("Russian forces shelled the city of Kherson on Monday. Canada condemned Saudi Arabia over the arrests. "
            "Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in New Delhi.")
    db = tmp_path / "g.duckdb"
    with Store(db) as s:
        ingest([Article(id="g1", text=text, date="2023-03-20")], s, nlp=nlp)
        located_events: dict[str, list] = {}
        for e in s.events():
            located_events.setdefault(e["cameo"], []).append(e["location"])
    assert main(["export", "--format", "gdelt", "--db", str(db), "--out", "-", "--header"]) == 0
    rows = read_gdelt(io.StringIO(capsys.readouterr().out))
    assert {r["EventCode"] for r in rows} == set(located_events)
    every = [loc for locs in located_events.values() for loc in locs]
    assert any(every) and not all(every)
    for r in rows:
        for side in ("Actor1", "Actor2", "Action"):
            check_codebook_geo(r, side)
        locs = located_events[r["EventCode"]]
        if len(locs) == 1:  # one event of this code: the row is filled exactly where it is located
            assert bool(r["ActionGeo_Type"]) == bool(locs[0]), (r["EventCode"], locs)
        if r["ActionGeo_Type"]:  # a filled row takes the place of one of its events
            loc = next((x for x in locs if x and r["ActionGeo_Fullname"].startswith(x["name"])), None)
            assert loc is not None, (r["EventCode"], r["ActionGeo_Fullname"], locs)
            assert float(r["ActionGeo_Lat"]) == pytest.approx(loc["lat"], abs=1e-4)
    shelled = next(r for r in rows if r["EventCode"].startswith("19") or r["EventCode"].startswith("18"))
    assert (shelled["ActionGeo_Type"], shelled["ActionGeo_CountryCode"], shelled["ActionGeo_ADM1Code"]) == (
        "4", "UP", "UP08")
