"""Context: a role or titled person no rule could place takes the one country around it; a city the words after
it place in another country takes that one ("Valencia, Venezuela"); a place or people of several countries
("Tripoli", "Congo", "Georgia", the Kurds, the Hutu) takes the one the document names, and a place the country it
belonged to on the document's date ("Juba" before South Sudan's independence).

"Judge Alejandro Rivera opened investigations against 28 Chilean officials", "the party will boycott
Algeria's elections": news names the country once and leaves its own courts, parties, rebels and office
holders unqualified. After dictionaries, patterns and coreference have run, a mention that still has a
sector but no country takes the country of its sentence when that sentence names exactly one country, else
(a named person: the country the document is about, where it is about one) that of the nearest sentence
around it (a few lines before, else after) that names countries, when it names exactly one (police named in
one sentence, and the next says the theft happened at a palace in Oxfordshire, England), else the country of
its document when the document names exactly one or is about one.
A news outlet or reporter is no clue ("according to Al Jazeera, the minister resigned"): where the news is
told is not where it happens.
A person the context placed keeps the country of their first placed mention in every later one, their
family name alone included: one person, one country through the document. The country of whoever does an act
to a person is not the person's ("the United States' killing of Qasem Soleimani"), unless a state holds or frees
its own people ("Belarus releases 123 political prisoners": acts of custody): it is left out of the
sentence's countries, also where the act is a participle done by its clause's subject and the people are
counted ("Saudi jets struck a market in Saada, killing dozens of people": Yemenis, lexicon `quantity_nouns`).
A transnational armed group (the Islamic State, al-Qaeda) takes the country where it acts: the one scene its
sentence names, else the country the document is about. Roles that are foreign by nature (ambassadors, envoys, peacekeepers) and sentences whose only country is a destination ("the president
arrived in Paris") are left alone: there the country around a mention is not its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import knowledge as kb
from ..geo.gazetteer import get_gazetteer
from ..model import ActorMention
from ..tokens import Tokens
from .recognize import plain_name

__all__ = ["settle_by_context", "settle_ambiguous_places", "settle_place_chains"]

_PLACED_KINDS = ("state", "role", "person", "group", "institution")
# Roles that usually serve abroad: the country named around them is where they are, not whose they are.
_FOREIGN_ROLES = {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "embassy",
                  "embassies", "consulate", "consulates", "peacekeepers", "peacekeeping force",
                  "peacekeeping forces", "secretary-general", "secretary general", "commissioner", "mercenaries",
                  "mercenary", "world leaders", "leaders", "monitors", "observers", "inspectors"}
_TRAVEL = {"visit", "arrive", "travel", "fly", "tour", "land", "go", "come", "return", "head", "reach", "leave",
           "depart", "flee", "welcome", "host", "receive"}
# Acts between two sides: "President X met the Spanish prime minister" names the other side's country only.
_MEETING = _TRAVEL | {"meet", "talk", "telephone", "phone", "call", "greet", "invite", "congratulate", "thank",
                      "negotiate", "accompany"}


_CUSTODY = frozenset({"release", "free", "pardon", "jail", "imprison", "detain", "arrest", "sentence", "convict",
                      "charge", "prosecute", "try", "execute"})


def _country_of(m: ActorMention) -> str | None:
    c = m.country
    if not c or c in ("IGO", "NGO", "IMG") or len(c) != 3 or m.kind not in _PLACED_KINDS:
        return None
    return c


def _destination(toks: Tokens, m: ActorMention) -> bool:
    """Whether a place mention is where someone travels or is received ("arrived in Paris", "visit Iraq")."""
    i = m.head
    if toks.dep[i] == "pobj":
        i = toks.head[i]
    return toks.dep[i] in ("dobj", "prep", "npadvmod") and toks.lemma[toks.head[i]] in _TRAVEL


def _clause_verb(toks: Tokens, i: int) -> int:
    """The verb of the clause word `i` is in (the root, if none is a verb)."""
    while toks.pos[i] not in ("VERB", "AUX") and toks.head[i] != i:
        i = toks.head[i]
    return i


def _acted_upon(toks: Tokens, m: ActorMention) -> int | None:
    """The verb whose act is aimed at a bare state name ("called for sanctions against Nigeria", "accused the
    United States"), if any: whoever does that act is as likely foreign as its own."""
    if m.kind != "state" or m.sector or m.form not in ("name", "capital"):
        return None
    i, head, lower = m.head, toks.head, toks.lower
    if toks.dep[i] in ("dobj", "dative") or (toks.dep[i] == "pobj" and lower[head[i]] in (
            "against", "on", "to", "toward", "towards", "with", "into") and lower[head[head[i]]] != "according"):
        return _clause_verb(toks, i)
    return None


def _from_place(toks: Tokens, m: ActorMention) -> bool:
    return m.kind == "state" and toks.dep[m.head] == "pobj" and toks.lower[toks.head[m.head]] == "from"


def _undergone(toks: Tokens, m: ActorMention) -> int | None:
    """The act a mention undergoes, if it is its patient: the verb of which it is the object or passive
    subject ("killed X", "X was arrested"), the event noun of which it is the "of" object ("the killing of X")."""
    i, dep, head = m.head, toks.dep, toks.head
    counts = kb.lexicon_words("quantity_nouns")
    while dep[i] == "pobj" and toks.lower[head[i]] == "of" and (
            toks.lower[head[head[i]]] in counts or toks.pos[head[head[i]]] == "NUM"):
        i = head[head[i]]  # "killing dozens of people": the people undergo what the dozens do
    if dep[i] in ("dobj", "nsubjpass"):
        return head[i]
    if dep[i] == "pobj" and toks.lower[head[i]] == "of" and toks.pos[head[head[i]]] == "NOUN":
        return head[head[i]]
    return None


def _agents(toks: Tokens, mentions: list[ActorMention], act: int) -> set[str]:
    """The countries of the mentions that do the act at word `act`: its subject, its possessor ("the United
    States' killing of ..."), its passive agent ("by Turkish forces"), and each one coordinated with them
    ("Russia and Ukraine exchanged prisoners")."""
    acts = _subject_sharing(toks, act)
    out = set()
    for x in mentions:
        if x.head < 0 or (c := _country_of(x)) is None:
            continue
        i = toks.first_conjunct(x.head)
        if (toks.head[i] in acts and toks.dep[i] in ("nsubj", "poss")) or (
                toks.dep[i] == "pobj" and toks.lower[toks.head[i]] == "by" and toks.head[toks.head[i]] == act):
            out.add(c)
    return out


def _subject_sharing(toks: Tokens, act: int) -> set[int]:
    """Word `act` and the verbs whose subject it shares: a participle or conjoined verb with no subject of its
    own is done by its head verb's ("forces shelled the town, killing ten people")."""
    acts, i = {act}, act
    while (toks.pos[i] == "VERB" and toks.dep[i] in ("advcl", "xcomp", "conj") and toks.head[i] != i
           and not any(toks.dep[c] in ("nsubj", "nsubjpass") for c in toks.children[i])):
        i = toks.head[i]
        acts.add(i)
    return acts


def _placeable(toks: Tokens, m: ActorMention) -> bool:
    if m.country or m.pronoun or m.group or m.anaphor:
        return False
    if m.kind not in ("person", "role"):
        return False
    if not m.sector:
        # a person NER found and no table knows takes the country around it, when the text has them act or
        # undergo something: a name in a credit or caption ("Photo: Michael Kappeler/dpa") is no actor
        return bool(m.kind == "person" and m.name
                    and any(toks.pos[a] in ("VERB", "AUX") for a in toks.ancestors(m.head)))
    # the role the dictionary matched ("opposition leaders"), else the head word ("leaders")
    roles = {r.lower() for r in m.roles or []} or {toks.lower[m.head]}
    return not roles & _FOREIGN_ROLES


def _dominant_country(mentions: list[ActorMention]) -> str | None:
    """The country an article is about: named at least three times and twice as often as any other."""
    counts: dict[str, int] = {}
    for m in mentions:
        c = _country_of(m)
        if c is not None and m.how not in ("context", "main country") and m.sector != "MED":
            counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


_NEARBY = 80  # words between the starts of two sentences for one to be the other's context


def _nearby(by_sent: dict[int, set[str]], sent: int) -> set[str]:
    """The one country of the nearest sentence before (else after) sentence `sent`, within about three lines
    (`_NEARBY` words), that names countries, when it names exactly one (police named in one sentence are those of the
    country the next sentence names as where the theft happened). Empty when
    that sentence names several or none is near."""
    before = [s for s in by_sent if sent - _NEARBY <= s < sent]
    after = [s for s in by_sent if sent < s <= sent + _NEARBY]
    near = max(before) if before else min(after) if after else None
    return set(by_sent[near]) if near is not None and len(by_sent[near]) == 1 else set()


def settle_by_context(toks: Tokens, mentions: list[ActorMention]) -> int:
    """Give, in place, each placeable mention with no country the single country of its sentence, of the
    sentence nearest it or of its document (`how` "context"), one country to each person, and its country to a
    transnational armed group; returns how many were placed."""
    todo = [m for m in mentions if _placeable(toks, m)]
    placed = _settle_known_places(toks, todo, {m.sent for m in mentions if m.country})
    todo = [m for m in todo if not m.country]
    if not todo:
        return _settle_transnational(toks, mentions, _dominant_country(mentions))
    by_sent: dict[int, set[str]] = {}
    aimed_at: dict[int, list[tuple[str, int]]] = {}  # sentence -> (country, the verb acting on it)
    travel_sents: set[int] = set()
    for m in mentions:
        c = _country_of(m)
        if c is None or m.origin or _from_place(toks, m) or m.sector == "MED":
            continue  # "business leaders from South Korea met the governor": an origin is not the scene; nor
            # is where the news is told ("according to Al Jazeera, the minister resigned")
        by_sent.setdefault(m.sent, set()).add(c)
        verb = _acted_upon(toks, m)
        if verb is not None:
            aimed_at.setdefault(m.sent, []).append((c, verb))
        if _destination(toks, m):
            travel_sents.add(m.sent)
    in_doc = set().union(*by_sent.values())
    in_sent: dict[int, list[ActorMention]] = {}  # each sentence's mentions
    for m in mentions:
        in_sent.setdefault(m.sent, []).append(m)
    dominant = _dominant_country(mentions)
    for m in todo:
        here = by_sent.get(m.sent, set())
        own = _clause_verb(toks, m.head)
        if m.sent in travel_sents or any(v == own for _, v in aimed_at.get(m.sent, [])):
            # "Archbishop X called for sanctions against Nigeria": maybe no Nigerian, but in an article about
            # another country, one of its own ("Foreign Minister X criticised Rwanda" in a report on Congo)
            if dominant is not None and dominant not in here:
                _place(m, dominant, "main country")
                placed += 1
            continue
        if toks.lemma_lower[own] in _MEETING and toks.dep[m.head] in ("nsubj", "nsubjpass"):
            continue  # "President X met the Spanish prime minister": X is as likely not Spanish
        act = _undergone(toks, m)
        if act is not None and here and toks.lemma_lower[act] not in _CUSTODY:
            # "the United States' killing of Qasem Soleimani": the doer's country is the other side; but a
            # state holds and frees its own people ("Belarus releases 123 political prisoners")
            here = here - _agents(toks, in_sent.get(m.sent, []), act)
        aimed = {c for c, _ in aimed_at.get(m.sent, [])}
        if len(here) > 1 and here - aimed:  # "... to protest sending troops to Iraq": Iraq is where, not whose
            here = here - aimed
        # a named person in a sentence that names no country is the article's, before the last country named
        # around it (a US prosecutor named just after a sentence on the accused's work in Ukraine)
        pool = here or ({dominant} if m.kind == "person" and dominant else _nearby(by_sent, m.sent) or in_doc)
        how = "context"
        if len(pool) != 1:
            if dominant is None or (here and dominant not in here):
                continue
            pool, how = {dominant}, "main country"  # the country the article is about
        _place(m, next(iter(pool)), how)
        placed += 1
    _one_person_one_country(mentions)
    return placed + _settle_transnational(toks, mentions, dominant)


_PLACE_NOUNS = frozenset({"city", "town", "village", "district", "province", "region", "suburb", "neighbourhood",
                          "neighborhood", "camp", "port"})


def _known_place(toks: Tokens, m: ActorMention) -> str | None:
    """The one country of a place the parser took for a person's name, where the words around it say it is a
    place ("in Jaramana", "the city of Jaramana") and every place of that name lies in one country."""
    if m.kind != "person" or m.sector or not m.text or toks.dep[m.head] != "pobj":
        return None
    head = toks.head[m.head]
    named_place = toks.lower[head] == "of" and toks.lemma_lower[toks.head[head]] in _PLACE_NOUNS  # "the town of X"
    if not toks.place_object(m.head) and not named_place:
        return None
    countries = {p.country for p in get_gazetteer().lookup(m.text) if p.country}
    return next(iter(countries)) if len(countries) == 1 else None


def _settle_known_places(toks: Tokens, todo: list[ActorMention], named: set[int]) -> int:
    """Place, in place, the places the parser took for persons (`_known_place`) in sentences that name no
    country (`named`: the sentences that do; there the country around the place is the surer clue, as a
    small place may share its name with a bigger one elsewhere); returns how many."""
    placed = 0
    for m in todo:
        if m.sent not in named and (country := _known_place(toks, m)) is not None:
            _place(m, country, "context")
            placed += 1
    return placed


def _place(m: ActorMention, country: str, how: str) -> None:
    """Give `m` the country `country`, found by `how` ("context", "main country")."""
    m.country = country
    m.code = country + (m.sector or "")
    m.how = how
    m.title_only = False


def _scene(toks: Tokens, m: ActorMention) -> str | None:
    """The country of a place named as where something happens ("in Syria", "near Raqqa"), if `m` is one."""
    if m.kind != "state" or m.sector or not 0 <= m.head < len(toks) or not toks.place_object(m.head):
        return None
    return _country_of(m)


def _settle_transnational(toks: Tokens, mentions: list[ActorMention], dominant: str | None) -> int:
    """Give each mention of a transnational armed group (country `IMG`: the Islamic State, al-Qaeda) the
    country where it acts, as armed groups are coded by their country: the one place its sentence names as
    a scene ("ISIS fighters escaped from a camp in Syria"), else the country the document is about. A group
    with neither keeps `IMG`. Returns how many were placed."""
    scenes: dict[int, set[str]] = {}
    for m in mentions:
        if (c := _scene(toks, m)) is not None:
            scenes.setdefault(m.sent, set()).add(c)
    placed = 0
    for m in mentions:
        if m.country != "IMG":
            continue
        here = scenes.get(m.sent, set())
        country = next(iter(here)) if len(here) == 1 else dominant
        if country:
            m.country, m.code = country, country + (m.sector or "")
            placed += 1
    return placed


_GUESSED = ("context", "main country")


def _person_key(m: ActorMention, full: dict[str, str]) -> str | None:
    """Who a person mention names: its full name, the full name a family name alone stands for ("Kokesh" for
    "Adam Kokesh", when one full name of the document ends with it), else its own name."""
    if m.kind != "person" or not m.name or m.pronoun or m.anaphor or m.antecedent_head is not None:
        return None  # words that took another mention's person are not the person's own mention
    name = plain_name(m.name)  # accents aside: "Brudziński", "Brudzinski"
    return full.get(name, name)


def _one_person_one_country(mentions: list[ActorMention]) -> None:
    """A person the context placed keeps one country through the document: that of the first mention of the
    person that has one ("Adam Kokesh, a US presidential candidate ... Kokesh told RT ...": a later sentence
    about Russia makes no Russian of him). In place."""
    ends: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person" and m.name and " " in m.name:
            name = plain_name(m.name)
            ends.setdefault(name.rsplit(" ", 1)[1], set()).add(name)
    full = {last: next(iter(names)) for last, names in ends.items() if len(names) == 1}
    first: dict[str, ActorMention] = {}
    for m in sorted(mentions, key=lambda x: x.tok_start):
        key = _person_key(m, full)
        if key is None or not m.country:
            continue
        if key not in first:
            first[key] = m
        elif m.how in _GUESSED and m.country != (country := first[key].country) and country:
            m.country, m.code = country, country + (m.sector or "")


def _place_form(toks: Tokens, m: ActorMention, table: dict[str, Any]) -> str | None:
    """The ambiguous name a mention takes its country from: the name it starts with ("Shona rebels", "Tripoli")
    or the place it ends with ("the governor of Georgia")."""
    lowered = [w for w in toks.lower[m.tok_start : m.tok_end] if w != "the"]
    for n in (2, 1):
        if len(lowered) >= n:
            for form in (" ".join(lowered[:n]), " ".join(lowered[-n:])):
                if form in table:
                    return form
    return None


def settle_place_chains(toks: Tokens, mentions: list[ActorMention]) -> None:
    """Re-place, in place, a city or capital that the words after it place in another country: "Valencia,
    Venezuela", "Bari, Puntland, Somalia" (a chain of places joined by commas that ends in a country's name)
    are no Valencia in Spain, no Bari in Italy."""
    by_start = {m.tok_start: m for m in mentions}
    for m in mentions:
        if m.form not in ("city", "capital") or not m.country:
            continue
        last, end = None, m.tok_end
        while end + 1 < len(toks) and toks.text[end] == "," and (n := by_start.get(end + 1)) is not None \
                and n.kind == "state" and n.country:
            last, end = n, n.tok_end
        if last is not None and last.form == "name" and last.country != m.country:
            m.country, m.code, m.how = last.country, (last.country or "") + (m.sector or ""), "context"
            if m.kind == "state":
                m.name = last.name


def settle_ambiguous_places(toks: Tokens, mentions: list[ActorMention]) -> None:
    """Re-place, in place, state mentions whose words name a place of several countries: a place whose state
    changed by the document's date alone ("Juba" in 2005 is in Sudan, "Kosovo" in 2024 is no part of Serbia
    however often the document names Serbia), another (or one in a document with no date) by the candidate
    country the rest of the document names ("Tripoli ... the north Lebanese port")."""
    table = kb.load_ambiguous_places()
    ambiguous = [(m, table[f]) for m in mentions
                 if m.kind in ("state", "group", "role") and m.country
                 and (f := _place_form(toks, m, table))]
    if not ambiguous:
        return
    date = (toks.doc._.geowire_date or "")[:10]
    ambiguous_ids = {id(m) for m, _ in ambiguous}
    named = {m.country for m in mentions if m.country and id(m) not in ambiguous_ids}
    for m, (countries, before, until) in ambiguous:
        country = m.country or ""  # the ambiguous ones are placed
        if before and until and date:  # a place whose state changed: its country on the document's date,
            if date < until:  # whatever else the document names ("Serbia and Kosovo" in 2024 are two)
                country = before
        elif country not in named:
            country = next((c for c in countries if c in named), country)
        if country != m.country:
            m.country = country
            m.code = country + (m.sector or "")
            m.how = "context"
            if m.name and m.kind == "state":
                m.name = _country_names().get(country, m.name)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in kb.load_countries()}
