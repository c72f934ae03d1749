"""Loaders for the knowledge shipped in `geowire/data/`: one function per data file, each cached.

The files are the single source of actor names, office holders, the CAMEO codebook, trigger patterns and
lexicons; code never hard-codes any of them. `data/README*.md` name the sources.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "data_path", "load_countries", "load_regions", "load_cities", "load_igos", "load_groups", "load_institutions",
    "load_ambiguous_places", "load_wars", "load_geo_admin1", "load_geo_features", "load_geo_words", "load_geo_countries",
    "load_world_outline",
    "load_sectors", "load_office_holders", "load_codebook", "load_patterns", "load_lexicon",
    "OfficeHolder", "CodebookEntry", "split_values", "load_model_card", "default_min_confidence",
    "default_pattern_min_confidence", "meets_bar",
]


def data_path(*parts: str) -> Path:
    """Path of a file inside the package's data folder."""
    return Path(str(resources.files("geowire").joinpath("data", *parts)))


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader where PyYAML has it: 10x faster


def read_yaml(path: Path) -> Any:
    """A YAML data file of the package, parsed safely (with libyaml where PyYAML was built with it)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)


def split_values(field: str | None) -> list[str]:
    """Split a `|`-separated TSV field into stripped, non-empty values."""
    return [v.strip() for v in (field or "").split("|") if v.strip()]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


@lru_cache(maxsize=1)
def load_countries() -> list[dict[str, str]]:
    """States and territories: iso3, name, aliases, adjectives, capitals, region."""
    return _read_tsv(data_path("countries.tsv"))


@lru_cache(maxsize=1)
def load_regions() -> list[dict[str, str]]:
    """Regions and blocs with CAMEO region codes: code, name, aliases, adjectives."""
    return _read_tsv(data_path("regions.tsv"))


@lru_cache(maxsize=1)
def load_igos() -> list[dict[str, str]]:
    """International organizations: code (IGO...), name, aliases, sector."""
    return _read_tsv(data_path("igos.tsv"))


@lru_cache(maxsize=1)
def load_groups() -> list[dict[str, str]]:
    """Non-state groups (armed groups, parties, movements, ethnic communities) from `data/groups*.tsv`:
    code, name, aliases, country, sector."""
    return [r for path in sorted(data_path().glob("groups*.tsv")) for r in _read_tsv(path)]


@lru_cache(maxsize=1)
def load_cities() -> list[dict[str, str]]:
    """Major non-capital cities and regions: name, aliases, iso3, kind."""
    return _read_tsv(data_path("cities.tsv"))


@lru_cache(maxsize=1)
def load_ambiguous_places() -> dict[str, tuple[list[str], str | None, str | None]]:
    """Place names of more than one country (lower-cased form -> countries, default first; and the country
    the place belonged to before a date, with that date): "Tripoli" LBY or LBN, "Juba" SDN until 2011."""
    out: dict[str, tuple[list[str], str | None, str | None]] = {}
    for r in _read_tsv(data_path("places_ambiguous.tsv")):
        before, _, until = (r.get("until") or "").partition(":")
        out[r["form"].lower()] = (split_values(r["countries"]), before or None, until or None)
    return out


@lru_cache(maxsize=1)
def load_wars() -> list[tuple[list[str], list[str], list[str], str]]:
    """Named wars (`data/wars.tsv`): (names, the states of one side, of the other, the year it began)."""
    return [(split_values(r["names"]), split_values(r["side_a"]), split_values(r["side_b"]), r["began"])
            for r in _read_tsv(data_path("wars.tsv"))]


@lru_cache(maxsize=1)
def load_geo_admin1() -> list[dict[str, str]]:
    """GeoNames first-level divisions (`data/geo/admin1.tsv`): code ("UA.08"), name, geonameid."""
    return _read_tsv(data_path("geo", "admin1.tsv"))


@lru_cache(maxsize=1)
def load_geo_features() -> list[dict[str, str]]:
    """Regions, seas, borders, sites and seats of power news names (`data/geo/features.tsv`): name, aliases,
    kind, countries (default first), lat, lon, in (the city a seat stands for), adm1 (a division it names)."""
    return _read_tsv(data_path("geo", "features.tsv"))


@lru_cache(maxsize=1)
def load_geo_countries() -> list[dict[str, str]]:
    """Countries' geography (`data/geo/country_geo.tsv`, derived from the gazetteer by tools/geo_data.py): iso3,
    iso2, fips (FIPS 10-4, GDELT's country codes), name, lat and lon of its centre (empty where unknown)."""
    return _read_tsv(data_path("geo", "country_geo.tsv"))


@lru_cache(maxsize=1)
def load_world_outline() -> dict[str, Any]:
    """The world outline of the dashboard's map (`data/geo/world_110m.json`, Natural Earth 1:110m admin-0
    countries): a GeoJSON FeatureCollection of MultiPolygons with `name` and `iso3` properties."""
    return dict(json.loads(data_path("geo", "world_110m.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_geo_words() -> dict[str, Any]:
    """Cue words of the geolocation stage (`data/geo/words.yml`): locative prepositions, division words,
    roots placed by the dateline or by a side's territory, common words that are no place."""
    return dict(read_yaml(data_path("geo", "words.yml")))


@lru_cache(maxsize=1)
def load_institutions() -> list[dict[str, str]]:
    """Named state institutions and seats of power: text, country, sector."""
    return _read_tsv(data_path("institutions.tsv"))


@lru_cache(maxsize=1)
def load_sectors() -> list[dict[str, str]]:
    """Role and institution words: text, sector, title (yes when it can stand before a name), country (the
    actor a role is when no country is named with it: NGO for "aid agencies", "a human rights group")."""
    return _read_tsv(data_path("sectors.tsv"))


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    office: str
    start: str
    end: str  # "" while in office

    def holds_on(self, date: str | None) -> bool:
        if not date:
            return not self.end
        day = date[:10]
        return self.start[: len(day)] <= day and (not self.end or day <= self.end)


@lru_cache(maxsize=1)
def load_office_holders() -> tuple[OfficeHolder, ...]:
    """Dated office holders from every `data/office_holders/*.tsv`."""
    out: list[OfficeHolder] = []
    for path in sorted(data_path("office_holders").glob("*.tsv")):
        for r in _read_tsv(path):
            if not r.get("name") or not r.get("country"):
                continue
            out.append(OfficeHolder(r["name"], tuple(split_values(r.get("aliases"))), r["country"],
                                    r.get("sector") or "GOV", r.get("office") or "", r.get("start") or "",
                                    r.get("end") or ""))
    return tuple(out)


@dataclass(frozen=True)
class CodebookEntry:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


@lru_cache(maxsize=1)
def load_codebook() -> dict[str, CodebookEntry]:
    """The CAMEO event codebook keyed by code ("042")."""
    out: dict[str, CodebookEntry] = {}
    for r in _read_tsv(data_path("cameo.tsv")):
        out[r["code"]] = CodebookEntry(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                                       r.get("plover_type") or None, r.get("plover_mode") or None)
    return out


_FLAGS = {"reciprocal", "passive_only", "active_only", "require_target", "governed_only"}


def _word(value: Any) -> Any:
    """YAML 1.1 reads the words on/off/yes/no as booleans: in word fields they are the words."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    if isinstance(value, list):
        return [_word(v) for v in value]
    return value


@lru_cache(maxsize=1)
def load_patterns() -> tuple[dict[str, Any], ...]:
    """Event trigger patterns from `data/patterns/NN_*.yml`, each tagged with its file's root."""
    out: list[dict[str, Any]] = []
    for path in sorted(data_path("patterns").glob("[0-9][0-9]_*.yml")):
        doc = read_yaml(path) or {}
        for p in doc.get("patterns") or []:
            p = {k: (v if k in _FLAGS else _word(v)) for k, v in dict(p).items()}
            p["code"] = str(p["code"]).zfill(3) if len(str(p["code"])) < 3 else str(p["code"])
            p["_file"] = path.name
            out.append(p)
    return tuple(out)


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """Cue words for negation, modality, reporting and light verbs (`data/lexicon.yml`)."""
    doc = read_yaml(data_path("lexicon.yml"))
    return dict(doc)


@lru_cache(maxsize=128)
def lexicon_words(key: str) -> frozenset[str]:
    """One word list of the lexicon (`load_lexicon()[key]`) as a set of strings; empty if it has none."""
    return frozenset(str(w) for w in load_lexicon().get(key) or ())


@lru_cache(maxsize=1)
def load_model_card() -> dict[str, Any]:
    """The event model's card (`data/models/event_model.json`): default threshold, calibration table, how it
    was trained and measured. Empty when no model ships."""
    import json

    path = data_path("models", "event_model.json")
    if not path.is_file():
        return {}
    card: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return card


def default_min_confidence() -> float:
    """The confidence at or above which events the model proposed alone are printed and counted by default:
    the shipped model's threshold, 0 when no model ships. Cheap: no spaCy."""
    return float(load_model_card().get("threshold", 0.0))


def default_pattern_min_confidence() -> float:
    """The default bar of events a dictionary pattern coded and the model verified (the card's
    `pattern_threshold`, else its threshold). The two bars are chosen together for the best F1 on the dev
    articles: at the same calibrated confidence a pattern-backed event is more often right on news articles
    than the model's own proposals (docs/accuracy.md)."""
    card = load_model_card()
    return float(card.get("pattern_threshold", card.get("threshold", 0.0)))


def meets_bar(confidence: float, backed: bool, min_confidence: float | None = None) -> bool:
    """Is an event printed and counted? At or above `min_confidence` when one is given (one bar for every
    event), else at or above the default bar of its kind (pattern-backed or the model's alone)."""
    if min_confidence is not None:
        return confidence >= min_confidence
    return confidence >= (default_pattern_min_confidence() if backed else default_min_confidence())
