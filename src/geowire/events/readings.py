"""Choosing among the learned event model's readings (`events/learned.py`): which records are one event, which
stands where two say the same, and which of the model's own proposals another reading shadows."""

from __future__ import annotations

from typing import Any

from .codebook import VIOLENT_ROOTS, root_of

__all__ = ["Roles", "act_key", "against_pattern", "coded_roles", "drop_reversed", "drop_shadowed", "identity",
           "standing", "MUTUAL_ROOTS"]

# The roots of acts that two parties do to each other on one word ("A and B met", "signed an accord",
# "agreed to cooperate", "held joint exercises"): coded once per direction. Any other act on one word is done
# by one side to the other ("A shelled B", "accused", "expelled", "sent aid to").
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
Roles = tuple[set[tuple[int, Any, Any]], set[tuple[int, Any, Any]], set[int]]  # `coded_roles`


def _side(actor: dict[str, Any] | None) -> str | None:
    return (actor or {}).get("country") or (actor or {}).get("code")


def drop_shadowed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without the model's own proposals that another reading of an act the pattern coder coded on the same
    word shadows: the reverse ("Russia shelled Ukraine": the pattern's RUS -> UKR stands, the model's UKR ->
    RUS goes; a reciprocal act is coded both ways by the patterns themselves), or the same source with no
    target ("Russia expelled 20 Czech diplomats": RUS -> CZE 161 stands, a targetless RUS 170 goes)."""
    coded = {(e["trigger"]["start"], _side(e["source"]), _side(e["target"]))
             for e in events if e["explain"].get("backed")}
    sources = {(start, src) for start, src, tgt in coded if tgt is not None}

    def shadowed(e: dict[str, Any]) -> bool:
        start, src, tgt = e["trigger"]["start"], _side(e["source"]), _side(e["target"])
        return (start, tgt, src) in coded or (tgt is None and (start, src) in sources)

    return [e for e in events if e["explain"].get("backed") or not shadowed(e)]


def coded_roles(rules: list[dict[str, Any]]) -> Roles:
    """Of the pattern coder's events (asserted or not): (trigger offset, source country, target country) of
    each, (sentence, source country, target country) of each, and the offsets of the words that name a war
    whose sides are known (`events/wars.py`)."""
    pairs = [(r, _side(r["source"]), _side(r["target"])) for r in rules]
    return ({(r["trigger"]["start"], s, t) for r, s, t in pairs}, {(r["sentence_index"], s, t) for r, s, t in pairs},
            {r["trigger"]["start"] for r in rules if r.get("target_from") == "war name"})


def against_pattern(coded: Roles, start: int, sentence: int, source: str | None, target: str | None) -> bool:
    """Whether a proposal of the model (source -> target on the word at offset `start` of `sentence`) reads a
    word the other way round from the pattern coder, which coded target -> source on it and source -> target
    nowhere in the sentence ("the Australian prime minister will visit Beijing": no China -> Australia visit,
    whether or not the pattern's own reading is kept), or reads the name of a war whose sides are known. The
    pattern knows who does what its word names; a reciprocal act's pattern codes both ways."""
    on_word, in_sentence, wars = coded
    if start in wars:  # "the Gaza war": its sides are known, no other pair fights it
        return True
    return target is not None and (start, target, source) in on_word and (sentence, source, target) not in in_sentence


def drop_reversed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without the weaker of two readings of one word that have the same root (any act of force counting as one,
    `_family`) and the same two countries the other way round, where the root is no mutual act (MUTUAL_ROOTS):
    "Pakistani attacks killed nine Afghans" is
    Pakistan -> Afghanistan, not also Afghanistan -> Pakistan. The one that stands (`standing`) stays; both stay
    where they stand equal."""
    rank = {(e["trigger"]["start"], _side(e["source"]), _side(e["target"]), _family(e)): standing(e) for e in events}

    def weaker(e: dict[str, Any]) -> bool:
        start, src, tgt, root = e["trigger"]["start"], _side(e["source"]), _side(e["target"]), _family(e)
        other = rank.get((start, tgt, src, root))
        return tgt is not None and src != tgt and root not in MUTUAL_ROOTS and other is not None and other > standing(e)

    return [e for e in events if e["explain"].get("backed") or not weaker(e)]


def _family(e: dict[str, Any]) -> str:
    """An event's root, the acts of force (assault, fight, mass violence) as one: on one word, "a tourist was
    killed in an attack by a Moroccan man" is the man's assault, so no fighting by the tourist's side."""
    root = root_of(str(e["cameo"]))
    return "force" if root in VIOLENT_ROOTS else root


def standing(e: dict[str, Any]) -> tuple[bool, float]:
    """How an event record stands against another of the same act (`act_key`): pattern-backed first, then the
    surer."""
    return bool(e["explain"].get("backed")), e["confidence"]


def identity(e: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two event records one event (the parts of `pipeline`'s event id)."""
    return (e["sentence_index"], e["trigger"]["start"], (e["source"] or {}).get("code"),
            (e["target"] or {}).get("code"), e["cameo"])


def act_key(e: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two event records one act as a reader counts acts: the same sentence and word, the same
    countries on each side and the same root, whatever actor codes the mentions had ("the Chinese Foreign
    Ministry" and the dateline's Chinese news agency on one "protest" are one protest by China)."""
    return (e["sentence_index"], e["trigger"]["start"], _side(e["source"]), _side(e["target"]),
            root_of(str(e["cameo"])))
