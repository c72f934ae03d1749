"""Integrity of the shipped knowledge: codes valid, codebook complete, office holders dated and exclusive."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from geowire import knowledge as kb
from geowire.events.triggers import Pattern, PatternIndex

ISO3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECTORS = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "BUS", "MED", "CVL", "EDU", "REL", "LAB", "HLH",
           "SPY", "ELI", "AGR", "REF", "MOD", "RAD", "IGO", "NGO", "ENV", "CRM", "UAF", "HRI", "SET", "INS",
           "DEV", "PTY", "IMG"}


def test_countries_cover_the_un_and_are_unique() -> None:
    rows = kb.load_countries()
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes))
    assert all(ISO3.match(c) for c in codes)
    assert len(codes) >= 195  # 193 members, 2 observers, plus territories
    for must in ("USA", "RUS", "IND", "CHN", "UKR", "PSE", "VAT", "TWN", "SSD", "TLS"):
        assert must in codes
    regions = {r["code"] for r in kb.load_regions()}
    assert {"WST", "EUR", "AFR", "MEA", "ASA"} <= regions
    assert all(r["region"] in regions for r in rows if r.get("region"))


def test_igos_groups_institutions_have_valid_codes() -> None:
    for r in kb.load_igos():
        assert r["code"].startswith("IGO"), r
    countries = {r["iso3"] for r in kb.load_countries()} | {"IMG", "IGO", "NGO"}
    for r in kb.load_groups():
        assert r["country"] in countries, r
    for r in kb.load_institutions():
        assert r["country"] in countries and r["sector"] in SECTORS, r
    for r in kb.load_sectors():
        assert r["sector"] in SECTORS and r["title"] in ("yes", "no"), r


def test_codebook_is_complete_and_consistent() -> None:
    book = kb.load_codebook()
    assert len(book) >= 290
    for root in range(1, 21):
        assert f"{root:02d}" in book
    for code, e in book.items():
        assert code[:2] in book
        assert -10 <= e.goldstein <= 10
        expected_quad = 1 if code[:2] <= "05" else 2 if code[:2] <= "09" else 3 if code[:2] <= "14" else 4
        assert e.quad_class == expected_quad, code
        if code[:2] != "01":
            assert e.plover_type, code
    assert book["190"].goldstein == -10.0 and book["057"].goldstein == 8.0


def test_office_holders_are_dated_and_never_overlap() -> None:
    holders = kb.load_office_holders()
    assert len(holders) > 1500
    countries = {r["iso3"] for r in kb.load_countries()} | {"IGO"}
    by_office = defaultdict(list)
    for h in holders:
        assert h.country in countries, h
        assert h.sector in SECTORS, h
        assert DATE.match(h.start) and (not h.end or DATE.match(h.end)), h
        assert not h.end or h.start <= h.end, h
        if h.office not in ("spokesperson", "vice_president"):
            by_office[(h.country, h.office)].append(h)
    for key, terms in by_office.items():
        terms.sort(key=lambda h: h.start)
        for a, b in zip(terms, terms[1:], strict=False):
            assert a.end and a.end <= b.start, f"{key}: {a.name} and {b.name} overlap"


def test_every_un_member_has_a_head_of_state() -> None:
    with_head = {h.country for h in kb.load_office_holders() if h.office == "head_of_state"}
    missing = [r["iso3"] for r in kb.load_countries() if r["iso3"] not in with_head]
    assert len(missing) < 40, missing  # territories have none of their own


def test_patterns_use_known_codes() -> None:
    book = kb.load_codebook()
    pats = kb.load_patterns()
    assert len(pats) >= 300
    roots = set()
    for d in pats:
        p = Pattern.from_dict(d)
        assert p.code in book, d
        assert d["_file"][:2] == p.code[:2], d
        roots.add(p.code[:2])
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(PatternIndex()) == len(pats)


@pytest.mark.parametrize("key", ["reporting_verbs", "light_verbs", "negation_words", "future_aux",
                                 "hypothetical_governors", "title_offices", "not_people"])
def test_lexicon_has_each_list(key: str) -> None:
    assert kb.load_lexicon()[key]


def test_cities_point_to_known_states() -> None:
    countries = {r["iso3"] for r in kb.load_countries()}
    rows = kb.load_cities()
    assert len(rows) > 1000
    for r in rows:
        assert r["iso3"] in countries and r["kind"] in ("city", "town", "region"), r


def test_ambiguous_places_name_known_states_and_dates() -> None:
    countries = {r["iso3"] for r in kb.load_countries()}
    table = kb.load_ambiguous_places()
    assert "tripoli" in table
    for form, (options, before, until) in table.items():
        assert options and all(c in countries for c in options), form
        assert (before is None) == (until is None), form
        if before:
            assert before in countries and len(until or "") == 10 and (until or "")[4] == "-", form


def test_wars_name_known_states_on_two_sides_and_a_year() -> None:
    countries = {r["iso3"] for r in kb.load_countries()}
    wars = kb.load_wars()
    assert len(wars) >= 20
    names = [n.lower() for war in wars for n in war[0]]
    assert len(names) == len(set(names))  # one war per name
    for names_, side_a, side_b, began in wars:
        civil = side_a == side_b and len(side_a) == 1  # a civil war: fought within one country
        assert names_ and side_a and side_b and (civil or not set(side_a) & set(side_b)), names_
        assert all(c in countries for c in side_a + side_b), names_
        assert began.isdigit() and 1800 < int(began) <= 2025, names_


def test_body_heads_have_known_sectors() -> None:
    sectors = {r["sector"] for r in kb.load_sectors()}
    heads = kb.load_lexicon()["body_heads"]
    assert heads and all(v in sectors for v in heads.values())


def test_no_word_list_of_the_lexicon_reads_as_a_boolean() -> None:
    """YAML 1.1 reads bare on/off/yes/no as booleans: in the lexicon's word lists they must be quoted words."""
    def booleans(value: object, where: str) -> list[str]:
        if isinstance(value, bool):
            return [where]
        if isinstance(value, dict):
            return [b for k, v in value.items() for b in booleans(v, f"{where}/{k}")]
        if isinstance(value, list):
            return [b for i, v in enumerate(value) for b in booleans(v, f"{where}[{i}]")]
        return []
    lexicon = kb.load_lexicon()
    vetoes_flags = {f"/sense_vetoes[{i}]/complement" for i in range(len(lexicon.get("sense_vetoes") or []))}
    assert [b for b in booleans(lexicon, "") if b not in vetoes_flags] == []
