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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..tokens import Tokens
from .gazetteer import Gazetteer, Place
from .mentions import Mention
from .words import Words

__all__ = ["Setting", "locate_event", "location_dict", "trigger_span"]

_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"}
_TRAVEL_PREPS = {"to"}
_SPECIFIC = {"city": 0, "adm1": 1, "country": 2}
_CLIMB = ("appos", "conj", "compound", "nmod", "amod", "nn", "poss")  # from a place name up to its phrase
_VERBS = ("VERB", "AUX")

WordSpan = tuple[int, int]  # words start:end


@dataclass
class Setting:
    """What the whole document says about places: its dateline, the capitals or seats that stand for their
    governments ("Paris reacted with fury", "the Kremlin said"), the cities it names in each country and, of
    the countries where that is one city, its last mention, or where it names no city but one division (a
    state, a province: "England", "Texas"), that division's (`only_cities`). `phrases` keeps, per trigger
    and reading (`_phrase_key`), the place phrases found for it (steps 1 and 3): several events of one
    trigger ask the same."""

    dateline: tuple[Place, int, int] | None = None
    seats: dict[str, Mention] = field(default_factory=dict)
    cities: dict[str, list[Mention]] = field(default_factory=dict)
    divisions: dict[str, list[Mention]] = field(default_factory=dict)
    only_city: dict[str, Mention] = field(default_factory=dict)
    phrases: dict[tuple[Any, ...], Mention | None] = field(default_factory=dict)

    def only_cities(self) -> None:
        """Fill `only_city` from `cities`, and for a country with no city from `divisions`."""
        named = [*self.cities.items(), *((c, ms) for c, ms in self.divisions.items() if c not in self.cities)]
        for country, mentions in named:
            if len({m.place.geonames_id for m in mentions if m.place}) == 1:
                self.only_city[country] = mentions[-1]


def location_dict(place: Place, text: str, start: int, end: int, name: str | None = None) -> dict[str, Any]:
    return {"text": text, "start": start, "end": end, "name": name or place.name, "country": place.country,
            "adm1": place.adm1, "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
            "precision": place.precision}


def _of_mention(m: Mention) -> dict[str, Any] | None:
    return location_dict(m.place, m.text, m.start, m.end, m.display_name) if m.place is not None else None


def _anchor(m: Mention, toks: Tokens, words: Words, root: str) -> tuple[int, int] | None:
    """The word a place phrase hangs on, and its preposition: "met [in] Luanda" -> (met, in); "in the port
    town of Mokha" climbs through the place noun, "at the EU headquarters in Brussels" through the phrase
    it sits in. None when the mention is in no place phrase. Kept on the mention (one per reading of "on")."""
    on = root in words.on_roots
    if on not in m.anchors:
        m.anchors[on] = _find_anchor(m, toks, words, on)
    return m.anchors[on]  # type: ignore[no-any-return]


def _root(m: Mention, toks: Tokens) -> int:
    """The mention's head word (`Span.root`), found once per mention and kept on it."""
    if m.root is None:
        m.root = toks.span_root(m.tok_start, m.tok_end)
    return m.root


def _find_anchor(m: Mention, toks: Tokens, words: Words, on: bool) -> tuple[int, int] | None:
    dep, head, lower = toks.dep, toks.head, toks.lower
    t = _root(m, toks)
    found: tuple[int, int] | None = None
    for _ in range(10):
        if dep[t] in _CLIMB and head[t] != t:
            t = head[t]
            continue
        if dep[t] != "pobj":
            break
        prep = head[t]
        word = lower[prep]
        if word == "of" and lower[head[prep]] in words.place_nouns:
            t = head[prep]
            continue
        if word in words.locative and (word != "on" or on) or word in _TRAVEL_PREPS:
            found = (head[prep], prep)
            if dep[head[prep]] == "pobj" and lower[head[head[prep]]] in words.locative:
                t = head[prep]  # "at the headquarters in Brussels": the outer phrase says where
                continue
        break
    return found


