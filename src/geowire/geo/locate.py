"""Event location: where the act of one event happened, chosen from the document's resolved place mentions.

In order: (1) a place phrase of the trigger's own phrase ("met in Luanda", "clashes near Kherson", "a strike
on a convoy near Kherson", "visited Hanoi", "raided the Jenin camp", "in a speech at the UN in New York"),
where for statements and other verbal acts only phrases on the trigger itself count and a place that is the
act's addressee ("lashed out at Seoul") never does; (2) the place a force act is aimed at ("shelled
Kharkiv"); (3) a place phrase on a verb whose clause governs the trigger's ("In Geneva, the ministers said
they had agreed ..."); (4) a place phrase on the acting side ("police in Kabul") or a city acting as the
source ("Pyongyang lashed out"; not for force: "Moscow's invasion of Ukraine" is not in Moscow); (5) for
verbal acts and meetings, the dateline when the source (or a meeting's other side) is of its country, else
the capital or seat the document lets stand for the source's government ("Paris reacted with fury", "the
Kremlin said"); (6) the target's country for force, visits and deliveries, the source's for expulsions,
arrests, bans and protests; (7) for a domestic act between two actors of one country, that country. A
country found is narrowed to the one city of it the document names. Otherwise
null: a statement with no place gets no location, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..sentences import doc_text
from .gazetteer import Gazetteer, Place
from .mentions import Mention
from .words import Words

__all__ = ["Setting", "locate_event", "location_dict", "trigger_span"]

_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"}
_TRAVEL_PREPS = {"to"}
_SPECIFIC = {"city": 0, "adm1": 1, "country": 2}


@dataclass
class Setting:
    """What the whole document says about places: its dateline, the capitals or seats that stand for their
    governments ("Paris reacted with fury", "the Kremlin said"), and the cities it names in each country."""

    dateline: tuple[Place, int, int] | None = None
    seats: dict[str, Mention] = field(default_factory=dict)
    cities: dict[str, list[Mention]] = field(default_factory=dict)


def location_dict(place: Place, text: str, start: int, end: int, name: str | None = None) -> dict[str, Any]:
    return {"text": text, "start": start, "end": end, "name": name or place.name, "country": place.country,
            "adm1": place.adm1, "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
            "precision": place.precision}


def _of_mention(m: Mention) -> dict[str, Any] | None:
    return location_dict(m.place, m.text, m.start, m.end, m.display_name) if m.place is not None else None


def _anchor(m: Mention, doc: Doc, words: Words, root: str) -> tuple[Token, Token] | None:
    """The word a place phrase hangs on, and its preposition: "met [in] Luanda" -> (met, in); "in the port
    town of Mokha" climbs through the place noun, "at the EU headquarters in Brussels" through the phrase
    it sits in. None when the mention is in no place phrase. Kept on the mention (one per reading of "on")."""
    on = root in words.on_roots
    if on not in m.anchors:
        m.anchors[on] = _find_anchor(m, doc, words, on)
    return m.anchors[on]  # type: ignore[no-any-return]


def _root(m: Mention, doc: Doc) -> Token:
    """The mention's head word (`Span.root`), found once per mention and kept on it."""
    if m.root is None:
        m.root = doc[m.tok_start:m.tok_end].root
    return m.root


def _find_anchor(m: Mention, doc: Doc, words: Words, on: bool) -> tuple[Token, Token] | None:
    t = _root(m, doc)
    found: tuple[Token, Token] | None = None
    for _ in range(10):
        if t.dep_ in ("appos", "conj", "compound", "nmod", "amod", "nn", "poss") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ != "pobj":
            break
        prep = t.head
        word = prep.lower_
        if word == "of" and prep.head.lower_ in words.place_nouns:
            t = prep.head
            continue
        if word in words.locative and (word != "on" or on) or word in _TRAVEL_PREPS:
            found = (prep.head, prep)
            if prep.head.dep_ == "pobj" and prep.head.head.lower_ in words.locative:
                t = prep.head  # "at the headquarters in Brussels": the outer phrase says where
                continue
        break
    return found


def _in_phrase(gov: Token, trig: Token, below: bool = True) -> bool:
    """`gov` (the word a place phrase hangs on) belongs to the trigger's own phrase: the trigger itself, a
    word at most two steps below it within its clause ("a strike on a convoy near Kherson"; not the detention
    of a boat near some islands that a protest is about), or the verb or noun right above a nominal trigger
    ("held talks"). With `below` false, words below the trigger do not count: what a statement is about
    ("condemned the attack on its embassy in Somalia") is not where it was made."""
    if gov.i == trig.i:
        return True
    t, steps = gov, 0
    while below and t.i != t.head.i and steps < 3:
        if t.dep_ in _CLAUSES:
            break
        t, steps = t.head, steps + 1
        if t.i == trig.i:
            return True
    if trig.dep_ in _CLAUSES:
        return False
    t, steps = trig, 0
    while t.i != t.head.i and steps < 3 and t.dep_ not in _CLAUSES:
        t, steps = t.head, steps + 1
        if t.i == gov.i:
            return True
        if t.pos_ in ("VERB", "AUX"):
            break
    return False


