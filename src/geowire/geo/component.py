"""The `geowire_places` spaCy component (after `geowire_events`): place mentions and event locations.

It finds the document's place mentions (`mentions`), reads its dateline (`dateline`), resolves every mention
against the countries the document names (`resolve`), writes them to `doc._.geowire_places` (plain dicts) and
gives each event dict in `doc._.geowire_events` a `location` (`locate`): {text, start, end, name, country,
adm1, lat, lon, geonames_id, precision} or None. It reads the actor and event dicts and changes nothing else
in them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import knowledge as kb
from ..component_base import GeowireComponent
from ..tokens import doc_tokens, release_tokens
from .dateline import find_dateline
from .gazetteer import Gazetteer, Place, get_gazetteer
from .locate import Setting, locate_event, trigger_span
from .mentions import Mention, find_mentions
from .resolve import doc_countries, resolve_mentions
from .words import Words

__all__ = ["PlaceLocator", "locate_doc"]

for _name in ("geowire_places", "geowire_dateline"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_PLACE_FORMS = ("city", "capital", "name")


@dataclass
class _Actors:
    """What the place stage reads of the actor stage's dicts, in one pass over them (`_read_actors`)."""

    spans: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # places: country, form
    people: list[tuple[int, int]] = field(default_factory=list)  # the spans of people
    countries: list[str] = field(default_factory=list)  # the countries of all actors
    # government actors (or of no sector) of a state with a capital, in order: (country, capital, start, end)
    governments: list[tuple[str, Place, Any, Any]] = field(default_factory=list)


def _read_actors(actors: list[dict[str, Any]], gaz: Gazetteer) -> _Actors:
    """What the actor stage found: spans it resolved as places (a city, capital or state name) with their
    country and form, the spans of people ("Abiy Ahmed": no town of Abiy), the countries of all actors,
    and the governments that a mention of their capital or seat may stand for (`_setting`)."""
    out = _Actors()
    capitals = gaz.capitals
    for a in actors:
        country = a.get("country")
        if country:
            out.countries.append(country)
            if a.get("kind") == "state" and a.get("form") in _PLACE_FORMS:
                out.spans[(a["start"], a["end"])] = (country, a["form"])
        if a.get("kind") == "person" and a.get("start") is not None:
            out.people.append((a["start"], a["end"]))
        capital = capitals.get(country or "")
        if capital is not None and a.get("sector") in (None, "GOV"):
            out.governments.append((str(country), capital, a.get("start"), a.get("end")))
    return out


def _setting(actors: _Actors, gaz: Gazetteer, mentions: list[Mention], dateline: tuple | None) -> Setting:
    setting = Setting(dateline)
    for m in mentions:
        p = m.place
        if p is None or p.kind not in ("city", "adm1") or not p.country:
            continue
        (setting.cities if p.kind == "city" else setting.divisions).setdefault(p.country, []).append(m)
    capital_of = gaz.capitals.get
    named = [m for m in mentions  # the mentions of a capital or seat, which may stand for their state
             if m.place is not None and capital_of(m.place.country or "") is m.place]
    for country, capital, start, end in actors.governments if named else ():
        if country in setting.seats:
            continue
        for m in named:  # "Paris reacted", "the Kremlin said": the capital or seat acts for the state
            if m.place is capital and start <= m.start and m.end <= end:
                setting.seats[country] = m
                break
    setting.only_cities()
    return setting


def _not_people(mentions: list[Mention], people: list[tuple[int, int]]) -> list[Mention]:
    """The `mentions` inside none of the character spans of `people` ("Abiy Ahmed": no town of Abiy)."""
    if not people or not mentions:
        return mentions
    spans = sorted(people)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans up to each
    # inside some span: the furthest end of those that start at or before the mention reaches its end
    return [m for m in mentions if (k := bisect_right(starts, m.start)) == 0 or reach[k - 1] < m.end]


def locate_doc(doc: Doc, gaz: Gazetteer, words: Words) -> list[Mention]:
    """Resolve the place mentions of `doc` and set `location` on each of its events; returns the mentions."""
    actors = _read_actors(doc._.geowire_actors or [], gaz)
    toks = doc_tokens(doc)
    mentions = _not_people(find_mentions(toks, gaz, words, actors.spans), actors.people)
    dateline = find_dateline(toks.full_text, gaz)
    if dateline is not None:  # the dateline's own words are no place of the body's events
        mentions = [m for m in mentions if m.end <= dateline[1] or m.start >= dateline[2]]
    countries = doc_countries(actors.countries, mentions)
    if dateline is not None and dateline[0].country:
        countries[dateline[0].country] += 1
    resolve_mentions(toks, gaz, mentions, countries, dateline[0] if dateline else None)
    setting = _setting(actors, gaz, mentions, dateline)
    sent_of = toks.sent_start
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(sent_of[m.tok_start], []).append(m)
    events = doc._.geowire_events or []
    for ev in events:
        trig = trigger_span(toks, ev)
        key = sent_of[trig[0]] if trig is not None else -1
        ev["location"] = locate_event(ev, toks, trig, by_sent.get(key, []), words, gaz, setting)
    _share_meeting_places(events, words)
    doc._.geowire_dateline = None if dateline is None else {"name": dateline[0].name, "country": dateline[0].country,
                                                    "start": dateline[1], "end": dateline[2]}
    return mentions


def _pair(ev: dict[str, Any]) -> frozenset[str] | None:
    sides = {str(c) for c in ((ev.get("source") or {}).get("country"), (ev.get("target") or {}).get("country")) if c}
    return frozenset(sides) if len(sides) == 2 else None


def _share_meeting_places(events: list[dict[str, Any]], words: Words) -> None:
    """What two sides say, agree or promise when they meet happens where they meet: an event of theirs
    with no place takes the place of their meeting, when the document places all their meetings in one
    city ("Biden and Trong agreed to ... as they met in Hanoi"). Only meetings placed in a city, and events
    with no place, are asked for their pair of sides."""
    met: dict[frozenset[str], set[str]] = {}
    where: dict[frozenset[str], dict[str, Any]] = {}
    for ev in events:
        loc = ev.get("location")
        if loc and loc["precision"] == "city" and str(ev["cameo"]).startswith("04"):
            pair = _pair(ev)
            if pair:
                met.setdefault(pair, set()).add(loc["name"])
                where[pair] = loc
    if not met:
        return
    for ev in events:
        if ev.get("location") is None and str(ev["cameo"])[:2] in words.meeting_roots:
            pair = _pair(ev)
            if pair in met and len(met[pair]) == 1:
                ev["location"] = dict(where[pair])


class PlaceLocator(GeowireComponent):
    """Gazetteer toponym resolution and event geolocation; the gazetteer is built once per process, on the
    first document (or `initialize`)."""

    def __init__(self, nlp: Language, name: str = "geowire_places") -> None:
        self.name = name

    def load_knowledge(self) -> None:
        self.words = Words.from_data(kb.load_geo_words())
        self.gaz = get_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_knowledge()
        mentions = locate_doc(doc, self.gaz, self.words)
        doc._.geowire_places = [m.to_dict() for m in mentions if m.place is not None]
        release_tokens(doc)  # the last stage that reads the shared token table
        return doc


@Language.factory("geowire_places", requires=["doc._.geowire_actors", "doc._.geowire_events", "doc.sents"],
                  assigns=["doc._.geowire_places", "doc._.geowire_dateline"])
def make_place_locator(nlp: Language, name: str) -> PlaceLocator:
    return PlaceLocator(nlp, name)