def _in_phrase(toks: Tokens, gov: int, trig: int, below: bool = True) -> bool:
    """`gov` (the word a place phrase hangs on) belongs to the trigger's own phrase: the trigger itself, a
    word at most two steps below it within its clause ("a strike on a convoy near Kherson"; not the detention
    of a boat near some islands that a protest is about), or the verb or noun right above a nominal trigger
    ("held talks"). With `below` false, words below the trigger do not count: what a statement is about
    ("condemned the attack on its embassy in Somalia") is not where it was made."""
    if gov == trig:
        return True
    dep, head = toks.dep, toks.head
    t, steps = gov, 0
    while below and t != head[t] and steps < 3:
        if dep[t] in _CLAUSES:
            break
        t, steps = head[t], steps + 1
        if t == trig:
            return True
    if dep[trig] in _CLAUSES:
        return False
    t, steps = trig, 0
    while t != head[t] and steps < 3 and dep[t] not in _CLAUSES:
        t, steps = head[t], steps + 1
        if t == gov:
            return True
        if toks.pos[t] in _VERBS:
            break
    return False


def _governs(toks: Tokens, gov: int, trig: int) -> bool:
    """The place phrase scopes over the trigger's clause: the verb it hangs on, directly or through a chain
    of prepositional phrases ("arrives for the second day of the summit at the EU headquarters in Brussels
    as the leaders sign ..."), is above the trigger."""
    pos, dep, head = toks.pos, toks.dep, toks.head
    while pos[gov] not in _VERBS and dep[gov] in ("pobj", "prep", "npadvmod") and head[gov] != gov:
        gov = head[gov]
    return pos[gov] in _VERBS and gov in toks.ancestors(trig)


def _most_specific(found: list[Mention]) -> Mention | None:
    """The most precise place found; of equals, one in a single country ("in Ladakh" over "on the Line of
    Actual Control"), then the first."""
    found = [m for m in found if m.place is not None]
    if not found:
        return None
    return min(found, key=lambda m: (_SPECIFIC.get(m.place.precision if m.place else "country", 3),
                                     m.place is None or m.place.country is None, m.tok_start))


def _on_occasion(m: Mention, toks: Tokens, trig: int, words: Words) -> bool:
    """The place is on an occasion of speech within the trigger's clause ("in a speech at the UN in New
    York", "at a news conference in Kyiv")."""
    return _occasions(m, toks, words).get(trig, False)


def _occasions(m: Mention, toks: Tokens, words: Words) -> dict[int, bool]:
    """Each word above the mention's head within its clause, with whether an occasion of speech lies between
    them (a "pobj" occasion word below it): `_on_occasion` of each such word, found once per mention."""
    if m.occasions is None:
        dep, head, lower = toks.dep, toks.head, toks.lower
        t = _root(m, toks)
        occasion = False
        found: dict[int, bool] = {}
        m.occasions = found
        while t != head[t] and dep[t] not in _CLAUSES:
            t = head[t]
            found.setdefault(t, occasion)
            occasion = occasion or (lower[t] in words.occasions and dep[t] == "pobj")
    return m.occasions


def _names_object(m: Mention, toks: Tokens, trig: int, words: Words) -> bool:
    """The place names the thing a physical act is done to or at ("raided the Jenin refugee camp", "shelled
    the Zaporizhzhia plant"): a compound of the trigger's object or of a place phrase's object."""
    dep, head = toks.dep, toks.head
    t = _root(m, toks)
    if dep[t] != "compound" or m.place is None or m.place.kind == "country":
        return False  # "expel United States troops" happens where the troops are, not in the US
    noun = head[t]
    return (dep[noun] == "dobj" and head[noun] == trig) or (
        dep[noun] == "pobj" and toks.lower[head[noun]] in words.locative and _in_phrase(toks, head[head[noun]], trig))


