"""Toponym resolution: which of the places a name may denote the document means.

Each candidate starts from its prior (log population; countries, divisions, regions and seats above towns of
the same name) and gains from the document around it: its country among the countries the document names
(actors and unambiguous places), the dateline's country, a country or division named right after it ("Paris,
Texas"), its division named elsewhere, the actor stage's own reading of the same words ("Tripoli" with
"northern Lebanon" nearby), a division or city word after it ("Kherson region"), and the project's news
places (`cities.tsv`: "Birmingham" is England's unless the text says otherwise). A region of several
countries (Kashmir) takes the one the document names, or none.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import knowledge as kb
from ..tokens import Tokens
from .gazetteer import Gazetteer, Place, name_key, text_key
from .mentions import Mention

__all__ = ["resolve_mentions", "doc_countries"]

IN_DOCUMENT = 2.5
AT_DATELINE = 2.0
NAMED_AFTER = 8.0
DIVISION_NAMED = 2.0
ACTOR_READING = 4.0
HINTED = 4.0
NEWS_PLACE = 1.5


@lru_cache(maxsize=1)
def _news_places() -> dict[str, frozenset[str]]:
    """Name key -> countries `cities.tsv` gives the name (the project's reading of news place names)."""
    out: dict[str, set[str]] = {}
    for r in kb.load_cities():
        for form in [r["name"], *kb.split_values(r.get("aliases"))]:
            out.setdefault(name_key(form), set()).add(r["iso3"])
    return {k: frozenset(v) for k, v in out.items()}


def doc_countries(actor_countries: Iterable[str], mentions: list[Mention]) -> Counter[str]:
    """How often the document names each country: its actors' countries and its unambiguous places."""
    counts: Counter[str] = Counter(c for c in actor_countries if c and len(c) == 3 and c.isupper()
                                   and c not in ("IGO", "NGO", "IMG"))
    for m in mentions:
        country = _one_country(m.candidates)
        if country is not None:
            counts[country] += 1
    return counts


def _one_country(places: tuple[Place, ...]) -> str | None:
    """The one country all of `places` that have a country are in; None where they name none or several."""
    found = None
    for p in places:
        country = p.country
        if country:
            if found is None:
                found = country
            elif country != found:
                return None  # a second country: no need to look further
    return found


def _named_after(toks: Tokens, m: Mention, by_start: dict[int, Mention]) -> Mention | None:
    """The mention right after "<m>, " ("Paris, Texas"; "Mokha, Yemen"); none after a country the actor stage
    read by its name, which heads a list, not a place in the next ("by Egypt, Greece and Cyprus" is no town
    Egypt in a Greece)."""
    if m.actor_form == "name" and any(p.kind == "country" and p.country == m.actor_country for p in m.candidates):
        return None
    if m.tok_end + 1 < len(toks) and toks.text[m.tok_end] == ",":
        return by_start.get(m.tok_end + 1)
    return None


@dataclass(slots=True)
class _Cues:
    """What the document says about one mention's candidates."""

    countries: Counter[str]  # the countries the document names, with how often
    dateline: Place | None
    divisions: frozenset[str]  # divisions the document names unambiguously
    after_countries: frozenset[str | None]  # "Paris, Texas": the countries and divisions the name after may be
    after_divisions: frozenset[str | None]
    named_after: bool  # whether a name follows "<name>, "
    news_countries: frozenset[str]  # the countries `cities.tsv` gives the name


def resolve_mentions(toks: Tokens, gaz: Gazetteer, mentions: list[Mention], countries: Counter[str],
                     dateline: Place | None) -> None:
    """Set `place` on every mention (the best candidate in this document). A name the document repeats with
    the same reading (`_reading`) resolves once: the document's cues for it are the same each time."""
    by_start = {m.tok_start: m for m in mentions}
    divisions = frozenset(p.adm1 for m in mentions for p in m.candidates
                          if p.kind == "adm1" and len(m.candidates) == 1 and p.adm1)
    resolved: dict[tuple, Place | None] = {}
    for m in mentions:
        after = _named_after(toks, m, by_start)
        news_name = _news_name(toks, m)
        key = _reading(m, after, news_name)
        if key not in resolved:
            cues = _cues(m, after, news_name, countries, dateline, divisions)
            best = _best(_narrowed(m.candidates, cues), m, gaz, cues)
            place = _settle_region(best, countries) if best else None
            if place is not None and place.kind == "country":
                place = _city_state(gaz, m, place) or place
            resolved[key] = place
        m.place = resolved[key]


def _reading(m: Mention, after: Mention | None, news_name: str) -> tuple:
    """What the resolution of `m` depends on besides the document's countries, dateline and divisions: its
    words (which give its candidates), its hint, the actor stage's reading, the name after it."""
    words = (m.text, m.name, m.tok_end - m.tok_start)
    later = None if after is None else (after.text, after.name, after.tok_end - after.tok_start)
    return words, news_name, m.hint, m.actor_country, m.actor_form, later


def _news_name(toks: Tokens, m: Mention) -> str:
    """The mention's words without a division word after them ("Kherson region": "Kherson")."""
    end = m.tok_end - (m.hint == "adm1")
    return toks.span_text(m.tok_start, end) if end > m.tok_start else ""


def _cues(m: Mention, after: Mention | None, news_name: str, countries: Counter[str], dateline: Place | None,
          divisions: frozenset[str]) -> _Cues:
    """Step 1: the document's cues for mention `m` (`after`: the mention named right after it)."""
    after_places = after.candidates if after else ()
    return _Cues(countries=countries, dateline=dateline, divisions=divisions,
                 after_countries=frozenset(p.country for p in after_places),
                 after_divisions=frozenset(p.adm1 for p in after_places if p.kind == "adm1"),
                 named_after=after is not None,
                 news_countries=_news_places().get(text_key(news_name), frozenset()))


def _narrowed(candidates: tuple[Place, ...], cues: _Cues) -> tuple[Place, ...]:
    """Step 2: "Alexandria, Virginia", "London, Ontario": the name after decides, where it names any."""
    if not cues.named_after:
        return candidates
    named = tuple(p for p in candidates if p.kind != "country" and (
        p.adm1 in cues.after_divisions or p.country in cues.after_countries))
    return named or candidates


def _best(candidates: tuple[Place, ...], m: Mention, gaz: Gazetteer, cues: _Cues) -> Place | None:
    """Step 3: the highest-scoring candidate (the first of equals)."""
    best, best_score = None, float("-inf")
    for p in candidates:
        score = _score(p, m, gaz, cues)
        if score > best_score:
            best, best_score = p, score
    return best


def _score(p: Place, m: Mention, gaz: Gazetteer, cues: _Cues) -> float:
    """A candidate's prior plus what the document says for it (see the module docstring)."""
    score = p.prior
    countries = cues.countries
    if p.country and countries.get(p.country):
        score += IN_DOCUMENT + 0.2 * min(countries[p.country], 5)
    elif p.countries and any(countries.get(c) for c in p.countries):
        score += IN_DOCUMENT
    if cues.dateline is not None and p.country == cues.dateline.country:
        score += AT_DATELINE
    if cues.named_after and p.kind != "country":
        if p.adm1 and p.adm1 in cues.after_divisions:
            score += NAMED_AFTER + 1
        elif p.country in cues.after_countries:
            score += NAMED_AFTER
    if p.adm1 and p.adm1 in cues.divisions and p.kind == "city":
        score += DIVISION_NAMED
    if m.actor_country and p.country == m.actor_country:
        score += ACTOR_READING
        if m.actor_form == "capital" and gaz.capitals.get(p.country) is p:
            score += ACTOR_READING  # "Washington said": the capital, not the state
    if m.hint == "adm1" and p.kind in ("adm1", "region"):
        score += HINTED
    elif m.hint == "city" and p.kind == "city":
        score += HINTED
    if p.country in cues.news_countries:
        score += NEWS_PLACE
    return score


def _settle_region(p: Place, countries: Counter[str]) -> Place:
    """A region of several countries takes the one the document names most, if exactly one leads."""
    if p.country or len(p.countries) < 2:
        return p
    named = sorted((c for c in p.countries if countries.get(c)), key=lambda c: -countries[c])
    if named and (len(named) == 1 or countries[named[0]] > countries[named[1]]):
        return dataclasses.replace(p, country=named[0])
    return p


def _city_state(gaz: Gazetteer, m: Mention, country: Place) -> Place | None:
    """Hong Kong, Singapore, Kuwait, Djibouti: a country whose namesake city holds most of its people is
    read as the city (the more precise of two readings with the same country)."""
    cities = [p for p in m.candidates if p.kind == "city" and p.country == country.country]
    if cities and max(c.population for c in cities) >= 0.3 * max(country.population, 1):
        return max(cities, key=lambda c: c.population)
    return None