def _governs(gov: Token, trig: Token) -> bool:
    """The place phrase scopes over the trigger's clause: the verb it hangs on, directly or through a chain
    of prepositional phrases ("arrives for the second day of the summit at the EU headquarters in Brussels
    as the leaders sign ..."), is above the trigger."""
    while gov.pos_ not in ("VERB", "AUX") and gov.dep_ in ("pobj", "prep", "npadvmod") and gov.head.i != gov.i:
        gov = gov.head
    return gov.pos_ in ("VERB", "AUX") and any(a.i == gov.i for a in trig.ancestors)


def _most_specific(found: list[Mention]) -> Mention | None:
    """The most precise place found; of equals, one in a single country ("in Ladakh" over "on the Line of
    Actual Control"), then the first."""
    found = [m for m in found if m.place is not None]
    if not found:
        return None
    return min(found, key=lambda m: (_SPECIFIC.get(m.place.precision if m.place else "country", 3),
                                     m.place is None or m.place.country is None, m.tok_start))


def _on_occasion(m: Mention, doc: Doc, trig: Token, words: Words) -> bool:
    """The place is on an occasion of speech within the trigger's clause ("in a speech at the UN in New
    York", "at a news conference in Kyiv")."""
    t = _root(m, doc)
    occasion = False
    while t.i != t.head.i and t.dep_ not in _CLAUSES:
        t = t.head
        if t.i == trig.i:
            return occasion
        occasion = occasion or (t.lower_ in words.occasions and t.dep_ == "pobj")
    return False


def _names_object(m: Mention, doc: Doc, trig: Token, words: Words) -> bool:
    """The place names the thing a physical act is done to or at ("raided the Jenin refugee camp", "shelled
    the Zaporizhzhia plant"): a compound of the trigger's object or of a place phrase's object."""
    t = _root(m, doc)
    if t.dep_ != "compound" or m.place is None or m.place.kind == "country":
        return False  # "expel United States troops" happens where the troops are, not in the US
    noun = t.head
    return (noun.dep_ == "dobj" and noun.head.i == trig.i) or (
        noun.dep_ == "pobj" and noun.head.lower_ in words.locative and _in_phrase(noun.head.head, trig))


def trigger_span(doc: Doc, ev: dict[str, Any]) -> Span | None:
    """The tokens of an event's trigger."""
    return doc.char_span(ev["trigger"]["start"], ev["trigger"]["end"], alignment_mode="expand")


def _span_of(doc: Doc, actor: dict[str, Any] | None) -> Span | None:
    if not actor or actor.get("start") is None or actor.get("end") is None:
        return None
    return doc.char_span(actor["start"], actor["end"], alignment_mode="expand")


def _inside(m: Mention, span: Span | None) -> bool:
    return span is not None and m.tok_start >= span.start and m.tok_end <= span.end


def locate_event(ev: dict[str, Any], doc: Doc, trig_span: Span | None, sent_mentions: list[Mention], words: Words,
                 gaz: Gazetteer, setting: Setting) -> dict[str, Any] | None:
    """The location of one event dict (see the module docstring), or None; `trig_span` is its trigger's span
    (`trigger_span`). A country found is narrowed to the one city of that country the document names, if it
    names exactly one ("a visit to Russia" in a report that places the talks in Moscow)."""
    if sent_mentions:
        loc = _locate(ev, doc, trig_span, sent_mentions, words, gaz, setting)
    else:
        lemma = trig_span.root.lemma_.lower() if trig_span is not None else ""
        loc = _from_document(ev, doc, words, gaz, setting, str(ev["cameo"])[:2], lemma)
    if loc is not None and loc["precision"] == "country":
        cities = {m.place.geonames_id: m for m in setting.cities.get(loc["country"], []) if m.place}
        if len(cities) == 1:
            loc = _of_mention(next(iter(cities.values())))
    return loc


