"""Attacks whose doer is a device, not an actor: "a roadside bombing near Samarra killed a U.S. soldier",
"three servicemen were killed by an improvised explosive device outside Basra".

News often names only the bomb. CAMEO codes such an act as a bombing (183: suicide 1831, vehicle 1832,
roadside 1833) by an unidentified armed actor of the place where it happened (sector UAF), so the dyad
keeps its victim and its place instead of being lost for want of a named perpetrator.
"""

from __future__ import annotations

from typing import Any

from ..model import ActorMention
from ..tokens import Tokens
from .roles import actor_of_place
from .triggers import subtree

__all__ = ["bomb_at", "bombing_code_at", "unidentified_attacker_at"]

_BOMBS = {"bomb", "bombing", "bomber", "explosion", "blast", "device", "ied", "mine", "landmine", "minefield",
          "car-bomb", "explosive", "explosives"}
_PLACE_PREPS = {"in", "near", "outside", "at", "on", "inside", "close"}


def bomb_at(toks: Tokens, verb: int) -> int | None:
    """The bomb-like noun that did the act of word `verb`: subject ("a blast killed"), passive agent ("killed
    by a device") or the event it happened in ("killed in a car bomb explosion"); its word index."""
    dep, lower, kids = toks.dep, toks.lower, toks.children
    for c in kids[verb]:
        cands: list[int] = []
        if dep[c] == "nsubj":
            cands = [c]
        elif dep[c] == "agent" or (dep[c] == "prep" and lower[c] in ("in", "by")):
            cands = [g for g in kids[c] if dep[g] == "pobj"]
        for n in cands:
            if toks.lemma[n].lower() in _BOMBS or any(
                    dep[g] == "compound" and toks.lemma[g].lower() in _BOMBS for g in kids[n]):
                return n
    return None


def bombing_code_at(toks: Tokens, bomb: int) -> str:
    """The CAMEO bombing code of the bomb at word `bomb`, by the words of its phrase."""
    words = {toks.lower[w] for w in subtree(toks, bomb)} | {toks.lower[bomb]}
    if "suicide" in words:
        return "1831"
    if words & {"car", "truck", "vehicle", "car-bomb"}:
        return "1832"
    if words & {"roadside", "improvised", "ied", "landmine", "mine", "minefield"}:
        return "1833"
    return "183"


def unidentified_attacker_at(finder: Any, bomb: int, verb: int) -> list[ActorMention]:
    """An unidentified armed actor of the place named near the bomb or the act (words `bomb`, `verb`; none if
    no place). `finder`: the document's `RoleFinder`."""
    toks: Tokens = finder.toks
    dep, kids = toks.dep, toks.children
    for head in (bomb, verb):
        for c in kids[head]:
            if dep[c] == "prep" and toks.lower[c] in _PLACE_PREPS:
                objs = [g for g in kids[c] if dep[g] == "pobj"]  # "outside of the city of Basra"
                objs += [x for g in kids[c] if dep[g] == "prep" for x in kids[g] if dep[x] == "pobj"]
                for g in objs:
                    places = [m for m in finder.actors_at(g) if m.form in ("name", "capital", "city", "adjective")
                              and m.kind == "state"]
                    if places:
                        return [actor_of_place(places[0], "UAF")]
    return []
