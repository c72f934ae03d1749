"""Find actor pieces in a Doc: dictionary matches first, spaCy's NER only for names the dictionary lacks.

A piece is a token span with the dictionary entries it may denote. Statistical NER never decides what a
dictionary form means; it only (a) vetoes a place name that sits inside a longer name of something else
("The Washington Post", "Jordan Peterson") and (b) proposes person names the dictionary does not know.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import eq, not_

from .. import knowledge as kb
from ..tokens import Entity, Tokens
from .gazetteer import KINDS_NEEDING_CAPITAL, Entry, Gazetteer

__all__ = ["Piece", "find_pieces", "plain_name"]

_VETO_LABELS = {"ORG", "FAC", "WORK_OF_ART", "PERSON", "EVENT", "PRODUCT", "LAW"}
_PLACE_PREFIXES = {"the", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                   "central", "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest",
                   "northeastern", "northwestern", "southeastern", "southwestern", "occupied", "mainland"}
_ANAPHORS = {"country", "nation", "countries", "nations", "sides", "side"}


@dataclass(slots=True)
class Piece:
    start: int  # token index
    end: int  # token index, exclusive
    entries: list[Entry]
    kind: str = ""  # the kind of the first entry, or "unknown_person" / "anaphor"
    text: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _capitalized(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


def find_pieces(toks: Tokens, gaz: Gazetteer) -> list[Piece]:
    """All non-overlapping actor pieces in document order (longest match wins)."""
    doc = toks.doc
    taken = [False] * len(doc)
    pieces = _dictionary_pieces(toks, gaz, taken)
    pieces = _named_bodies(toks, pieces, taken, gaz.body_heads)
    ents = toks.ents
    pieces = _named_ngos(toks, pieces, ents, gaz.ngo_heads)
    ent_of = toks.ent_of
    manner = {id(p): p for p in pieces if _manner(toks, p)}  # no actor, and no other name of its words either
    pieces = [p for p in pieces if id(p) not in manner and not _vetoed(toks, p, pieces, ent_of)]
    held = {i for p in pieces if p.kind != "person" for i in range(p.start, p.end)}  # a title, a place
    pieces = [q for p in pieces if (q := _other_person(toks, p, held) if p.kind == "person" else p) is not None]
    taken = [False] * len(doc)
    for p in [*pieces, *manner.values()]:
        taken[p.start : p.end] = [True] * (p.end - p.start)
    pieces += _ner_people(toks, ents, taken, gaz.not_people)
    pieces += _titled_people(toks, pieces, taken)
    pieces = _near_names(toks, gaz, pieces, taken)
    pieces += _appositive_people(toks, gaz, pieces, taken)
    pieces = _family_names(toks, pieces)
    pieces = [_admin_area(toks, p) for p in pieces]
    anaphors = compress(range(len(taken)), map(_ANAPHORS.__contains__, toks.lower))  # the words, found in C
    pieces += [Piece(i, i + 1, [], "anaphor", toks.text[i]) for i in anaphors if not taken[i]]
    pieces.sort(key=lambda p: p.start)
    return pieces


def _dictionary_pieces(toks: Tokens, gaz: Gazetteer, taken: list[bool]) -> list[Piece]:
    """The dictionary's matches, longest first, none overlapping (marked in `taken`). A match is a
    `(start, end, entries, phrase)` tuple until it is kept: only the kept ones become pieces."""
    cands: list[tuple[int, int, list[Entry], str]] = []
    text, is_punct, full, idx, end_idx = toks.text, toks.is_punct, toks.full_text, toks.idx, toks.end_idx
    for matcher in (gaz.orth_matcher, gaz.lower_matcher):
        for _, s, e in matcher(toks.doc):
            if is_punct[s] or text[e - 1] in {"-", "–"}:
                continue
            phrase = full[idx[s] : end_idx[e - 1]]  # `toks.span_text(s, e)`: a match has words
            entries = gaz.matched(phrase)
            if entries is None:  # written otherwise than the form: spaced as the form's words are
                entries = gaz.lookup(" ".join(text[s:e]))
                if not _capitalized(phrase):
                    entries = [x for x in entries if x.kind not in KINDS_NEEDING_CAPITAL]
            if entries:
                cands.append((s, e, entries, phrase))
    cands.sort(key=_longest_first)
    pieces: list[Piece] = []
    for s, e, entries, phrase in cands:
        if True in taken[s:e]:
            continue
        taken[s:e] = [True] * (e - s)
        pieces.append(Piece(s, e, entries, entries[0].kind, phrase))
    return pieces


def _longest_first(cand: tuple[int, int, list[Entry], str]) -> tuple[int, int]:
    """The order matches are taken in: longest first, then from the left."""
    return cand[0] - cand[1], cand[0]


def _ner_people(toks: Tokens, ents: list[Entity], taken: list[bool], not_people: set[str]) -> list[Piece]:
    """Person names NER finds and the dictionary does not know (capitalised, no possessive), but for names
    that are no one's (`not_people`: diseases, "Covid", "Ebola")."""
    out: list[Piece] = []
    text, pos = toks.text, toks.pos
    for ent in ents:
        if ent.label != "PERSON":
            continue
        s, e = ent.start, ent.end
        while s < e and (taken[s] or not text[s][:1].isupper()):
            s += 1
        while e > s and (taken[e - 1] or text[e - 1] in {"'s", "’s", "'"}):
            e -= 1
        if e > s and not any(taken[s:e]) and all(pos[i] == "PROPN" or text[i][:1].isupper() for i in range(s, e)) \
                and toks.span_text(s, e).lower() not in not_people:
            out.append(Piece(s, e, [], "unknown_person", toks.span_text(s, e)))
            taken[s:e] = [True] * (e - s)
    return out