def _locate(ev: dict[str, Any], doc: Doc, trig_span: Span | None, sent_mentions: list[Mention], words: Words,
            gaz: Gazetteer, setting: Setting) -> dict[str, Any] | None:
    if trig_span is None:
        return None
    trig = trig_span.root
    root = str(ev["cameo"])[:2]
    lemma = trig.lemma_.lower()
    src, tgt = _span_of(doc, ev.get("source")), _span_of(doc, ev.get("target"))
    physical = root in words.on_roots
    verbal = root in words.verbal_roots
    # a place that is the target of a verbal act is its addressee ("lashed out at Seoul"), not its place
    own = [m for m in sent_mentions if not verbal or not _inside(m, tgt)]
    anchors = [(m, _anchor(m, doc, words, root)) for m in own]
    # (1) a place phrase of the trigger's own phrase
    attached = [m for m, a in anchors if a is not None and _in_phrase(a[0], trig, below=not verbal)
                and (a[1].lower_ not in _TRAVEL_PREPS or lemma in words.on_target_lemmas
                     or a[0].lemma_.lower() in words.on_target_lemmas)]
    if physical:
        attached += [m for m in own if _names_object(m, doc, trig, words)]
    attached += [m for m in own if _on_occasion(m, doc, trig, words)]
    visited = [m for m in sent_mentions if lemma in words.on_target_lemmas
               and _root(m, doc).dep_ == "dobj" and _root(m, doc).head.i == trig.i]
    best = _most_specific(attached + visited)
    if best is not None:
        return _of_mention(best)
    # (2) the place a force act is aimed at
    if root in words.on_target_roots or lemma in words.on_target_lemmas:
        aimed = [m for m in sent_mentions if _inside(m, tgt) and m.place and m.place.kind != "country"]
        best = _most_specific(aimed)
        if best is not None:
            return _of_mention(best)
    # (3) a place phrase on a verb whose clause governs the trigger's
    governing = [m for m, a in anchors if a is not None and a[1].lower_ not in _TRAVEL_PREPS
                 and _governs(a[0], trig)]
    best = _most_specific(governing)
    if best is not None:
        return _of_mention(best)
    # (4) a place phrase on the acting side ("police in Kabul", "the French embassy in Niamey"), or a city or
    # seat of power acting as the source (not for force: "Moscow's invasion of Ukraine")
    if src is not None:
        based = [m for m, a in ((m, _anchor(m, doc, words, root)) for m in sent_mentions)
                 if a is not None and src.start <= a[0].i < src.end and a[1].lower_ in ("in", "at")]
        best = _most_specific(based)
        if best is not None:
            return _of_mention(best)
    force = root in words.on_target_roots
    acting = [m for m in sent_mentions if not force and _inside(m, src) and m.place and m.place.kind == "city"]
    if acting:
        return _of_mention(acting[0])
    return _from_document(ev, doc, words, gaz, setting, root, lemma)


def _from_document(ev: dict[str, Any], doc: Doc, words: Words, gaz: Gazetteer, setting: Setting, root: str,
                   lemma: str) -> dict[str, Any] | None:
    """Steps (5) and (6): what the document, not the sentence, says (`lemma`: the trigger's)."""
    # (5) for verbal acts and meetings: the dateline of the source's (or a meeting's) side, else the capital
    # or seat the document lets stand for the source's government
    if root in words.dateline_roots:
        source = ev.get("source") or {}
        if setting.dateline is not None:
            place, start, end = setting.dateline
            sides = {source.get("country")}
            if root == "04":
                sides.add((ev.get("target") or {}).get("country"))
            if place.country in sides:
                return location_dict(place, doc_text(doc)[start:end], start, end)
        seat = setting.seats.get(source.get("country") or "")
        abroad = any(w in words.abroad for w in str(source.get("text") or "").lower().split())
        if seat is not None and source.get("sector") in (None, "GOV") and not abroad:
            return _of_mention(seat)
    # (6) a side's territory
    side = None
    if root in words.on_target_roots or lemma in words.on_target_lemmas:
        side = ev.get("target")
    elif lemma in words.on_source_lemmas:
        side = ev.get("source")
    country = (side or {}).get("country")
    if side and country in gaz.countries:
        return location_dict(gaz.countries[country], side.get("text"), side.get("start"), side.get("end"))
    return _domestic(ev, gaz)


def _domestic(ev: dict[str, Any], gaz: Gazetteer) -> dict[str, Any] | None:
    """Step (7): a domestic act, between two actors of one country (police and protesters, a court and the
    government), happened in that country."""
    side: Any = ev.get("source") or {}
    other: Any = ev.get("target") or {}
    if not other or side.get("country") != other.get("country") or side.get("country") not in gaz.countries:
        return None
    return location_dict(gaz.countries[side["country"]], side.get("text"), side.get("start"), side.get("end"))