def _visited(m: Mention, toks: Tokens, trig: int) -> bool:
    """The place is the trigger's direct object ("visited Hanoi")."""
    t = _root(m, toks)
    return toks.dep[t] == "dobj" and toks.head[t] == trig


def trigger_span(toks: Tokens, ev: dict[str, Any]) -> WordSpan | None:
    """The words of an event's trigger."""
    return toks.char_span(ev["trigger"]["start"], ev["trigger"]["end"])


def _span_of(toks: Tokens, actor: dict[str, Any] | None) -> WordSpan | None:
    """The words of an event's actor."""
    if not actor or actor.get("start") is None or actor.get("end") is None:
        return None
    return toks.char_span(actor["start"], actor["end"])


def _inside(m: Mention, span: WordSpan | None) -> bool:
    return span is not None and m.tok_start >= span[0] and m.tok_end <= span[1]


def _lemma(toks: Tokens, i: int) -> str:
    return toks.lemma[i].lower()


def locate_event(ev: dict[str, Any], toks: Tokens, trig_span: WordSpan | None, sent_mentions: list[Mention],
                 words: Words, gaz: Gazetteer, setting: Setting) -> dict[str, Any] | None:
    """The location of one event dict (see the module docstring), or None; `trig_span` is its trigger's words
    (`trigger_span`). A country found is narrowed to the one city of that country the document names, if it
    names exactly one ("a visit to Russia" in a report that places the talks in Moscow)."""
    if sent_mentions:
        loc = _locate(ev, toks, trig_span, sent_mentions, words, gaz, setting)
    else:
        lemma = _lemma(toks, toks.span_root(*trig_span)) if trig_span is not None else ""
        loc = _from_document(ev, toks, words, gaz, setting, str(ev["cameo"])[:2], lemma)
    if loc is not None and loc["precision"] == "country" and loc["country"] in setting.only_city:
        loc = _of_mention(setting.only_city[loc["country"]])
    return loc


def _locate(ev: dict[str, Any], toks: Tokens, trig_span: WordSpan | None, sent_mentions: list[Mention],
            words: Words, gaz: Gazetteer, setting: Setting) -> dict[str, Any] | None:
    if trig_span is None:
        return None
    trig = toks.span_root(*trig_span)
    root = str(ev["cameo"])[:2]
    lemma = _lemma(toks, trig)
    src, tgt = _span_of(toks, ev.get("source")), _span_of(toks, ev.get("target"))
    physical = root in words.on_roots
    verbal = root in words.verbal_roots
    # a place that is the target of a verbal act is its addressee ("lashed out at Seoul"), not its place
    key = (trig_span, physical, verbal, tgt if verbal else None)
    # (1) a place phrase of the trigger's own phrase
    best = _phrase(setting, (1, *key), lambda: _own_phrase(toks, trig, lemma, sent_mentions, words, root, tgt))
    if best is not None:
        return _of_mention(best)
    # (2) the place a force act is aimed at
    if root in words.on_target_roots or lemma in words.on_target_lemmas:
        aimed = [m for m in sent_mentions if _inside(m, tgt) and m.place and m.place.kind != "country"]
        best = _most_specific(aimed)
        if best is not None:
            return _of_mention(best)
    # (3) a place phrase on a verb whose clause governs the trigger's
    best = _phrase(setting, (3, *key), lambda: _governing(toks, trig, sent_mentions, words, root, tgt))
    if best is not None:
        return _of_mention(best)
    # (4) a place phrase on the acting side ("police in Kabul", "the French embassy in Niamey"), or a city or
    # seat of power acting as the source (not for force: "Moscow's invasion of Ukraine")
    lower = toks.lower
    if src is not None:
        based = [m for m, a in ((m, _anchor(m, toks, words, root)) for m in sent_mentions)
                 if a is not None and src[0] <= a[0] < src[1] and lower[a[1]] in ("in", "at")]
        best = _most_specific(based)
        if best is not None:
            return _of_mention(best)
    force = root in words.on_target_roots
    acting = [m for m in sent_mentions if not force and _inside(m, src) and m.place and m.place.kind == "city"]
    if acting:
        return _of_mention(acting[0])
    return _from_document(ev, toks, words, gaz, setting, root, lemma)


