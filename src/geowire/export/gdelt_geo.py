"""GDELT's geography columns: ActionGeo_* from an event's location, Actor1Geo_* and Actor2Geo_* from the
actors' home countries, each the codebook's eight fields in order (Type, Fullname, CountryCode, ADM1Code,
ADM2Code, Lat, Long, FeatureID).

GDELT 2.0 event codebook conventions, as followed here:
- Type: 1 country, 2 US state, 3 US city or landmark, 4 city or landmark outside the US, 5 first-level
  division outside the US ("world state"). A location of precision `city` (towns, sites, seats of power) and a
  named feature that is no division (a sea, a region, a border) are cities or landmarks; a GeoNames division is
  a state.
- Fullname: "City, Division, Country" as far as known ("Kherson, Kherson, Ukraine": the city in its oblast;
  "Texas, United States", "Ukraine"; a sea or a border between countries: its own name).
- CountryCode: the FIPS 10-4 country code (Ukraine UP, Germany GM), not the ISO code.
- ADM1Code: the FIPS country code followed by the division's two-character code (UP12, USTX: GeoNames'
  admin1 codes are FIPS 10-4 for most countries and the postal codes for the US, as GDELT's are; a few
  countries have ISO 3166-2 codes there), the country code alone for a country, a place without a known
  division or a division whose GeoNames code is not two characters (England's ENG); empty without a country.
- ADM2Code: empty (geowire has no second-level divisions).
- Lat, Long: decimal degrees (4 places).
- FeatureID: a country's FIPS code, a US state's postal code (TX), another division's ADM1 code (else its
  GeoNames id), and for a city or landmark its feature id: GDELT uses GNS/GNIS ids, geowire has GeoNames
  ids (empty for a named feature without one).
An actor's geography is its home country (type 1, the country's centre). Without a location, or for an actor
without a country (an international organization), all eight fields are empty.
"""

from __future__ import annotations

from typing import Any

from ..geo.countries import CountryGeo, countries, divisions

__all__ = ["GEO_FIELDS", "COUNTRY", "US_STATE", "US_CITY", "WORLD_CITY", "WORLD_STATE", "action_geo",
           "actor_geo"]

GEO_FIELDS = ["Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = "1", "2", "3", "4", "5"
_EMPTY = [""] * len(GEO_FIELDS)


def _deg(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}".rstrip("0").rstrip(".")


def _country(geo: CountryGeo, lat: float | None = None, lon: float | None = None) -> list[str]:
    """A country (type 1) at (lat, lon), by default its centre."""
    lat, lon = (lat, lon) if lat is not None and lon is not None else (geo.lat, geo.lon)
    return [COUNTRY, geo.name, geo.fips, geo.fips, "", _deg(lat), _deg(lon), geo.fips]


def actor_geo(country: str | None) -> list[str]:
    """An actor's home geography: its country (type 1, the country's centre), else empty."""
    geo = countries().get(country or "")
    return _country(geo) if geo is not None else list(_EMPTY)


def _is_division(loc: dict[str, Any]) -> bool:
    """A GeoNames first-level division (not a city, nor a named region or sea that lies in one)."""
    div = divisions().get(loc.get("adm1") or "")
    return loc.get("precision") == "adm1" and div is not None and div.geonames_id == loc.get("geonames_id")


def action_geo(loc: dict[str, Any] | None) -> list[str]:
    """Where the event happened, from its `location` (contract shape, or a row's location_* as the same keys)."""
    if not loc or not loc.get("name"):
        return list(_EMPTY)
    geo = countries().get(loc.get("country") or "")
    if geo is not None and loc.get("precision") == "country":
        return _country(geo, loc.get("lat"), loc.get("lon"))
    fips = geo.fips if geo is not None else ""
    us = loc.get("country") == "USA"
    div = divisions().get(loc.get("adm1") or "")
    code = div.admin1 if div is not None and len(div.admin1) == 2 else ""  # a two-character division code
    adm1 = fips + code if fips else ""
    if _is_division(loc):
        feature = code if us else adm1 if code else str(loc.get("geonames_id") or "")
        kind, names = (US_STATE if us else WORLD_STATE), [loc["name"]]
    else:
        kind, feature = (US_CITY if us else WORLD_CITY), str(loc.get("geonames_id") or "")
        names = [loc["name"]] + ([div.name] if div is not None else [])
    names += [geo.name] if geo is not None else []
    return [kind, ", ".join(names), fips, adm1, "", _deg(loc.get("lat")), _deg(loc.get("lon")), feature]
