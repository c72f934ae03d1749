"""Countries' and divisions' geography without the gazetteer: the ISO and FIPS 10-4 codes, name and centre of
every country (`data/geo/country_geo.tsv`) and the names of first-level divisions (`data/geo/admin1.tsv`).

The exports use these (GDELT's geography columns need FIPS codes, names and an actor's home country's centre)
and they load in milliseconds, where the gazetteer takes seconds and a hundred megabytes. The centres are the
gazetteer's own (`tools/geo_data.py` writes the file from it; `tests/test_geo.py` checks that they agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import knowledge as kb

__all__ = ["CountryGeo", "Division", "countries", "divisions"]


@dataclass(frozen=True, slots=True)
class CountryGeo:
    """A country: ISO 3166-1 alpha-3 and alpha-2, FIPS 10-4 (empty where it has none), name and centre."""

    iso3: str
    iso2: str
    fips: str
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Division:
    """A first-level division: GeoNames code ("UA.12": ISO country and GeoNames admin1 code), name, id."""

    code: str
    name: str
    geonames_id: int | None

    @property
    def admin1(self) -> str:
        """The GeoNames admin1 code alone ("12"; FIPS 10-4 for most countries, ISO 3166-2 for a few)."""
        return self.code.partition(".")[2]


def _float(value: str | None) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryGeo]:
    """ISO3 -> CountryGeo, for every GeoNames country."""
    return {r["iso3"]: CountryGeo(r["iso3"], r["iso2"], r.get("fips") or "", r["name"], _float(r.get("lat")),
                                  _float(r.get("lon")))
            for r in kb.load_geo_countries()}


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """GeoNames division code ("UA.12") -> Division."""
    return {r["code"]: Division(r["code"], r["name"], int(r["geonameid"]) if r.get("geonameid") else None)
            for r in kb.load_geo_admin1()}
