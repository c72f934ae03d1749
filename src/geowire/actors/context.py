"""Domestic context: a role or titled person no rule could place takes the one country around it.

"Judge Alejandro Rivera opened investigations against 28 Chilean officials", "the party will boycott
Algeria's elections": news names the country once and leaves its own courts, parties, rebels and office
holders unqualified. After dictionaries, patterns and coreference have run, a mention that still has a
sector but no country takes the country of its sentence when that sentence names exactly one country, else
the country of its document when the document names exactly one. Roles that are foreign by nature
(ambassadors, envoys, peacekeepers) and sentences whose only country is a destination ("the president
arrived in Paris") are left alone: there the country around a mention is not its own.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

__all__ = ["settle_by_context"]

_PLACED_KINDS = ("state", "role", "person", "group", "institution")
# Roles that usually serve abroad: the country named around them is where they are, not whose they are.
_FOREIGN_ROLES = {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "embassy",
                  "embassies", "consulate", "consulates", "peacekeepers", "peacekeeping force",
                  "peacekeeping forces", "secretary-general", "secretary general", "commissioner", "mercenaries",
                  "mercenary", "world leaders", "leaders", "monitors", "observers", "inspectors"}
_TRAVEL = {"visit", "arrive", "travel", "fly", "tour", "land", "go", "come", "return", "head", "reach", "leave",
           "depart", "flee", "welcome", "host", "receive"}


def _country_of(m: dict[str, Any]) -> str | None:
    c = m.get("country")
    if not c or c == "IGO" or len(c) != 3 or m.get("kind") not in _PLACED_KINDS:
        return None
    return c


def _destination(doc: Doc, m: dict[str, Any]) -> bool:
    """Whether a place mention is where someone travels or is received ("arrived in Paris", "visit Iraq")."""
    tok = doc[m["head"]]
    if tok.dep_ == "pobj":
        tok = tok.head
    return tok.dep_ in ("dobj", "prep", "npadvmod") and tok.head.lemma_ in _TRAVEL


def _acted_upon(doc: Doc, m: dict[str, Any]) -> bool:
    """Whether a bare state name is what an act is aimed at ("sanctions against Nigeria", "accused the United
    States"): someone acting on a whole state is as likely foreign as its own."""
    if m.get("kind") != "state" or m.get("sector"):
        return False
    tok = doc[m["head"]]
    if tok.dep_ in ("dobj", "dative"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("against", "on", "to", "toward", "towards", "with", "into")


def _placeable(doc: Doc, m: dict[str, Any]) -> bool:
    if m.get("country") or not m.get("sector") or m.get("pronoun") or m.get("group") or m.get("anaphor"):
        return False
    if m.get("kind") not in ("person", "role"):
        return False
    roles = {r.lower() for r in m.get("roles") or []} | {doc[m["head"]].lower_}
    return not roles & _FOREIGN_ROLES


def settle_by_context(doc: Doc, mentions: list[dict[str, Any]]) -> int:
    """Give, in place, each placeable mention with no country the single country of its sentence or
    document (`how` "context"); returns how many were placed."""
    todo = [m for m in mentions if _placeable(doc, m)]
    placed = 0
    if not todo:
        return 0
    by_sent: dict[int, set[str]] = {}
    aimed_at: dict[int, set[str]] = {}
    travel_sents: set[int] = set()
    for m in mentions:
        c = _country_of(m)
        if c is None:
            continue
        (aimed_at if _acted_upon(doc, m) else by_sent).setdefault(m["sent"], set()).add(c)
        if _destination(doc, m):
            travel_sents.add(m["sent"])
    in_doc = set().union(*by_sent.values(), *aimed_at.values())
    for m in todo:
        here = by_sent.get(m["sent"], set())
        other = aimed_at.get(m["sent"], set())
        if m["sent"] in travel_sents or other - here:
            continue
        pool = here if here else in_doc
        if len(pool) != 1:
            continue
        country = next(iter(pool))
        m["country"] = country
        m["code"] = country + (m.get("sector") or "")
        m["how"] = "context"
        m["title_only"] = False
        placed += 1
    return placed