def _phrase(setting: Setting, key: tuple[Any, ...], find: Callable[[], Mention | None]) -> Mention | None:
    """`find()`, kept in `setting.phrases` under `key`: a step of `_locate` that depends only on the trigger's
    words, the reading of its root and, for verbal acts, the target's words."""
    phrases = setting.phrases
    if key not in phrases:
        phrases[key] = find()
    return phrases[key]


def _own(sent_mentions: list[Mention], words: Words, root: str, tgt: WordSpan | None) -> list[Mention]:
    """The sentence's mentions that may be the event's place: for a verbal act, not those in its target."""
    if root not in words.verbal_roots:
        return sent_mentions
    return [m for m in sent_mentions if not _inside(m, tgt)]


def _own_phrase(toks: Tokens, trig: int, lemma: str, sent_mentions: list[Mention], words: Words, root: str,
                tgt: WordSpan | None) -> Mention | None:
    """Step (1): the most specific place of a place phrase of the trigger's own phrase, a place it names
    the object of (physical acts), an occasion of speech, or the place visited."""
    lower = toks.lower
    verbal = root in words.verbal_roots
    own = _own(sent_mentions, words, root, tgt)
    anchors = [(m, _anchor(m, toks, words, root)) for m in own]
    attached = [m for m, a in anchors if a is not None and _in_phrase(toks, a[0], trig, below=not verbal)
                and (lower[a[1]] not in _TRAVEL_PREPS or lemma in words.on_target_lemmas
                     or _lemma(toks, a[0]) in words.on_target_lemmas)]
    if root in words.on_roots:
        attached += [m for m in own if _names_object(m, toks, trig, words)]
    attached += [m for m in own if _on_occasion(m, toks, trig, words)]
    visited = [m for m in sent_mentions if lemma in words.on_target_lemmas and _visited(m, toks, trig)]
    return _most_specific(attached + visited)


def _governing(toks: Tokens, trig: int, sent_mentions: list[Mention], words: Words, root: str,
               tgt: WordSpan | None) -> Mention | None:
    """Step (3): the most specific place of a phrase on a verb whose clause governs the trigger's."""
    lower = toks.lower
    anchors = [(m, _anchor(m, toks, words, root)) for m in _own(sent_mentions, words, root, tgt)]
    return _most_specific([m for m, a in anchors if a is not None and lower[a[1]] not in _TRAVEL_PREPS
                           and _governs(toks, a[0], trig)])


def _from_document(ev: dict[str, Any], toks: Tokens, words: Words, gaz: Gazetteer, setting: Setting, root: str,
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
                return location_dict(place, toks.full_text[start:end], start, end)
        seat = setting.seats.get(source.get("country") or "")
        if seat is not None and source.get("sector") in (None, "GOV") and not _abroad(source, words):
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


def _abroad(source: dict[str, Any], words: Words) -> bool:
    """The source is its state's representation abroad ("the French embassy")."""
    return any(w in words.abroad for w in str(source.get("text") or "").lower().split())


def _domestic(ev: dict[str, Any], gaz: Gazetteer) -> dict[str, Any] | None:
    """Step (7): a domestic act, between two actors of one country (police and protesters, a court and the
    government), happened in that country."""
    side: Any = ev.get("source") or {}
    other: Any = ev.get("target") or {}
    if not other or side.get("country") != other.get("country") or side.get("country") not in gaz.countries:
        return None
    return location_dict(gaz.countries[side["country"]], side.get("text"), side.get("start"), side.get("end"))