def _titled_people(toks: Tokens, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
    """ "Governor Ana Ruiz": a title before capitalised names NER left out is a person's."""
    out: list[Piece] = []
    for p in [p for p in pieces if p.kind == "role" and p.entries and p.entries[0].title]:
        j = p.end
        while j < len(toks) and j - p.end < 4 and not taken[j] and toks.pos[j] == "PROPN" and toks.is_alpha[j] \
                and toks.text[j][:1].isupper() and toks.ent_type[j] in ("", "PERSON", "ORG"):
            j += 1
        org = "ORG" in toks.ent_type[p.end : j]  # "Vice-President Moody Awori" read as ORG
        if org and (j - p.end < 2 or p.entries[0].sector == "MIL"):  # not "General Motors"
            continue
        if j > p.end and toks.dep[j - 1] not in ("compound", "amod"):
            out.append(Piece(p.end, j, [], "unknown_person", toks.span_text(p.end, j)))
            for i in range(p.end, j):
                taken[i] = True
    return out


def _appositive_people(toks: Tokens, gaz: Gazetteer, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
    """ "Kenzo Oshima, the UN relief coordinator,": a proper name with an appositive is a person."""
    out: list[Piece] = []
    pos, dep, head = toks.pos, toks.dep, toks.head
    # the proper nouns with a noun in apposition, in order (few words are appositions: found from those)
    linked = compress(range(len(dep)), map(eq, dep, repeat("appos")))  # the appositions, found in C
    heads = sorted({head[c] for c in linked if pos[c] in ("NOUN", "PROPN")})
    if not heads:
        return out
    named = {i for p in pieces for i in range(p.start, p.end)}
    for i in heads:
        if pos[i] != "PROPN":
            continue
        appos = [c for c in toks.children[i] if dep[c] == "appos" and pos[c] in ("NOUN", "PROPN")]
        if not appos:
            continue
        ent = toks.ent_type[i]
        if (toks.text[i][:1].isupper() and i not in named and not taken[i]
                and (ent not in ("ORG", "DATE", "TIME", "MONEY") or (ent == "ORG" and _role_in(toks, gaz, appos)))
                and not any(toks.ent_type[c] in ("GPE", "LOC") for c in appos)):  # "Oxfordshire, England"
            start = i
            while start > 0 and dep[start - 1] == "compound" and pos[start - 1] == "PROPN" \
                    and not taken[start - 1] and start - 1 not in named:
                start -= 1
            out.append(Piece(start, i + 1, [], "unknown_person", toks.span_text(start, i + 1)))
            named.update(range(start, i + 1))
    return out


def _role_in(toks: Tokens, gaz: Gazetteer, words: list[int]) -> bool:
    """Whether one of `words` is a role word: NER may call "Amara Diallo, commander of ..." an organisation,
    a role word in apposition says person."""
    return any(e.kind == "role" for c in words for e in gaz.lookup(toks.text[c]))


def plain_name(text: str) -> str:
    """Lower case without accents ("François" -> "francois")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _named_ngos(toks: Tokens, pieces: list[Piece], ents: list[Entity], heads: set[str]) -> list[Piece]:
    """An organization name NER finds, headed by an NGO word and naming no state ("the Association of African
    Jurists", "the Third World Water Forum"), is a non-governmental organization the dictionary lacks."""
    out = pieces
    for ent in ents:
        if ent.label != "ORG" or ent.end - ent.start < 2 or toks.lower[toks.span_root(ent.start, ent.end)] not in heads:
            continue
        inside = [p for p in out if p.start < ent.end and p.end > ent.start]
        if any(p.kind not in ("region", "role") or p.start < ent.start or p.end > ent.end for p in inside):
            continue  # a known body or a state's own ("the Syrian Observatory ...") is left to the dictionary
        start = ent.start + 1 if toks.lower[ent.start] == "the" else ent.start
        name = toks.span_text(start, ent.end)
        ngo = Piece(start, ent.end, [Entry("institution", "NGO", "NGO", None, name)], "institution", name)
        out = sorted([p for p in out if p not in inside] + [ngo], key=lambda p: p.start)
    return out


def _named_bodies(toks: Tokens, pieces: list[Piece], taken: list[bool], heads: dict[str, str]) -> list[Piece]:
    """A country's name or adjective opening a body's proper name is that body: "the Kenya Anti-Corruption
    Commission", "Nigerian Union of Teachers", "Serbian Workers' Union" (an institution of the country with
    the sector of its head word, `body_heads` in lexicon.yml)."""
    out: list[Piece] = []
    n = len(toks)
    text, lower, alpha = toks.text, toks.lower, toks.is_alpha
    role_at = {i: p for p in pieces if p.kind == "role" for i in range(p.start, p.end)}  # "Workers", "Teachers"
    free = list(map(not_, taken))
    for i in role_at:
        free[i] = True
    eaten: set[int] = set()
    for p in pieces:
        e = p.entries[0] if p.entries else None
        if e is None or e.kind != "state" or e.form not in ("name", "adjective") or not e.country:
            out.append(p)
            continue
        j, head = p.end, -1
        while j < n and j - p.end < 6 and free[j]:
            if text[j][:1].isupper() and alpha[j]:
                if lower[j] in heads:
                    head = j
            elif not (text[j] in ("-", "'", "’") and j > p.end and j + 1 < n and alpha[j - 1]):
                break
            j += 1
        if head < 0:
            out.append(p)
            continue
        end = head + 1
        if end + 1 < n and lower[end] in ("of", "for") and text[end + 1][:1].isupper() \
                and free[end + 1]:  # "Union of Teachers"
            end += 2
            while end < n and text[end][:1].isupper() and alpha[end] and free[end]:
                end += 1
        if role_at.get(end - 1) is not None and role_at[end - 1].end > end:
            out.append(p)  # the name would cut a role in two
            continue
        sector = heads[lower[head]]
        name = toks.span_text(p.start, end)
        body = Entry("institution", e.country + sector, e.country, sector, name)
        for i in range(p.end, end):
            taken[i] = True
            free[i] = False
            if i in role_at:
                eaten.add(id(role_at[i]))
        out.append(Piece(p.start, end, [body], "institution", name))
    return [p for p in out if id(p) not in eaten]


def _near_names(toks: Tokens, gaz: Gazetteer, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
    """Misspelt names the dictionary almost knows: a proper noun close to a country name or demonym
    ("Ethopia", "Phillippines"), a person name close to an office holder's ("President Francois Mitterand")."""
    out: list[Piece] = []
    for p in pieces:
        if p.kind == "unknown_person" and not p.extra:
            entries = gaz.near(p.text, "person")
            titled = p.start > 0 and any(q.end == p.start and q.kind == "role" for q in pieces)
            if not entries and titled and p.end - p.start > 1:
                first = plain_name(toks.text[p.start])  # the surname, after a title, of someone with that first name
                entries = [e for e in gaz.near(toks.text[p.end - 1], "person") if any(
                    first in plain_name(h.name + " " + " ".join(h.aliases)).split() for h in e.holders)]
            if entries:
                p = Piece(p.start, p.end, entries, "person", p.text, extra={"near": True})
        out.append(p)
    for i in toks.with_pos("PROPN", "ADJ"):
        text, ent = toks.text[i], toks.ent_type[i]
        if toks.pos[i] == "ADJ" and ent not in ("GPE", "NORP"):
            continue
        if taken[i] or not text[:1].isupper() or len(text) < 6:
            continue
        if ent in ("PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW") or _first_name(toks, i, taken):
            continue
        if gaz.lookup(text):  # a name the dictionary knows as written is no misspelling: where it is not
            continue  # taken, its match was vetoed (the "France" of "Agence France-Presse")
        entries = gaz.near(text, "state")
        if entries:
            out.append(Piece(i, i + 1, entries, "state", text, extra={"near": True}))
            taken[i] = True
    out.sort(key=lambda p: p.start)
    return out


def _family_names(toks: Tokens, pieces: list[Piece]) -> list[Piece]:
    """A one-word name of a place or bloc that is the family name of a person the document named in full
    before it is that person ("Kanye West ... West said" is no West; "Michael Jordan ... Jordan")."""
    people = sorted((p for p in pieces if p.kind in ("person", "unknown_person") and p.end - p.start > 1),
                    key=lambda p: p.start)
    if not people:
        return pieces
    out = []
    for p in pieces:
        if p.kind in _NAME_KINDS and p.end - p.start == 1 and any(
                q.start < p.start and toks.text[q.end - 1] == toks.text[p.start] for q in people):
            p = Piece(p.start, p.end, [], "unknown_person", p.text)
        out.append(p)
    return out


_ADMIN_WORDS = frozenset({"region", "province", "governorate", "district", "county", "state", "oblast",
                          "prefecture", "department", "division"})


@lru_cache(maxsize=1)
def _admin_countries() -> dict[str, frozenset[str]]:
    """The countries (ISO3) of each first-level division's lower-case name (`data/geo/admin1.tsv`)."""
    iso3 = {r["iso2"]: r["iso3"] for r in kb.load_geo_countries() if r.get("iso2")}
    out: dict[str, set[str]] = {}
    for r in kb.load_geo_admin1():
        country = iso3.get(r["code"].split(".")[0])
        if country:
            out.setdefault(r["name"].lower(), set()).add(country)
    return {name: frozenset(cs) for name, cs in out.items()}


def _admin_area(toks: Tokens, p: Piece) -> Piece:
    """A city's name before "Region", "Province", "Governorate" ... names that division: where the only division
    of that name lies in another country, the piece is that country's place ("Puntland's Bari Region", "the Bari
    region of Somalia" are no Bari in Italy; "Kirkuk Governorate" stays Iraqi)."""
    if p.kind != "state" or not p.entries or p.entries[0].form not in ("city", "capital") or p.end >= len(toks):
        return p
    if toks.lower[p.end] not in _ADMIN_WORDS:  # "Bari Region", "the Bari region"
        return p
    countries = _admin_countries().get(p.text.lower(), frozenset())
    if len(countries) != 1 or p.entries[0].country in countries:
        return p
    country = next(iter(countries))
    name = toks.span_text(p.start, p.end + 1)
    return Piece(p.start, p.end + 1, [Entry("state", country, country, None, name, "city")], "state", name)


def _first_name(toks: Tokens, i: int, taken: list[bool]) -> bool:
    """Whether word `i` is the first word of a longer name: the compound of the capitalised proper noun after
    it, which no piece holds ("Dominic Hare" is no misspelt Dominica; "Phillippines President ..." still is,
    the title being a piece)."""
    nxt = i + 1
    return (nxt < len(taken) and toks.dep[i] == "compound" and toks.head[i] >= nxt and toks.pos[nxt] == "PROPN"
            and toks.text[nxt][:1].isupper() and not taken[nxt])


_LONGER_NAMES = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG"})  # the NER names a known name can begin


def _other_person(toks: Tokens, p: Piece, held: set[int]) -> Piece | None:
    """A known surname with another first name is someone else: "Oskar Fischer" is not Heinz Fischer, nor is a
    known name NER reads as the first of a longer person's name ("Howard Rubel", "Jean-Pierre Thebault"); one
    that begins the name of a place or organisation is no one (None: "a ranch in Ponta Grossa"). The first
    name is a capitalised proper noun before it, held by no piece but a person's ("Kerry Lee"; a title is no
    first name: "Prime Minister Albanese"), that NER reads as the person's or, mislabelled, as part of an
    organisation the parse makes a compound of the surname ("Francesca Albanese" is not Anthony Albanese)."""
    if p.kind != "person":
        return p
    after = p.end  # a known name that is the first name of a longer one: "Howard Rubel" is not John Howard
    ent = toks.ent_of[p.start]
    if (ent is not None and ent.label in _LONGER_NAMES and ent.end > after
            and ent.start == p.start and after not in held and toks.pos[after] == "PROPN"
            and toks.text[after][:1].isupper() and toks.lower[after] not in _holder_names(p)):
        if ent.label != "PERSON":  # "a ranch in Ponta Grossa" (a place), "the Trump Organization": no one
            return None
        return Piece(p.start, ent.end, [], "unknown_person", toks.span_text(p.start, ent.end))
    if p.start == 0:
        return p
    prev = p.start - 1
    if not (toks.pos[prev] == "PROPN" and toks.text[prev][:1].isupper() and prev not in held and (
            toks.ent_type[prev] == "PERSON" or (toks.ent_type[prev] == "ORG" and toks.dep[prev] == "compound"
                                                 and p.start <= toks.head[prev] < p.end))):
        return p
    if toks.lower[prev] in _holder_names(p):
        return p
    start = prev
    while start > 0 and start - 1 not in held and toks.pos[start - 1] == "PROPN" and (
            toks.ent_type[start - 1] == toks.ent_type[prev]):
        start -= 1
    return Piece(start, p.end, [], "unknown_person", toks.span_text(start, p.end))


def _holder_names(p: Piece) -> set[str]:
    """The words of the names and aliases of the office holders a person piece may be (lower case)."""
    return {w.lower() for e in p.entries for h in e.holders for w in (h.name + " " + " ".join(h.aliases)).split()}


_THING_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_NAME_KINDS = frozenset({"state", "region", "bloc"})  # the kinds of names a person's family name can look like


def _no_person(toks: Tokens, p: Piece) -> bool:
    """Whether a person name the dictionary matched is no person here: a name inside a hyphenated word
    ("Shan-e-Mustafa"), the first words of the name of a thing ("Fox News"), or a one-word name after "the"
    that modifies no noun ("in the Hague"; not "the Obama administration", where the name is the noun's
    compound)."""
    if p.start == 0:
        return False
    if toks.text[p.start - 1] in ("-", "–") and toks.end_idx[p.start - 1] == toks.idx[p.start]:
        return True
    ent = toks.ent_of[p.start]
    if (ent is not None and ent.label in _THING_LABELS and ent.end > p.end and toks.pos[p.end] == "PROPN"
            and toks.text[p.end][:1].isupper()):
        return True  # "Fox News", "the Mandela Foundation": a name that begins the name of a thing
    return (p.end - p.start == 1 and toks.lower[p.start - 1] == "the"
            and toks.dep[p.start] not in ("compound", "amod", "poss", "nmod"))


def _date_group(toks: Tokens, p: Piece) -> bool:
    """A group named after a date, used as a time ("closed all schools as of November 17"): NER reads it as a
    date, and its head is the object of a preposition or a time modifier."""
    return (p.kind == "group" and all(t == "DATE" for t in toks.ent_type[p.start:p.end])
            and any(toks.dep[i] in ("pobj", "npadvmod", "tmod") and not p.start <= toks.head[i] < p.end
                    for i in range(p.start, p.end)))


# The words that make a name before a hyphen a manner or a make ("Soviet-style", "Iranian-made"), not an actor.
_MANNER_WORDS = frozenset({"style", "styled", "like", "type", "esque", "era", "inspired", "made", "built",
                           "manufactured", "designed", "produced", "engineered"})


def _manner(toks: Tokens, p: Piece) -> bool:
    """ "a Soviet-style show trial", "Iranian-made drones": a name joined by a hyphen to a word of manner or
    make says how a thing is or who made it; "pro-Russian separatists", "a pro-Palestinian march": one joined
    after "pro-" says whom they side with. Neither names an actor of the sentence."""
    e, s = p.end, p.start
    hyphens = ("-", "–")
    return (e + 1 < len(toks) and toks.text[e] in hyphens and toks.end_idx[e - 1] == toks.idx[e]
            and toks.lower[e + 1] in _MANNER_WORDS) or (
        s >= 2 and toks.text[s - 1] in hyphens and toks.lower[s - 2] == "pro"
        and toks.end_idx[s - 2] == toks.idx[s - 1] and toks.end_idx[s - 1] == toks.idx[s])


def _vetoed(toks: Tokens, p: Piece, pieces: list[Piece], ent_of: list[Entity | None]) -> bool:
    """A place or organization name inside a longer NER name of another thing is not an actor here."""
    doc = toks.doc
    if p.kind == "person":
        return _no_person(toks, p)
    if p.kind == "role":
        return False
    ent_type = toks.ent_type[p.start]
    if not ent_type:
        return False
    if ent_type == "DATE" and _date_group(toks, p):
        return True
    ent = ent_of[p.start]
    if ent is not None and ent.label in ("GPE", "LOC", "FAC") and ent.start < p.start and not any(
            q.start < p.start and q.end > ent.start for q in pieces if q is not p):
        left = [t for t in doc[ent.start : p.start] if t.lower_ not in _PLACE_PREFIXES]  # "Río San Juan"
        return bool(left) and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in left)
    if (ent is not None and ent.label in ("GPE", "LOC") and p.kind == "region" and ent.start == p.start
            and ent.end > p.end and doc[p.end].text[:1].isupper()):
        return True  # "West Darfur", "East Jerusalem": a compass word starting a place name is no bloc
    if ent_type not in _VETO_LABELS:
        return False
    if ent is None:
        return False
    ent_end = ent.end
    while ent_end > ent.start and doc[ent_end - 1].text in ("'s", "’s", "'", "’"):
        ent_end -= 1  # NER's "Sri Lanka's" is no longer than "Sri Lanka"
    if (ent_end - ent.start) <= (p.end - p.start):
        return False
    others = [q for q in pieces if q is not p and q.start < ent.end and q.end > ent.start]
    if others:
        return False
    form = p.entries[0].form if p.entries else ""
    if p.kind in ("igo", "institution", "group"):
        return False  # "the United Nations Emergency Relief Coordinator" is a part of the UN
    if ent.label == "PERSON":  # "Michael Jordan", "Jordan Peterson"; not "Russian" before a name
        return form != "adjective"
    # "The Washington Post", "The Times of India": other capitalised words of the name are no role.
    rest = [t for t in doc[ent.start : ent.end] if not (p.start <= t.i < p.end)
            and t.lower_ not in ("the", "of", "'s", "’s", "and", "for", "-")]
    if form == "adjective" and all(t.is_sent_start and t.i == ent.start for t in rest):
        return False  # "Radical French farmers ...": only the first word of the sentence is capitalised
    return not _country_first(toks, p, ent, form) and any(t.text[:1].isupper() for t in rest)


def _country_first(toks: Tokens, p: Piece, ent: Entity, form: str) -> bool:
    """Whether an organisation's name begins with its country's name or adjective (after "the"): the country's
    own ("Philippine National Bureau of Investigation agents"; not "Agence France-Presse", nor a capital in a
    title, "The Washington Post")."""
    return ent.label == "ORG" and p.kind == "state" and form in ("name", "adjective") and all(
        toks.lower[i] == "the" for i in range(ent.start, p.start))
