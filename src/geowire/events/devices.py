"""Attacks whose doer is a device, not an actor: "a roadside bombing near Samarra killed a U.S. soldier",
"three servicemen were killed by an improvised explosive device outside Basra".

News often names only the bomb. CAMEO codes such an act as a bombing (183: suicide 1831, vehicle 1832,
roadside 1833) by an unidentified armed actor of the place where it happened (sector UAF), so the dyad
keeps its victim and its place instead of being lost for want of a named perpetrator.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from ..model import ActorMention
from .roles import actor_of_place

__all__ = ["bomb_of", "bombing_code", "unidentified_attacker"]

_BOMBS = {"bomb", "bombing", "bomber", "explosion", "blast", "device", "ied", "mine", "landmine", "minefield",
          "car-bomb", "explosive", "explosives"}
_PLACE_PREPS = {"in", "near", "outside", "at", "on", "inside", "close"}


def bomb_of(verb: Token) -> Token | None:
    """The bomb-like noun that did the act: subject ("a blast killed"), passive agent ("killed by a
    device") or the event it happened in ("killed in a car bomb explosion")."""
    for c in verb.children:
        cands: list[Token] = []
        if c.dep_ == "nsubj":
            cands = [c]
        elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "by")):
            cands = [g for g in c.children if g.dep_ == "pobj"]
        for n in cands:
            if n.lemma_.lower() in _BOMBS or any(
                    g.dep_ == "compound" and g.lemma_.lower() in _BOMBS for g in n.children):
                return n
    return None


def bombing_code(bomb: Token) -> str:
    words = {t.lower_ for t in bomb.subtree} | {bomb.lower_}
    if "suicide" in words:
        return "1831"
    if words & {"car", "truck", "vehicle", "car-bomb"}:
        return "1832"
    if words & {"roadside", "improvised", "ied", "landmine", "mine", "minefield"}:
        return "1833"
    return "183"


def unidentified_attacker(finder: Any, bomb: Token, verb: Token) -> list[ActorMention]:
    """An unidentified armed actor of the place named near the bomb or the act (none if no place)."""
    for head in (bomb, verb):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                objs = [g for g in c.children if g.dep_ == "pobj"]  # "outside of the city of Basra"
                objs += [x for g in c.children if g.dep_ == "prep" for x in g.children if x.dep_ == "pobj"]
                for g in objs:
                    places = [m for m in finder.actors_in(g) if m.form in ("name", "capital", "city", "adjective")
                              and m.kind == "state"]
                    if places:
                        return [actor_of_place(places[0], "UAF")]
    return []
