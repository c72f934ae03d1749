"""Merge actor pieces into mentions and resolve each to a country, sector and CAMEO actor code.

"Russian President Vladimir Putin", "India's foreign minister", "the foreign minister of India" and
"Foreign Department's spokesperson Matthew Miller" are each one mention: adjacent pieces join when the
words between them are only a possessive, "of" or "the". People are resolved with the document date
against the dated office-holder dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import knowledge as kb
from ..model import ActorMention
from ..tokens import Tokens
from .gazetteer import Entry
from .recognize import Piece

__all__ = ["build_mentions", "pick_holder"]

_POSSESSIVE = {"'s", "’s", "'"}
# Words between a possessive and a role that keep it one office ("Iraq's interim government").
_OFFICE_ADJECTIVES = {"interim", "new", "former", "acting", "outgoing", "incoming", "caretaker", "transitional",
                      "current", "elected", "embattled", "military", "civilian", "exiled", "top", "senior", "deputy",
                      "newly", "ruling", "provisional", "federal", "national", "then"}
_STATE_KINDS = {"state", "region", "igo", "group", "institution"}
# Roles that speak or work for whom they are "for": "a spokesman for Hamas", "an adviser for the ministry".
_SPEAKING_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople",
                           "adviser", "advisor", "aide", "negotiator", "lawyer", "attorney"})


def pick_holder(holders: tuple[kb.OfficeHolder, ...] | list[kb.OfficeHolder], date: str | None,
                country: str | None = None) -> kb.OfficeHolder | None:
    """The holder a name most likely means on `date` (and in `country`, when the context names one)."""
    pool = [h for h in holders if not country or h.country == country] or list(holders)
    if not pool:
        return None
    current = [h for h in pool if h.holds_on(date)]
    if current:
        pool = current
        if len({h.name for h in pool}) == 1 and len({h.country for h in pool}) > 1:
            # one person holding several countries' offices at once (Elizabeth II reigned over fifteen realms):
            # the country listed first in the data
            pool = [h for h in pool if h.country == pool[0].country]
    elif date:
        before = [h for h in pool if h.start <= date[:10]]
        pool = before or pool
    return max(pool, key=lambda h: (h.start, h.office == "head_of_state"))


@lru_cache(maxsize=1)
def _holders_by_office() -> dict[str, tuple[kb.OfficeHolder, ...]]:
    """Office holders grouped by office, so naming "the Russian president" scans one office only."""
    out: dict[str, list[kb.OfficeHolder]] = {}
    for h in kb.load_office_holders():
        out.setdefault(h.office, []).append(h)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1024)
def _holding_office(office: str, date: str) -> tuple[kb.OfficeHolder, ...]:
    """The holders of `office` on `date` (a document's date names the same few offices many times over)."""
    return tuple(h for h in _holders_by_office().get(office, ()) if h.holds_on(date))


def _joinable(toks: Tokens, left: list[Piece], right: Piece) -> bool:
    last = left[-1]
    gap = toks.text[last.end : right.start]
    if right.kind in ("anaphor",) or last.kind == "anaphor":
        return False
    if not gap:
        kinds = {p.kind for p in left}
        if (right.kind == "group" and last.kind == "state" and last.entries and last.entries[0].form == "adjective"
                and right.entries and right.entries[0].sector == "CVL"):
            return True  # "Turkish Kurds", "Congolese Tutsis": a people of the state named first
        if right.kind in _STATE_KINDS and kinds & _STATE_KINDS and right.kind != "institution":
            return False
        if right.kind in ("person", "unknown_person") and kinds & {"person", "unknown_person"}:
            return False
        return True
    lowered = [g.lower() for g in gap] if len(gap) <= 2 else []  # only a short gap is compared word by word
    if lowered == ["-", "led"] and right.kind == "role" and last.kind == "state":
        return True  # "Vietnamese-led forces", "the Saudi-led coalition": the leader's forces
    if len(gap) == 1 and gap[0] in _POSSESSIVE:
        return right.kind in ("role", "person", "unknown_person", "institution")
    between = range(last.end + 1, right.start)
    if gap[0] in _POSSESSIVE and right.kind == "role" and (
            all(toks.lower[i] in _OFFICE_ADJECTIVES for i in between) or (len(between) <= 2 and all(
                toks.text[i][:1].isupper() and toks.pos[i] in ("PROPN", "ADJ") for i in between))):
        return True  # "Iraq's interim government", "Russia's new foreign minister", "Nicaragua's Sandinista government"
    if lowered in (["of"], ["of", "the"]):  # "the foreign minister of India", "King Hassan of Morocco"
        if last.kind == "person" or (last.kind == "unknown_person" and len(left) > 1 and left[-2].kind == "role"):
            return right.kind == "state"
        return last.kind in ("role", "institution") and right.kind in _STATE_KINDS
    if lowered in (["for"], ["for", "the"]) and last.kind == "role" and right.kind in _STATE_KINDS:
        return toks.lemma_lower[last.end - 1] in _SPEAKING_FOR  # "a spokesman for the Iraqi army", not "the
        # UN envoy for Syria"
    if gap == [","] and right.kind in ("person", "unknown_person") and last.kind == "role":
        return False
    return False


def _weak_role(toks: Tokens, p: Piece) -> bool:
    """A role word used as a modifier ("press briefing", "public remarks") rather than as an actor."""
    if p.kind != "role":
        return False
    last = p.end - 1
    if toks.pos[last] == "ADJ":
        return True
    return toks.dep[last] in ("compound", "amod") and not (p.start <= toks.head[last] < p.end)


def _chunks(toks: Tokens, pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces grouped into one chunk per mention: adjacent pieces of a sentence that join."""
    sent_of = toks.sent_start
    out: list[list[Piece]] = []
    for p in pieces:
        if out and sent_of[out[-1][-1].start] == sent_of[p.start] and _joinable(toks, out[-1], p):
            out[-1].append(p)
        else:
            out.append([p])
    cleaned = []
    for chunk in out:
        first = chunk[0].entries[0] if chunk[0].entries else None
        if len(chunk) == 1 and first is not None and first.kind == "region" and first.form == "adjective":
            continue  # "Western-made", "European markets": a bloc adjective alone is no actor
        while chunk and _weak_role(toks, chunk[-1]) and not (
                chunk[-1].end < len(toks) and chunk[0].start <= toks.head[chunk[-1].end - 1] < chunk[-1].end):
            chunk = chunk[:-1]
        if chunk:
            cleaned.append(chunk)
    return cleaned


def _head(toks: Tokens, start: int, end: int) -> int:
    """The last word of `start:end` whose head lies outside it (or that is a root), else the last word."""
    head = toks.head
    for i in range(end - 1, start - 1, -1):
        if not start <= head[i] < end or head[i] == i:
            return i
    return end - 1


_GOVERNING = {"government", "governments", "administration", "cabinet", "regime", "authorities", "ministry",
              "executive", "coalition government"}


@dataclass(slots=True)
class _Reading:
    """What the pieces of a chunk say of the actor, filled in step by step."""

    country: str | None = None
    igo_code: str | None = None
    name: str | None = None
    sectors: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    unplaced: str | None = None  # the country of a role that names none ("a human rights group": NGO)
    how: str = "dictionary"
    office: str | None = None


def _read_entries(chunk: list[Piece]) -> _Reading:
    """The country, body, name, sectors and roles the dictionary entries of a chunk name."""
    r = _Reading()
    for p in chunk:
        e: Entry | None = p.entries[0] if p.entries else None
        if e is None:
            continue
        if e.kind == "state" and r.country is None:
            r.country = e.country
            r.name = r.name or e.name
        elif e.kind in ("igo", "region") and r.country is None:
            r.country, r.igo_code = e.country, e.code
            r.name = r.name or e.name
            if e.sector:
                r.sectors.append(e.sector)
        elif e.kind == "group":
            r.country = r.country or e.country
            r.igo_code, r.name = e.code, e.name
            r.sectors.append(e.sector or "REB")
        elif e.kind == "institution":
            r.country = r.country or e.country
            r.name = r.name or e.name
            if e.sector:
                r.sectors.append(e.sector)
        elif e.kind == "role":
            r.roles.append(e.name)
            if e.sector:
                r.sectors.append(e.sector)
            r.unplaced = r.unplaced or e.country  # "a human rights group": NGO unless a country is named
    return r


def _read_person(r: _Reading, chunk: list[Piece], person: Piece, date: str | None) -> None:
    """A person: the office holder the name means on the date (in the country named, if any), else the name
    as written (a leader's family name with another first name places no one: "Andrew Johnson" is no
    British Johnson; context may place the person)."""
    holder = None
    for p in chunk:
        if p.kind == "person":
            holders = tuple(h for e in p.entries for h in e.holders)
            holder = pick_holder(holders, date, r.country)
            if holder is not None and r.country and holder.country != r.country:
                holder = None  # "German minister Fischer" is not an Austrian Fischer
    if holder is not None:
        r.name = holder.name
        r.office = holder.office
        r.country = r.country or holder.country
        r.sectors.append(holder.sector)
        r.how = "dictionary+date" if date else "dictionary"
        if holder.country == "IGO":
            r.igo_code = r.igo_code or "IGO"
        return
    r.name = person.text
    r.how = "pattern"


def _read_office(r: _Reading, date: str | None, offices: dict[str, str]) -> None:
    """A role of a named country ("the Russian president"): the holder of that office on the date."""
    r.how = "pattern"
    office = offices.get(r.roles[-1])
    if office == "secretary_general" and r.igo_code:
        igo_offices = dict(kb.load_lexicon().get("igo_title_offices") or {})
        igo = r.igo_code
        office = next((o for prefix, o in igo_offices.items() if igo.startswith(prefix)), None)
        r.country = "IGO" if office else r.country
    if office and r.country and date:
        holder = pick_holder(_holding_office(office, date), date, r.country)
        if holder is not None and holder.country == r.country:
            r.name = holder.name
            r.office = holder.office


def _sector_and_code(r: _Reading, chunk: list[Piece]) -> tuple[str | None, str | None]:
    sectors = r.sectors
    if r.roles and r.roles[-1] in _GOVERNING and any(p.kind == "group" for p in chunk):
        # "the BJP government", "the Catalan government": the government a party or community forms
        sectors = [s for s in sectors if s not in ("PTY", "CVL", "OPP")]
    non_gov = [s for s in sectors if s and s != "GOV"]
    sector = non_gov[-1] if non_gov else ("GOV" if sectors else None)
    code: str | None
    if r.country == "IGO" or (r.igo_code and r.country in (None, "IGO")):
        code = r.igo_code or "IGO" + (sector or "")  # "a regional peacekeeping force": some IGO's troops
    elif r.country:
        code = r.country + (sector or "")
    else:
        code = None
    return sector, code


@dataclass(frozen=True, slots=True)
class _Resolved:
    """What a chunk's pieces say of its actor, whatever words they are: the part of a mention that its
    entries, texts and the date decide (`_read_chunk`), kept per chunk signature (`_signature`)."""

    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    how: str
    kind: str
    roles: tuple[str, ...]
    title_only: bool
    form: str | None
    office: str | None


_PERSON_KINDS = ("person", "unknown_person")
_RESOLVED_MAX = 50_000  # chunk signatures `_resolve_chunk` remembers at most (then it starts over)
_RESOLVED: dict[tuple[object, ...], _Resolved] = {}


def _signature(chunk: list[Piece], date: str | None) -> tuple[object, ...]:
    """All that `_read_chunk` reads of a chunk, by value: each piece's kind, its first entry (all of them for
    a person: their office holders), its text for a person and its hints; and the date."""
    return (date, *[(p.kind, tuple(p.entries) if p.kind == "person" else (p.entries[0] if p.entries else None),
                     p.text if p.kind in _PERSON_KINDS else "", tuple(p.extra.items()) if p.extra else ())
                    for p in chunk])


def _read_chunk(chunk: list[Piece], date: str | None) -> _Resolved:
    """The entries' reading of a chunk, then a person or an office holder (of the lexicon's title offices);
    its sector, code and form."""
    r = _read_entries(chunk)
    kind = chunk[-1].kind
    person = None
    for p in chunk:
        if p.kind in _PERSON_KINDS:
            person = p
            break
    if r.country is None and r.unplaced and person is None:
        r.country = r.unplaced
    if person is not None:
        kind = "person"
        _read_person(r, chunk, person, date)
    elif r.roles and r.country:
        _read_office(r, date, _title_offices())
    sector, code = _sector_and_code(r, chunk)
    first = chunk[0].entries[0] if chunk[0].entries else None
    form = first.form if (len(chunk) == 1 and first is not None and first.kind == "state") else chunk[0].kind
    how = r.how
    if how.startswith("dictionary") and any(p.extra.get("near") for p in chunk):
        how = how.replace("dictionary", "near match")  # a misspelt name, read as the closest known one
    return _Resolved(r.name, code, r.country, sector, how, kind if kind != "unknown_person" else "person",
                     tuple(r.roles), bool(r.roles) and not r.country and person is None, form, r.office)


def _resolve_chunk(toks: Tokens, chunk: list[Piece], date: str | None) -> ActorMention:
    """One mention from a chunk of pieces: its reading (`_read_chunk`, kept per signature: a document names
    the same actors many times over), with its words' text, character offsets and sentence."""
    key = _signature(chunk, date)
    got = _RESOLVED.get(key)
    if got is None:
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        got = _RESOLVED[key] = _read_chunk(chunk, date)
    start, end = chunk[0].start, chunk[-1].end
    if start > 0 and toks.lower[start - 1] == "the":
        start -= 1
    head = _head(toks, chunk[0].start, end)
    first, last = toks.idx[start], toks.end_idx[end - 1]
    return ActorMention(
        tok_start=start, tok_end=end, head=head,
        name=got.name, code=got.code, country=got.country, sector=got.sector, how=got.how,
        kind=got.kind, roles=list(got.roles), title_only=got.title_only,
        anaphor=chunk[0].kind == "anaphor", form=got.form, office=got.office,
        text=toks.full_text[first:last], start=first, end=last, sent=toks.sent_start[head],
    )


@lru_cache(maxsize=1)
def _title_offices() -> dict[str, str]:
    """Role word -> the office it names (lexicon `title_offices`), read once."""
    return dict(kb.load_lexicon().get("title_offices") or {})


def build_mentions(toks: Tokens, pieces: list[Piece], date: str | None) -> list[ActorMention]:
    """One mention per chunk of pieces, in document order; unresolved ones have country None."""
    return [_resolve_chunk(toks, chunk, date) for chunk in _chunks(toks, pieces)]
