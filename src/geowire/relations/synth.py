"""A synthetic store: N events with realistic-looking distributions, generated in DuckDB SQL.

Countries come from `load_countries()` (skewed: a few countries take most of the news), organizations from
`load_igos()`, CAMEO codes from `load_codebook()` (weighted toward statements, consultations and
cooperation, as news is), dates over six years (about 1% year-only, 0.5% unknown), a few negated and
hypothetical events, and for 60% of the events a location: the target country (its centre, precision country). Everything is a pure function of (row number, seed): the same seed gives the same store.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import GeowireError
from ..knowledge import load_codebook, load_countries, load_geo_countries, load_igos
from ..store import Store

__all__ = ["synth"]

# Relative frequency of each CAMEO root in news (roughly GDELT's distribution).
_ROOT_WEIGHT = {"01": 18, "02": 5, "03": 7, "04": 20, "05": 8, "06": 3, "07": 2, "08": 3, "09": 2, "10": 3,
                "11": 6, "12": 3, "13": 3, "14": 3, "15": 1, "16": 2, "17": 5, "18": 3, "19": 4, "20": 0.2}
_SECTORS = ["", "", "GOV", "GOV", "GOV", "MIL", "BUS", "MED", "OPP", "CVL"]
_START = "2019-01-01"
_DAYS = 6 * 365


def _u(k: int) -> str:
    """A uniform number in [0, 1) from the row number, the seed and a stream number k."""
    return f"((hash(i, $seed, {k}) % 1000003) / 1000003.0)"


_TEMP = ("_syn_raw", "_syn_c", "_syn_g", "_syn_s", "_syn_cb", "_syn_sec", "_syn_geo")


def _code_slots() -> list[tuple[int, str]]:
    """Each CAMEO code gets slots in proportion to its root's weight, shared among the root's codes."""
    leaves = sorted(c for c in load_codebook() if len(c) >= 3)
    siblings = {r: sum(1 for c in leaves if c[:2] == r) for r in {c[:2] for c in leaves}}
    slots: list[tuple[int, str]] = []
    for code in leaves:
        n = max(1, round(_ROOT_WEIGHT.get(code[:2], 1) * 100 / siblings[code[:2]]))
        slots += [(len(slots) + j, code) for j in range(n)]
    return slots


def _lookup_tables(con: Any) -> dict[str, int]:
    """Temporary tables of countries, organizations, code slots, the codebook and sectors; their sizes."""
    countries = [c["iso3"] for c in load_countries()]
    igos = [g["code"] for g in load_igos() if g["code"].startswith("IGO")] or ["IGOUNO"]
    slots = _code_slots()
    cb = load_codebook()
    for table, rows in (("_syn_c", list(enumerate(countries))), ("_syn_g", list(enumerate(igos))),
                        ("_syn_s", slots), ("_syn_sec", list(enumerate(_SECTORS)))):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (i INTEGER, code VARCHAR)")
        con.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
    con.execute("CREATE OR REPLACE TEMP TABLE _syn_cb (code VARCHAR, name VARCHAR, goldstein DOUBLE, quad TINYINT, "
                "ptype VARCHAR, pmode VARCHAR)")
    con.executemany("INSERT INTO _syn_cb VALUES (?, ?, ?, ?, ?, ?)",
                    [[e.code, e.name, e.goldstein, e.quad_class, e.plover_type, e.plover_mode] for e in cb.values()])
    con.execute("CREATE OR REPLACE TEMP TABLE _syn_geo (iso3 VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE)")
    con.executemany("INSERT INTO _syn_geo VALUES (?, ?, ?, ?)", [[r["iso3"], r["name"], float(r["lat"]), float(r["lon"])]
                                                                for r in load_geo_countries() if r.get("lat")])
    return {"nc": len(countries), "ng": len(igos), "ns": len(slots), "nsec": len(_SECTORS)}


def _raw_sql(nc: int, ng: int, ns: int, nsec: int) -> str:
    """One row of uniform draws per event."""
    return f"""
            CREATE OR REPLACE TEMP TABLE _syn_raw AS
            SELECT i,
                   CAST(floor({nc} * pow({_u(1)}, 2.2)) AS INTEGER) AS si,
                   CAST(floor({nc} * pow({_u(2)}, 2.2)) AS INTEGER) AS ti0,
                   CAST(floor({ns} * {_u(3)}) AS INTEGER) AS ei,
                   CAST(floor({nsec} * {_u(4)}) AS INTEGER) AS ssec,
                   CAST(floor({nsec} * {_u(5)}) AS INTEGER) AS tsec,
                   {_u(6)} AS u_igo, CAST(floor({ng} * {_u(7)}) AS INTEGER) AS gi,
                   CAST(floor({_DAYS} * {_u(8)}) AS INTEGER) AS day, {_u(9)} AS u_date,
                   {_u(10)} AS u_neg, {_u(11)} AS u_mod, {_u(12)} + {_u(13)} + {_u(14)} - 1.5 AS u_tone,
                   {_u(15)} AS u_men, {_u(16)} AS u_loc
            FROM range($n) r(i)"""


def _events_sql(nc: int) -> str:
    """The events, drawn from the raw rows and the lookup tables."""
    return f"""
            INSERT INTO events (id, doc_id, sentence_index, sentence,
                source_text, source_start, source_end, source_name, source_code, source_country, source_sector,
                target_text, target_start, target_end, target_name, target_code, target_country, target_sector,
                trigger_text, trigger_start, trigger_end, cameo, cameo_root, quad_class, goldstein,
                plover_type, plover_mode, negated, modality, attributed_to, date, confidence, tone, mentions,
                location_text, location_name, location_country, location_lat, location_lon, location_precision)
            SELECT 's' || $seed || 'e' || r.i, 's' || $seed || 'd' || (r.i // 4), CAST(r.i % 4 AS INTEGER), NULL,
                   CASE WHEN r.u_igo < 0.03 THEN g.code ELSE sc.code END, 0, 3,
                   CASE WHEN r.u_igo < 0.03 THEN g.code ELSE sc.code END,
                   CASE WHEN r.u_igo < 0.03 THEN g.code ELSE sc.code || ss.code END,
                   CASE WHEN r.u_igo < 0.03 THEN 'IGO' ELSE sc.code END,
                   CASE WHEN r.u_igo < 0.03 THEN NULL ELSE nullif(ss.code, '') END,
                   tc.code, 20, 23, tc.code, tc.code || ts.code, tc.code, nullif(ts.code, ''),
                   cb.name, 10, 18, s.code, left(s.code, 2), cb.quad, cb.goldstein, cb.ptype, cb.pmode,
                   r.u_neg < 0.03,
                   CASE WHEN r.u_mod < 0.05 THEN 'hypothetical' WHEN r.u_mod < 0.15 THEN 'future' ELSE 'actual' END,
                   NULL,
                   CASE WHEN r.u_date < 0.005 THEN NULL
                        WHEN r.u_date < 0.015 THEN strftime(DATE '{_START}' + r.day, '%Y')
                        ELSE strftime(DATE '{_START}' + r.day, '%Y-%m-%d') END,
                   round(0.5 + 0.5 * r.u_neg, 3), round(r.u_tone * 3 + cb.goldstein * 0.4, 3),
                   CAST(1 + floor(pow(r.u_men, 3) * 4) AS INTEGER),
                   geo.name, geo.name, geo.iso3, geo.lat, geo.lon, CASE WHEN geo.iso3 IS NOT NULL THEN 'country' END
            FROM _syn_raw r
            JOIN _syn_c sc ON sc.i = r.si
            JOIN _syn_c tc ON tc.i = CASE WHEN r.ti0 = r.si THEN (r.ti0 + 1) % {nc} ELSE r.ti0 END
            JOIN _syn_s s ON s.i = r.ei
            JOIN _syn_cb cb ON cb.code = s.code
            JOIN _syn_sec ss ON ss.i = r.ssec
            JOIN _syn_sec ts ON ts.i = r.tsec
            JOIN _syn_g g ON g.i = r.gi
            LEFT JOIN _syn_geo geo ON geo.iso3 = tc.code AND r.u_loc < 0.6"""


_DOCUMENTS_SQL = f"""
            INSERT INTO documents (id, hash, title, url, date, origin, text, tone, n_events)
            SELECT 's' || $seed || 'd' || d, 's' || $seed || 'h' || d, NULL,
                   'https://news' || (d % 97) || '.example/' || d, DATE '{_START}' + CAST(d % {_DAYS} AS INTEGER),
                   'synth', 'synthetic document', NULL, CAST(least(4, $n - d * 4) AS INTEGER)
            FROM range(CAST(ceil($n / 4.0) AS BIGINT)) r(d)"""


def synth(store: Store, events: int, seed: int = 0) -> dict[str, Any]:
    """Fill an empty store with `events` synthetic events (and one document per four events)."""
    if events < 1:
        raise GeowireError("the number of events must be at least 1")
    con = store.con
    row = con.execute("SELECT count(*) FROM events").fetchone()
    if row and row[0]:
        raise GeowireError(f"{store.path} already holds {row[0]} events: synth fills a new, empty store")
    t0 = time.perf_counter()
    sizes = _lookup_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_raw_sql(**sizes), {"seed": seed, "n": events})
        con.execute(_events_sql(sizes["nc"]), {"seed": seed})
        con.execute(_DOCUMENTS_SQL, {"seed": seed, "n": events})
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for t in _TEMP:
            con.execute(f"DROP TABLE IF EXISTS {t}")
    return {"events": events, "documents": -(-events // 4), "seed": seed,
            "seconds": round(time.perf_counter() - t0, 2)}
